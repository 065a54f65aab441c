package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/config"
)

// The scan's files must come in path order: the site index's records are
// matched with them by walking both lists side by side, and a file out of
// order would be read again on every check (correct, but slow).
func TestScanTreeListsInPathOrder(t *testing.T) {
	root := t.TempDir()
	files := []string{
		"blog/a.md", "blog/a/index.md", "blog/a/z.md", "blog/a-b.md", "blog/a0.md",
		"blog/a/b/index.md", "blog/a.b/index.md", "blog/A.md", "blog/é.md", "blog/ab.md",
		"blog/b/index.md", "blog/b.md", "social/x.md", "social/x/y.md", "social.md",
		"blog/a/cover.png", "blog/.hidden.md", "blog/README.md",
	}
	for _, f := range files {
		p := filepath.Join(root, Dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, wantAssets, err := walk(root)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(want)
	for _, known := range []map[string]*folder{nil, {}} {
		found, assets, folders, err := scanTree(root, known, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range found {
			if !f.ok {
				t.Errorf("%s: not stat'ed", f.path)
			}
			got = append(got, f.path)
		}
		if !slices.Equal(got, want) {
			t.Errorf("scanTree listed\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if len(assets) != len(wantAssets) || !assets[Dir+"/blog/a/cover.png"] {
			t.Errorf("assets %v, want %v", assets, wantAssets)
		}
		if !slices.IsSortedFunc(folders, func(a, b *folder) int { return strings.Compare(a.rel, b.rel) }) {
			t.Error("folders out of order")
		}
	}
}

// Repo.Item finds items by searching their sorted paths: items given out
// of path order (the old versions Broken puts together) are found too.
func TestRepoItemFindsEveryItem(t *testing.T) {
	var docs []*Document
	var items []Item
	for _, p := range []string{"content/blog/c.md", "content/blog/a.md", "content/social/b.md", "content/blog/b.md"} {
		d := &Document{Path: p, Kind: KindArticle}
		docs = append(docs, d)
		items = append(items, &Article{Document: d})
	}
	docs = append(docs, &Document{Path: "content/blog/broken.md"})
	items = append(items, nil)
	r := newRepo(&config.Config{}, docs, items, nil)
	for _, it := range items[:4] {
		if got := r.Item(it.Doc().Path); got != it {
			t.Errorf("Item(%s) = %v, want its article", it.Doc().Path, got)
		}
	}
	for _, p := range []string{"content/blog/broken.md", "content/blog/z.md", "", "content"} {
		if got := r.Item(p); got != nil {
			t.Errorf("Item(%q) = %v, want nil", p, got)
		}
	}
}
