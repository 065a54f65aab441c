package seo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"golang.org/x/text/unicode/norm"

	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/prose"
)

// language is how words of one language are compared: its Snowball stemmer
// and stop words. Languages without a stemmer compare folded words.
type language struct {
	stem func(word string, stemStopWords bool) string
	stop func(word string) bool
}

// Snowball's French list leaves out a few pronouns and the plural article,
// which a keyphrase must not count as content words.
var frenchExtraStops = map[string]bool{"les": true, "ils": true, "elles": true, "cet": true, "cette": true, "leurs": true}

var languages = map[string]language{
	"fr": {stem: french.Stem, stop: func(w string) bool { return french.IsStopWord(w) || frenchExtraStops[w] }},
	"en": {stem: english.Stem, stop: english.IsStopWord},
}

func languageOf(code string) language {
	if l, ok := languages[code]; ok {
		return l
	}
	return language{stem: func(w string, _ bool) string { return w }, stop: func(string) bool { return false }}
}

// ligatures are letters that do not decompose into a base letter and an
// accent, spelled out as readers do.
var ligatures = map[rune]string{'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'đ': "d", 'ł': "l", 'ı': "i"}

// fold lowercases a word and drops its accents: "Réseaux" -> "reseaux".
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case ligatures[r] != "":
			b.WriteString(ligatures[r])
		case r == '’' || r == 'ʼ':
			b.WriteByte('\'')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// term reduces a word for matching: folded, then stemmed. Folding first
// makes "reseaux" (typed without accents) and "réseaux" the same term.
func (l language) term(word string) string {
	return l.stem(fold(word), true)
}

// isStop says whether a word is a stop word of the language, written with
// or without its accents.
func (l language) isStop(word string) bool {
	lower := strings.ToLower(word)
	return l.stop(lower) || l.stop(fold(lower))
}

// token is a word of a text prepared for phrase matching.
type token struct {
	prose.Span
	text string
	stop bool
	// brk is true when a sentence (or clause) ends between the previous
	// token and this one: a phrase never spans it.
	brk bool
}

// clauseEnds are the punctuation marks a keyphrase match does not cross.
const clauseEnds = ".!?…;:()[]|"

// tokens splits text into words for matching: French elisions ("l’") are
// left out, and hyphenated words give their parts ("zéro-déchet" gives
// "zéro" and "déchet").
func tokens(text, lang string, l language) []token {
	var out []token
	prev := 0
	for _, w := range prose.Words(text, lang) {
		if w.Elided {
			continue
		}
		brk := strings.ContainsAny(text[prev:w.Start], clauseEnds)
		prev = w.End
		start := w.Start
		for part := range strings.SplitSeq(w.Text, "-") {
			if part != "" {
				out = append(out, token{Span: prose.Span{Start: start, End: start + len(part)}, text: part, stop: l.isStop(part), brk: brk})
			}
			brk = false
			start += len(part) + 1
		}
	}
	return out
}

// Phrase is a focus keyphrase, ready to be found in text of its language.
type Phrase struct {
	// Text is the keyphrase as written in the frontmatter.
	Text string
	// Terms are its content words, folded and stemmed, in order.
	Terms []string
	// Words are its content words as written.
	Words []string

	lang string
	l    language
	// all is true when the keyphrase is made of stop words only: then
	// every word counts.
	all bool
}

// NewPhrase prepares a keyphrase of a language.
func NewPhrase(text, lang string) *Phrase {
	l := languageOf(lang)
	ph := &Phrase{Text: strings.TrimSpace(text), lang: lang, l: l}
	toks := tokens(ph.Text, lang, l)
	add := func(stops bool) {
		for _, t := range toks {
			// A word of accents alone folds to nothing and matches nothing.
			if term := l.term(t.text); term != "" && (stops || !t.stop) {
				ph.Terms = append(ph.Terms, term)
				ph.Words = append(ph.Words, t.text)
			}
		}
	}
	if add(false); len(ph.Terms) == 0 {
		ph.all = true
		add(true)
	}
	return ph
}

// Key identifies the keyphrase for comparison with other articles' of the
// same language: "réseaux sociaux" and "Réseau social" share one.
func (ph *Phrase) Key() string { return ph.lang + ":" + strings.Join(ph.Terms, " ") }

// Find returns where the keyphrase occurs in text: its content words in
// order, with only stop words between them, within one sentence. Spans run
// from the first content word to the last and do not overlap.
func (ph *Phrase) Find(text string) []prose.Span {
	if len(ph.Terms) == 0 {
		return nil
	}
	toks := tokens(text, ph.lang, ph.l)
	var out []prose.Span
	for i := 0; i < len(toks); i++ {
		if ph.skip(toks[i]) || !ph.is(toks[i], 0) {
			continue
		}
		k, matched := i, true
		for t := 1; t < len(ph.Terms); t++ {
			k++
			for k < len(toks) && ph.skip(toks[k]) && !toks[k].brk {
				k++
			}
			if k >= len(toks) || toks[k].brk || !ph.is(toks[k], t) {
				matched = false
				break
			}
		}
		if matched {
			out = append(out, prose.Span{Start: toks[i].Start, End: toks[k].End})
			i = k
		}
	}
	return out
}

// Count is the number of occurrences in text.
func (ph *Phrase) Count(text string) int { return len(ph.Find(text)) }

func (ph *Phrase) skip(t token) bool { return t.stop && !ph.all }

// is says whether a token is the keyphrase's term number i. Stemming never
// changes a word's first letter, so most words are told apart without it.
func (ph *Phrase) is(t token, i int) bool {
	want := ph.Terms[i]
	if c := t.text[0]; c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != want[0] {
			return false
		}
	}
	return ph.l.term(t.text) == want
}

// CountWords is the number of words of a text as readers count them: an
// elided "l’" is part of its word, "porte-monnaie" is one word.
func CountWords(text, lang string) int {
	n := 0
	for _, w := range prose.Words(text, lang) {
		if !w.Elided {
			n++
		}
	}
	return n
}

type phraseKey struct{}

// keyphrase is the article's focus keyphrase, prepared once per document,
// or nil when it has none.
func keyphrase(a *content.Article) *Phrase {
	return a.Memo(phraseKey{}, func() any {
		if strings.TrimSpace(a.Keyphrase) == "" {
			return (*Phrase)(nil)
		}
		return NewPhrase(a.Keyphrase, a.Lang)
	}).(*Phrase)
}
