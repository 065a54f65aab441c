package vcs

import (
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

func TestBlobHash(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		// git is what `git hash-object --stdin` printed for data, checked
		// by hand; "" where only go-git's own hash is compared.
		git string
	}{
		{"empty", nil, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"},
		{"text", []byte("hello\n"), "ce013625030ba8dba906f756967f9e9ca394464a"},
		{"binary", []byte("\x00\x01\xff\xfe binary\x00"), "1bb653e8059be2f334ce85ae4747936f4e3546a0"},
		{"article", []byte("---\ntitle: Brosse à dents\n---\n\nUne brosse en bois.\n"), ""},
		{"large", []byte(strings.Repeat("0123456789abcdef", 100_000)), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := BlobHash(tc.data)
			if want := plumbing.ComputeHash(plumbing.BlobObject, tc.data); got != want {
				t.Errorf("BlobHash = %s, go-git computes %s", got, want)
			}
			if tc.git != "" && got.String() != tc.git {
				t.Errorf("BlobHash = %s, git hash-object prints %s", got, tc.git)
			}
		})
	}
}

// filesAt is ListAt as a map from path to blob hash, as tests compare it.
func filesAt(dir, ref, under, cacheFile string) (map[string]plumbing.Hash, error) {
	l, err := ListAt(dir, ref, under, cacheFile)
	if err != nil {
		return nil, err
	}
	return l.Map(), nil
}

// initRepo makes an empty git repository in a temporary folder.
func initRepo(t testing.TB) (string, *git.Repository) {
	t.Helper()
	root := t.TempDir()
	repo, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	return root, repo
}

// goGitListing is what go-git's own tree walker lists at commit id under
// prefix+under (prefix "" or ending with a slash), relative to prefix.
func goGitListing(t *testing.T, repo *git.Repository, id plumbing.Hash, prefix, under string) map[string]plumbing.Hash {
	t.Helper()
	commit, err := repo.CommitObject(id)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := commit.Tree()
	if err != nil {
		t.Fatal(err)
	}
	w := object.NewTreeWalker(tree, true, nil)
	defer w.Close()
	out := map[string]plumbing.Hash{}
	for {
		name, entry, err := w.Next()
		if err != nil {
			break
		}
		if entry.Mode == filemode.Dir || entry.Mode == filemode.Submodule {
			continue
		}
		rel, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		if under == "" || rel == under || strings.HasPrefix(rel, under+"/") {
			out[rel] = entry.Hash
		}
	}
	return out
}

func sameListing(t *testing.T, got, want map[string]plumbing.Hash) {
	t.Helper()
	if maps.Equal(got, want) {
		return
	}
	var diff []string
	for p, h := range want {
		if got[p] != h {
			diff = append(diff, fmt.Sprintf("%s: got %s, want %s", p, got[p], h))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diff = append(diff, fmt.Sprintf("%s: listed, not in go-git's walk", p))
		}
	}
	sort.Strings(diff)
	t.Errorf("listing differs from go-git's (%d files, want %d):\n%s", len(got), len(want), strings.Join(diff, "\n"))
}

// siteHistory builds a repository whose content repo is the folder site:
// three commits on master, a branch "old" and tags at the first commit.
func siteHistory(t *testing.T) (root string, repo *git.Repository, commits []plumbing.Hash) {
	t.Helper()
	root, repo = initRepo(t)
	when := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
	commitFiles(t, repo, root, when, map[string]string{
		"README.md":                          "outside the content repo",
		"site/cm.yaml":                       "brand: Brindille",
		"site/content/blog/brosse.md":        "v1",
		"site/content/blog/savon/index.md":   "savon",
		"site/content/blog/savon/mousse.png": "\x89PNG\r\n\x1a\n\x00\x00binary",
		"site/content/pages/a/b/c/d/deep.md": "deep",
		"site/content/pages/about.md":        "about",
	})
	commitFiles(t, repo, root, when.Add(time.Hour), map[string]string{
		"site/content/blog/brosse.md":        "v2",
		"site/content/blog/peigne.md":        "new",
		"site/content/blog/savon/mousse.png": "",
	})
	commitFiles(t, repo, root, when.Add(2*time.Hour), map[string]string{
		"site/content/news/n.md": "news",
	})
	iter, err := repo.Log(&git.LogOptions{})
	if err != nil {
		t.Fatal(err)
	}
	iter.ForEach(func(c *object.Commit) error { commits = append([]plumbing.Hash{c.Hash}, commits...); return nil })
	if len(commits) != 3 {
		t.Fatalf("%d commits, want 3", len(commits))
	}
	if err := repo.Storer.SetReference(plumbing.NewHashReference("refs/heads/old", commits[0])); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.CreateTag("v1", commits[0], nil); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Camille", Email: "camille@brindille.example", When: when}
	if _, err := repo.CreateTag("v1-annotated", commits[0], &git.CreateTagOptions{Tagger: sig, Message: "first"}); err != nil {
		t.Fatal(err)
	}
	return root, repo, commits
}

