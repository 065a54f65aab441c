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
func statAt(dir *os.File, name string) (fileStat, bool) {
	info, err := os.Stat(filepath.Join(dir.Name(), name))
	if err != nil {
		return fileStat{}, false
	}
	return statOf(info), true
}

// statPath stats a file by its path.
func statPath(name string) (fileStat, error) {
	info, err := os.Stat(name)
	if err != nil {
		return fileStat{}, err
	}
	return statOf(info), nil
}

// readShared reads a file whole.
func readShared(name string) ([]byte, error) { return os.ReadFile(name) }
