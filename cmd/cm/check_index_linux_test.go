//go:build linux

package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/sys/unix"
)

// opened runs fn and lists the files of content/ it opened (folders
// aside), as the kernel saw them: inotify reports every open(2), whoever
// makes it, so this is what the check read from disk.
func opened(t *testing.T, dir string, fn func()) []string {
	t.Helper()
	fd, err := unix.InotifyInit1(unix.IN_CLOEXEC | unix.IN_NONBLOCK)
	if err != nil {
		t.Skipf("inotify: %v", err)
	}
	defer unix.Close(fd)
	folders := map[int32]string{}
	err = filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return err
		}
		wd, err := unix.InotifyAddWatch(fd, p, unix.IN_OPEN)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		folders[int32(wd)] = filepath.ToSlash(rel)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	fn()
	var files []string
	buf := make([]byte, 1<<16)
	for {
		n, err := unix.Read(fd, buf)
		if errors.Is(err, unix.EAGAIN) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for b := buf[:n]; len(b) >= unix.SizeofInotifyEvent; {
			wd := int32(binary.NativeEndian.Uint32(b[0:]))
			mask := binary.NativeEndian.Uint32(b[4:])
			size := int(binary.NativeEndian.Uint32(b[12:]))
			name := string(bytes.TrimRight(b[unix.SizeofInotifyEvent:unix.SizeofInotifyEvent+size], "\x00"))
			b = b[unix.SizeofInotifyEvent+size:]
			if mask&unix.IN_Q_OVERFLOW != 0 {
				t.Fatal("inotify queue overflow")
			}
			if mask&unix.IN_ISDIR == 0 && name != "" {
				if f := path.Join(folders[wd], name); !slices.Contains(files, f) {
					files = append(files, f)
				}
			}
		}
	}
	slices.Sort(files)
	return files
}

// TestCheckIndexReadsOnlyWhatItChecks: once the index is written, a check
// of a changed file (--changed-since) or of a file named on the command
// line opens that file and no other file of content/.
func TestCheckIndexReadsOnlyWhatItChecks(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	const e, x = "content/blog/e/index.md", "content/blog/x.md"
	editFile(t, dir, e, "An introduction about brushes.", "An introduction about brushes, edited.")
	// The edit is dated like the rest (an edit made just now is read again
	// on the next run too: its time cannot tell it from a later edit).
	if err := os.Chtimes(filepath.Join(dir, e), longAgo, longAgo); err != nil {
		t.Fatal(err)
	}
	var cold, warm checkRun
	all := opened(t, dir, func() { cold = checkJSON(t, dir, "--changed-since", "HEAD") })
	for _, f := range []string{"content/blog/a.md", "content/blog/c.md", e, x, "content/social/p.md"} {
		if !slices.Contains(all, f) {
			t.Fatalf("the first run, with no index, did not open %s: the watch sees nothing? opened %v", f, all)
		}
	}
	if got := opened(t, dir, func() { warm = checkJSON(t, dir, "--changed-since", "HEAD") }); !slices.Equal(got, []string{e}) {
		t.Errorf("--changed-since with the index opened %v, want only %s", got, e)
	}
	sameRun(t, "warm run against cold run", warm, cold)
	if got := opened(t, dir, func() { checkJSON(t, dir, filepath.Join(dir, x)) }); !slices.Equal(got, []string{x}) {
		t.Errorf("cm check %s opened %v, want only that file", x, got)
	}
}
