package prose_test

import (
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/prose"
)

func words(ws []prose.Word) string {
	var out []string
	for _, w := range ws {
		s := w.Text
		if w.Elided {
			s += "(elided)"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestWords(t *testing.T) {
	tests := []struct{ text, lang, want string }{
		{"L’école d'aujourd’hui, c’est jusqu’au soir.", "fr", "L’(elided) école d'(elided) aujourd’hui c’(elided) est jusqu’(elided) au soir"},
		{"Qu’il vienne : porte-monnaie, 21 h, #tag.", "fr", "Qu’(elided) il vienne porte-monnaie 21 h tag"},
		{"Don't use the well-known rock'n'roll.", "en", "Don't use the well-known rock'n'roll"},
		{"l’ seul", "fr", "l seul"},
	}
	for _, tt := range tests {
		if got := words(prose.Words(tt.text, tt.lang)); got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestSentences(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Bonjour ! Comment allez-vous ? Très bien.", "Bonjour ! | Comment allez-vous ? | Très bien."},
		{"Bonjour\u202F! Ça va\u202F?", "Bonjour\u202F! | Ça va\u202F?"},
		{"M. Dupont arrive. Il a 3.5 ans… Vraiment.", "M. Dupont arrive. | Il a 3.5 ans… | Vraiment."},
		{"See brindille.example for more. Then e.g. read it.", "See brindille.example for more. | Then e.g. read it."},
		{"« Réparez. » Ensuite, jetez moins.", "« Réparez. » | Ensuite, jetez moins."},
		{"no end", "no end"},
	}
	for _, tt := range tests {
		var parts []string
		for _, s := range prose.Sentences(tt.text) {
			parts = append(parts, tt.text[s.Start:s.End])
		}
		if got := strings.Join(parts, " | "); got != tt.want {
			t.Errorf("Sentences(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestBlocksMapBackToTheFile(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/a.md": "---\ntitle: T\ndate: 2026-01-01\n---\n## Réseaux *sociaux*\n\nUn `code` puis **gras** et [lien](https://x.example/url) fin.\n\n> Citée\n\n- item un\n\n```\nignored code\n```\n",
	})
	repo := checktest.Load(t, dir)
	d := repo.Documents[0]
	bs := prose.Blocks(d)
	var got []string
	for _, b := range bs {
		got = append(got, b.Text)
	}
	want := []string{"Réseaux sociaux", "Un      puis gras et lien fin.", "Citée", "item un"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("blocks = %q, want %q", got, want)
	}
	if bs[0].Kind != prose.Heading || bs[0].Level != 2 || !bs[2].Quoted || bs[3].Kind != prose.ListItem {
		t.Errorf("kinds: %+v %+v %+v", bs[0].Kind, bs[2].Quoted, bs[3].Kind)
	}
	// "sociaux" is on line 5, after "## Réseaux *": column 13.
	if p := bs[0].Pos(d, strings.Index(bs[0].Text, "sociaux")); p.Line != 5 || p.Column != 13 {
		t.Errorf("sociaux at %+v, want 5:13", p)
	}
	if p := bs[1].Pos(d, strings.Index(bs[1].Text, "lien")); p.Line != 7 || p.Column != 29 {
		t.Errorf("lien at %+v, want 7:29", p)
	}
	if p := bs[1].Pos(d, strings.Index(bs[1].Text, "fin")); p.Line != 7 || p.Column != 58 {
		t.Errorf("fin at %+v, want 7:58", p)
	}
	// Computed once and shared.
	if &prose.Blocks(d)[0] != &bs[0] {
		t.Errorf("blocks computed twice")
	}
}
