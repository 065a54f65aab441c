package main

import (
	"path/filepath"

	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/vcs"
)

// changedSince says which files of content/ differ from the commit ref
// names, for a command that has loaded the whole repo: a Markdown file
// whose content is not the ref's (or that the ref lacks), an image or
// other file likewise, read when asked. It compares git blob hashes with
// the ref's tree (cached in .cm/cache/trees), without asking git for the
// work tree's status.
func changedSince(dir, ref string, repo *content.Repo) (func(path string) bool, error) {
	atRef, err := vcs.ListAt(dir, ref, content.Dir, filepath.Join(dir, ".cm", "cache", "trees"))
	if err != nil {
		return nil, usageError{err}
	}
	docs := make(map[string]*content.Document, len(repo.Documents))
	for _, d := range repo.Documents {
		docs[d.Path] = d
	}
	memo := map[string]bool{}
	return func(p string) bool {
		if v, ok := memo[p]; ok {
			return v
		}
		h, ok := atRef.Lookup(p)
		changed := !ok
		if ok {
			var data []byte
			if d := docs[p]; d != nil {
				data = d.Src
			}
			changed = !content.SameContent(filepath.Join(dir, filepath.FromSlash(p)), data, h)
		}
		memo[p] = changed
		return changed
	}, nil
}
