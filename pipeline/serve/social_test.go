package serve

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/social"
)

// TestCutAt checks where each network would cut a text: after the last
// character its count allows, never inside a character a reader sees as
// one.
func TestCutAt(t *testing.T) {
	link := "https://atelier-velo.example/fr/blog/velo-en-ville/?utm_source=x"
	tests := []struct {
		name  string
		text  string
		net   *social.Network
		limit int
		want  string // the text kept
	}{
		{"fits", "Bonjour", social.Bluesky, 300, "Bonjour"},
		{"French, graphemes", strings.Repeat("é", 10), social.Bluesky, 4, "éééé"},
		{"an accent written as e + U+0301 is one", strings.Repeat("e\u0301", 5), social.Bluesky, 2, "e\u0301e\u0301"},
		{"a family emoji is one grapheme", "ab👨‍👩‍👧cd", social.Bluesky, 3, "ab👨‍👩‍👧"},
		{"X: an emoji weighs 2", "ab👍cd", social.X, 3, "ab"},
		{"X: a link weighs 23", "Voir " + link + " merci", social.X, 28, "Voir " + link},
		{"Mastodon: a link counts 23", "See " + link + " thanks", social.Mastodon, 27, "See " + link},
		{"Bluesky: a link counts as written", "See " + link, social.Bluesky, 10, "See https:"},
		{"LinkedIn: UTF-16 units", "a😀b", social.LinkedIn, 2, "a"},
	}
	for _, tt := range tests {
		got := tt.text[:cutAt(tt.text, tt.net, tt.limit)]
		if got != tt.want {
			t.Errorf("%s: kept %q, want %q", tt.name, got, tt.want)
		}
	}
	// Bluesky also limits bytes: 3,000.
	long := strings.Repeat("€", 1200) // 1,200 graphemes, 3,600 bytes
	if got := cutAt(long, social.Bluesky, 5000); got != 3000 {
		t.Errorf("Bluesky bytes: cut at %d, want 3000", got)
	}
}

// TestSegments splits a text into text, links and hashtags around a cut.
func TestSegments(t *testing.T) {
	text := "Révision #Vélo gratuite : https://atelier.example/a #Printemps"
	cut := strings.Index(text, "atelier.example")
	kept, over := segments(text, cut, false)
	show := func(segs []segment) string {
		var b strings.Builder
		for _, s := range segs {
			b.WriteString("[" + s.Kind + ":" + s.Text + "]")
		}
		return b.String()
	}
	if got := show(kept); got != "[text:Révision ][hashtag:#Vélo][text: gratuite : ][link:https://]" {
		t.Errorf("kept %s", got)
	}
	if got := show(over); got != "[link:atelier.example/a][text: ][hashtag:#Printemps]" {
		t.Errorf("over %s", got)
	}
	// A hashtag in a link's fragment is part of the link.
	kept, _ = segments("https://atelier.example/#faq #Aide", 1000, false)
	if got := show(kept); got != "[link:https://atelier.example/#faq][text: ][hashtag:#Aide]" {
		t.Errorf("fragment: %s", got)
	}
	shortenLinks(kept)
	if kept[0].Text != "atelier.example/#faq" || kept[0].URL != "https://atelier.example/#faq" {
		t.Errorf("shortened %+v", kept[0])
	}
}

// FuzzSegments checks, for any text and limit, that the cut is a place
// in the text that fits the limit, and that the segments put back
// together are the text.
func FuzzSegments(f *testing.F) {
	f.Add("Bonjour #Vélo https://atelier.example/x?y=1#z 👨‍👩‍👧 fin", 12, "bluesky")
	f.Add("é\u0301\u0301 ＃tag @user@mastodon.example", 3, "mastodon")
	f.Add("www.example.com t.co/x #1 #a_b", 5, "x")
	f.Add(strings.Repeat("a", 400), 280, "x")
	f.Fuzz(func(t *testing.T, text string, limit int, network string) {
		n := social.Networks[network]
		if n == nil || !utf8.ValidString(text) || limit < 0 {
			return
		}
		cut := cutAt(text, n, limit)
		if cut < 0 || cut > len(text) || !utf8.ValidString(text[:cut]) {
			t.Fatalf("cut %d in %q", cut, text)
		}
		if cut < len(text) && limit > 0 && n.Length(text[:cut]) > limit && cut > 0 {
			t.Fatalf("kept %q counts %d, over %d", text[:cut], n.Length(text[:cut]), limit)
		}
		kept, over := segments(text, cut, n == social.X)
		var b strings.Builder
		for _, s := range append(kept, over...) {
			if s.Text == "" {
				t.Fatalf("an empty segment in %q", text)
			}
			b.WriteString(s.Text)
		}
		if b.String() != text {
			t.Fatalf("segments give %q, not %q", b.String(), text)
		}
	})
}

// FuzzNormalizeTarget checks that any page address becomes a clean,
// rooted path: the event streams key pages by it.
func FuzzNormalizeTarget(f *testing.F) {
	for _, s := range []string{"/fr/blog/x/", "/_cm/calendar?view=week&date=2027-01-17", "/../../etc/passwd", "//x//y/../z?b=2&a=1&v=3", "%zz", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got := normalizeTarget(raw)
		p, _, _ := strings.Cut(got, "?")
		if !strings.HasPrefix(p, "/") || strings.Contains(p, "/../") || strings.HasSuffix(p, "/..") || strings.Contains(p, "//") {
			t.Fatalf("normalizeTarget(%q) = %q", raw, got)
		}
		if normalizeTarget(got) != got {
			t.Fatalf("normalizeTarget is not stable on %q: %q then %q", raw, got, normalizeTarget(got))
		}
	})
}
