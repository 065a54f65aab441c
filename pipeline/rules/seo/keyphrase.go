package seo

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
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
	stem  func(word string, stemStopWords bool) string
	stop  func(word string) bool
	cache *wordCache
}

// Snowball's French list leaves out a few pronouns and the plural article,
// which a keyphrase must not count as content words.
var frenchExtraStops = map[string]bool{"les": true, "ils": true, "elles": true, "cet": true, "cette": true, "leurs": true}

// languages are built once: their caches are shared by every check of the
// process, since what a word becomes never changes.
var languages = map[string]*language{
	"fr": {stem: french.Stem, stop: func(w string) bool { return french.IsStopWord(w) || frenchExtraStops[w] }, cache: newWordCache()},
	"en": {stem: english.Stem, stop: english.IsStopWord, cache: newWordCache()},
}

var otherLanguage = &language{stem: func(w string, _ bool) string { return w }, stop: func(string) bool { return false }, cache: newWordCache()}

func languageOf(code string) *language {
	if l, ok := languages[code]; ok {
		return l
	}
	return otherLanguage
}

// wordInfo is what a word becomes for matching.
type wordInfo struct {
	// term is the word folded, then stemmed: folding first makes
	// "reseaux" (typed without accents) and "réseaux" one term.
	term string
	// stop is true for a stop word of the language, with or without its
	// accents.
	stop bool
}

// word returns what a word becomes, from the cache when it was seen before:
// stemming every word of every article again would dominate a check.
func (l *language) word(w string) *wordInfo {
	if info := l.cache.get(w); info != nil {
		return info
	}
	lower := strings.ToLower(w)
	folded := fold(lower)
	info := &wordInfo{term: l.stem(folded, true), stop: l.stop(lower) || l.stop(folded)}
	l.cache.put(w, info)
	return info
}

// wordCache maps words to their wordInfo, safe for concurrent use. It stops
// growing at maxCachedWords: past that, words are computed each time.
type wordCache struct {
	seed   maphash.Seed
	shards [32]struct {
		sync.RWMutex
		m map[string]*wordInfo
	}
	size atomic.Int64
}

const maxCachedWords = 1 << 18

func newWordCache() *wordCache {
	c := &wordCache{seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].m = map[string]*wordInfo{}
	}
	return c
}

func (c *wordCache) get(w string) *wordInfo {
	s := &c.shards[maphash.String(c.seed, w)%uint64(len(c.shards))]
	s.RLock()
	info := s.m[w]
	s.RUnlock()
	return info
}

func (c *wordCache) put(w string, info *wordInfo) {
	if c.size.Load() >= maxCachedWords {
		return
	}
	s := &c.shards[maphash.String(c.seed, w)%uint64(len(c.shards))]
	s.Lock()
	if _, ok := s.m[w]; !ok {
		s.m[strings.Clone(w)] = info // w may be a slice of a whole article
		c.size.Add(1)
	}
	s.Unlock()
}

// ligatures are letters that do not decompose into a base letter and an
// accent, spelled out as readers do.
var ligatures = map[rune]string{'œ': "oe", 'æ': "ae", 'ß': "ss", 'ø': "o", 'đ': "d", 'ł': "l", 'ı': "i"}

// latinFolds are the folded forms of the Latin letters with accents (up to
// U+017F), computed once from their Unicode decomposition: the common
// letters of French and English fold without decomposing each word.
var latinFolds = func() [0x180]string {
	var t [0x180]string
	for r := rune(0x80); r < 0x180; r++ {
		t[r] = foldSlow(string(r))
	}
	return t
}()

// fold lowercases a word and drops its accents: "Réseaux" -> "reseaux".
func fold(w string) string {
	i := 0
	for i < len(w) && w[i] < utf8.RuneSelf && !('A' <= w[i] && w[i] <= 'Z') {
		i++
	}
	if i == len(w) {
		return w // already folded: no allocation
	}
	var b strings.Builder
	b.Grow(len(w))
	b.WriteString(w[:i])
	for _, r := range w[i:] {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
		case r < 0x180:
			b.WriteString(latinFolds[r])
		default:
			b.WriteString(foldSlow(string(r)))
		}
	}
	return b.String()
}

