package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

// newRepo copies the example cm.yaml and archetypes into a temp repo.
func newRepo(t *testing.T, withArchetypes bool) string {
	t.Helper()
	dir := t.TempDir()
	data, err := os.ReadFile("../../cm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "cm.yaml", string(data))
	if withArchetypes {
		for _, kind := range []string{"article", "post", "campaign"} {
			data, err := os.ReadFile("../../templates/archetypes/" + kind + ".md")
			if err != nil {
				t.Fatal(err)
			}
			writeFile(t, dir, "templates/archetypes/"+kind+".md", string(data))
		}
	}
	return dir
}

func TestNewArticle(t *testing.T) {
	for _, archetypes := range []bool{true, false} {
		dir := newRepo(t, archetypes)
		r := run(t, "new", "article", "Les réseaux sociaux après 21 h", "--lang", "fr", "--dir", dir)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		rel := "content/blog/les-reseaux-sociaux-apres-21-h.md"
		if !strings.Contains(r.stdout, rel) {
			t.Errorf("stdout = %q", r.stdout)
		}
		cfg, err := config.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		repo, err := content.Load(cfg)
		if err != nil {
			t.Fatal(err)
		}
		a, ok := repo.Item(rel).(*content.Article)
		if !ok {
			t.Fatalf("no article at %s", rel)
		}
		if len(a.Problems) != 0 {
			t.Errorf("the new article has schema problems: %+v", a.Problems)
		}
		// 21:15 UTC on 30 November is 22:15 in Paris, the same day.
		if a.Title != "Les réseaux sociaux après 21 h" || !a.Draft || a.Lang != "fr" ||
			a.Date.In(cfg.Location).Format("2006-01-02 15:04") != "2026-11-30 22:15" {
			t.Errorf("article = %+v", a.ArticleMeta)
		}
		src := string(a.Src)
		for _, key := range []string{"title", "description", "slug", "date", "draft", "author", "tags", "keyphrase", "image", "image_alt", "lang", "translation_key", "canonical", "sponsored", "share"} {
			if !strings.Contains(src, "\n"+key+":") {
				t.Errorf("archetypes=%v: the new article lacks the key %s:\n%s", archetypes, key, src)
			}
		}
		if !strings.Contains(src, "date: 2026-11-30T22:15:00+01:00") {
			t.Errorf("date not in the site's timezone:\n%s", src)
		}
		// Never overwrite.
		if err := os.WriteFile(filepath.Join(dir, rel), []byte("edited by hand"), 0o644); err != nil {
			t.Fatal(err)
		}
		r = run(t, "new", "article", "Les réseaux sociaux après 21 h", "--dir", dir)
		if r.code != 2 || !strings.Contains(r.stderr, "already exists") {
			t.Errorf("second new: exit %d, stderr %q", r.code, r.stderr)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, rel)); string(got) != "edited by hand" {
			t.Errorf("the file was overwritten")
		}
	}
}

func TestNewPostAndCampaign(t *testing.T) {
	dir := newRepo(t, true)
	steps := []struct {
		args []string
		file string
	}{
		{[]string{"new", "campaign", "Semaine de la réparation"}, "content/campaigns/semaine-de-la-reparation/index.md"},
		{[]string{"new", "post", "Jour 1 : l’atelier", "--campaign", "semaine-de-la-reparation"}, "content/campaigns/semaine-de-la-reparation/jour-1-l-atelier.md"},
		{[]string{"new", "post", "Thanks, everyone!", "--lang", "en"}, "content/social/thanks-everyone.md"},
	}
	for _, s := range steps {
		r := run(t, append(s.args, "--dir", dir)...)
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", s.args, r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(dir, s.file)); err != nil {
			t.Errorf("%v did not create %s: %v", s.args, s.file, err)
		}
	}
	// Everything cm new writes passes the schema.
	r := run(t, "check", "--dir", dir, "--rule", "schema")
	if r.code != 0 {
		t.Errorf("cm check after cm new: exit %d\n%s", r.code, r.stdout)
	}
	cfg, _ := config.Load(dir)
	repo, _ := content.Load(cfg)
	camp := repo.Campaigns[0]
	if camp.Title != "Semaine de la réparation" || !camp.Ends.After(camp.Starts) || len(camp.Posts) != 1 {
		t.Errorf("campaign = %+v, %d posts", camp.CampaignMeta, len(camp.Posts))
	}
	post := repo.Item("content/social/thanks-everyone.md").(*content.Post)
	if !post.PublishAt.Queued || strings.Join(post.Channels, ",") != "bluesky,mastodon,team" || post.Lang != "en" {
		t.Errorf("post = %+v", post.PostMeta)
	}
	for _, bad := range [][]string{
		{"new", "video", "X"},
		{"new", "post", "X", "--campaign", "nope"},
		{"new", "article", "X", "--lang", "de"},
		{"new", "article", "???"},
	} {
		if r := run(t, append(bad, "--dir", dir)...); r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q", bad, r.code, r.stderr)
		}
	}
}
