//go:build !linux

package content

import (
	"io/fs"
	"os"
	"path/filepath"
)

// statOf is what says a file has not changed since it was read.
func statOf(info fs.FileInfo) fileStat {
	return fileStat{size: info.Size(), mtime: info.ModTime().UnixNano()}
}

// statAt stats the file name of the open folder dir.
func statAt(_ *os.File, dirPath, name string) (fileStat, bool) {
	info, err := os.Stat(filepath.Join(dirPath, name))
	if err != nil {
		return fileStat{}, false
	}
	return statOf(info), true
}