// foldSlow folds through Unicode decomposition.
func foldSlow(w string) string {
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

// token is a word of a text prepared for phrase matching.
type token struct {
	prose.Span
	text string
	// brk is true when a sentence (or clause) ends between the previous
	// token and this one: a phrase never spans it.
	brk bool
	// info is what the word becomes, looked up on first use (see
	// Phrase.match): most words of a text are told apart from a keyphrase
	// by their first letter alone.
	info *wordInfo
}

// of returns what the token's word becomes.
func (l *language) of(t *token) *wordInfo {
	if t.info == nil {
		t.info = l.word(t.text)
	}
	return t.info
}

// firstLetter is the first byte of a word once folded, or 0 when it takes
// more than a table lookup to know.
func firstLetter(w string) byte {
	c := w[0]
	switch {
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A'
	case c < utf8.RuneSelf:
		return c
	}
	if r, _ := utf8.DecodeRuneInString(w); r < 0x180 && latinFolds[r] != "" {
		return latinFolds[r][0]
	}
	return 0
}

// clauseEnds are the punctuation marks a keyphrase match does not cross.
const clauseEnds = ".!?…;:()[]|"

// appendTokens splits text into words for matching and appends them to
// buf: French elisions ("l’") are left out, and hyphenated words give their
// parts ("zéro-déchet" gives "zéro" and "déchet"). It also returns the
// number of words as readers count them (see CountWords).
func (l *language) appendTokens(buf []token, text, lang string) ([]token, int) {
	words := 0
	prev := 0
	for _, w := range prose.Words(text, lang) {
		if w.Elided {
			continue
		}
		words++
		brk := strings.ContainsAny(text[prev:w.Start], clauseEnds)
		prev = w.End
		rest, start := w.Text, w.Start
		for rest != "" {
			part := rest
			if i := strings.IndexByte(rest, '-'); i >= 0 {
				part, rest = rest[:i], rest[i+1:]
			} else {
				rest = ""
			}
			if part != "" {
				buf = append(buf, token{Span: prose.Span{Start: start, End: start + len(part)}, text: part, brk: brk})
				brk = false
			}
			start += len(part) + 1
		}
	}
	return buf, words
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
	l    *language
	// all is true when the keyphrase is made of stop words only: then
	// every word counts.
	all bool
}

// NewPhrase prepares a keyphrase of a language.
func NewPhrase(text, lang string) *Phrase {
	l := languageOf(lang)
	ph := &Phrase{Text: strings.TrimSpace(text), lang: lang, l: l}
	toks, _ := l.appendTokens(nil, ph.Text, lang)
	add := func(stops bool) {
		for i := range toks {
			// A word of accents alone folds to nothing and matches nothing.
			if w := l.of(&toks[i]); w.term != "" && (stops || !w.stop) {
				ph.Terms = append(ph.Terms, w.term)
				ph.Words = append(ph.Words, toks[i].text)
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
	toks, _ := ph.l.appendTokens(nil, text, ph.lang)
	var out []prose.Span
	ph.match(toks, func(first, last token) {
		out = append(out, prose.Span{Start: first.Start, End: last.End})
	})
	return out
}

// Count is the number of occurrences in text.
func (ph *Phrase) Count(text string) int {
	toks, _ := ph.l.appendTokens(nil, text, ph.lang)
	return ph.match(toks, nil)
}

// match finds the occurrences in tokens, calls found (when not nil) with
// the first and last token of each, and returns how many there are.
func (ph *Phrase) match(toks []token, found func(first, last token)) int {
	if len(ph.Terms) == 0 {
		return 0
	}
	n := 0
	for i := 0; i < len(toks); i++ {
		if !ph.is(&toks[i], 0) {
			continue
		}
		k, matched := i, true
		for t := 1; t < len(ph.Terms); t++ {
			k++
			for k < len(toks) && !toks[k].brk && ph.skip(&toks[k]) {
				k++
			}
			if k >= len(toks) || toks[k].brk || !ph.is(&toks[k], t) {
				matched = false
				break
			}
		}
		if matched {
			n++
			if found != nil {
				found(toks[i], toks[k])
			}
			i = k
		}
	}
	return n
}

// is says whether a token is the keyphrase's term number i (and not a stop
// word it skips). Stemming keeps a folded word's first letter, so a word
// with another first letter is not looked up.
func (ph *Phrase) is(t *token, i int) bool {
	if c := firstLetter(t.text); c != 0 && c != ph.Terms[i][0] {
		return false
	}
	w := ph.l.of(t)
	return w.term == ph.Terms[i] && !(w.stop && !ph.all)
}

// skip says whether the keyphrase skips a token: a stop word, unless the
// keyphrase is made of stop words.
func (ph *Phrase) skip(t *token) bool { return !ph.all && ph.l.of(t).stop }

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
