package site

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
)

// sink receives the files of a site by site path ("/fr/blog/x/index.html"):
// the folder cm build writes, or the memory cm serve renders into.
type sink interface {
	write(name string, data []byte) error
}

// output is a site being written into a temporary folder beside the
// final one, which replaces the final one only when the build succeeded.
type output struct {
	final string
	tmp   string
	files atomic.Int64
	dirs  sync.Map // folders already created
}

func newOutput(final string) (*output, error) {
	final = filepath.Clean(final)
	parent := filepath.Dir(final)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("creating %s: %w", parent, err)
	}
	// Beside the output, so the final rename stays on one file system.
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(final)+"-build-")
	if err != nil {
		return nil, fmt.Errorf("creating the build folder: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return nil, err
	}
	return &output{final: final, tmp: tmp}, nil
}

// write stores a file at a site path ("/fr/blog/x/index.html").
func (o *output) write(name string, data []byte) error {
	p := filepath.Join(o.tmp, filepath.FromSlash(name))
	if err := o.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	o.files.Add(1)
	return nil
}

// copy copies a file of the repo to a site path.
func (o *output) copy(name, from string) error {
	p := filepath.Join(o.tmp, filepath.FromSlash(name))
	if err := o.mkdir(filepath.Dir(p)); err != nil {
		return err
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return fmt.Errorf("copying %s: %w", from, err)
	}
	o.files.Add(1)
	return dst.Close()
}

func (o *output) mkdir(dir string) error {
	if _, ok := o.dirs.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	o.dirs.Store(dir, true)
	return nil
}

// commit puts the new site in place of the old one. Between the two
// renames the output folder is briefly absent, never half written.
func (o *output) commit() error {
	old := ""
	if _, err := os.Lstat(o.final); err == nil {
		old = o.tmp + "-old"
		if err := os.Rename(o.final, old); err != nil {
			return fmt.Errorf("moving the previous %s aside: %w", o.final, err)
		}
	}
	if err := os.Rename(o.tmp, o.final); err != nil {
		if old != "" {
			_ = os.Rename(old, o.final)
		}
		return fmt.Errorf("putting the new site in %s: %w", o.final, err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("removing the previous site %s: %w", old, err)
		}
	}
	return nil
}

// abort removes the unfinished site.
func (o *output) abort() { _ = os.RemoveAll(o.tmp) }

// parallel runs do(0)...do(n-1) on every core. After a failure it starts
// no new work, and it returns the failure of the lowest index, so the error
// a build reports does not depend on scheduling.
func parallel(n int, do func(i int) error) error {
	errs := make([]error, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := do(i); err != nil {
					errs[i] = err
					failed.Store(true)
				}
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
