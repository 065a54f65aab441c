package content_test

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/vcs"
)

// siteSummary is what other pages' rules may read of every page: the
// frontmatter, where the links lead, the anchors, how posts and campaigns
// are linked. Problems are left out: a page read from the index is not
// checked, so it has none.
func siteSummary(r *content.Repo) string {
	var b strings.Builder
	for _, d := range r.Documents {
		fmt.Fprintf(&b, "%s %s", d.Path, d.Kind)
		switch it := r.Item(d.Path).(type) {
		case *content.Article:
			var links []string
			for _, l := range it.Links() {
				links = append(links, fmt.Sprintf("%s image=%v", l.Dest, l.Image))
			}
			var anchors []string
			for a := range it.Anchors() {
				anchors = append(anchors, a)
			}
			slices.Sort(anchors)
			fmt.Fprintf(&b, " article %+v bundle=%v url=%s date=%s\n  links %q\n  anchors %q",
				it.ArticleMeta, it.Bundle, content.URLPath(r.Config.Site, it), it.Date.Format(time.RFC3339Nano), links, anchors)
		case *content.Post:
			campaign := ""
			if it.Campaign != nil {
				campaign = it.Campaign.Name
			}
			fmt.Fprintf(&b, " post %+v at=%s text=%q campaign=%s", it.PostMeta, it.PublishAt.Time.Format(time.RFC3339Nano), it.Text, campaign)
		case *content.Campaign:
			var posts []string
			for _, p := range it.Posts {
				posts = append(posts, p.Path)
			}
			fmt.Fprintf(&b, " campaign %+v name=%s posts=%v", it.CampaignMeta, it.Name, posts)
		case nil:
			b.WriteString(" no item")
		}
		b.WriteByte('\n')
	}
	var assets []string
	for a := range r.Assets {
		assets = append(assets, a)
	}
	slices.Sort(assets)
	fmt.Fprintf(&b, "assets %v\n", assets)
	fmt.Fprintf(&b, "%d items, %d articles, %d posts, %d campaigns\n", len(r.Items), len(r.Articles), len(r.Posts), len(r.Campaigns))
	return b.String()
}

// past is the modification time backdate gives files: the same each time,
// so that a file rewritten with its size kept looks the same but for its
// inode change time.
var past = time.Now().Add(-time.Hour).Truncate(time.Second)

