//go:build !unix

package main

import "os"

// peakRSSMB is not measured where the OS has no rusage: it reports 0.
func peakRSSMB(*os.ProcessState) float64 { return 0 }
