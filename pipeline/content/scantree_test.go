package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
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
