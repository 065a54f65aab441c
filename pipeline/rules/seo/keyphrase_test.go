package seo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/prose"
)

func TestPhraseFind(t *testing.T) {
	tests := []struct {
		lang, phrase, text string
		want               []string // the matched text, in order
	}{
		// The issue's own example: stop words and word forms.
		{"fr", "réseaux sociaux", "Sur les réseaux sociaux, un réseau social compte.", []string{"réseaux sociaux", "réseau social"}},
		{"fr", "réseaux sociaux", "Les Réseaux Sociaux et les RESEAUX SOCIAUX.", []string{"Réseaux Sociaux", "RESEAUX SOCIAUX"}},
		// Typed without accents, found with them, and the other way round.
		{"fr", "reseaux sociaux", "Les réseaux sociaux.", []string{"réseaux sociaux"}},
		{"fr", "kit de réparation", "Un kit de reparation, des kits de réparations.", []string{"kit de reparation", "kits de réparations"}},
		// Stop words may sit between the content words, in any number.
		{"fr", "gamelle inox", "Une gamelle en inox, une gamelle de l’inox.", []string{"gamelle en inox", "gamelle de l’inox"}},
		{"fr", "gamelle en inox", "Une gamelle inox.", []string{"gamelle inox"}},
		// Another content word between them breaks the match.
		{"fr", "gamelle inox", "Une gamelle bleue en inox.", nil},
		// A sentence or clause end breaks it too.
		{"fr", "gamelle inox", "Prenez une gamelle. Inox ou verre ?", nil},
		{"fr", "brosse en bois", "Brosse en bois : changez la tête.", []string{"Brosse en bois"}},
		// Elisions are not words: « l’emballage » holds « emballage ».
		{"fr", "emballage cire", "L’emballage à la cire d’abeille.", []string{"emballage à la cire"}},
		// Hyphenated words give their parts.
		{"fr", "zéro déchet", "Une cuisine zéro-déchet.", []string{"zéro-déchet"}},
		// Order matters.
		{"fr", "réseaux sociaux", "Sociaux, les réseaux ?", nil},
		{"en", "stainless steel lunch box", "A stainless steel lunch box and two stainless-steel lunch boxes.", []string{"stainless steel lunch box", "stainless-steel lunch boxes"}},
		{"en", "wooden dish brush", "Wooden dish brushes last; a wooden brush for dishes does not match.", []string{"Wooden dish brushes"}},
		{"en", "repair cafe", "We repaired it at the Repair Café, one of many repair cafés.", []string{"Repair Café", "repair cafés"}},
		{"en", "how to choose a lunch box", "Choosing a lunch box is easy.", []string{"Choosing a lunch box"}},
		// Matches do not overlap.
		{"en", "box box", "box box box", []string{"box box"}},
		// A keyphrase of stop words only keeps its words.
		{"en", "the", "The end of the road.", []string{"The", "the"}},
		// Languages without a stemmer compare folded words.
		{"de", "Straße", "Die STRASSE und die Strasse.", []string{"STRASSE", "Strasse"}},
	}
	for _, tt := range tests {
		ph := NewPhrase(tt.phrase, tt.lang)
		var got []string
		for _, s := range ph.Find(tt.text) {
			got = append(got, tt.text[s.Start:s.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: %q in %q: got %q, want %q (terms %q)", tt.lang, tt.phrase, tt.text, got, tt.want, ph.Terms)
		}
	}
}

func TestPhraseTerms(t *testing.T) {
	tests := []struct {
		lang, phrase string
		terms        string
	}{
		{"fr", "les réseaux sociaux", "reseau social"},
		{"fr", "Réseau social", "reseau social"},
		{"fr", "comment bien choisir sa gamelle en inox pour le bureau", "comment bien chois gamel inox bureau"},
		{"fr", "ils", "il"}, // stop words only: kept
		{"en", "how to choose a stainless steel lunch box", "choos stainless steel lunch box"},
		{"en", "Lunch-Boxes", "lunch box"},
	}
	for _, tt := range tests {
		ph := NewPhrase(tt.phrase, tt.lang)
		if got := strings.Join(ph.Terms, " "); got != tt.terms {
			t.Errorf("%s %q: terms %q, want %q", tt.lang, tt.phrase, got, tt.terms)
		}
	}
	if a, b := NewPhrase("réseaux sociaux", "fr").Key(), NewPhrase("le Réseau Social", "fr").Key(); a != b {
		t.Errorf("keys differ: %q and %q", a, b)
	}
	if a, b := NewPhrase("social", "fr").Key(), NewPhrase("social", "en").Key(); a == b {
		t.Errorf("keys of two languages are equal: %q", a)
	}
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		lang, text string
		want       int
	}{
		{"fr", "L’école d’aujourd’hui a un porte-monnaie.", 5},
		{"fr", "Le « 18/8 » désigne l’acier.", 5},
		{"en", "Don't panic: it's a well-known box.", 6},
		{"en", "", 0},
	}
	for _, tt := range tests {
		if got := CountWords(tt.text, tt.lang); got != tt.want {
			t.Errorf("%s %q: %d words, want %d", tt.lang, tt.text, got, tt.want)
		}
	}
}

func TestTitlePixels(t *testing.T) {
	tests := []struct {
		title string
		want  int
	}{
		// Arial at 20 px: an "a" is 1139/2048 em, 11.1 px; an "i" 4.4 px.
		{"a", 11},
		{"iiiii", 22},
		{"WWWWW", 94},
		{"été", 28},      // accented letters have their own widths
		{"Ĉ", 14},        // a letter the table lacks: its base letter, C
		{"日本", 22},       // no Latin base: an average letter each
		{"a\u202Fb", 25}, // narrow no-break space: half a space
		{"Gamelle en inox : comment bien la choisir", 371}, // 38019 font units
	}
	for _, tt := range tests {
		if got := TitlePixels(tt.title); got != tt.want {
			t.Errorf("TitlePixels(%q) = %d, want %d", tt.title, got, tt.want)
		}
	}
}

func FuzzPhraseFind(f *testing.F) {
	f.Add("fr", "réseaux sociaux", "Sur les réseaux sociaux, un réseau social compte.")
	f.Add("en", "lunch box", "Two lunch-boxes. A lunch box!")
	f.Add("fr", "l’", "l’l’l’")
	f.Add("en", "-", "- -- a-b")
	f.Add("fr", "Œuvre d’art", "Une œuvre d’art, des oeuvres d'art.")
	f.Fuzz(func(t *testing.T, lang, phrase, text string) {
		if !utf8.ValidString(phrase) || !utf8.ValidString(text) {
			return
		}
		ph := NewPhrase(phrase, lang)
		prev := 0
		for _, s := range ph.Find(text) {
			if s.Start < prev || s.End <= s.Start || s.End > len(text) {
				t.Fatalf("bad span %v after %d in %q", s, prev, text)
			}
			prev = s.End
		}
		// A keyphrase is found in itself, unless it holds punctuation that
		// ends a clause.
		if len(ph.Terms) > 0 && !strings.ContainsAny(ph.Text, clauseEnds) && ph.Count(ph.Text) == 0 {
			t.Fatalf("%q (terms %q) not found in itself", ph.Text, ph.Terms)
		}
	})
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Réseaux": "reseaux", "ŒUVRE": "oeuvre", "Straße": "strasse", "déjà-vu": "deja-vu",
		"l’été": "l'ete", "İstanbul": "istanbul", "日本": "日本", "abc": "abc", "": "",
	}
	for in, want := range tests {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
	// The table of Latin letters agrees with Unicode decomposition.
	for r := rune(0); r < 0x250; r++ {
		if got, want := fold(string(r)), foldSlow(string(r)); got != want {
			t.Errorf("fold(%q) = %q, foldSlow gives %q", r, got, want)
		}
	}
}

func TestSameText(t *testing.T) {
	same := [][2]string{
		{"Entretenir ses emballages en cire", "Entretenir ses Emballages en Cire !"},
		{"Nos conseils zéro déchet.", "Nos conseils zéro-déchet"},
		{"L’été", "l'ete"},
	}
	for _, p := range same {
		if a, b := sameText("fr", p[0]), sameText("fr", p[1]); a != b {
			t.Errorf("%q and %q differ: %q, %q", p[0], p[1], a, b)
		}
	}
	if a, b := sameText("fr", "Savon solide"), sameText("fr", "Savons solides"); a == b {
		t.Errorf("different texts have one key %q", a)
	}
	if k := sameText("fr", " !? "); k != "" {
		t.Errorf("a text without words has the key %q", k)
	}
}

func TestFormatPercent(t *testing.T) {
	tests := []struct {
		f      float64
		digits int
		fr     bool
		want   string
	}{
		{0.5, 1, false, "0.5%"}, {3, 1, false, "3%"}, {12.5, 1, true, "12,5\u00a0%"},
		{0.466, 2, false, "0.47%"}, {0.4, 2, true, "0,4\u00a0%"}, {1.75, 1, false, "1.8%"},
	}
	for _, tt := range tests {
		if got := formatPercent(tt.f, tt.digits, tt.fr); got != tt.want {
			t.Errorf("formatPercent(%v, %d, %v) = %q, want %q", tt.f, tt.digits, tt.fr, got, tt.want)
		}
	}
}

// TestStemKeepsFirstLetter checks what Phrase.is relies on to skip most
// words: a word's term starts with the word's folded first letter. The
// words are those of the example content, in French and English, and
// Snowball's exceptions.
func TestStemKeepsFirstLetter(t *testing.T) {
	words := map[string][]string{
		"en": {"skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early", "only", "singly", "news", "howe", "atlas", "cosmos", "bias", "andes", "yes", "youth", "Yellow", "generously", "Éclair"},
		"fr": {"yeux", "écoles", "Œuvres", "Île", "ÉTÉ", "Ypérite", "usages", "ainsi", "yaourts", "Çà", "À"},
	}
	files, _ := filepath.Glob("../../../content/*/*.md")
	more, _ := filepath.Glob("../../../content/*/*/*.md")
	for _, f := range append(files, more...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		lang := "fr"
		if strings.Contains(string(src), "\nlang: en") {
			lang = "en"
		}
		for _, w := range prose.Words(string(src), lang) {
			words[lang] = append(words[lang], strings.Split(w.Text, "-")...)
		}
	}
	if len(words["fr"]) < 1000 || len(words["en"]) < 1000 {
		t.Fatalf("too few words from the example content: %d fr, %d en", len(words["fr"]), len(words["en"]))
	}
	for lang, list := range words {
		l := languageOf(lang)
		for _, w := range list {
			if w == "" {
				continue
			}
			c := firstLetter(w)
			if term := l.word(w).term; c != 0 && term != "" && term[0] != c {
				t.Errorf("%s %q: term %q does not start with %q", lang, w, term, c)
			}
		}
	}
}
