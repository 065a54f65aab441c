package editorial

import (
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/prose"
)

func TestSyllables(t *testing.T) {
	for _, tc := range []struct {
		lang, word string
		want       int
	}{
		{"fr", "table", 1}, {"fr", "tables", 1}, {"fr", "parlent", 1}, {"fr", "moment", 2},
		{"fr", "réparation", 4}, {"fr", "créer", 2}, {"fr", "maïs", 2}, {"fr", "oiseau", 2},
		{"fr", "aujourd’hui", 3}, {"fr", "brosse", 1}, {"fr", "souvent", 2}, {"fr", "école", 2},
		{"fr", "l’", 0}, {"fr", "guerre", 1}, {"fr", "quatre", 1}, {"fr", "vêtement", 3},
		{"en", "the", 1}, {"en", "make", 1}, {"en", "makes", 1}, {"en", "baked", 1}, {"en", "repaired", 2},
		{"en", "beeswax", 2}, {"en", "repairability", 6}, {"en", "table", 2}, {"en", "boxes", 2},
		{"en", "yes", 1}, {"en", "wanted", 2}, {"en", "every", 3},
	} {
		if got := syllables(tc.word, tc.lang); got != tc.want {
			t.Errorf("%s %q: %d syllables, want %d", tc.lang, tc.word, got, tc.want)
		}
	}
}

func TestReadingEase(t *testing.T) {
	// 100 words, 5 sentences, 150 syllables.
	if got := readingEase("en", 100, 5, 150); int(got*1000) != 59635 {
		t.Errorf("Flesch = %.4f, want 59.635", got)
	}
	if got := readingEase("fr", 100, 5, 150); int(got*10) != 763 {
		t.Errorf("Kandel-Moles = %.4f, want 76.3", got)
	}
}

func TestPassive(t *testing.T) {
	for _, tc := range []struct {
		lang, sentence string
		want           bool
	}{
		{"fr", "La brosse est fabriquée à Lyon.", true},
		{"fr", "Les poils sont souvent plantés à la main.", true},
		{"fr", "Ces boîtes sont faites en inox.", true},
		{"fr", "Le manche sera conçu pour durer.", true},
		{"fr", "Elle est allée à l’atelier.", false},
		{"fr", "Ils sont venus nombreux.", false},
		{"fr", "La lampe s’est cassée hier.", false},
		{"fr", "Nous nous sommes trompés.", false},
		{"fr", "Nous fabriquons la brosse à Lyon.", false},
		{"fr", "Elle est belle et solide.", false},
		{"en", "The brush is made in Lyon.", true},
		{"en", "The bristles were carefully planted by hand.", true},
		{"en", "It has been repaired twice.", true},
		{"en", "We make the brush in Lyon.", false},
		{"en", "The need is real.", false},
		{"en", "She is ready.", false},
	} {
		var words []string
		for _, w := range prose.Words(tc.sentence, tc.lang) {
			words = append(words, normalize(w.Text))
		}
		if got := isPassive(words, tc.lang); got != tc.want {
			t.Errorf("%s %q: passive %v, want %v", tc.lang, tc.sentence, got, tc.want)
		}
	}
}

func TestReadabilityRules(t *testing.T) {
	long := strings.Repeat("Le chat dort. ", 60)
	hard := strings.Repeat("L’institutionnalisation réglementaire conditionne désormais l’approvisionnement international. ", 30)
	passive := strings.Repeat("La brosse est fabriquée à Lyon. Nous vendons la brosse. ", 5)
	longSentence := "Nous réparons " + strings.Repeat("et ", 40) + "nous rions."
	en := strings.Repeat("The brush is made in Lyon. ", 3) + strings.Repeat("We sell it. ", 5)
	files := map[string]string{
		"content/blog/easy.md":    "---\ntitle: T\ndate: 2026-01-01\nlang: fr\n---\n" + long + "\n",
		"content/blog/hard.md":    "---\ntitle: T\ndate: 2026-01-01\nlang: fr\n---\n" + hard + "\n",
		"content/blog/passive.md": "---\ntitle: T\ndate: 2026-01-01\nlang: fr\n---\n" + passive + "\n\n" + longSentence + "\n",
		"content/blog/en.md":      "---\ntitle: T\ndate: 2026-01-01\nlang: en\n---\n" + en + "\n",
		"content/social/p.md":     "---\nchannels: [mastodon]\nlang: fr\n---\n" + longSentence + "\n",
	}
	runCases(t, Readability{}, []ruleCase{{name: "readability", files: files, want: `
content/blog/hard.md:6:1 editorial.readability: reading ease -155 (Kandel-Moles), below 50: 6.0 words a sentence, 4.83 syllables a word | shorten the sentences and prefer shorter words
`}})
	runCases(t, SentenceLength{}, []ruleCase{{name: "sentence length", files: files, want: `
content/blog/passive.md:8:1 editorial.sentence-length: a sentence of 44 words, above 35 | split it in two
content/social/p.md:5:1 editorial.sentence-length: a sentence of 44 words, above 35 | split it in two
`}})
	runCases(t, ParagraphLength{}, []ruleCase{{name: "paragraph length", files: files, want: `
content/blog/easy.md:6:1 editorial.paragraph-length: a paragraph of 180 words, above 150 | split it where the idea changes
content/blog/hard.md:6:1 editorial.paragraph-length: a paragraph of 180 words, above 150 | split it where the idea changes
`}})
	runCases(t, PassiveVoice{}, []ruleCase{{name: "passive voice", files: files, want: `
content/blog/en.md:6:1 editorial.passive-voice: 3 of 8 sentences (38%) are in the passive voice, above 25% (lines 6, 6, 6) | say who does what: "we make the brush" rather than "the brush is made"
content/blog/passive.md:6:1 editorial.passive-voice: 5 of 11 sentences (45%) are in the passive voice, above 25% (lines 6, 6, 6, 6, 6) | say who does what: "we make the brush" rather than "the brush is made"
`}})
}
