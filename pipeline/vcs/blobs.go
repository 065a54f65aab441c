package vcs

import (
	"fmt"
	"io"

	"github.com/go-git/go-git/v5/plumbing"
)

// Blobs reads the content of blobs of the git repository holding dir: the
// files as a commit has them, for the few that a change touched.
func Blobs(dir string, ids []plumbing.Hash) (map[plumbing.Hash][]byte, error) {
	out := make(map[plumbing.Hash][]byte, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	g, err := openGit(dir)
	if err != nil {
		return nil, err
	}
	defer g.objects.Close()
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		obj, err := g.objects.EncodedObject(plumbing.BlobObject, id)
		if err != nil {
			return nil, fmt.Errorf("reading blob %s: %w", id, err)
		}
		r, err := obj.Reader()
		if err != nil {
			return nil, fmt.Errorf("reading blob %s: %w", id, err)
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, fmt.Errorf("reading blob %s: %w", id, err)
		}
		out[id] = data
	}
	return out, nil
}
