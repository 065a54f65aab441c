package vcs

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// treesOf is the set of tree objects of commit id: its root tree and every
// folder.
func treesOf(t *testing.T, repo *git.Repository, id plumbing.Hash) map[plumbing.Hash]bool {
	t.Helper()
	commit, err := repo.CommitObject(id)
	if err != nil {
		t.Fatal(err)
	}
	tree, err := commit.Tree()
	if err != nil {
		t.Fatal(err)
	}
	trees := map[plumbing.Hash]bool{tree.Hash: true}
	w := object.NewTreeWalker(tree, true, nil)
	defer w.Close()
	for {
		_, entry, err := w.Next()
		if err != nil {
			break
		}
		if entry.Mode == filemode.Dir {
			trees[entry.Hash] = true
		}
	}
	return trees
}

// removeLooseObjects deletes objects from a repository whose objects are
// all loose (as go-git writes them), so that reading them fails.
func removeLooseObjects(t *testing.T, root string, ids map[plumbing.Hash]bool) {
	t.Helper()
	for id := range ids {
		s := id.String()
		if err := os.Remove(filepath.Join(root, ".git", "objects", s[:2], s[2:])); err != nil {
			t.Fatal(err)
		}
	}
}

// The cache is the only source of the trees it holds: a listing still works
// once they are gone from the git store.
func TestFilesAtCacheReplacesTheStore(t *testing.T) {
	root, repo, commits := siteHistory(t)
	cacheFile := filepath.Join(t.TempDir(), "cache", "trees")
	want := goGitListing(t, repo, commits[1], "", "")
	if _, err := filesAt(root, "HEAD~1", "", cacheFile); err != nil {
		t.Fatal(err)
	}
	removeLooseObjects(t, root, treesOf(t, repo, commits[1]))
	if _, err := filesAt(root, "HEAD~1", "", ""); err == nil {
		t.Fatal("listing without the cache works with the trees deleted: the test proves nothing")
	}
	for _, ref := range []string{"HEAD~1", commits[1].String()} {
		got, err := filesAt(root, ref, "", cacheFile)
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		sameListing(t, got, want)
	}

	// One commit ahead: the trees it shares with the one cached come from
	// the cache, the others from the store.
	commitFiles(t, repo, root, time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), map[string]string{
		"site/content/blog/brosse.md": "v3",
	})
	head, err := repo.Head()
	if err != nil {
		t.Fatal(err)
	}
	got, err := filesAt(root, "HEAD", "", cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	sameListing(t, got, goGitListing(t, repo, head.Hash(), "", ""))
}

