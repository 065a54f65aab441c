package social

import (
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

// The expected counts follow each network's published rules: twitter-text
// v3's weights (Latin 1, CJK and emoji 2, links 23, NFC first), Mastodon's
// StatusLengthValidator (links 23, @user@domain as @user, graphemes) and
// Bluesky's lexicon (graphemes, bytes).
func TestWeightedLength(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       int
	}{
		{"ascii", "Hello world", 11},
		{"french accents precomposed", "Réparer à Lyon", 14},
		{"combining accent normalised to one", "cafe\u0301", 4},
		{"typographic quotes and dashes weigh 1", "« l’atelier » — “yes”", 21},
		{"narrow no-break space weighs 2", "Prêt\u202f?", 7},
		{"CJK weighs 2", "日本語", 6},
		{"hangul weighs 2", "한국어", 6},
		{"emoji weighs 2", "😀", 2},
		{"emoji with skin tone is one emoji", "👍🏽", 2},
		{"ZWJ family is one emoji", "👨\u200d👩\u200d👧\u200d👦", 2},
		{"flag is one emoji", "🇫🇷", 2},
		{"keycap is one emoji", "1\ufe0f\u20e3", 2},
		{"heart with selector", "❤\ufe0f", 2},
		{"text copyright weighs 1", "©", 1},
		{"https link weighs 23", "https://brindille.example/fr/blog/une-tres-longue-adresse-de-blog/?utm_source=x", 23},
		{"short link weighs 23 too", "http://t.co", 23},
		{"bare domain with generic TLD", "see brindille.com", 4 + 23},
		{"bare country domain without path is text", "see brindille.fr", 16},
		{"bare country domain with path is a link", "see brindille.fr/atelier", 4 + 23},
		{"sentence dot is not in the link", "Voir https://brindille.example.", 5 + 23 + 1},
		{"two links", "a https://a.example/x b https://b.example/y", 2 + 23 + 3 + 23},
		// twitter-text's conformance suite (validate.yml, weighted tweets
		// with emoji parsing): a cat, a smiley and a ZWJ family.
		{"twitter-text conformance: H🐱☺👨‍👩‍👧‍👦", "H🐱☺👨‍👩‍👧‍👦", 7},
		{"latin 280", strings.Repeat("a", 280), 280},
		{"CJK 140", strings.Repeat("語", 140), 280},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := WeightedLength(tc.text); got != tc.want {
				t.Errorf("WeightedLength(%q) = %d, want %d", tc.text, got, tc.want)
			}
		})
	}
}

func TestMastodonLength(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       int
	}{
		{"ascii", "Hello world", 11},
		{"link counts 23", "Lisez https://brindille.example/fr/blog/choisir-gamelle-inox/", 6 + 23},
		{"bare domain is text", "brindille.com", 13},
		{"remote mention counts as local", "Merci @alice@mastodon.social !", len("Merci @alice !")},
		{"local mention unchanged", "Merci @alice !", 14},
		{"email is not a mention", "ecrire a contact@brindille.example", 34},
		{"emoji is one character", "Bravo 👏🏽", 7},
		{"ZWJ sequence is one character", "👩\u200d🔧 atelier", 9},
		{"combining accent is one character", "cafe\u0301", 4},
		{"CJK counts 1", "日本語", 3},
		// Mastodon's status_length_validator_spec: a long link and a remote
		// mention still fit in 500.
		{"spec: a long link counts 23", strings.Repeat("a", 476) + " http://" + strings.Repeat("b", 30) + ".com/example", 500},
		{"spec: only the user part of a remote mention counts", strings.Repeat("a", 475) + " @alice@" + strings.Repeat("b", 30) + ".com", 482},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := MastodonLength(tc.text); got != tc.want {
				t.Errorf("MastodonLength(%q) = %d, want %d", tc.text, got, tc.want)
			}
		})
	}
}

