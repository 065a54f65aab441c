package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/site"
)

// watcher turns the file system events of a content repo into batches of
// changed paths, one batch per save.
type watcher struct {
	fs       *fsnotify.Watcher
	root     string
	debounce time.Duration
	// known says whether a path that disappeared was a file of the repo:
	// its return may be the second half of an atomic save.
	known func(rel string) bool
	logf  func(string, ...any)
}

func (s *Server) newWatcher() (*watcher, error) {
	root, err := filepath.Abs(s.opts.Dir)
	if err != nil {
		return nil, err
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fs: fw, root: root, debounce: s.opts.Debounce, logf: s.logf, known: s.known}
	// The root itself, for cm.yaml and the folders created later; it is
	// watched without its subfolders (a repo may hold code, public/...).
	if err := fw.Add(root); err != nil {
		fw.Close()
		return nil, err
	}
	for _, dir := range watchedDirs {
		if err := w.addTree(filepath.Join(root, dir)); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

// watchedDirs are the folders of a repo whose files the preview shows.
var watchedDirs = []string{content.Dir, site.TemplateDir, ".cm"}

// addTree watches a folder and its subfolders, except hidden ones.
func (w *watcher) addTree(dir string) error {
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fs.SkipDir
			}
			return err
		}
		if !e.IsDir() {
			return nil
		}
		if p != dir && strings.HasPrefix(e.Name(), ".") {
			return fs.SkipDir
		}
		return w.fs.Add(p)
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// rel is an event's path relative to the repo, with forward slashes, or
// "" when the preview does not read that file.
func (w *watcher) rel(name string) string {
	r, err := filepath.Rel(w.root, name)
	if err != nil || strings.HasPrefix(r, "..") {
		return ""
	}
	r = filepath.ToSlash(r)
	if !Watched(r) {
		return ""
	}
	return r
}

// Watched says whether a repo-relative path is one the preview reads:
// cm.yaml, and the files under content/, templates/ and .cm/ that are not
// an editor's or a tool's scratch files.
func Watched(rel string) bool {
	parts := strings.Split(rel, "/")
	switch parts[0] {
	case config.FileName:
		return len(parts) == 1
	case content.Dir, site.TemplateDir, ".cm":
	default:
		return false
	}
	for _, p := range parts[1:] {
		if strings.HasPrefix(p, ".") {
			return false // hidden: .x.swp, .#lock, .goutputstream-X
		}
	}
	return !scratch(parts[len(parts)-1])
}

// scratch says whether a file name is one of the temporary files editors
// write while saving.
func scratch(name string) bool {
	switch {
	case name == "4913": // vim checks that it may create files in the folder
		return true
	case strings.HasSuffix(name, "~"): // backups: vim, nano, emacs
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs auto-save
		return true
	case strings.Contains(name, "___jb_tmp___"), strings.Contains(name, "___jb_old___"): // JetBrains safe write
		return true
	case strings.HasSuffix(name, ".swp"), strings.HasSuffix(name, ".swx"), strings.HasSuffix(name, ".swo"):
		return true
	case strings.HasSuffix(name, ".crswap"), strings.HasSuffix(name, ".kate-swp"):
		return true
	}
	return false
}

// vanishWait is how long the watcher waits for a file of the repo that
// disappeared to come back: an editor that saves by renaming the file
// away and writing a new one may take a while between the two.
const vanishWait = 250 * time.Millisecond

// run delivers batches to reload until ctx is done. A batch is made when
// no event came for the quiet period; when a file of the repo disappeared,
// it waits once more, as an atomic save takes the file away before putting
// the new one in its place.
func (w *watcher) run(ctx context.Context, reload func([]string)) error {
	defer w.fs.Close()
	pending := map[string]bool{}
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	waited := false
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fs.Events:
			if !ok {
				return nil
			}
			rel := w.rel(ev.Name)
			if rel == "" || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					// A new folder: watch it, and read what is already
					// inside, written before the watch began.
					if err := w.addTree(ev.Name); err != nil {
						w.logf("cm serve: watching %s: %v", rel, err)
					}
				}
			}
			pending[rel] = true
			timer.Reset(w.debounce)
		case err, ok := <-w.fs.Errors:
			if !ok {
				return nil
			}
			// Events were lost (the kernel's queue overflowed): read
			// everything again.
			w.logf("cm serve: watching: %v; reading every file again", err)
			pending[config.FileName] = true
			timer.Reset(w.debounce)
		case <-timer.C:
			if !waited && slices.ContainsFunc(mapKeys(pending), w.vanished) {
				waited = true
				timer.Reset(max(3*w.debounce, vanishWait))
				continue
			}
			batch := mapKeys(pending)
			clear(pending)
			waited = false
			reload(batch)
		}
	}
}

// vanished says whether a path was a file of the repo and is gone.
func (w *watcher) vanished(rel string) bool {
	if _, err := os.Lstat(filepath.Join(w.root, filepath.FromSlash(rel))); !errors.Is(err, fs.ErrNotExist) {
		return false
	}
	return w.known(rel)
}

// known says whether the current state has a file at a repo path.
func (s *Server) known(rel string) bool {
	st := s.cur.Load()
	if rel == config.FileName || strings.HasPrefix(rel, site.TemplateDir+"/") || strings.HasPrefix(rel, ledger.Dir+"/") {
		return true
	}
	if st.repo == nil {
		return false
	}
	if st.repo.Assets[rel] {
		return true
	}
	_, found := slices.BinarySearchFunc(st.repo.Documents, rel, func(d *content.Document, p string) int {
		return strings.Compare(d.Path, p)
	})
	return found
}

func mapKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
