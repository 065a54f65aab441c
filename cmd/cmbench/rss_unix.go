//go:build unix

package main

import (
	"os"
	"runtime"
	"syscall"
)

// peakRSSMB is the command's peak resident set size in MiB, from the
// rusage the kernel reports when it exits. Linux counts Maxrss in KiB,
// macOS in bytes.
func peakRSSMB(ps *os.ProcessState) float64 {
	usage, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok || usage == nil {
		return 0
	}
	kib := float64(usage.Maxrss)
	if runtime.GOOS == "darwin" {
		kib /= 1024
	}
	return kib / 1024
}
