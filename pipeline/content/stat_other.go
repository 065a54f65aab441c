//go:build !linux

package content

import "io/fs"

// statOf is what says a file has not changed since it was read.
func statOf(info fs.FileInfo) fileStat {
	return fileStat{size: info.Size(), mtime: info.ModTime().UnixNano()}
}