func TestFilesAt(t *testing.T) {
	root, repo, commits := siteHistory(t)
	site := filepath.Join(root, "site")
	for _, tc := range []struct {
		name            string
		dir, ref, under string
		commit          plumbing.Hash
		prefix          string // of dir in the work tree
		wantUnder       string // under, cleaned
		wantCount       int
	}{
		{name: "HEAD at the root", dir: root, ref: "HEAD", commit: commits[2], wantCount: 8},
		{name: "branch", dir: root, ref: "old", commit: commits[0], wantCount: 7},
		{name: "full branch name", dir: root, ref: "refs/heads/master", commit: commits[2], wantCount: 8},
		{name: "tag", dir: root, ref: "v1", commit: commits[0], wantCount: 7},
		{name: "annotated tag", dir: root, ref: "v1-annotated", commit: commits[0], wantCount: 7},
		{name: "older commit by hash", dir: root, ref: commits[1].String(), commit: commits[1], wantCount: 7},
		{name: "hash prefix", dir: root, ref: commits[1].String()[:8], commit: commits[1], wantCount: 7},
		{name: "HEAD~2", dir: root, ref: "HEAD~2", commit: commits[0], wantCount: 7},
		{name: "under at the root", dir: root, ref: "HEAD", under: "site/content/blog", commit: commits[2], wantUnder: "site/content/blog", wantCount: 3},
		{name: "subfolder", dir: site, ref: "HEAD", commit: commits[2], prefix: "site/", wantCount: 7},
		{name: "subfolder, under", dir: site, ref: "HEAD", under: "content", commit: commits[2], prefix: "site/", wantUnder: "content", wantCount: 6},
		{name: "subfolder, nested under", dir: site, ref: "v1", under: "content/pages/a", commit: commits[0], prefix: "site/", wantUnder: "content/pages/a", wantCount: 1},
		{name: "under with slashes", dir: site, ref: "HEAD", under: "./content/blog/", commit: commits[2], prefix: "site/", wantUnder: "content/blog", wantCount: 3},
		{name: "under is missing", dir: site, ref: "HEAD", under: "drafts", commit: commits[2], prefix: "site/", wantUnder: "drafts", wantCount: 0},
		{name: "under, older commit lacks it", dir: site, ref: "old", under: "content/news", commit: commits[0], prefix: "site/", wantUnder: "content/news", wantCount: 0},
		{name: "under is a file", dir: site, ref: "HEAD", under: "cm.yaml", commit: commits[2], prefix: "site/", wantUnder: "cm.yaml", wantCount: 1},
		{name: "under is below a file", dir: site, ref: "HEAD", under: "cm.yaml/x", commit: commits[2], prefix: "site/", wantUnder: "cm.yaml/x", wantCount: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := goGitListing(t, repo, tc.commit, tc.prefix, tc.wantUnder)
			if len(want) != tc.wantCount {
				t.Fatalf("go-git lists %d files, the test expects %d: %v", len(want), tc.wantCount, want)
			}
			cacheFile := filepath.Join(t.TempDir(), "cache", "trees")
			for _, run := range []struct{ name, cacheFile string }{
				{"no cache", ""}, {"cold cache", cacheFile}, {"warm cache", cacheFile},
			} {
				got, err := filesAt(tc.dir, tc.ref, tc.under, run.cacheFile)
				if err != nil {
					t.Fatalf("%s: %v", run.name, err)
				}
				sameListing(t, got, want)
			}
		})
	}
}