// backdate sets every file's and folder's modification time an hour back,
// so that the index trusts their records (a file modified within seconds of an index
// is read again, however it looks). It changes their ctime: an index made
// before is stale.
func backdate(t *testing.T, dir string) {
	t.Helper()
	err := filepath.WalkDir(filepath.Join(dir, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, past, past)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func loadConfig(t *testing.T, dir string) *config.Config {
	t.Helper()
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func scan(t *testing.T, cfg *config.Config, file string) *content.Scan {
	t.Helper()
	s, err := content.ScanIndexed(cfg, content.ScanOptions{File: file, Key: "test", SaveAfter: 1})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestIndexIsLoad edits a repo step by step and checks after each step
// that the site read from the index is the site Load reads, and that only
// the files that changed are read from disk.
func TestIndexIsLoad(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/velo.md": "---\ntitle: Le vélo\ndate: 2026-01-01T21:00:00+01:00\ntags: [ville, vélo]\nkeyphrase: vélo en ville\n" +
			"share:\n  mastodon: Le vélo !\n---\n# Le vélo\n\n## Pourquoi pédaler\n\nVoir [le bocal](/fr/blog/bocal/#taille) et ![](velo.png) <a id=\"ici\"></a>.[^1]\n\n[^1]: Note.\n",
		"content/blog/bike.md":               "---\ntitle: Cycling\ndate: 2026-01-01\nlang: en\ndraft: true\n---\nText with [a link](https://example.com).\n",
		"content/blog/gamelle/index.md":      "---\ntitle: Gamelle\ndate: 2026-01-02T08:00:00Z\nimage: cover.png\nimage_alt: Une gamelle\nsponsored: true\n---\n## Taille\n",
		"content/blog/gamelle/cover.png":     "png",
		"content/social/hello.md":            "---\nchannels: [mastodon]\nvariants:\n  mastodon: Salut\nmedia:\n  - src: a.png\n    alt: A\nlink: https://example.com\n---\nBonjour\n",
		"content/campaigns/repair/index.md":  "---\ntitle: Repair week\nstarts: 2027-02-08\nends: 2027-02-14\nchannels: [mastodon]\nhashtags: [repair]\ngoal: Réparer\n---\n",
		"content/campaigns/repair/monday.md": "---\npublish_at: 2027-02-09 12:15\n---\nMonday\n",
		"content/notes.md":                   "---\ntitle: x\n---\n",
	})
	write := func(p, s string) func() {
		return func() {
			full := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chtimes(full, past, past); err != nil {
				t.Fatal(err)
			}
		}
	}
	remove := func(p string) func() {
		return func() {
			if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				t.Fatal(err)
			}
		}
	}
	steps := []struct {
		name string
		do   func()
		read int // files read from disk by the scan after the step
	}{
		{"first scan: every file", func() {}, 7},
		{"nothing changed", func() {}, 0},
		{"an article's title, same size", write("content/blog/bike.md", "---\ntitle: Cyclist\ndate: 2026-01-01\nlang: en\ndraft: true\n---\nText with [a link](https://example.com).\n"), 1},
		{"a heading renamed", write("content/blog/gamelle/index.md", "---\ntitle: Gamelle\ndate: 2026-01-02T08:00:00Z\nimage: cover.png\nimage_alt: Une gamelle\nsponsored: true\n---\n## Quelle taille\n"), 1},
		{"a new article", write("content/blog/new.md", "---\ntitle: Nouveau\ndate: 2026-03-01\n---\n[velo](velo.md)\n"), 1},
		{"an article removed", remove("content/blog/new.md"), 0},
		{"a campaign's channels change", write("content/campaigns/repair/index.md", "---\ntitle: Repair week\nstarts: 2027-02-08\nends: 2027-02-14\nchannels: [bluesky]\n---\n"), 1},
		{"a post joins the campaign", write("content/campaigns/repair/tuesday.md", "---\npublish_at: 2027-02-10 12:15\n---\nTuesday\n"), 1},
		{"broken frontmatter", write("content/blog/bike.md", "---\ntitle: [Cycling\ndate: 2026-01-01\n---\n"), 1},
		{"a post without channels", write("content/social/hello.md", "---\nlang: en\n---\nHello\n"), 1},
		{"an image added", write("content/blog/gamelle/side.png", "png"), 0},
		{"a bundle removed with its folder", remove("content/blog/gamelle"), 0},
		{"a whole folder removed", remove("content/campaigns"), 0},
	}
	cfg := loadConfig(t, dir)
	file := filepath.Join(t.TempDir(), "index")
	backdate(t, dir)
	for _, step := range steps {
		step.do()
		s := scan(t, cfg, file)
		if got := s.Read(); got != step.read {
			t.Errorf("%s: %d files read from disk, want %d", step.name, got, step.read)
		}
		got := siteSummary(s.Repo(nil))
		want := siteSummary(checktest.Load(t, dir))
		if got != want {
			t.Fatalf("%s: the index gives\n%s\nLoad gives\n%s", step.name, got, want)
		}
		if err := s.Save(); err != nil {
			t.Fatal(err)
		}
		// Read again from the index just written: every page from it.
		again := scan(t, cfg, file)
		if again.Read() != 0 {
			t.Errorf("%s: a second scan read %d files", step.name, again.Read())
		}
		r := again.Repo(nil)
		if got := siteSummary(r); got != want {
			t.Fatalf("%s: the saved index gives\n%s\nLoad gives\n%s", step.name, got, want)
		}
		for _, d := range r.Documents {
			if !d.Indexed() {
				t.Errorf("%s: %s was read from disk", step.name, d.Path)
			}
		}
	}
}

// TestIndexReadsWhatItMust checks what makes the index read a file again,
// and that a damaged or foreign index is not used.
func TestIndexReadsWhatItMust(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/a.md": "---\ntitle: A\ndate: 2026-01-01\n---\n## Un\n",
		"content/blog/b.md": "---\ntitle: B\ndate: 2026-01-01\n---\n[a](a.md#un)\n",
	})
	cfg := loadConfig(t, dir)
	file := filepath.Join(t.TempDir(), "index")
	s := scan(t, cfg, file)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	// Just written: too recent to be trusted (racily clean).
	if got := scan(t, cfg, file).Read(); got != 2 {
		t.Fatalf("files modified just before the index: %d read, want 2", got)
	}
	backdate(t, dir)
	s = scan(t, cfg, file)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if got := scan(t, cfg, file).Read(); got != 0 {
		t.Fatalf("nothing changed: %d read", got)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(file), ".gitignore")); err != nil {
		t.Errorf("the cache folder has no .gitignore: %v", err)
	}

	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"truncated":    data[:len(data)/2],
		"a byte flips": flip(data, len(data)/2),
		"empty":        {},
		"other format": []byte("cm-index\xff" + string(data[9:])),
		// The folders, before the records, decode but are not what was
		// written: the checksum, checked while they are used, says so.
		"a folder lists another file": bytes.Replace(data, []byte("a.md"), []byte("c.md"), 1),
	} {
		if err := os.WriteFile(file, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		s := scan(t, cfg, file)
		if s.Read() != 2 {
			t.Errorf("%s: the index was used (%d files read)", name, s.Read())
		}
		if got, want := siteSummary(s.Repo(nil)), siteSummary(checktest.Load(t, dir)); got != want {
			t.Errorf("%s: got\n%s\nwant\n%s", name, got, want)
		}
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := scan(t, cfg, file).Read(); got != 0 {
		t.Fatalf("the index restored: %d read", got)
	}
	// Another build of cm, or another cm.yaml: the index is not used.
	other, err := content.ScanIndexed(cfg, content.ScanOptions{File: file, Key: "another build"})
	if err != nil {
		t.Fatal(err)
	}
	if other.Read() != 2 {
		t.Errorf("an index of another build was used")
	}
	yaml, err := os.ReadFile(cfg.Path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg.Path, append(yaml, []byte("\n# edited\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := scan(t, cfg, file).Read(); got != 2 {
		t.Errorf("an index of another cm.yaml was used (%d files read)", got)
	}
}

func flip(b []byte, i int) []byte {
	out := slices.Clone(b)
	out[i] ^= 0x20
	return out
}

// TestBroken checks which links of unchanged pages a change breaks, and
// that links broken before the change are not its doing.
func TestBroken(t *testing.T) {
	files := map[string]string{
		"content/blog/a.md":            "---\ntitle: A\ndate: 2026-01-01\n---\nVoir [b](/fr/blog/b/#un), [b2](/fr/blog/b/#deux) et [déjà cassé](/fr/blog/b/#jamais).\n",
		"content/blog/b.md":            "---\ntitle: B\ndate: 2026-01-01\n---\n## Un\n\n## Deux\n",
		"content/blog/c.md":            "---\ntitle: C\ndate: 2026-01-01\n---\nVoir [d](d/), [e](e.md) et [z](https://example.com/b/).\n",
		"content/blog/d/index.md":      "---\ntitle: D\ndate: 2026-01-01\nimage: cover.png\n---\nTexte.\n",
		"content/blog/d/cover.png":     "png",
		"content/blog/e.md":            "---\ntitle: E\ndate: 2026-01-01\nimage: d/cover.png\n---\nVoir [l’ancien](/fr/blog/old-slug/).\n",
		"content/blog/unrelated.md":    "---\ntitle: U\ndate: 2026-01-01\n---\n[a](a.md) [externe](https://b.example/).\n",
		"content/social/mentions-b.md": "---\nchannels: [mastodon]\n---\n/fr/blog/b/\n",
	}
	dir := checktest.WriteRepo(t, files)
	cfg := loadConfig(t, dir)
	file := filepath.Join(t.TempDir(), "index")
	backdate(t, dir)
	s := scan(t, cfg, file)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	// was is a file as the repo above has it, before the change.
	was := func(p string) content.Before {
		if !strings.HasSuffix(p, ".md") {
			return content.Before{Path: p, Existed: true}
		}
		_, it := content.Parse(cfg, p, []byte(files[p]))
		return content.Before{Path: p, Existed: true, Item: it}
	}
	write := func(p, text string) {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name   string
		change func()
		before []content.Before
		want   map[string][]string
	}{
		{"a heading renamed", func() { write("content/blog/b.md", "---\ntitle: B\ndate: 2026-01-01\n---\n## Un autre\n\n## Deux\n") },
			[]content.Before{was("content/blog/b.md")}, map[string][]string{"content/blog/a.md": {"/fr/blog/b/#un"}}},
		{"the text changed, no heading", func() {
			write("content/blog/b.md", "---\ntitle: B\ndate: 2026-01-01\n---\n## Un\n\nDu texte.\n\n## Deux\n")
		},
			[]content.Before{was("content/blog/b.md")}, map[string][]string{}},
		{"an article deleted", func() { os.Remove(filepath.Join(dir, "content/blog/b.md")) },
			[]content.Before{was("content/blog/b.md")}, map[string][]string{"content/blog/a.md": {"/fr/blog/b/#un", "/fr/blog/b/#deux"}}},
		{"a slug changed", func() {
			write("content/blog/b.md", "---\ntitle: B\ndate: 2026-01-01\nslug: bee\n---\n## Un\n\n## Deux\n")
		},
			[]content.Before{was("content/blog/b.md")}, map[string][]string{"content/blog/a.md": {"/fr/blog/b/#un", "/fr/blog/b/#deux"}}},
		{"a bundle's file and image deleted", func() { os.RemoveAll(filepath.Join(dir, "content/blog/d")) },
			[]content.Before{was("content/blog/d/index.md"), was("content/blog/d/cover.png")},
			map[string][]string{"content/blog/c.md": {"d/"}, "content/blog/e.md": {"d/cover.png"}}},
		{"an image deleted", func() { os.Remove(filepath.Join(dir, "content/blog/d/cover.png")) },
			[]content.Before{was("content/blog/d/cover.png")}, map[string][]string{"content/blog/d/index.md": {"cover.png"}, "content/blog/e.md": {"d/cover.png"}}},
		{"a new article", func() { write("content/blog/old-slug.md", "---\ntitle: N\ndate: 2026-01-01\n---\n") },
			[]content.Before{{Path: "content/blog/old-slug.md"}}, map[string][]string{}},
		{"an unrelated article changed", func() { write("content/blog/unrelated.md", "---\ntitle: U2\ndate: 2026-01-01\n---\n") },
			[]content.Before{was("content/blog/unrelated.md")}, map[string][]string{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.change()
			t.Cleanup(func() {
				for p, text := range files {
					full := filepath.Join(dir, p)
					os.MkdirAll(filepath.Dir(full), 0o755)
					os.WriteFile(full, []byte(text), 0o644)
				}
				os.Remove(filepath.Join(dir, "content/blog/old-slug.md"))
			})
			s := scan(t, cfg, file)
			r := s.Repo(nil)
			got := content.Broken(r, tt.before)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Fatalf("Broken = %v, want %v", got, tt.want)
			}
			// Expand gives those pages their source, for the rules.
			var pages []string
			for p := range got {
				pages = append(pages, p)
			}
			s.Expand(r, pages)
			for _, p := range pages {
				d := r.Item(p).Doc()
				if d.Indexed() || len(d.Src) == 0 || r.Documents[slices.IndexFunc(r.Documents, func(x *content.Document) bool { return x.Path == p })] != d {
					t.Errorf("%s was not read from disk by Expand", p)
				}
				if len(r.Item(p).(*content.Article).LinkPositions(got[p])) != len(got[p]) {
					t.Errorf("%s: LinkPositions(%v) = %v", p, got[p], r.Item(p).(*content.Article).LinkPositions(got[p]))
				}
			}
		})
	}
}

// TestFactsFromIndex checks that the facts of pages read from the index
// come from it, not derived again, and equal what deriving gives.
func TestFactsFromIndex(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/a.md":       "---\ntitle: Le Vélo\ndate: 2026-01-01\n---\n",
		"content/blog/b.md":       "---\ntitle: Le vélo !\ndate: 2026-01-01\n---\n",
		"content/social/post.md":  "---\nchannels: [mastodon]\n---\nBonjour\n",
		"content/blog/broken.md":  "---\ntitle: [\n---\n",
		"content/campaigns/x.md":  "---\ntitle: misplaced\n---\n",
		"content/blog/nothing.md": "---\ndate: 2026-01-01\n---\n",
	})
	backdate(t, dir)
	var calls atomic.Int32
	title := &content.Fact{Name: "title", Of: func(it content.Item) string {
		calls.Add(1)
		if a, ok := it.(*content.Article); ok {
			return strings.ToLower(strings.TrimRight(a.Title, " !"))
		}
		return ""
	}}
	cfg := loadConfig(t, dir)
	file := filepath.Join(t.TempDir(), "index")
	opts := content.ScanOptions{File: file, Key: "test", Facts: []*content.Fact{title}}
	s, err := content.ScanIndexed(cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s, err = content.ScanIndexed(cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	r := s.Repo(nil)
	calls.Store(0)
	for _, it := range r.Items {
		want := ""
		if a, ok := it.(*content.Article); ok {
			want = strings.ToLower(strings.TrimRight(a.Title, " !"))
		}
		if got := title.Value(it); got != want {
			t.Errorf("%s: fact %q, want %q", it.Doc().Path, got, want)
		}
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("facts of pages from the index were derived again (%d calls)", n)
	}
	// Another set of facts: the index is rebuilt, not misread.
	other := &content.Fact{Name: "other", Of: func(content.Item) string { return "x" }}
	s, err = content.ScanIndexed(cfg, content.ScanOptions{File: file, Key: "test", Facts: []*content.Fact{other}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Read() == 0 {
		t.Errorf("an index made for other facts was used")
	}
}

// TestChanges compares the work tree with another version's listing.
func TestChanges(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/same.md":        "same",
		"content/blog/edited.md":      "new text",
		"content/blog/new.md":         "new",
		"content/blog/b/index.md":     "bundle",
		"content/blog/b/kept.png":     "png",
		"content/social/post.md":      "post",
		"content/blog/README.md":      "not content",
		"content/blog/.draft.md.swp":  "editor",
		"content/campaigns/x/note.md": "x",
	})
	s := scan(t, loadConfig(t, dir), "")
	blob := func(text string) [20]byte { return vcs.BlobHash([]byte(text)) }
	listing := map[string][20]byte{
		"content/blog/same.md":         blob("same"),
		"content/blog/edited.md":       blob("old text"),
		"content/blog/b/index.md":      blob("bundle"),
		"content/blog/b/kept.png":      blob("png"),
		"content/blog/b/gone.png":      blob("gone"),
		"content/blog/deleted.md":      blob("deleted"),
		"content/social/post.md":       blob("post"),
		"content/campaigns/x/note.md":  blob("x"),
		"content/blog/README.md":       blob("old readme"),
		"content/blog/.old-draft.md":   blob("hidden"),
		"content/blog/.hidden/file.md": blob("hidden"),
	}
	paths, hashes := sortedListing(listing)
	changed, deleted := content.Changes(s, paths, hashes)
	if want := []string{"content/blog/edited.md", "content/blog/new.md"}; !slices.Equal(changed, want) {
		t.Errorf("changed = %v, want %v", changed, want)
	}
	if want := []string{"content/blog/b/gone.png", "content/blog/deleted.md"}; !slices.Equal(deleted, want) {
		t.Errorf("deleted = %v, want %v", deleted, want)
	}
	// Nothing changed: every file of the listing is on disk.
	delete(listing, "content/blog/b/gone.png")
	delete(listing, "content/blog/deleted.md")
	delete(listing, "content/blog/README.md")
	delete(listing, "content/blog/.old-draft.md")
	delete(listing, "content/blog/.hidden/file.md")
	listing["content/blog/edited.md"] = blob("new text")
	listing["content/blog/new.md"] = blob("new")
	paths, hashes = sortedListing(listing)
	if changed, deleted := content.Changes(s, paths, hashes); len(changed) != 0 || len(deleted) != 0 {
		t.Errorf("the same files: changed %v, deleted %v", changed, deleted)
	}
}

// sortedListing is a listing as vcs.ListAt gives it: paths in order, and
// their hashes.
func sortedListing(m map[string][20]byte) ([]string, [][20]byte) {
	paths := slices.Sorted(maps.Keys(m))
	hashes := make([][20]byte, len(paths))
	for i, p := range paths {
		hashes[i] = m[p]
	}
	return paths, hashes
}

// TestIndexSavesWhenItMissesEnough checks that a check does not rewrite
// the index for a change or two (the files are read again next time), and
// does once the index misses enough.
func TestIndexSavesWhenItMissesEnough(t *testing.T) {
	files := map[string]string{}
	for i := range 6 {
		files[fmt.Sprintf("content/blog/a%d.md", i)] = fmt.Sprintf("---\ntitle: A%d\ndate: 2026-01-01\n---\nTexte.\n", i)
	}
	dir := checktest.WriteRepo(t, files)
	backdate(t, dir)
	cfg := loadConfig(t, dir)
	file := filepath.Join(t.TempDir(), "index")
	opts := content.ScanOptions{File: file, Key: "test", SaveAfter: 3}
	scanSave := func() *content.Scan {
		t.Helper()
		s, err := content.ScanIndexed(cfg, opts)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Save(); err != nil {
			t.Fatal(err)
		}
		return s
	}
	scanSave() // the first index
	written := func() []byte {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	before := written()
	edit := func(i int, title string) {
		p := filepath.Join(dir, fmt.Sprintf("content/blog/a%d.md", i))
		if err := os.WriteFile(p, []byte("---\ntitle: "+title+"\ndate: 2026-01-01\n---\nTexte.\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, past, past); err != nil {
			t.Fatal(err)
		}
	}
	edit(0, "Nouveau titre")
	edit(1, "Autre titre")
	s := scanSave()
	if s.Read() != 2 || string(written()) != string(before) {
		t.Fatalf("two changes: %d files read, index rewritten: %v", s.Read(), string(written()) != string(before))
	}
	// Not saved, the changes are read again, and the site is right.
	s = scanSave()
	if s.Read() != 2 {
		t.Errorf("the next scan read %d files, want the 2 changed", s.Read())
	}
	if got, want := siteSummary(s.Repo(nil)), siteSummary(checktest.Load(t, dir)); got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
	edit(2, "Troisième")
	scanSave()
	if string(written()) == string(before) {
		t.Fatalf("three changes: the index was not written")
	}
	if s := scanSave(); s.Read() != 0 {
		t.Errorf("after the index was written: %d files read", s.Read())
	}
}

// TestRecorded checks that the index gives a file as it was before an
// edit, by the hash of that content only.
func TestRecorded(t *testing.T) {
	old := "---\ntitle: Avant\ndate: 2026-01-01\n---\n## Un titre\n"
	dir := checktest.WriteRepo(t, map[string]string{"content/blog/a.md": old})
	backdate(t, dir)
	cfg := loadConfig(t, dir)
	file := filepath.Join(t.TempDir(), "index")
	s := scan(t, cfg, file)
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	oldBlob := vcs.BlobHash([]byte(old))
	if _, ok := scan(t, cfg, file).Recorded("content/blog/a.md", oldBlob); ok {
		t.Error("an unchanged file is its own page, not a record of the past")
	}
	if err := os.WriteFile(filepath.Join(dir, "content/blog/a.md"), []byte("---\ntitle: Après\ndate: 2026-01-01\n---\n## Autre\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s = scan(t, cfg, file)
	it, ok := s.Recorded("content/blog/a.md", oldBlob)
	if !ok {
		t.Fatal("the record of the content before the edit is not found")
	}
	a := it.(*content.Article)
	if a.Title != "Avant" || !a.Anchors()["un-titre"] {
		t.Errorf("the record is %q with anchors %v, want the old title and heading", a.Title, a.Anchors())
	}
	if _, ok := s.Recorded("content/blog/a.md", vcs.BlobHash([]byte("something else"))); ok {
		t.Error("a record found for content the index never saw")
	}
	if got := siteSummary(s.Repo(nil)); !strings.Contains(got, "Après") || strings.Contains(got, "Avant") {
		t.Errorf("the site has the old page:\n%s", got)
	}
}

// With Kinds, the pages of other kinds that come from the index are there
// by their path alone; the files checked, the files read from disk and
// the campaigns are whole, and a checked post still takes its campaign.
func TestScanKinds(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/a.md":             "---\ntitle: A\ndate: 2026-01-01\n---\n[b](b.md)\n",
		"content/blog/b.md":             "---\ntitle: B\ndate: 2026-01-02\n---\n## Un\n",
		"content/social/p.md":           "---\npublish_at: 2027-01-01T12:00:00+01:00\nchannels: [mastodon]\n---\nP.",
		"content/social/q.md":           "---\npublish_at: 2027-01-02T12:00:00+01:00\nchannels: [mastodon]\n---\nQ.",
		"content/campaigns/c/index.md":  "---\ntitle: C\nstarts: 2027-01-01\nends: 2027-01-31\nchannels: [bluesky]\nhashtags: [repair]\n---\n",
		"content/campaigns/c/jour-1.md": "---\npublish_at: 2027-01-03T12:00:00+01:00\n---\nJour 1.",
		"content/campaigns/c/jour-2.md": "---\npublish_at: 2027-01-04T12:00:00+01:00\n---\nJour 2.",
		"content/blog/notes/README.md":  "not content",
		"content/blog/broken.md":        "---\ntitle: [unclosed\n---\n",
	})
	backdate(t, dir)
	cfg := loadConfig(t, dir)
	file := filepath.Join(t.TempDir(), "index")
	if err := scan(t, cfg, file).Save(); err != nil {
		t.Fatal(err)
	}
	// q.md changed since the index: read from disk, yet not checked.
	if err := os.WriteFile(filepath.Join(dir, "content/social/q.md"), []byte("---\npublish_at: 2027-01-02T13:00:00+01:00\nchannels: [mastodon]\n---\nQ2."), 0o644); err != nil {
		t.Fatal(err)
	}
	whole := siteSummary(checktest.Load(t, dir))
	s, err := content.ScanIndexed(cfg, content.ScanOptions{File: file, Key: "test", Kinds: []content.Kind{content.KindArticle}})
	if err != nil {
		t.Fatal(err)
	}
	r := s.Repo([]string{"content/campaigns/c/jour-1.md"})
	var paths []string
	for _, d := range r.Documents {
		paths = append(paths, d.Path)
	}
	if want := []string{"content/blog/a.md", "content/blog/b.md", "content/blog/broken.md", "content/campaigns/c/index.md", "content/campaigns/c/jour-1.md", "content/campaigns/c/jour-2.md", "content/social/p.md", "content/social/q.md"}; !slices.Equal(paths, want) {
		t.Errorf("documents %q, want every file %q", paths, want)
	}
	for _, p := range []string{"content/social/p.md", "content/social/q.md", "content/campaigns/c/jour-2.md"} {
		if it := r.Item(p); it != nil {
			t.Errorf("%s: a post of the index made whole: %v", p, it)
		}
	}
	for _, p := range []string{"content/blog/a.md", "content/blog/b.md", "content/campaigns/c/index.md"} {
		if r.Item(p) == nil {
			t.Errorf("%s: no item, want it whole", p)
		}
	}
	if a := r.Item("content/blog/b.md").(*content.Article); !a.Anchors()["un"] {
		t.Errorf("article b lost its anchors: %v", a.Anchors())
	}
	post, ok := r.Item("content/campaigns/c/jour-1.md").(*content.Post)
	if !ok || post.Campaign == nil || post.Campaign.Name != "c" || !slices.Equal(post.Channels, []string{"bluesky"}) {
		t.Fatalf("the checked post is not whole and linked to its campaign: %+v", post)
	}
	if len(r.Posts) != 1 || len(r.Articles) != 2 || len(r.Campaigns) != 1 {
		t.Errorf("%d posts, %d articles, %d campaigns; want 1, 2, 1", len(r.Posts), len(r.Articles), len(r.Campaigns))
	}
	// Without Kinds, the same index gives the whole site.
	if got := siteSummary(scan(t, cfg, file).Repo(nil)); got != whole {
		t.Errorf("without Kinds:\n%s\nwant\n%s", got, whole)
	}
}

// A language the scan gives from the index is the caller's own: a
// goroutine that outlives the check (the dictionary load) may read it
// after the index file was rewritten in place, which would fault on a
// string pointing into the old mapping.
func TestScanLanguageOutlivesTheIndexFile(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/a.md": "---\ntitle: A\ndate: 2026-01-01\nlang: en\n---\nText.\n",
	})
	backdate(t, dir)
	cfg := loadConfig(t, dir)
	file := filepath.Join(t.TempDir(), "index")
	if err := scan(t, cfg, file).Save(); err != nil {
		t.Fatal(err)
	}
	s := scan(t, cfg, file)
	if s.Read() != 0 {
		t.Fatal("the file was read from disk: the index was not used")
	}
	lang := s.Language("content/blog/a.md")
	if err := os.Truncate(file, 0); err != nil {
		t.Fatal(err)
	}
	if lang != "en" {
		t.Errorf("language %q, want en", lang)
	}
}
