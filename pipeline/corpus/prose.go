package corpus

import (
	"math/rand/v2"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nnbsp is the narrow no-break space French typography puts before ; : ! ?
// and inside « ». Templates spell it out so the generated text is what a
// careful French editor would type.
const nnbsp = "\u202f"

// vars are the values a template can name besides the language's slots:
// the article's keyphrase, a link target, the year... They win over slots.
type vars map[string]string

// maxDepth bounds template recursion: a slot that names itself by mistake
// must not hang the generator.
const maxDepth = 8

// expand fills a template. "{name}" is replaced by v[name] when set, or by a
// random alternative of the language's slot, itself expanded. "{name^}"
// capitalises the result, for a slot that starts a sentence mid-template.
func (l *language) expand(r *rand.Rand, tmpl string, v vars) string {
	var b strings.Builder
	b.Grow(len(tmpl) * 2)
	l.expandInto(&b, r, tmpl, v, 0)
	return b.String()
}

func (l *language) expandInto(b *strings.Builder, r *rand.Rand, tmpl string, v vars, depth int) {
	for {
		open := strings.IndexByte(tmpl, '{')
		if open < 0 {
			b.WriteString(tmpl)
			return
		}
		end := strings.IndexByte(tmpl[open:], '}')
		if end < 0 {
			b.WriteString(tmpl)
			return
		}
		b.WriteString(tmpl[:open])
		name := tmpl[open+1 : open+end]
		tmpl = tmpl[open+end+1:]
		capital := strings.HasSuffix(name, "^")
		name = strings.TrimSuffix(name, "^")
		value := l.slotValue(r, name, v, depth)
		if capital {
			value = upperFirst(value)
		}
		b.WriteString(value)
	}
}

// slotValue resolves one "{name}": a variable, or a slot alternative.
func (l *language) slotValue(r *rand.Rand, name string, v vars, depth int) string {
	if s, ok := v[name]; ok {
		return s
	}
	alternatives := l.slots[name]
	if len(alternatives) == 0 || depth >= maxDepth {
		// A template naming an unknown slot is a bug in the vocabulary;
		// the vocabulary tests catch it, and the text stays readable.
		return name
	}
	pick := alternatives[r.IntN(len(alternatives))]
	if strings.IndexByte(pick, '{') < 0 {
		return pick
	}
	var b strings.Builder
	l.expandInto(&b, r, pick, v, depth+1)
	return b.String()
}

// sentence expands a template into a finished sentence: language fixes
// (French elisions) applied, first letter capitalised.
func (l *language) sentence(r *rand.Rand, tmpl string, v vars) string {
	s := l.expand(r, tmpl, v)
	if l.fix != nil {
		s = l.fix(s)
	}
	return upperFirst(s)
}

// upperFirst capitalises the first letter, skipping opening quotes and
// spaces so that "«\u202fla marque" becomes "«\u202fLa marque".
func upperFirst(s string) string {
	for i, c := range s {
		if unicode.IsLetter(c) {
			u := unicode.ToUpper(c)
			if u == c {
				return s
			}
			return s[:i] + string(u) + s[i+utf8.RuneLen(c):]
		}
		if !unicode.IsSpace(c) && !unicode.IsPunct(c) {
			return s
		}
	}
	return s
}

// countWords counts the words a reader sees: whitespace-separated tokens
// with at least one letter or digit, so Markdown markers ("-", "##") and
// French punctuation standing alone after a narrow space do not count.
// ASCII takes a fast path: it runs on every generated sentence.
func countWords(s string) int {
	n := 0
	hasLetter := false // the current word has a letter or digit
	for i := 0; i < len(s); {
		c := rune(s[i])
		size := 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		space := c == ' ' || c == '\n' || c == '\t' || c == '\r'
		if c >= utf8.RuneSelf {
			space = unicode.IsSpace(c)
		}
		if space {
			if hasLetter {
				n++
			}
			hasLetter = false
			continue
		}
		if !hasLetter && isWordRune(c) {
			hasLetter = true
		}
	}
	if hasLetter {
		n++
	}
	return n
}

func isWordRune(c rune) bool {
	if c < utf8.RuneSelf {
		return ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') || ('0' <= c && c <= '9')
	}
	return unicode.IsLetter(c) || unicode.IsDigit(c)
}

// runeLen is the length users and networks count: characters, not bytes.
func runeLen(s string) int { return utf8.RuneCountInString(s) }

// slugReplacer folds the accented letters of French to ASCII for slugs.
var slugReplacer = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "á", "a",
	"é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "í", "i",
	"ô", "o", "ö", "o", "ó", "o",
	"ù", "u", "û", "u", "ü", "u", "ú", "u",
	"ç", "c", "ñ", "n", "œ", "oe", "æ", "ae", "ÿ", "y",
)

// maxSlug keeps file names and URLs readable; longer titles are cut at a
// hyphen.
const maxSlug = 72

// slugify turns a title into a lowercase ASCII hyphenated slug.
func slugify(title string) string {
	s := slugReplacer.Replace(strings.ToLower(title))
	var b strings.Builder
	b.Grow(len(s))
	hyphen := false
	for _, c := range s {
		if (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') {
			b.WriteRune(c)
			hyphen = false
			continue
		}
		if !hyphen && b.Len() > 0 {
			b.WriteByte('-')
			hyphen = true
		}
	}
	slug := strings.TrimSuffix(b.String(), "-")
	if len(slug) > maxSlug {
		slug = slug[:maxSlug]
		if i := strings.LastIndexByte(slug, '-'); i > 0 {
			slug = slug[:i]
		}
	}
	return slug
}

// pick returns a random element of a non-empty list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// between returns a random int in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }
