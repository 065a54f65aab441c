package site

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixture is testdata/site: a blog in French and English with a page
// bundle, a translation, a draft, a future article, tags with accents and
// every Markdown feature the theme renders.
const fixture = "testdata/site"

// at is the clock of the fixture's builds: the draft and the article of
// January 2027 are not due.
var at = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// lastmod pretends that git saw the gamelle article change after its date.
var lastmod = map[string]time.Time{
	"content/blog/gamelle-inox/index.md": time.Date(2026, 11, 2, 18, 30, 0, 0, time.UTC),
	"content/blog/brosse-bois.md":        time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC), // before its date: ignored
}

func loadRepo(t testing.TB, dir string) *content.Repo {
	t.Helper()
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	repo, err := content.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

// buildFixture builds dir into a new folder and returns it.
func buildFixture(t testing.TB, dir string, opts Options) (string, Stats) {
	t.Helper()
	if opts.Out == "" {
		opts.Out = filepath.Join(t.TempDir(), "public")
	}
	if opts.At.IsZero() {
		opts.At = at
	}
	if opts.LastMod == nil {
		opts.LastMod = lastmod
	}
	stats, err := Build(loadRepo(t, dir), opts)
	if err != nil {
		t.Fatalf("build %s: %v", dir, err)
	}
	return opts.Out, stats
}

// tree reads every file under dir, by slash path.
func tree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBuildWritesTheSite(t *testing.T) {
	out, stats := buildFixture(t, fixture, Options{})
	files := tree(t, out)
	want := []string{
		"index.html", "404.html", "robots.txt", "sitemap.xml", "feed.xml", "style.css", "favicon.svg",
		"fr/index.html", "fr/page/2/index.html", "fr/blog/index.html", "fr/tags/index.html", "fr/feed.xml",
		"fr/blog/gamelle-inox/index.html", "fr/blog/gamelle-inox/cover.png",
		"fr/blog/brosse-bois/index.html", "fr/blog/kit-reparation/index.html",
		"fr/tags/zero-dechet/index.html", "fr/tags/zero-dechet/feed.xml",
		"fr/tags/cuisine/index.html", "fr/tags/reparation/index.html",
		"en/index.html", "en/blog/index.html", "en/tags/index.html", "en/feed.xml",
		"en/blog/stainless-lunch-box/index.html", "en/tags/kitchen/index.html",
		"media/guide.pdf", "media/schema.png",
	}
	for _, name := range want {
		if _, ok := files[name]; !ok {
			t.Errorf("%s was not written", name)
		}
	}
	for _, name := range []string{"fr/blog/brouillon/index.html", "fr/blog/futur/index.html", "fr/page/3/index.html"} {
		if _, ok := files[name]; ok {
			t.Errorf("%s was written: it is not due", name)
		}
	}
	if stats.Articles != 4 || stats.Files != len(files) {
		t.Errorf("stats = %+v, want 4 articles and %d files", stats, len(files))
	}
	for name, data := range files {
		if strings.HasSuffix(name, ".html") && bytes.Contains(data, []byte("<script>")) {
			t.Errorf("%s holds a raw <script>: raw HTML must be omitted", name)
		}
	}
}

func TestDraftsAndFuture(t *testing.T) {
	tests := []struct {
		name           string
		opts           Options
		draft, future  bool
		robotsDisallow bool
	}{
		{"due only", Options{}, false, false, false},
		{"drafts", Options{Drafts: true}, true, false, true},
		{"future", Options{Future: true}, false, true, true},
		{"later clock", Options{At: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)}, false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := buildFixture(t, fixture, tt.opts)
			exists := func(p string) bool {
				_, err := os.Stat(filepath.Join(out, filepath.FromSlash(p)))
				return err == nil
			}
			if got := exists("fr/blog/brouillon/index.html"); got != tt.draft {
				t.Errorf("draft built = %v, want %v", got, tt.draft)
			}
			if got := exists("fr/blog/futur/index.html"); got != tt.future {
				t.Errorf("future article built = %v, want %v", got, tt.future)
			}
			robots, _ := os.ReadFile(filepath.Join(out, "robots.txt"))
			if got := strings.Contains(string(robots), "Disallow: /"); got != tt.robotsDisallow {
				t.Errorf("robots.txt = %q, want Disallow: %v", robots, tt.robotsDisallow)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := buildFixture(t, fixture, Options{})
	b, _ := buildFixture(t, fixture, Options{})
	ta, tb := tree(t, a), tree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files, then %d", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

// copyFixture copies testdata/site to a temporary folder that a test may
// change.
func copyFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range tree(t, fixture) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A failed build, whatever stops it, leaves the previous site as it was
// and no temporary folder behind.
func TestFailedBuildKeepsPreviousSite(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string // the error, line by line
	}{
		{
			name: "missing images, en and fr",
			files: map[string]string{
				"content/blog/broken.md": "---\ntitle: Broken\ndate: 2026-10-01T10:00:00+02:00\nlang: en\nimage: hero.png\n---\n\nText.\n\n![A missing photo](photo.png) and ![](../media/none.jpg)\n",
				"content/blog/casse.md":  "---\ntitle: Cassé\ndate: 2026-10-01T10:00:00+02:00\n---\n\nUn texte « avec » une image absente : ![Une photo](photo.jpg).\n",
			},
			want: []string{
				"content/blog/broken.md:5:8: image hero.png not found: there is no file content/blog/hero.png",
				"content/blog/broken.md:10:1: image photo.png not found",
				"content/blog/broken.md:10:35: image ../media/none.jpg not found",
				"content/blog/casse.md:6:39: image photo.jpg not found",
			},
		},
		{
			name: "template error at run time",
			files: map[string]string{
				"templates/article.html": "{{define \"main\"}}\n<h1>{{.Title}}</h1>\n{{.Article.Nope}}\n{{end}}\n",
			},
			want: []string{`templates/article.html:3:10: executing "main" at <.Article.Nope>: can't evaluate field Nope in type *site.ArticleView`},
		},
		{
			name: "template that does not parse",
			files: map[string]string{
				"templates/partials/footer.html": "<footer>\n{{if .Site.Year}}\n</footer>\n",
			},
			want: []string{`templates/partials/footer.html:4: unexpected EOF`},
		},
		{
			name:  "blog title for a language the site does not have",
			files: map[string]string{"cm.yaml": "site:\n  title: Brindille\n  base_url: https://brindille.example\n  languages: [fr, en]\nblog:\n  languages:\n    de: {title: Zweig}\n"},
			want:  []string{`cm.yaml: blog.languages.de: "de" is not one of site.languages (fr, en)`},
		},
		{
			name: "two articles at one address",
			files: map[string]string{
				"content/blog/autre.md": "---\ntitle: Autre\ndate: 2026-10-01T10:00:00+02:00\nslug: kit-reparation\n---\n\nTexte.\n",
			},
			want: []string{"content/blog/autre.md:4:7: /fr/blog/kit-reparation/ is also the address of content/blog/kit-reparation.md: give one of them another slug"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFixture(t)
			parent := t.TempDir()
			out, _ := buildFixture(t, dir, Options{Out: filepath.Join(parent, "public")})
			before := tree(t, out)
			for name, text := range tt.files {
				writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), text)
			}
			_, err := Build(loadRepo(t, dir), Options{Out: out, At: at})
			if err == nil {
				t.Fatal("the build succeeded")
			}
			if got, want := err.Error(), strings.Join(tt.want, "\n"); got != want {
				t.Errorf("error:\n%s\nwant:\n%s", got, want)
			}
			var se *Error
			if !errors.As(err, &se) {
				t.Errorf("%T is not a *site.Error", err)
			}
			after := tree(t, out)
			if len(after) != len(before) {
				t.Errorf("the previous site had %d files, now %d", len(before), len(after))
			}
			for name, data := range before {
				if !bytes.Equal(data, after[name]) {
					t.Errorf("%s changed", name)
				}
			}
			entries, _ := os.ReadDir(parent)
			if len(entries) != 1 {
				t.Errorf("left behind in %s: %v", parent, entries)
			}
		})
	}
}

// A theme file in the repo replaces the built-in one; the others stay.
func TestTemplateOverride(t *testing.T) {
	dir := copyFixture(t)
	writeFile(t, filepath.Join(dir, "templates/partials/footer.html"), `<footer class="brand">Brindille, Lyon</footer>`)
	writeFile(t, filepath.Join(dir, "templates/static/style.css"), `body { color: teal }`)
	writeFile(t, filepath.Join(dir, "templates/archetypes/article.md"), `{{ this is cm new's, not a layout`)
	out, _ := buildFixture(t, dir, Options{})
	page, _ := os.ReadFile(filepath.Join(out, "fr/index.html"))
	if !strings.Contains(string(page), `<footer class="brand">Brindille, Lyon</footer>`) {
		t.Error("the repo's footer partial was not used")
	}
	if !strings.Contains(string(page), `<header class="site-header">`) {
		t.Error("the built-in header was not used")
	}
	css, _ := os.ReadFile(filepath.Join(out, "style.css"))
	if string(css) != `body { color: teal }` {
		t.Errorf("style.css = %q", css)
	}
}
