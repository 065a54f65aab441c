package vcs

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/cmhq/cm/pipeline/internal/atomicfile"
)

// Blobs reads the content of blobs of the git repository holding dir: the
// files as a commit has them, for the few that a change touched.
//
// cacheDir, when not "", keeps the blobs read, one file per blob named by
// its id: a pull request's files are checked again and again against the
// same base, and reading a kept blob costs far less than opening the
// repository's packs (its index alone is megabytes). A kept file is used
// only if its content hashes to its name; the folder keeps the blobs of
// the last calls, up to blobCacheFiles.
func Blobs(dir string, ids []plumbing.Hash, cacheDir string) (map[plumbing.Hash][]byte, error) {
	out := make(map[plumbing.Hash][]byte, len(ids))
	var missing []plumbing.Hash
	for _, id := range ids {
		if _, done := out[id]; done {
			continue
		}
		if data, ok := keptBlob(cacheDir, id); ok {
			out[id] = data
		} else if !slices.Contains(missing, id) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	g, err := openGit(dir)
	if err != nil {
		return nil, err
	}
	defer g.objects.Close()
	for _, id := range missing {
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
		keepBlob(cacheDir, id, data, ids)
	}
	return out, nil
}

// blobCacheFiles bounds the blob cache: beyond, the blobs not asked for
// by the current call are removed.
const blobCacheFiles = 64

// keptBlob reads blob id from the cache, if there and intact.
func keptBlob(cacheDir string, id plumbing.Hash) ([]byte, bool) {
	if cacheDir == "" {
		return nil, false
	}
	data, err := os.ReadFile(filepath.Join(cacheDir, id.String()))
	if err != nil || BlobHash(data) != id {
		return nil, false
	}
	return data, true
}

// keepBlob writes blob id to the cache, best effort, and trims the cache
// to the blobs of this call (asked) when it holds too many.
func keepBlob(cacheDir string, id plumbing.Hash, data []byte, asked []plumbing.Hash) {
	if cacheDir == "" {
		return
	}
	if err := atomicfile.Write(filepath.Join(cacheDir, id.String()), data); err != nil {
		return
	}
	entries, err := os.ReadDir(cacheDir)
	if err != nil || len(entries) <= blobCacheFiles {
		return
	}
	for _, e := range entries {
		if h := plumbing.NewHash(e.Name()); h.String() != e.Name() || !slices.Contains(asked, h) {
			os.Remove(filepath.Join(cacheDir, e.Name()))
		}
	}
}
