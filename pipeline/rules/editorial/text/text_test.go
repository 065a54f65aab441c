package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMask(t *testing.T) {
	sp := func(s string) string { return strings.Repeat(" ", len(s)) }
	for _, tc := range []struct{ in, want string }{
		{"Voir https://brindille.example/a?b=c.", "Voir " + sp("https://brindille.example/a?b=c") + "."},
		{"Écrivez à contact@brindille.example ou @brindille@mastodon.example !",
			"Écrivez à " + sp("contact@brindille.example") + " ou " + sp("@brindille@mastodon.example") + " !"},
		{"#ZéroDéchet et `code` et index.md", sp("#ZéroDéchet") + " et " + sp("`code`") + " et " + sp("index.md")},
		{"Rien à masquer, vraiment.", "Rien à masquer, vraiment."},
	} {
		if got := Mask(tc.in); got != tc.want {
			t.Errorf("Mask(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}

// FuzzMask: masking keeps the length and every byte is either kept or
// a space, so offsets in the masked text are offsets in the text.
func FuzzMask(f *testing.F) {
	for _, s := range []string{"Voir https://x.example/a.", "a@b.example @c #d `e` f.md", "l’école", "", "#", "@@", "http://"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m := Mask(s)
		if len(m) != len(s) {
			t.Fatalf("length %d, want %d", len(m), len(s))
		}
		for i := 0; i < len(s); i++ {
			if m[i] != s[i] && m[i] != ' ' {
				t.Fatalf("byte %d is %q, neither %q nor a space", i, m[i], s[i])
			}
		}
		if utf8.ValidString(s) && strings.TrimSpace(s) == s && !utf8.ValidString(m) {
			// Whole runes are masked: the result stays valid UTF-8.
			t.Fatalf("masking split a rune: %q", m)
		}
	})
}