func TestFilesAtErrors(t *testing.T) {
	root, _, _ := siteHistory(t)
	cacheFile := filepath.Join(t.TempDir(), "trees")
	if _, err := filesAt(root, "HEAD", "", cacheFile); err != nil {
		t.Fatal(err)
	}
	for _, ref := range []string{"nope", "origin/main", "HEAD~9", "deadbeef", strings.Repeat("ab", 20), ""} {
		_, err := filesAt(root, ref, "", cacheFile)
		want := fmt.Sprintf("--changed-since %s: no such commit, branch or tag (fetch it first, e.g. git fetch origin main)", ref)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("filesAt(%q) error = %v, want %q", ref, err, want)
		}
	}

	if _, err := filesAt(root, "HEAD", "../elsewhere", ""); err == nil {
		t.Error("under outside dir: no error")
	}

	notRepo := t.TempDir()
	_, err := filesAt(notRepo, "HEAD", "", "")
	if !errors.Is(err, git.ErrRepositoryNotExists) || !strings.Contains(err.Error(), "needs a git repository at "+notRepo) {
		t.Errorf("no repository: error = %v", err)
	}

	empty, _ := initRepo(t)
	if err := os.WriteFile(filepath.Join(empty, "a.md"), []byte("a"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = filesAt(empty, "HEAD", "", "")
	if !errors.Is(err, plumbing.ErrReferenceNotFound) || !strings.Contains(err.Error(), "no such commit, branch or tag") {
		t.Errorf("no commit yet: error = %v", err)
	}
}

// treeFile is a file for buildCommit: its mode and content (for a gitlink,
// the hex id of the commit it points to).
type treeFile struct {
	mode    filemode.FileMode
	content string
}

// buildCommit writes files straight into the object store (no work tree, no
// index: fast, and able to hold submodules) and commits them on master.
func buildCommit(t testing.TB, repo *git.Repository, files map[string]treeFile, parents ...plumbing.Hash) plumbing.Hash {
	t.Helper()
	s := repo.Storer
	store := func(o interface {
		Encode(plumbing.EncodedObject) error
	}) plumbing.Hash {
		obj := s.NewEncodedObject()
		if err := o.Encode(obj); err != nil {
			t.Fatal(err)
		}
		id, err := s.SetEncodedObject(obj)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	var writeTree func(files map[string]treeFile) plumbing.Hash
	writeTree = func(files map[string]treeFile) plumbing.Hash {
		folders := map[string]map[string]treeFile{}
		var entries []object.TreeEntry
		for p, f := range files {
			if first, rest, ok := strings.Cut(p, "/"); ok {
				if folders[first] == nil {
					folders[first] = map[string]treeFile{}
				}
				folders[first][rest] = f
				continue
			}
			var id plumbing.Hash
			if f.mode == filemode.Submodule {
				id = plumbing.NewHash(f.content)
			} else {
				obj := s.NewEncodedObject()
				obj.SetType(plumbing.BlobObject)
				w, _ := obj.Writer()
				w.Write([]byte(f.content))
				w.Close()
				var err error
				if id, err = s.SetEncodedObject(obj); err != nil {
					t.Fatal(err)
				}
			}
			entries = append(entries, object.TreeEntry{Name: p, Mode: f.mode, Hash: id})
		}
		for name, sub := range folders {
			entries = append(entries, object.TreeEntry{Name: name, Mode: filemode.Dir, Hash: writeTree(sub)})
		}
		// Git orders a folder as if its name ended with a slash.
		key := func(e object.TreeEntry) string {
			if e.Mode == filemode.Dir {
				return e.Name + "/"
			}
			return e.Name
		}
		sort.Slice(entries, func(i, j int) bool { return key(entries[i]) < key(entries[j]) })
		return store(&object.Tree{Entries: entries})
	}
	sig := object.Signature{Name: "Camille", Email: "camille@brindille.example", When: time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)}
	id := store(&object.Commit{Author: sig, Committer: sig, Message: "build", TreeHash: writeTree(files), ParentHashes: parents})
	if err := s.SetReference(plumbing.NewHashReference("refs/heads/master", id)); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestFilesAtSpecialEntries(t *testing.T) {
	root, repo := initRepo(t)
	commit := buildCommit(t, repo, map[string]treeFile{
		"content/a.md":         {filemode.Regular, "a"},
		"content/run.sh":       {filemode.Executable, "#!/bin/sh"},
		"content/link.md":      {filemode.Symlink, "a.md"},
		"content/theme":        {filemode.Submodule, strings.Repeat("12", 20)},
		"content/b-c/x.md":     {filemode.Regular, "sorts before folder b in git's order"},
		"content/b.md":         {filemode.Regular, "b"},
		"content/b/y.md":       {filemode.Regular, "folder b"},
		"content/dé jà/vu.md":  {filemode.Regular, "non-ASCII and a space"},
		"content/empty.md":     {filemode.Regular, ""},
		"content/1/2/3/4/5.md": {filemode.Regular, "deep"},
	})
	want := goGitListing(t, repo, commit, "", "content")
	if len(want) != 9 {
		t.Fatalf("go-git lists %d files, want 9 (all but the submodule): %v", len(want), want)
	}
	cacheFile := filepath.Join(t.TempDir(), "trees")
	for range 2 {
		got, err := filesAt(root, "master", "content", cacheFile)
		if err != nil {
			t.Fatal(err)
		}
		sameListing(t, got, want)
	}
	if _, err := filesAt(root, "HEAD", "content/theme", ""); err != nil {
		t.Errorf("under is a submodule: %v", err)
	}
}

// ListAt lists in path order, which content.Changes relies on to walk a
// listing beside the work tree's files: git's order of tree entries (a
// folder sorts as its name and a slash) is that order.
func TestListAtIsInPathOrder(t *testing.T) {
	root, repo := initRepo(t)
	buildCommit(t, repo, map[string]treeFile{
		"content/a.md":      {filemode.Regular, "a"},
		"content/a/x.md":    {filemode.Regular, "x"},
		"content/a.b/y.md":  {filemode.Regular, "y"},
		"content/a-b.md":    {filemode.Regular, "ab"},
		"content/a0.md":     {filemode.Regular, "a0"},
		"content/A.md":      {filemode.Regular, "A"},
		"content/é/z.md":    {filemode.Regular, "z"},
		"content/a/b/c.png": {filemode.Regular, "png"},
	})
	l, err := ListAt(root, "master", "content", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"content/A.md", "content/a-b.md", "content/a.b/y.md", "content/a.md", "content/a/b/c.png", "content/a/x.md", "content/a0.md", "content/é/z.md"}
	if !slices.Equal(l.Paths, want) {
		t.Errorf("ListAt paths = %q, want %q", l.Paths, want)
	}
	for i, p := range l.Paths {
		if h, ok := l.Lookup(p); !ok || h != l.Hashes[i] {
			t.Errorf("Lookup(%s) = %s %v, want %s", p, h, ok, l.Hashes[i])
		}
	}
	if _, ok := l.Lookup("content/b.md"); ok {
		t.Error("Lookup found a file the commit lacks")
	}
	// A malformed listing (entries out of order, a name twice) is put in
	// order, each path once.
	h := func(s string) plumbing.Hash { return BlobHash([]byte(s)) }
	bad := Listing{Paths: []string{"b", "a", "b", "c"}, Hashes: []plumbing.Hash{h("b1"), h("a"), h("b2"), h("c")}}
	bad.sort()
	if !slices.Equal(bad.Paths, []string{"a", "b", "c"}) || !slices.Equal(bad.Hashes, []plumbing.Hash{h("a"), h("b1"), h("c")}) {
		t.Errorf("sorted malformed listing = %q", bad.Paths)
	}
}

// TestBlobs reads back what a commit holds.
func TestBlobs(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"content/blog/a.md": "---\ntitle: A\n---\nUn.\n", "content/blog/b.md": "\x00binary\n"}
	commitFiles(t, repo, dir, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), files)
	at, err := filesAt(dir, "HEAD", "content", "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []plumbing.Hash
	for _, id := range at {
		ids = append(ids, id)
	}
	cacheDir := filepath.Join(t.TempDir(), "blobs")
	for _, cache := range []string{"", cacheDir, cacheDir} {
		blobs, err := Blobs(dir, ids, cache)
		if err != nil {
			t.Fatal(err)
		}
		for p, want := range files {
			if got, ok := blobs[at[p]]; !ok || string(got) != want {
				t.Errorf("cache %q: %s: blob %q, want %q", cache, p, got, want)
			}
		}
	}
	if _, err := Blobs(dir, []plumbing.Hash{plumbing.NewHash("0123456789012345678901234567890123456789")}, cacheDir); err == nil {
		t.Error("a missing blob read without error")
	}

	// A kept blob is read without the repository; a damaged one is not used.
	a := at["content/blog/a.md"]
	if err := os.RemoveAll(filepath.Join(dir, ".git")); err != nil {
		t.Fatal(err)
	}
	blobs, err := Blobs(dir, []plumbing.Hash{a}, cacheDir)
	if err != nil || string(blobs[a]) != files["content/blog/a.md"] {
		t.Fatalf("kept blob: %q, %v", blobs[a], err)
	}
	if err := os.WriteFile(filepath.Join(cacheDir, a.String()), []byte("---\ntitle: Changed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if blobs, err := Blobs(dir, []plumbing.Hash{a}, cacheDir); err == nil {
		t.Errorf("a damaged kept blob was used: %q", blobs[a])
	}
}

// The blob cache keeps the blobs of the last calls, within its bound.
func TestBlobCacheBound(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for i := range blobCacheFiles + 10 {
		files[fmt.Sprintf("content/blog/a%03d.md", i)] = fmt.Sprintf("article %d\n", i)
	}
	commitFiles(t, repo, dir, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), files)
	at, err := filesAt(dir, "HEAD", "content", "")
	if err != nil {
		t.Fatal(err)
	}
	cacheDir := filepath.Join(t.TempDir(), "blobs")
	var last plumbing.Hash
	for _, id := range at {
		if _, err := Blobs(dir, []plumbing.Hash{id}, cacheDir); err != nil {
			t.Fatal(err)
		}
		last = id
	}
	entries, _ := os.ReadDir(cacheDir)
	if len(entries) > blobCacheFiles {
		t.Errorf("the cache holds %d files, bound %d", len(entries), blobCacheFiles)
	}
	if _, ok := keptBlob(cacheDir, last); !ok {
		t.Error("the last blob read was not kept")
	}
}
