//go:build linux

package content

import (
	"io/fs"
	"syscall"
)

// statOf is what says a file has not changed since it was read: size and
// modification time, and where the system has them the inode change time
// and number, which catch a file replaced by another of the same size and
// time (as git's index does).
func statOf(info fs.FileInfo) fileStat {
	st := fileStat{size: info.Size(), mtime: info.ModTime().UnixNano()}
	if sys, ok := info.Sys().(*syscall.Stat_t); ok {
		st.ctime = sys.Ctim.Sec*1e9 + sys.Ctim.Nsec
		st.ino = sys.Ino
	}
	return st
}