// With a warm cache, a ref that is a name or a full hash reads no object at
// all, not even its commit: the whole object store can go.
func TestFilesAtWarmReadsNoObject(t *testing.T) {
	root, repo, commits := siteHistory(t)
	cacheFile := filepath.Join(t.TempDir(), "trees")
	refs := map[string]plumbing.Hash{
		"HEAD": commits[2], "master": commits[2], "refs/heads/master": commits[2],
		"old": commits[0], "v1": commits[0], "v1-annotated": commits[0],
		commits[1].String(): commits[1],
	}
	want := map[string]map[string]plumbing.Hash{}
	for ref, commit := range refs {
		want[ref] = goGitListing(t, repo, commit, "", "")
		if _, err := filesAt(root, ref, "", cacheFile); err != nil {
			t.Fatal(err)
		}
	}
	objects := filepath.Join(root, ".git", "objects")
	folders, err := os.ReadDir(objects)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range folders {
		if len(f.Name()) == 2 {
			if err := os.RemoveAll(filepath.Join(objects, f.Name())); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := filesAt(root, "HEAD~1", "", cacheFile); err == nil {
		t.Fatal("HEAD~1 resolves with no object left: the test proves nothing")
	}
	for ref := range refs {
		got, err := filesAt(root, ref, "", cacheFile)
		if err != nil {
			t.Errorf("%s: %v", ref, err)
			continue
		}
		sameListing(t, got, want[ref])
	}
}

// countingStore counts the tree objects read from a store.
type countingStore struct {
	storer.EncodedObjectStorer
	trees int
}

func (s *countingStore) EncodedObject(kind plumbing.ObjectType, id plumbing.Hash) (plumbing.EncodedObject, error) {
	if kind == plumbing.TreeObject {
		s.trees++
	}
	return s.EncodedObjectStorer.EncodedObject(kind, id)
}

func TestTreeCacheReadsOnlyNewTrees(t *testing.T) {
	root, repo, commits := siteHistory(t)
	cacheFile := filepath.Join(t.TempDir(), "trees")
	list := func(commit plumbing.Hash, under string) (int, map[string]plumbing.Hash) {
		t.Helper()
		c, err := repo.CommitObject(commit)
		if err != nil {
			t.Fatal(err)
		}
		store := &countingStore{EncodedObjectStorer: repo.Storer}
		cache := loadTreeCache(cacheFile)
		files, err := listFiles(store, cache, c.TreeHash, "site/", under)
		if err != nil {
			t.Fatal(err)
		}
		if err := cache.save(); err != nil {
			t.Fatal(err)
		}
		sameListing(t, files.Map(), goGitListing(t, repo, commit, "site/", under))
		return store.trees, files.Map()
	}

	trees0, trees1 := treesOf(t, repo, commits[0]), treesOf(t, repo, commits[1])
	if n, _ := list(commits[0], ""); n != len(trees0) {
		t.Errorf("cold cache: %d trees read, want %d", n, len(trees0))
	}
	if n, _ := list(commits[0], ""); n != 0 {
		t.Errorf("warm cache: %d trees read, want 0", n)
	}
	changed := 0
	for id := range trees1 {
		if !trees0[id] {
			changed++
		}
	}
	// brosse.md and peigne.md change the root, site, content and blog;
	// savon loses its image.
	if changed != 5 {
		t.Fatalf("commit 1 has %d new trees, the test expects 5", changed)
	}
	if n, _ := list(commits[1], ""); n != changed {
		t.Errorf("one commit ahead: %d trees read, want the %d it changed", n, changed)
	}
	if n, _ := list(commits[1], "content/blog"); n != 0 {
		t.Errorf("again, under content/blog: %d trees read, want 0", n)
	}
	if n, _ := list(commits[0], "content"); n != 0 {
		t.Errorf("back to the first commit: %d trees read, want 0", n)
	}
	_ = root
}

// A run that reads nothing from the store leaves the file alone.
func TestTreeCacheUnchangedWhenWarm(t *testing.T) {
	root, _, _ := siteHistory(t)
	cacheFile := filepath.Join(t.TempDir(), "trees")
	if _, err := filesAt(root, "HEAD", "", cacheFile); err != nil {
		t.Fatal(err)
	}
	before, err := os.Stat(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := filesAt(root, "master", "site", cacheFile); err != nil {
		t.Fatal(err)
	}
	after, err := os.Stat(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Error("a warm run rewrote the cache file")
	}
	var names []string
	entries, _ := os.ReadDir(filepath.Dir(cacheFile))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"trees", "trees.listing"}; !slices.Equal(names, want) {
		t.Errorf("cache folder holds %q, want only the caches %q", names, want)
	}
}

func TestFilesAtCorruptCache(t *testing.T) {
	root, repo, commits := siteHistory(t)
	want := goGitListing(t, repo, commits[2], "site/", "content")
	warm := filepath.Join(t.TempDir(), "trees")
	if _, err := filesAt(filepath.Join(root, "site"), "HEAD", "content", warm); err != nil {
		t.Fatal(err)
	}
	valid, err := os.ReadFile(warm)
	if err != nil {
		t.Fatal(err)
	}
	// flip changes one byte of the last record's content, which still
	// parses: only its hash tells.
	flip := bytes.Clone(valid)
	flip[len(flip)-3] ^= 0x20
	otherVersion := bytes.Clone(valid)
	otherVersion[len(treeCacheMagic)-1] = 2
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"foreign", []byte("# not a cache\nthis is someone's notes file\n")},
		{"magic only", []byte(treeCacheMagic)},
		{"other version", otherVersion},
		{"truncated", valid[:len(valid)/2]},
		{"truncated in a hash", valid[:len(treeCacheMagic)+10]},
		{"one byte changed", flip},
		{"extra bytes", append(bytes.Clone(valid), 0x02, 0xff)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cacheFile := filepath.Join(t.TempDir(), "trees")
			if err := os.WriteFile(cacheFile, tc.data, 0o644); err != nil {
				t.Fatal(err)
			}
			for range 2 {
				got, err := filesAt(filepath.Join(root, "site"), "HEAD", "content", cacheFile)
				if err != nil {
					t.Fatal(err)
				}
				sameListing(t, got, want)
			}
			// Rebuilt: every record of the file is intact now.
			data, err := os.ReadFile(cacheFile)
			if err != nil {
				t.Fatal(err)
			}
			order, records, ok := decodeTreeCache(data)
			if !ok || len(order) == 0 {
				t.Fatalf("cache not rebuilt: ok %v, %d records", ok, len(order))
			}
			for _, id := range order {
				if o := records[id]; objectHash(o.kind.String(), o.content) != id {
					t.Errorf("record %s does not hash to its id", id)
				}
			}
		})
	}

	// A cache path that cannot be a file costs nothing but time.
	dirAsFile := t.TempDir()
	got, err := filesAt(filepath.Join(root, "site"), "HEAD", "content", dirAsFile)
	if err != nil {
		t.Fatal(err)
	}
	sameListing(t, got, want)
}

