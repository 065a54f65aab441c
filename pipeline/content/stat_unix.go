//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package content

import (
	"os"

	"golang.org/x/sys/unix"
)

// What says a file has not changed since it was read: its size and
// modification time, and its inode change time and number, which catch a
// file rewritten with its size and time kept, or replaced by another (as
// git's index does).

func fileStatOf(st *unix.Stat_t) fileStat {
	return fileStat{size: int64(st.Size), mtime: int64(st.Mtim.Sec)*1e9 + int64(st.Mtim.Nsec), ctime: int64(st.Ctim.Sec)*1e9 + int64(st.Ctim.Nsec), ino: uint64(st.Ino)}
}

// fstatat stats the file name of the open folder dir with unix.Fstatat.
func fstatat(dir *os.File, name string) (fileStat, bool) {
	var st unix.Stat_t
	if err := unix.Fstatat(int(dir.Fd()), name, &st, 0); err != nil {
		return fileStat{}, false
	}
	return fileStatOf(&st), true
}

// statPath stats a file by its path.
func statPath(name string) (fileStat, error) {
	var st unix.Stat_t
	if err := unix.Stat(name, &st); err != nil {
		return fileStat{}, &os.PathError{Op: "stat", Path: name, Err: err}
	}
	return fileStatOf(&st), nil
}

// readShared maps a file into memory, read-only, with its pages mapped at
// once: the site index is read whole, and the strings decoded from it
// point into it. The mapping is never undone, so the file must be replaced
// (written and renamed, as Scan.Save does), never truncated in place.
func readShared(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() == 0 || info.Size() > 1<<31 {
		return os.ReadFile(name)
	}
	return unix.Mmap(int(f.Fd()), 0, int(info.Size()), unix.PROT_READ, unix.MAP_SHARED|mapPopulate)
}
