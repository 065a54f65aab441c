package vcs

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/go-git/go-git/v5/plumbing"
)

// The listing of a commit is kept, read back for the same commit and
// folder, and ignored for another commit, another folder, or when damaged.
func TestListingCache(t *testing.T) {
	root, _, commits := siteHistory(t)
	dir := filepath.Join(root, "site")
	cacheFile := filepath.Join(t.TempDir(), "trees")
	real, err := ListAt(dir, "HEAD", "content", cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	kept := listingFile(cacheFile)
	data, err := os.ReadFile(kept)
	if err != nil {
		t.Fatalf("no listing kept: %v", err)
	}
	if l, ok := decodeListing(data, commits[2], "site/\x00content"); !ok || !slices.Equal(l.Paths, real.Paths) || !slices.Equal(l.Hashes, real.Hashes) {
		t.Fatalf("kept listing %v %v, want %v", l, ok, real)
	}

	// A listing kept for HEAD's commit is what ListAt answers: one made up
	// for the test shows it is read, and for what it is read.
	fake := Listing{Paths: []string{"content/kept.md"}, Hashes: []plumbing.Hash{BlobHash([]byte("kept"))}}
	write := func(b []byte) {
		t.Helper()
		if err := os.WriteFile(kept, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(encodeListing(commits[2], "site/\x00content", fake))
	for _, ref := range []string{"HEAD", "master", commits[2].String()} {
		got, err := ListAt(dir, ref, "content", cacheFile)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Paths, fake.Paths) {
			t.Errorf("%s: the kept listing was not used: %v", ref, got.Paths)
		}
	}
	for name, b := range map[string][]byte{
		"another commit": encodeListing(commits[1], "site/\x00content", fake),
		"another folder": encodeListing(commits[2], "site/\x00content/blog", fake),
		"truncated":      encodeListing(commits[2], "site/\x00content", fake)[:40],
		"a byte flips":   flipByte(encodeListing(commits[2], "site/\x00content", fake), 30),
		"empty":          {},
	} {
		write(b)
		got, err := ListAt(dir, "HEAD", "content", cacheFile)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got.Paths, real.Paths) || !slices.Equal(got.Hashes, real.Hashes) {
			t.Errorf("%s: listing %v, want the commit's", name, got.Paths)
		}
	}
	// A revision that is not a plain name is listed from its trees, and
	// kept listings stay valid.
	got, err := ListAt(dir, "HEAD~1", "content", cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(got.Paths, fake.Paths) {
		t.Error("HEAD~1 answered with a kept listing")
	}
}

func flipByte(b []byte, i int) []byte {
	out := slices.Clone(b)
	out[i] ^= 1
	return out
}

func FuzzDecodeListing(f *testing.F) {
	id := BlobHash([]byte("commit"))
	f.Add(encodeListing(id, "\x00content", Listing{Paths: []string{"content/a.md", "content/b/c.md"}, Hashes: []plumbing.Hash{id, id}}))
	f.Add(encodeListing(id, "\x00content", Listing{}))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, ok := decodeListing(data, id, "\x00content")
		if !ok {
			return
		}
		if len(l.Paths) != len(l.Hashes) || !slices.IsSorted(l.Paths) {
			t.Fatalf("decoded an inconsistent listing: %d paths, %d hashes", len(l.Paths), len(l.Hashes))
		}
		if again := encodeListing(id, "\x00content", l); string(again) != string(data) {
			t.Fatalf("re-encoded listing differs")
		}
	})
}