func TestTreeCacheBounded(t *testing.T) {
	// An old cache file of 8 MiB of records this run does not use.
	old := []byte(treeCacheMagic)
	var oldIDs []plumbing.Hash
	for i := range 128 {
		content := bytes.Repeat([]byte{byte(i)}, 64<<10)
		id := objectHash("tree", content)
		oldIDs = append(oldIDs, id)
		old = appendTreeRecord(old, id, cachedObject{plumbing.TreeObject, content})
	}
	cacheFile := filepath.Join(t.TempDir(), "trees")
	if err := os.WriteFile(cacheFile, old, 0o644); err != nil {
		t.Fatal(err)
	}
	c := loadTreeCache(cacheFile)
	if len(c.loaded) != 128 {
		t.Fatalf("loaded %d records, want 128", len(c.loaded))
	}
	// This run uses one old record and reads two trees from the store, one
	// of them bigger than the whole bound.
	if _, ok := c.get(plumbing.TreeObject, oldIDs[100]); !ok {
		t.Fatal("old record 100 not found")
	}
	small := []byte("100644 a.md\x00aaaaaaaaaaaaaaaaaaaa")
	huge := bytes.Repeat([]byte("x"), treeCacheKeepBytes+1)
	c.put(plumbing.TreeObject, objectHash("tree", small), small)
	c.put(plumbing.TreeObject, objectHash("tree", huge), huge)
	if err := c.save(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	order, _, ok := decodeTreeCache(data)
	if !ok {
		t.Fatal("saved cache does not decode")
	}
	want := []plumbing.Hash{oldIDs[100], objectHash("tree", small), objectHash("tree", huge)}
	if len(order) != len(want) {
		t.Fatalf("saved %d records, want the %d used (the file is over the bound with them alone)", len(order), len(want))
	}
	for i := range want {
		if order[i] != want[i] {
			t.Errorf("record %d is %s, want %s", i, order[i], want[i])
		}
	}

	// Without the huge tree, old records fill the file up to the bound,
	// most recently used first.
	c = loadTreeCache(cacheFile + ".new")
	c.loaded, c.loadedOrder = map[plumbing.Hash]cachedObject{}, nil
	_, records, _ := decodeTreeCache(old)
	for _, id := range oldIDs {
		c.loaded[id] = records[id]
		c.loadedOrder = append(c.loadedOrder, id)
	}
	c.put(plumbing.TreeObject, objectHash("tree", small), small)
	encoded := c.encode()
	if len(encoded) > treeCacheKeepBytes {
		t.Errorf("cache of %d bytes, bound %d", len(encoded), treeCacheKeepBytes)
	}
	order, _, _ = decodeTreeCache(encoded)
	if len(order) < 60 || order[0] != objectHash("tree", small) || order[1] != oldIDs[0] {
		t.Errorf("kept %d records starting %v, want the one used then the oldest-listed first", len(order), order[:min(2, len(order))])
	}
}

func FuzzTreeCacheDecode(f *testing.F) {
	tree := []byte("100644 a.md\x00aaaaaaaaaaaaaaaaaaaa40000 blog\x00bbbbbbbbbbbbbbbbbbbb")
	commit := []byte("tree " + objectHash("tree", tree).String() + "\nauthor A <a@b> 0 +0000\n\nmsg\n")
	tag := []byte("object " + objectHash("commit", commit).String() + "\ntype commit\ntag v1\n\nfirst\n")
	valid := appendTreeRecord([]byte(treeCacheMagic), objectHash("tree", tree), cachedObject{plumbing.TreeObject, tree})
	valid = appendTreeRecord(valid, objectHash("commit", commit), cachedObject{plumbing.CommitObject, commit})
	valid = appendTreeRecord(valid, objectHash("tag", tag), cachedObject{plumbing.TagObject, tag})
	f.Add(valid)
	f.Add(valid[:len(valid)-1])
	f.Add(valid[:len(treeCacheMagic)+21])
	f.Add([]byte{})
	f.Add([]byte(treeCacheMagic))
	f.Add(append([]byte(treeCacheMagic), 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01))
	f.Add(append([]byte(treeCacheMagic), 9, 1, 2))
	wrongKind := bytes.Clone(valid)
	wrongKind[len(treeCacheMagic)] = byte(plumbing.CommitObject)
	f.Add(wrongKind)
	f.Fuzz(func(t *testing.T, data []byte) {
		order, records, ok := decodeTreeCache(data)
		if !ok {
			if len(order) != 0 || len(records) != 0 {
				t.Fatal("invalid file, yet records")
			}
			return
		}
		if len(order) != len(records) {
			t.Fatalf("%d ids in order, %d records", len(order), len(records))
		}
		// Whatever the file says, get only returns content that hashes
		// to the id asked for, and cachedRootTree never panics.
		c := &treeCache{loaded: maps.Clone(records), loadedOrder: order, used: map[plumbing.Hash]cachedObject{}}
		for _, id := range order {
			for _, kind := range []plumbing.ObjectType{plumbing.TreeObject, plumbing.CommitObject, plumbing.TagObject} {
				if content, ok := c.get(kind, id); ok && objectHash(kind.String(), content) != id {
					t.Fatalf("get(%s, %s) returned content of another object", kind, id)
				}
			}
			cachedRootTree(c, id)
		}
		// What encode writes decodes to the same records.
		c2 := &treeCache{loaded: maps.Clone(records), loadedOrder: order, used: map[plumbing.Hash]cachedObject{}}
		order2, records2, ok := decodeTreeCache(c2.encode())
		if !ok || len(order2) > len(order) {
			t.Fatalf("re-encoded cache: ok %v, %d records of %d", ok, len(order2), len(order))
		}
		for i, id := range order2 {
			if id != order[i] || records2[id].kind != records[id].kind || !bytes.Equal(records2[id].content, records[id].content) {
				t.Fatalf("record %d changed by a round trip", i)
			}
		}
	})
}

func FuzzTreeEntries(f *testing.F) {
	f.Add([]byte("100644 a.md\x00aaaaaaaaaaaaaaaaaaaa40000 blog\x00bbbbbbbbbbbbbbbbbbbb"))
	f.Add([]byte("160000 theme\x00cccccccccccccccccccc"))
	f.Add([]byte("100644 ../x\x00aaaaaaaaaaaaaaaaaaaa"))
	f.Add([]byte("100644 a.md\x00short"))
	f.Add([]byte("99 a\x00aaaaaaaaaaaaaaaaaaaa"))
	f.Add([]byte(" a\x00aaaaaaaaaaaaaaaaaaaa"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for len(data) > 0 {
			e, rest, err := nextEntry(data)
			if err != nil {
				return
			}
			if len(rest) >= len(data) {
				t.Fatal("nextEntry consumed nothing")
			}
			if len(e.name) == 0 || bytes.IndexByte(e.name, '/') >= 0 || bytes.IndexByte(e.name, 0) >= 0 {
				t.Fatalf("entry name %q", e.name)
			}
			data = rest
		}
	})
}
