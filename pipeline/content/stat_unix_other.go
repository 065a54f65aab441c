//go:build (linux && !(amd64 || arm64)) || darwin || freebsd || netbsd || openbsd || dragonfly

package content

import "os"

// statAt stats the file name of the open folder dir without resolving the
// folder's path again: most of the time of a scan of 20,000 files.
func statAt(dir *os.File, name string) (fileStat, bool) { return fstatat(dir, name) }
