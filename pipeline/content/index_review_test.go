package content_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/content"
)

// TestIndexIsLoadWhenTheTreeChangesShape is TestIndexIsLoad for changes
// of the folders themselves, which the index keeps the listing of: a
// folder replaced by a file of its name and back, a bundle turned into a
// flat file, a folder renamed, a file moved between folders, a file added
// deep under folders whose own listing did not change, symbolic links (to
// a file, to a folder, to nothing), and files the parser treats apart
// (empty, CRLF with a BOM, TOML, not UTF-8, dated in the future).
func TestIndexIsLoadWhenTheTreeChangesShape(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/velo.md":               "---\ntitle: Le vélo\ndate: 2026-01-01\n---\n## Pourquoi\n\nVoir [b](/fr/blog/bocal/#taille).\n",
		"content/blog/bocal/index.md":        "---\ntitle: Bocal\ndate: 2026-01-02\n---\n## Taille\n",
		"content/blog/bocal/photo.png":       "png",
		"content/social/lot/a.md":            "---\nchannels: [mastodon]\n---\nA\n",
		"content/social/lot/deep/er/b.md":    "---\nchannels: [mastodon]\n---\nB\n",
		"content/campaigns/repair/index.md":  "---\ntitle: Repair week\nstarts: 2027-02-08\nends: 2027-02-14\nchannels: [mastodon]\n---\n",
		"content/campaigns/repair/monday.md": "---\npublish_at: 2027-02-09 12:15\n---\nMonday\n",
	})
	abs := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	write := func(p, s string) func() {
		return func() {
			if err := os.MkdirAll(filepath.Dir(abs(p)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(abs(p), []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(abs(p), past, past); err != nil {
				t.Fatal(err)
			}
		}
	}
	remove := func(p string) func() {
		return func() {
			if err := os.RemoveAll(abs(p)); err != nil {
				t.Fatal(err)
			}
		}
	}
	rename := func(from, to string) func() {
		return func() {
			if err := os.MkdirAll(filepath.Dir(abs(to)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(abs(from), abs(to)); err != nil {
				t.Fatal(err)
			}
		}
	}
	symlink := func(target, p string) func() {
		return func() {
			if err := os.Symlink(target, abs(p)); err != nil {
				t.Fatal(err)
			}
		}
	}
	all := func(fs ...func()) func() {
		return func() {
			for _, f := range fs {
				f()
			}
		}
	}
	future := time.Now().Add(24 * time.Hour)
	steps := []struct {
		name string
		do   func()
	}{
		{"first scan", func() {}},
		{"a folder replaced by a file of its name", all(remove("content/social/lot"), write("content/social/lot", "not markdown"))},
		{"a file replaced by a folder of its name", all(remove("content/social/lot"), write("content/social/lot/c.md", "---\nchannels: [mastodon]\n---\nC\n"))},
		{"a file added deep under unchanged folders", write("content/social/lot/deep/er/est/d.md", "---\nchannels: [mastodon]\n---\nD\n")},
		{"a bundle turned into a flat file", all(remove("content/blog/bocal"), write("content/blog/bocal.md", "---\ntitle: Bocal\ndate: 2026-01-02\n---\n## Contenance\n"))},
		{"a folder renamed", rename("content/social/lot", "content/social/pile")},
		{"a file moved into a campaign", rename("content/social/pile/c.md", "content/campaigns/repair/c.md")},
		{"a campaign's index removed, its posts kept", remove("content/campaigns/repair/index.md")},
		{"a symbolic link to an article", symlink("velo.md", "content/blog/alias.md")},
		{"a symbolic link to a folder", symlink("../social", "content/blog/lien")},
		{"a symbolic link to nothing", symlink("nowhere.md", "content/blog/dangling.md")},
		{"the linked article changes", write("content/blog/velo.md", "---\ntitle: Le vélo en ville\ndate: 2026-01-01\n---\n## Comment\n")},
		{"an empty file", write("content/blog/vide.md", "")},
		{"CRLF and a BOM", write("content/blog/crlf.md", "\uFEFF---\r\ntitle: CRLF\r\ndate: 2026-01-03\r\n---\r\n## Titre\r\n")},
		{"TOML frontmatter", write("content/blog/toml.md", "+++\ntitle = \"TOML\"\ndate = 2026-01-04\n+++\n## Deux\n")},
		{"not UTF-8", write("content/blog/latin1.md", "---\ntitle: caf\xe9\ndate: 2026-01-05\n---\n")},
		{"dated in the future", all(write("content/blog/futur.md", "---\ntitle: Futur\ndate: 2026-01-06\n---\n"), func() {
			if err := os.Chtimes(abs("content/blog/futur.md"), future, future); err != nil {
				t.Fatal(err)
			}
		})},
		{"the future file edited, size and time kept", all(write("content/blog/futur.md", "---\ntitle: Autre\ndate: 2026-01-06\n---\n"), func() {
			if err := os.Chtimes(abs("content/blog/futur.md"), future, future); err != nil {
				t.Fatal(err)
			}
		})},
	}
	cfg := loadConfig(t, dir)
	file := filepath.Join(t.TempDir(), "index")
	for _, step := range steps {
		step.do()
		want := siteSummary(checktest.Load(t, dir))
		s := scan(t, cfg, file)
		if got := siteSummary(s.Repo(nil)); got != want {
			t.Fatalf("%s: the index gives\n%s\nLoad gives\n%s", step.name, got, want)
		}
		if err := s.Save(); err != nil {
			t.Fatal(err)
		}
		if got := siteSummary(scan(t, cfg, file).Repo(nil)); got != want {
			t.Fatalf("%s: the saved index gives\n%s\nLoad gives\n%s", step.name, got, want)
		}
		// Make every file and folder trusted, and index them, so that the
		// next step finds the folders it does not touch in the index.
		backdateFiles(t, dir)
		settled := scan(t, cfg, file)
		settled.Repo(nil)
		if err := settled.Save(); err != nil {
			t.Fatal(err)
		}
		// A link to nothing is read each time: it has no stat to trust.
		dangling := 0
		if _, err := os.Lstat(abs("content/blog/dangling.md")); err == nil {
			dangling = 1
		}
		if again := scan(t, cfg, file); again.Read() != dangling {
			t.Fatalf("%s: %d files read from an index just written", step.name, again.Read())
		}
	}
}

// backdateFiles is backdate for a tree with symbolic links, which it
// leaves alone.
func backdateFiles(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.Type()&os.ModeSymlink != 0 {
			return err
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestIndexSavedByConcurrentChecks: checks running at once (an editor's,
// a pre-commit hook's) each write the index; whichever writes last, the
// index is whole and right.
func TestIndexSavedByConcurrentChecks(t *testing.T) {
	files := map[string]string{}
	for i := range 40 {
		files[fmt.Sprintf("content/blog/a%02d.md", i)] = fmt.Sprintf("---\ntitle: Article %d\ndate: 2026-01-01\n---\n## Titre %d\n\n[suite](a%02d.md)\n", i, i, (i+1)%40)
	}
	dir := checktest.WriteRepo(t, files)
	backdate(t, dir)
	cfg := loadConfig(t, dir)
	file := filepath.Join(t.TempDir(), "index")
	want := siteSummary(checktest.Load(t, dir))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			s, err := content.ScanIndexed(cfg, content.ScanOptions{File: file, Key: "test"})
			if err != nil {
				t.Error(err)
				return
			}
			if got := siteSummary(s.Repo(nil)); got != want {
				t.Errorf("a concurrent scan gives\n%s\nLoad gives\n%s", got, want)
			}
			if err := s.Save(); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	s := scan(t, cfg, file)
	if s.Read() != 0 {
		t.Errorf("%d files read from the index the checks wrote", s.Read())
	}
	if got := siteSummary(s.Repo(nil)); got != want {
		t.Errorf("the index gives\n%s\nLoad gives\n%s", got, want)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(file), ".index-*"))
	if len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}
