// Command cm runs a brand's content as code: it checks articles, social
// posts and campaigns written in Markdown, and scaffolds new ones.
package main

import (
	"os"
	"runtime/debug"
	"time"
	_ "time/tzdata" // a bare machine still knows Europe/Paris

	"github.com/cmhq/cm/pipeline/iostreams"
)

// defaultMemoryLimit is the soft heap limit of cm (see runtime/debug).
const defaultMemoryLimit = 256 << 20

func main() {
	// A soft memory limit makes the garbage collector work harder, rather
	// than let the heap double, when a large repo approaches it: peak memory
	// stays near what is live. GOMEMLIMIT, when set, wins.
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	f := &Factory{IO: iostreams.System(), Now: time.Now, Version: buildVersion()}
	os.Exit(Execute(f, os.Args[1:]))
}
