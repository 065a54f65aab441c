package rules_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/rules"
)

// A site whose files read one another: articles with the same title,
// description and keyphrase, links between articles, to a heading, to a
// post and to an image, tags in common; posts on one channel too close
// together, a post outside the channel's windows, a campaign whose post
// falls outside its dates, a post already past.
var crossSite = map[string]string{
	"cm.yaml": checktest.Config + `schedule:
  channels:
    mastodon:
      windows:
        - {from: "12:00", to: "13:30"}
      min_spacing: 2h
      max_per_day: 2
`,
	"content/blog/reparer.md":             "---\ntitle: Réparer sa brosse à dents en bois\ndescription: Comment réparer une brosse à dents en bois sans outil, en dix minutes chrono.\nkeyphrase: réparer brosse\ndate: 2027-01-04T12:00:00+01:00\nlang: fr\ntags: [réparation, bois]\n---\n\n## Les outils\n\nRéparer une brosse : voir [le guide](guide/) et [l’autre](../blog/entretien.md#outils).\n",
	"content/blog/entretien.md":           "---\ntitle: Réparer sa brosse à dents en bois\ndescription: Comment réparer une brosse à dents en bois sans outil, en dix minutes chrono.\nkeyphrase: réparer brosse\ndate: 2027-01-05T12:00:00+01:00\nlang: fr\ntags: [bois]\n---\n\nRéparer une brosse, voir [réparer](reparer.md#les-outils), [le post](../social/a.md) et ![la brosse](guide/brosse.png).\n",
	"content/blog/guide/index.md":         "---\ntitle: Le guide de l’entretien du bois\ndescription: Tout pour entretenir les objets en bois de la maison, de la cuisine à la salle de bains.\ndate: 2027-01-06T12:00:00+01:00\nlang: fr\ntags: [réparation]\n---\n\nVoir [réparer](../reparer.md#outils-manquants).\n",
	"content/blog/guide/brosse.png":       "png",
	"content/blog/draft.md":               "---\ntitle: Brouillon\ndraft: true\ndate: 2027-01-07T12:00:00+01:00\nlang: fr\n---\n\nVoir [réparer](reparer.md).\n",
	"content/social/a.md":                 "---\npublish_at: 2027-02-01T12:00:00+01:00\nchannels: [mastodon]\nlang: fr\n---\nUn.",
	"content/social/b.md":                 "---\npublish_at: 2027-02-01T12:30:00+01:00\nchannels: [mastodon]\nlang: fr\n---\nDeux.",
	"content/social/c.md":                 "---\npublish_at: 2027-02-01T12:45:00+01:00\nchannels: [mastodon]\nlang: fr\n---\nTrois.",
	"content/social/late.md":              "---\npublish_at: 2027-02-02T23:00:00+01:00\nchannels: [mastodon]\nlang: fr\n---\nTard.",
	"content/social/past.md":              "---\npublish_at: 2026-01-01T12:00:00+01:00\nchannels: [mastodon]\nlang: fr\n---\nPassé.",
	"content/campaigns/semaine/index.md":  "---\ntitle: Semaine\nstarts: 2027-03-01\nends: 2027-03-07\nchannels: [mastodon]\nlang: fr\n---\n",
	"content/campaigns/semaine/jour-1.md": "---\npublish_at: 2027-03-20T12:00:00+01:00\nlang: fr\n---\nJour 1.",
}

// Every rule sees on a check of one file, where the other files come from
// the site index and only the kinds of pages the rules read are made whole
// (check.SiteReader), what it sees on a check of the whole site. A rule
// that reads other documents without declaring their kinds fails here.
func TestSiteReadersDeclareWhatTheyRead(t *testing.T) {
	dir := checktest.WriteRepo(t, crossSite)
	past := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Chtimes(p, past, past) // older than the index: taken from it
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	reg := rules.Registry()
	file := filepath.Join(t.TempDir(), "index")
	warm, err := content.ScanIndexed(cfg, content.ScanOptions{File: file, Key: "test", Facts: reg.Facts()})
	if err != nil {
		t.Fatal(err)
	}
	if err := warm.Save(); err != nil {
		t.Fatal(err)
	}
	full := checktest.Load(t, dir)
	now := time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC)
	diags := func(repo *content.Repo, path, id string) string {
		res, err := reg.Run(repo, check.Options{Only: func(p string) bool { return p == path }, Rules: []string{id}, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, d := range res.Diagnostics {
			fmt.Fprintf(&b, "%s:%d:%d %s %s | %s\n", d.File, d.Line, d.Column, d.Rule, d.Message, d.Suggestion)
		}
		return b.String()
	}
	crossFindings := map[string]bool{}
	for _, id := range reg.IDs() {
		kinds, err := reg.Reads(cfg, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range full.Documents {
			want := diags(full, d.Path, id)
			s, err := content.ScanIndexed(cfg, content.ScanOptions{File: file, Key: "test", Facts: reg.Facts(), Kinds: kinds})
			if err != nil {
				t.Fatal(err)
			}
			if s.Read() != 0 {
				t.Fatalf("%d files read from disk: the index was not used", s.Read())
			}
			if got := diags(s.Repo([]string{d.Path}), d.Path, id); got != want {
				t.Errorf("%s on %s, with the site index making pages of %v only:\n%s\nwith the whole site:\n%s", id, d.Path, kinds, got, want)
			}
			if want != "" && len(kinds) > 0 {
				crossFindings[id] = true
			}
		}
	}
	// The site is built so that the rules reading other files find
	// something: otherwise the comparison proves little.
	for _, id := range []string{"seo.duplicate-title", "seo.duplicate-description", "seo.broken-link", "schedule.spacing", "schedule.window", "schedule.campaign-range"} {
		if reg.Lookup(id) == nil {
			t.Fatalf("no rule %s: update the test", id)
		}
		if !crossFindings[id] {
			t.Errorf("%s finds nothing on the test site", id)
		}
	}
	if got, _ := reg.Reads(cfg, []string{"editorial", "typography", "spelling"}); len(got) != 0 {
		t.Errorf("the editorial line reads %v of other files, want nothing", got)
	}
	if got, _ := reg.Reads(cfg, []string{"seo"}); !slices.Equal(got, []content.Kind{content.KindArticle}) {
		t.Errorf("the SEO rules read %v, want articles", got)
	}
}
