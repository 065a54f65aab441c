// Command gen writes cm's JSON Schemas into a folder (go generate).
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/cmhq/cm/pipeline/jsonschema"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen DIR")
		os.Exit(2)
	}
	dir := os.Args[1]
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	for name, s := range jsonschema.Files() {
		b, err := jsonschema.Marshal(s)
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, name), b, 0o644)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
}
