package content

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Update returns the repo with some of its files read again from disk, for
// a preview that follows an editor's saves. paths are repo-relative, with
// forward slashes: files that changed, appeared or disappeared, and folders
// (a folder is read whole; one that is gone takes its files with it).
// Paths outside content/ and the files Load skips are ignored.
//
// r itself does not change. The documents of the other files are shared
// with it, and so is what was derived from them (the AST, Memo values), so
// a save costs the parse of the saved file. The files of a campaign folder
// where anything changed are read again too, because loading links a
// campaign and its posts together.
func (r *Repo) Update(paths []string) (*Repo, error) {
	cfg := r.Config
	assets := make(map[string]bool, len(r.Assets))
	for a := range r.Assets {
		assets[a] = true
	}
	// gone are the files and folders to drop before reading again.
	var gone []string
	reread := map[string]bool{}
	for _, p := range paths {
		p = path.Clean(p)
		if !strings.HasPrefix(p, Dir+"/") || slices.ContainsFunc(strings.Split(p, "/")[1:], skipped) {
			continue
		}
		gone = append(gone, p)
		full := filepath.Join(cfg.Root, filepath.FromSlash(p))
		info, err := os.Stat(full)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err != nil:
			// An unreadable file becomes a document that says why.
			reread[p] = true
		case info.IsDir():
			docs, found, err := walkUnder(cfg.Root, full)
			if err != nil {
				return nil, err
			}
			for _, d := range docs {
				reread[d] = true
			}
			for a := range found {
				assets[a] = true
			}
		case strings.EqualFold(path.Ext(p), ".md"):
			if path.Base(p) != "README.md" {
				reread[p] = true
			}
		default:
			assets[p] = true
		}
	}
	under := func(p string) bool {
		for _, g := range gone {
			if p == g || strings.HasPrefix(p, g+"/") {
				return true
			}
		}
		return false
	}
	for a := range assets {
		if under(a) && !reread[a] {
			if _, err := os.Stat(filepath.Join(cfg.Root, filepath.FromSlash(a))); err != nil {
				delete(assets, a)
			}
		}
	}
	// Every file of a campaign folder that changed is read again.
	campaigns := map[string]bool{}
	for _, d := range r.Documents {
		if under(d.Path) {
			campaigns[place(d.Path).campaign] = true
		}
	}
	for p := range reread {
		campaigns[place(p).campaign] = true
	}
	delete(campaigns, "")
	var docs []*Document
	var items []Item
	for _, d := range r.Documents {
		switch {
		case campaigns[place(d.Path).campaign]:
			if !under(d.Path) {
				reread[d.Path] = true
			}
		case !under(d.Path):
			docs = append(docs, d)
			items = append(items, r.Item(d.Path))
		}
	}
	fresh := slices.Sorted(func(yield func(string) bool) {
		for p := range reread {
			if !yield(p) {
				return
			}
		}
	})
	freshDocs := make([]*Document, len(fresh))
	var freshPosts []*Post
	for i, p := range fresh {
		d, it := loadFile(cfg, p)
		freshDocs[i] = d
		docs = append(docs, d)
		items = append(items, it)
		if post, ok := it.(*Post); ok {
			freshPosts = append(freshPosts, post)
		}
	}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return strings.Compare(docs[i].Path, docs[j].Path) })
	sortedDocs := make([]*Document, len(docs))
	sortedItems := make([]Item, len(docs))
	for k, i := range order {
		sortedDocs[k], sortedItems[k] = docs[i], items[i]
	}
	n := newRepo(cfg, sortedDocs, sortedItems, assets)
	n.linkPosts(freshPosts)
	sortProblems(freshDocs)
	return n, nil
}
