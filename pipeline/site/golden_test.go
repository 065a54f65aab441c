package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenPages are the pages compared byte for byte with testdata/golden
// (go test ./pipeline/site -run TestGolden -update rewrites them).
var goldenPages = []string{
	"index.html",
	"404.html",
	"robots.txt",
	"sitemap.xml",
	"fr/index.html",
	"fr/page/2/index.html",
	"fr/blog/index.html",
	"fr/blog/gamelle-inox/index.html",
	"fr/blog/brosse-bois/index.html",
	"fr/tags/index.html",
	"fr/tags/cuisine/index.html",
	"fr/feed.xml",
	"en/index.html",
	"en/blog/stainless-lunch-box/index.html",
	"feed.xml",
}

func TestGolden(t *testing.T) {
	out, _ := buildFixture(t, fixture, Options{})
	for _, page := range goldenPages {
		t.Run(page, func(t *testing.T) {
			got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page)))
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "_"))
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s (run go test -run TestGolden -update and review the diff):\n%s", page, golden, firstDiff(string(want), string(got)))
			}
		})
	}
}

// firstDiff shows the first line that differs.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:", i+1) + "\n  want: " + wl + "\n  got:  " + gl
		}
	}
	return ""
}