func TestGraphemesAndUnits(t *testing.T) {
	for _, tc := range []struct {
		text                    string
		graphemes, utf16, runes int
	}{
		{"Réparer", 7, 7, 7},
		{"cafe\u0301", 4, 5, 5},
		{"👍🏽", 1, 4, 2},
		{"👨\u200d👩\u200d👧\u200d👦", 1, 11, 7},
		{"🇫🇷", 1, 4, 2},
		{"日本語", 3, 3, 3},
		{"https://brindille.example/x", 27, 27, 27},
	} {
		if got := Graphemes(tc.text); got != tc.graphemes {
			t.Errorf("Graphemes(%q) = %d, want %d", tc.text, got, tc.graphemes)
		}
		if got := UTF16Length(tc.text); got != tc.utf16 {
			t.Errorf("UTF16Length(%q) = %d, want %d", tc.text, got, tc.utf16)
		}
		if got := Runes(tc.text); got != tc.runes {
			t.Errorf("Runes(%q) = %d, want %d", tc.text, got, tc.runes)
		}
	}
}

func TestURLs(t *testing.T) {
	for _, tc := range []struct {
		text       string
		schemeless bool
		want       []string
	}{
		{"Voir https://brindille.example/fr/blog/x/ !", false, []string{"https://brindille.example/fr/blog/x/"}},
		{"(https://brindille.example/a_(b))", false, []string{"https://brindille.example/a_(b)"}},
		{"(voir https://brindille.example/a)", false, []string{"https://brindille.example/a"}},
		{"https://brindille.example:8080/x?y=1#z.", false, []string{"https://brindille.example:8080/x?y=1#z"}},
		{"«https://brindille.example/x»", false, []string{"https://brindille.example/x"}},
		{"HTTPS://Brindille.Example", false, []string{"HTTPS://Brindille.Example"}},
		{"xhttps://brindille.example", false, nil},
		{"brindille.com et t.co/abc", true, []string{"brindille.com", "t.co/abc"}},
		{"brindille.com", false, nil},
		{"@brindille.com #brindille.com", true, nil},
		{"version 1.2 ou fichier.txt", true, nil},
		{"http://localhost/x", false, nil},
	} {
		var got []string
		for _, s := range URLs(tc.text, tc.schemeless) {
			got = append(got, tc.text[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("URLs(%q, %v) = %q, want %q", tc.text, tc.schemeless, got, tc.want)
		}
	}
}

func TestHashtagsOf(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"#ZeroDéchet et #réparer_2027 !", []string{"ZeroDéchet", "réparer_2027"}},
		{"#1 n’est pas un hashtag, #2027a oui", []string{"2027a"}},
		{"C#, a#b et &#39; non", nil},
		{"https://brindille.example/x#ancre #Vrai", []string{"Vrai"}},
		{"＃全角", []string{"全角"}},
	} {
		got := HashtagsOf(tc.text)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("HashtagsOf(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// The counters and extractors never panic and stay within their bounds.
func FuzzCount(f *testing.F) {
	for _, s := range []string{"", "Hello", "a\r\nb\n\rc", "Prêt\u202f? « oui » – l’atelier‼", "e\u0301\u200d", "https://brindille.example/x?a=(b)#c.", "👨\u200d👩\u200d👧", "@a@b.c #tag", "t.co/x", "cafe\u0301", "\xff\xfe", "http://a.b:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, schemeless := range []bool{false, true} {
			prev := 0
			for _, u := range URLs(s, schemeless) {
				if u.Start < prev || u.End <= u.Start || u.End > len(s) {
					t.Fatalf("URLs(%q) span %v out of order or bounds", s, u)
				}
				prev = u.End
			}
		}
		if got, want := Graphemes(s), uniseg.GraphemeClusterCount(s); got != want {
			t.Fatalf("Graphemes(%q) = %d, uniseg says %d", s, got, want)
		}
		if n := MastodonLength(s); n < 0 {
			t.Fatal("negative length")
		}
		if n := WeightedLength(s); n < 0 || n > 2*len(s)+23 {
			t.Fatalf("WeightedLength(%q) = %d", s, n)
		}
		for _, h := range HashtagsOf(s) {
			if h == "" || !strings.Contains(s, h) {
				t.Fatalf("HashtagsOf(%q) gave %q", s, h)
			}
		}
	})
}
