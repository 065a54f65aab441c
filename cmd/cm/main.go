// Command cm runs a brand's content as code: it checks, builds, schedules
// and publishes articles, social posts and campaigns written in Markdown.
package main

import (
	"os"
	"runtime/debug"
	"time"
	_ "time/tzdata" // a bare machine still knows Europe/Paris

	"github.com/cmhq/cm/pipeline/iostreams"
)

// The garbage collector's defaults for cm (see runtime/debug), measured on
// the generated corpus of 10,000 articles and 10,000 posts.
const (
	defaultGCPercent   = 50
	defaultMemoryLimit = 400 << 20
)

func main() {
	// cm holds every file of the repo while it checks or builds: a lower GC
	// target keeps the peak near what is live (a 20,000-file repo loads in
	// under 300 MB), and a soft limit bounds it without starving the rules
	// of headroom. GOGC and GOMEMLIMIT, when set, win.
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(defaultGCPercent)
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	f := &Factory{IO: iostreams.System(), Now: time.Now, Version: buildVersion()}
	os.Exit(Execute(f, os.Args[1:]))
}
