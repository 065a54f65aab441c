package site

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/corpus"
)

// previewTree renders every file of a preview, by slash path as in tree.
func previewTree(t testing.TB, p *Preview) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	for _, name := range p.Names() {
		f, ok, err := p.File(name)
		if err != nil || !ok {
			t.Fatalf("File(%s) = %v, %v", name, ok, err)
		}
		data := f.Data
		if data == nil {
			if data, err = os.ReadFile(f.Path); err != nil {
				t.Fatal(err)
			}
		}
		files[strings.TrimPrefix(name, "/")] = data
	}
	return files
}

// sameSite fails the test where a preview and a build differ.
func sameSite(t *testing.T, what string, built, previewed map[string][]byte) {
	t.Helper()
	for name, want := range built {
		got, ok := previewed[name]
		switch {
		case !ok:
			t.Errorf("%s: the preview has no %s", what, name)
		case !bytes.Equal(got, want):
			t.Errorf("%s: %s differs from cm build's:\n%s\nwant\n%s", what, name, got, want)
		}
	}
	for name := range previewed {
		if _, ok := built[name]; !ok {
			t.Errorf("%s: the preview has %s, which cm build does not write", what, name)
		}
	}
}

// TestPreviewIsBuild checks that every file of a preview is the file cm
// build writes, byte for byte, and that there are no others.
func TestPreviewIsBuild(t *testing.T) {
	tests := []struct {
		name string
		dir  string
		opts Options
	}{
		{"fixture", fixture, Options{}},
		{"fixture with drafts and future (as cm serve)", fixture, Options{Drafts: true, Future: true}},
		{"the example site", "../..", Options{Drafts: true, Future: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.At, tt.opts.LastMod = at, lastmod
			out, _ := buildFixture(t, tt.dir, tt.opts)
			p, err := NewPreview(loadRepo(t, tt.dir), tt.opts, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Errors()) > 0 {
				t.Fatalf("errors: %v", p.Errors())
			}
			sameSite(t, tt.name, tree(t, out), previewTree(t, p))
		})
	}
}

// copyDir copies a fixture into a temp folder that a test may edit.
func copyDir(t testing.TB, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

func edit(t testing.TB, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPreviewAfterSaves edits the fixture as an editor would, updating the
// repo and the preview after each save: only what changed is rendered
// again, and the result is still cm build's.
func TestPreviewAfterSaves(t *testing.T) {
	dir := copyDir(t, fixture)
	opts := Options{Drafts: true, Future: true, At: at, LastMod: lastmod}
	cache := NewCache()
	repo := loadRepo(t, dir)
	p, err := NewPreview(repo, opts, cache)
	if err != nil {
		t.Fatal(err)
	}
	all := p.Rendered()
	if all != len(repo.Articles) {
		t.Fatalf("the first preview rendered %d articles, want %d", all, len(repo.Articles))
	}
	steps := []struct {
		name     string
		save     func() []string
		rendered int
	}{
		{"a French article's text", func() []string {
			edit(t, dir, "content/blog/kit-reparation.md", "tient dans", "tient, bien rangé, dans")
			return []string{"content/blog/kit-reparation.md"}
		}, 1},
		{"an English article's title", func() []string {
			edit(t, dir, "content/blog/stainless-lunch-box.md", "title: \"", "title: \"New: ")
			return []string{"content/blog/stainless-lunch-box.md"}
		}, 1},
		{"nothing but the same bytes", func() []string {
			return []string{"content/blog/brosse-bois.md"}
		}, 1},
		{"a slug, which moves an address others may link to", func() []string {
			edit(t, dir, "content/blog/brosse-bois.md", "title: ", "slug: brosse-en-bois\ntitle: ")
			return []string{"content/blog/brosse-bois.md"}
		}, all},
		{"an image", func() []string {
			src := filepath.Join(dir, "content/blog/gamelle-inox/cover.png")
			data, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(src, data, 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{"content/blog/gamelle-inox/cover.png"}
		}, all},
	}
	for _, step := range steps {
		changed := step.save()
		if repo, err = repo.Update(changed); err != nil {
			t.Fatal(err)
		}
		cache.Forget(changed)
		p, err := NewPreview(repo, opts, cache)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		if p.Rendered() != step.rendered {
			t.Errorf("%s: %d articles rendered again, want %d", step.name, p.Rendered(), step.rendered)
		}
		opts := opts
		opts.Out = filepath.Join(t.TempDir(), "public")
		if _, err := Build(loadRepo(t, dir), opts); err != nil {
			t.Fatal(err)
		}
		sameSite(t, step.name, tree(t, opts.Out), previewTree(t, p))
	}
}

// TestPreviewKeepsServing checks that an article cm build would refuse (a
// missing image) is an error of the preview, at its place in the file,
// while the rest of the site is still served; and that two articles at one
// address stop the preview, as they stop the build.
func TestPreviewKeepsServing(t *testing.T) {
	dir := copyDir(t, fixture)
	edit(t, dir, "content/blog/kit-reparation.md", "boîte.", "boîte.\n\n![Une pièce](piece.png)")
	edit(t, dir, "content/blog/stainless-lunch-box.md", "for life\".", "for life\".\n\n![A lid](lid.png)")
	p, err := NewPreview(loadRepo(t, dir), Options{Drafts: true, Future: true, At: at}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range p.Errors() {
		got = append(got, e.Error())
	}
	want := []string{}
	for _, f := range []string{"content/blog/kit-reparation.md", "content/blog/stainless-lunch-box.md"} {
		for _, e := range p.Errors() {
			if e.File == f && e.Line > 1 && strings.Contains(e.Message, "not found") {
				want = append(want, e.Error())
			}
		}
	}
	if len(got) != 2 || !slices.Equal(got, want) {
		t.Errorf("errors = %q, want one missing image in each article, at its line", got)
	}
	f, ok, err := p.File("/fr/blog/kit-reparation/")
	if err != nil || !ok || !bytes.Contains(f.Data, []byte("<h1>")) || f.Article != "content/blog/kit-reparation.md" || f.Lang != "fr" {
		t.Errorf("the article with the missing image is not served: %v %v", ok, err)
	}

	edit(t, dir, "content/blog/brosse-bois.md", "title: ", "slug: kit-reparation\ntitle: ")
	_, err = NewPreview(loadRepo(t, dir), Options{Drafts: true, Future: true, At: at}, nil)
	if err == nil || !strings.Contains(err.Error(), "is also the address of") {
		t.Errorf("two articles at one address: err = %v", err)
	}
}

// BenchmarkPreviewSave is cm serve's work after an article of a
// 1,000-article site is saved: the repo updated, the preview planned with
// the other bodies from the cache, the article's page rendered.
func BenchmarkPreviewSave(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Articles: 1000, Posts: 200, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	repo, err := content.Load(cfg)
	if err != nil {
		b.Fatal(err)
	}
	cache := NewCache()
	opts := Options{Drafts: true, Future: true, At: at}
	p, err := NewPreview(repo, opts, cache)
	if err != nil {
		b.Fatal(err)
	}
	saved := repo.Articles[500].Path
	page := p.URL(saved)
	b.ReportAllocs()
	for b.Loop() {
		repo, err = repo.Update([]string{saved})
		if err != nil {
			b.Fatal(err)
		}
		p, err := NewPreview(repo, opts, cache)
		if err != nil {
			b.Fatal(err)
		}
		if _, ok, err := p.File(page); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}
