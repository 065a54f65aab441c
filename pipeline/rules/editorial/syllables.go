package editorial

import (
	"strings"
	"unicode"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/prose"
)

// bounds are the readability bounds of a language, with cm's defaults
// where cm.yaml leaves one at zero.
func bounds(cfg *config.Config, lang string) config.Readability {
	r := cfg.Editorial.Languages[lang].Readability
	if r.MinScore == 0 {
		r.MinScore = 50
	}
	if r.MinWords == 0 {
		r.MinWords = 150
	}
	if r.MaxSentenceWords == 0 {
		r.MaxSentenceWords = 30
		if lang == "fr" {
			r.MaxSentenceWords = 35 // French sentences run longer for the same ease
		}
	}
	if r.MaxParagraphWords == 0 {
		r.MaxParagraphWords = 150
	}
	if r.MaxPassiveShare == 0 {
		r.MaxPassiveShare = 0.25
	}
	if r.MinPassiveSentences == 0 {
		r.MinPassiveSentences = 8
	}
	return r
}

// counted says whether a word counts as a word of the text: an elided
// article (the l’ of l’école) belongs to the next word.
func counted(w prose.Word) bool { return !w.Elided }

// syllables counts the spoken syllables of a word by its language's
// rules; a word has at least one.
func syllables(word, lang string) int {
	w := strings.ToLower(word)
	if lang == "fr" {
		return syllablesFR(w)
	}
	return syllablesEN(w)
}

func isVowelEN(r rune) bool { return strings.ContainsRune("aeiouy", r) }

// syllablesEN is the usual English estimate: vowel groups, less a silent
// final e (make), -es and -ed that add no syllable (makes, baked), and a
// leading y (yes).
func syllablesEN(w string) int {
	letters := []rune{}
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters = append(letters, r)
		}
	}
	if len(letters) == 0 {
		return 0
	}
	if len(letters) <= 3 {
		return 1
	}
	s := string(letters)
	n := len(s)
	switch {
	case strings.HasSuffix(s, "es") && !strings.ContainsRune("laeiouy", rune(s[n-3])) && !strings.HasSuffix(s, "ses") && !strings.HasSuffix(s, "ces") && !strings.HasSuffix(s, "ges") && !strings.HasSuffix(s, "zes") && !strings.HasSuffix(s, "xes"):
		s = s[:n-2]
	case strings.HasSuffix(s, "ed") && !strings.HasSuffix(s, "ted") && !strings.HasSuffix(s, "ded"):
		s = s[:n-2]
	case strings.HasSuffix(s, "e") && !strings.HasSuffix(s, "le") && !strings.ContainsRune("laeiouy", rune(s[n-2])):
		s = s[:n-1]
	}
	s = strings.TrimPrefix(s, "y")
	count, in := 0, false
	for _, r := range s {
		v := isVowelEN(r)
		if v && !in {
			count++
		}
		in = v
	}
	return max(count, 1)
}

const frVowels = "aeiouyàâäéèêëîïôöùûüœæ"

func isVowelFR(r rune) bool { return strings.ContainsRune(frVowels, r) }

// pronouncedEnt are common words whose final -ent is heard (a moment, a
// client), unlike the verb ending of ils parlent.
var pronouncedEnt = map[string]bool{
	"dent": true, "lent": true, "vent": true, "cent": true, "gent": true, "parent": true, "absent": true,
	"présent": true, "accident": true, "argent": true, "client": true, "différent": true, "excellent": true,
	"évident": true, "souvent": true, "talent": true, "urgent": true, "content": true, "récent": true,
	"agent": true, "adolescent": true, "patient": true, "prudent": true, "intelligent": true, "ingrédient": true,
	"équivalent": true, "innocent": true, "fréquent": true, "comment": true, "serpent": true, "couvent": true,
	"ardent": true, "président": true, "résident": true, "segment": true, "orient": true,
	"torrent": true, "quotient": true, "coefficient": true, "compétent": true, "décent": true,
}

// syllablesFR counts French spoken syllables: vowel groups (eau, oi, ou
// are one), a mute final e, es and verb ending ent (table, tables,
// parlent: one), a new syllable after é before a vowel (créer: two) and
// at a diaeresis (maïs: two).
func syllablesFR(w string) int {
	var letters []rune
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters = append(letters, r)
		}
	}
	if len(letters) == 0 {
		return 0
	}
	s := string(letters)
	groups := func(rs []rune) int {
		count, in := 0, false
		var prev rune
		for _, r := range rs {
			v := isVowelFR(r)
			switch {
			case v && !in:
				count++
			case v && in && (prev == 'é' || r == 'ï' || r == 'ë' || r == 'ü'):
				count++ // créer, maïs, Noël: a hiatus
			}
			in, prev = v, r
		}
		return count
	}
	if groups(letters) == 0 {
		return 0 // the l of l’: no vowel, no syllable
	}
	stem := []rune(s)
	switch {
	case strings.HasSuffix(s, "ent") && !strings.HasSuffix(s, "ment") && !pronouncedEnt[s] && len(stem) > 4:
		stem = stem[:len(stem)-3]
	case strings.HasSuffix(s, "es") && len(stem) > 3:
		stem = stem[:len(stem)-2]
	case strings.HasSuffix(s, "e") && len(stem) > 2:
		stem = stem[:len(stem)-1]
	}
	if n := groups(stem); n > 0 {
		return n
	}
	return max(groups([]rune(s)), 1)
}

// readingEase is Flesch's reading ease for English and Kandel and Moles'
// adaptation for French, on the usual 0-100 scale (higher is easier).
func readingEase(lang string, words, sentences, syll int) float64 {
	if words == 0 || sentences == 0 {
		return 100
	}
	wps := float64(words) / float64(sentences)
	spw := float64(syll) / float64(words)
	if lang == "fr" {
		return 207 - 1.015*wps - 73.6*spw
	}
	return 206.835 - 1.015*wps - 84.6*spw
}

// formulaName names the formula of a language.
func formulaName(lang string) string {
	if lang == "fr" {
		return "Kandel-Moles"
	}
	return "Flesch"
}
