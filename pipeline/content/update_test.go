package content_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/content"
)

// summary writes down everything Load decides about a repo, so that an
// updated repo can be compared with one loaded from scratch.
func summary(r *content.Repo) string {
	var b strings.Builder
	for _, d := range r.Documents {
		fmt.Fprintf(&b, "%s %s", d.Path, d.Kind)
		switch it := r.Item(d.Path).(type) {
		case *content.Article:
			fmt.Fprintf(&b, " article %q %s %s", it.Title, it.Lang, content.URLPath(r.Config.Site, it))
		case *content.Post:
			campaign := ""
			if it.Campaign != nil {
				campaign = it.Campaign.Name
			}
			fmt.Fprintf(&b, " post %q %v campaign=%s", it.Text, it.Channels, campaign)
		case *content.Campaign:
			var posts []string
			for _, p := range it.Posts {
				posts = append(posts, p.Path)
			}
			fmt.Fprintf(&b, " campaign %q %v posts=%v", it.Title, it.Channels, posts)
		case nil:
			b.WriteString(" no item")
		}
		b.WriteByte('\n')
		for _, p := range d.Problems {
			fmt.Fprintf(&b, "  %s %d:%d %s\n", p.Rule, p.Pos.Line, p.Pos.Column, p.Message)
		}
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

// TestUpdateIsLoad edits a repo step by step, as an editor would, and
// checks after each step that Update gives what Load gives.
func TestUpdateIsLoad(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/velo.md":               "---\ntitle: Le vélo\ndate: 2026-01-01\n---\nTexte.\n",
		"content/blog/bike.md":               "---\ntitle: Cycling\ndate: 2026-01-01\nlang: en\n---\nText.\n",
		"content/blog/gamelle/index.md":      "---\ntitle: Gamelle\ndate: 2026-01-02\nimage: cover.png\n---\n",
		"content/blog/gamelle/cover.png":     "png",
		"content/social/hello.md":            "---\nchannels: [mastodon]\n---\nBonjour\n",
		"content/campaigns/repair/index.md":  "---\ntitle: Repair week\nstarts: 2027-02-08\nends: 2027-02-14\nchannels: [mastodon]\n---\n",
		"content/campaigns/repair/monday.md": "---\npublish_at: 2027-02-09 12:15\n---\nMonday\n",
	})
	write := func(p, s string) func() []string {
		return func() []string {
			full := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(full, []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{p}
		}
	}
	remove := func(p string) func() []string {
		return func() []string {
			if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
				t.Fatal(err)
			}
			return []string{p}
		}
	}
	steps := []struct {
		name string
		do   func() []string
	}{
		{"edit an article's title", write("content/blog/velo.md", "---\ntitle: Le vélo en ville\ndate: 2026-01-01\n---\nTexte.\n")},
		{"break the frontmatter (fr)", write("content/blog/velo.md", "---\ntitle: Le vélo\ndate: 2026-01-01\nTexte.\n")},
		{"fix it", write("content/blog/velo.md", "---\ntitle: Le vélo\ndate: 2026-01-01\n---\nTexte.\n")},
		{"break the frontmatter (en)", write("content/blog/bike.md", "---\ntitle: [Cycling\ndate: 2026-01-01\n---\n")},
		{"a new article", write("content/blog/new.md", "---\ntitle: Nouveau\ndate: 2026-03-01\n---\n")},
		{"an article removed", remove("content/blog/new.md")},
		{"a campaign's channels change", write("content/campaigns/repair/index.md", "---\ntitle: Repair week\nstarts: 2027-02-08\nends: 2027-02-14\nchannels: [bluesky]\n---\n")},
		{"a post joins the campaign", write("content/campaigns/repair/tuesday.md", "---\npublish_at: 2027-02-10 12:15\n---\nTuesday\n")},
		{"a campaign post changes", write("content/campaigns/repair/monday.md", "---\npublish_at: 2027-02-09 12:30\n---\nLundi\n")},
		{"the campaign loses its index", remove("content/campaigns/repair/index.md")},
		{"and gets it back", write("content/campaigns/repair/index.md", "---\ntitle: Repair\nstarts: 2027-02-08\nends: 2027-02-14\nchannels: [mastodon, bluesky]\n---\n")},
		{"a post without channels", write("content/social/hello.md", "---\nlang: en\n---\nHello\n")},
		{"an image added", write("content/blog/gamelle/side.png", "png")},
		{"a bundle removed with its folder", remove("content/blog/gamelle")},
		{"a bundle moved in whole", func() []string {
			write("content/blog/bocal/index.md", "---\ntitle: Bocal\ndate: 2026-02-01\n---\n")()
			write("content/blog/bocal/cover.png", "png")()
			write("content/blog/bocal/.hidden.md", "---\n")()
			return []string{"content/blog/bocal"}
		}},
		{"swap files and backups are not read", func() []string {
			write("content/blog/.velo.md.swp", "x")()
			write("content/blog/velo.md~", "x")()
			return []string{"content/blog/.velo.md.swp", "content/blog/velo.md~", "content/.git/x", "cm.yaml", "content/README.md"}
		}},
		{"a file in the wrong place", write("content/notes.md", "---\ntitle: x\n---\n")},
		{"a whole folder removed", remove("content/campaigns")},
	}
	repo := checktest.Load(t, dir)
	for _, step := range steps {
		before := repo
		kept := map[string]*content.Document{}
		for _, d := range before.Documents {
			kept[d.Path] = d
		}
		changed := step.do()
		updated, err := before.Update(changed)
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		want := summary(checktest.Load(t, dir))
		if got := summary(updated); got != want {
			t.Fatalf("%s: Update gives\n%s\nLoad gives\n%s", step.name, got, want)
		}
		// Untouched articles keep their document, and with it what was
		// derived from it.
		for _, a := range updated.Articles {
			if old := kept[a.Path]; old != nil && !slices.ContainsFunc(changed, func(c string) bool {
				return a.Path == c || strings.HasPrefix(a.Path, c+"/")
			}) && old != a.Document {
				t.Errorf("%s: %s was parsed again, though it did not change", step.name, a.Path)
			}
		}
		if summary(before) == summary(updated) && step.name != "swap files and backups are not read" {
			t.Errorf("%s: nothing changed", step.name)
		}
		repo = updated
	}
}

// TestUpdateLeavesTheRepo checks that the repo Update starts from is not
// changed: the previous preview keeps serving it while the next is made.
func TestUpdateLeavesTheRepo(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/campaigns/week/index.md": "---\ntitle: Week\nstarts: 2027-02-08\nends: 2027-02-14\nchannels: [mastodon]\n---\n",
		"content/campaigns/week/a.md":     "---\npublish_at: 2027-02-09 12:15\n---\nDay\n",
	})
	repo := checktest.Load(t, dir)
	before := summary(repo)
	if err := os.WriteFile(filepath.Join(dir, "content/campaigns/week/b.md"), []byte("---\n---\nNight\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Update([]string{"content/campaigns/week/b.md"}); err != nil {
		t.Fatal(err)
	}
	if after := summary(repo); after != before {
		t.Errorf("Update changed the repo it started from:\n%s\nwas\n%s", after, before)
	}
}
