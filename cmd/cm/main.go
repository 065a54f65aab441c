// Command cm runs a brand's content as code: it checks articles, social
// posts and campaigns written in Markdown, and scaffolds new ones.
package main

import (
	"os"
	"time"
	_ "time/tzdata" // a bare machine still knows Europe/Paris

	"github.com/cmhq/cm/pipeline/iostreams"
)

func main() {
	f := &Factory{IO: iostreams.System(), Now: time.Now, Version: buildVersion()}
	os.Exit(Execute(f, os.Args[1:]))
}
