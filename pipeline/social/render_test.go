package social

import (
	"testing"

	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/content"
)

const renderConfig = checktest.Config + `  x: {type: x}
  instagram: {type: instagram}
`

func TestRender(t *testing.T) {
	files := map[string]string{
		"cm.yaml":                            renderConfig,
		"content/campaigns/semaine/index.md": "---\ntitle: Semaine\nstarts: 2027-02-08\nends: 2027-02-14\nchannels: [mastodon, bluesky]\nhashtags: [\"#Réparer\", Lyon]\n---\n",
		// Body text, campaign hashtags appended, link to the blog tagged.
		"content/campaigns/semaine/lancement.md": "---\npublish_at: 2027-02-08T12:15:00+01:00\nlink: /fr/blog/gamelle/\nvariants:\n  bluesky: \"Variante #lyon\"\n---\n\n  C’est parti !\n",
		// The text already holds the link; an external link is left alone.
		"content/social/lien.md":    "---\nchannels: [x]\nlink: https://test.example/fr/blog/gamelle/#avis\n---\nVoir https://test.example/fr/blog/gamelle/?utm_source=x&utm_medium=social#avis et https://ailleurs.example/\n",
		"content/social/externe.md": "---\nchannels: [mastodon]\nlink: https://ailleurs.example/page?x=1\nlang: en\n---\nElsewhere.",
		"content/blog/gamelle.md":   "---\ntitle: Gamelle\ndate: 2027-02-01\nimage: cover.jpg\nimage_alt: Une gamelle\nshare:\n  instagram: \"Notre guide\"\n  mastodon: \"Notre guide de la gamelle\"\n---\nTexte.",
	}
	repo := checktest.Load(t, checktest.WriteRepo(t, files))
	got := map[string]Message{}
	for _, it := range repo.Items {
		for _, m := range Messages(repo.Config, it) {
			got[it.Doc().Path+" "+m.Channel] = m
		}
	}
	for _, tc := range []struct {
		key, text, source string
		pos               content.Position
		media             int
	}{
		{"content/campaigns/semaine/lancement.md mastodon",
			"C’est parti !\n\n#Réparer #Lyon\n\nhttps://test.example/fr/blog/gamelle/?utm_source=mastodon&utm_medium=social&utm_campaign=semaine",
			"", content.Position{Line: 8, Column: 3}, 0},
		{"content/campaigns/semaine/lancement.md bluesky",
			"Variante #lyon\n\n#Réparer\n\nhttps://test.example/fr/blog/gamelle/?utm_source=bluesky&utm_medium=social&utm_campaign=semaine",
			"variants.bluesky", content.Position{Line: 5, Column: 12}, 0},
		{"content/social/lien.md x",
			"Voir https://test.example/fr/blog/gamelle/?utm_source=x&utm_medium=social#avis et https://ailleurs.example/",
			"", content.Position{Line: 5, Column: 1}, 0},
		{"content/social/externe.md mastodon", "Elsewhere.\n\nhttps://ailleurs.example/page?x=1", "", content.Position{Line: 6, Column: 1}, 0},
		{"content/blog/gamelle.md mastodon", "Notre guide de la gamelle\n\nhttps://test.example/fr/blog/gamelle/?utm_source=mastodon&utm_medium=social",
			"share.mastodon", content.Position{Line: 8, Column: 13}, 1},
		{"content/blog/gamelle.md instagram", "Notre guide\n\nhttps://test.example/fr/blog/gamelle/?utm_source=instagram&utm_medium=social",
			"share.instagram", content.Position{Line: 7, Column: 14}, 1},
	} {
		m, ok := got[tc.key]
		if !ok {
			t.Errorf("%s: no message", tc.key)
			continue
		}
		if m.Text != tc.text {
			t.Errorf("%s: text\n%q\nwant\n%q", tc.key, m.Text, tc.text)
		}
		if m.Source != tc.source || m.Pos != tc.pos {
			t.Errorf("%s: source %q at %v, want %q at %v", tc.key, m.Source, m.Pos, tc.source, tc.pos)
		}
		if len(m.Media) != tc.media {
			t.Errorf("%s: %d media, want %d", tc.key, len(m.Media), tc.media)
		}
	}
	if len(got) != 6 {
		t.Errorf("got %d messages, want 6", len(got))
	}
	if m := got["content/blog/gamelle.md instagram"]; m.Network != Instagram {
		t.Errorf("instagram channel has network %v", m.Network)
	}
}

func TestRenderUTMOptions(t *testing.T) {
	post := "---\nchannels: [mastodon]\nlink: https://test.example/fr/blog/x/\n---\nTexte."
	for _, tc := range []struct {
		name, social, want string
	}{
		{"off", "social:\n  utm: {enabled: false}\n", "Texte.\n\nhttps://test.example/fr/blog/x/"},
		{"medium and default campaign", "social:\n  utm: {medium: reseaux, campaign: hiver 2027}\n",
			"Texte.\n\nhttps://test.example/fr/blog/x/?utm_source=mastodon&utm_medium=reseaux&utm_campaign=hiver+2027"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo := checktest.Load(t, checktest.WriteRepo(t, map[string]string{
				"cm.yaml":             checktest.Config + tc.social,
				"content/social/a.md": post,
			}))
			m, ok := Render(repo.Config, repo.Posts[0], "mastodon")
			if !ok || m.Text != tc.want {
				t.Errorf("got %q, want %q", m.Text, tc.want)
			}
			if _, ok := Render(repo.Config, repo.Posts[0], "bluesky"); ok {
				t.Error("rendered for a channel the post does not go to")
			}
		})
	}
}
