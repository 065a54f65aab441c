//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package content

import (
	"os"
	"path/filepath"
)

// Here only the size and modification time say that a file has not
// changed (as make and Hugo judge): an edit that keeps both is missed.

// statAt stats the file name of the open folder dir.
func statAt(dir *os.File, name string) (fileStat, bool) {
	st, err := statPath(filepath.Join(dir.Name(), name))
	return st, err == nil
}

// statPath stats a file by its path.
func statPath(name string) (fileStat, error) {
	info, err := os.Stat(name)
	if err != nil {
		return fileStat{}, err
	}
	return fileStat{size: info.Size(), mtime: info.ModTime().UnixNano()}, nil
}

// readShared reads a file whole.
func readShared(name string) ([]byte, error) { return os.ReadFile(name) }
