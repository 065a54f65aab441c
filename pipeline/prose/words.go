package prose

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a range [Start, End) of bytes in a block's text.
type Span struct {
	Start, End int
}

// Word is a word of prose: letters and digits, with the apostrophes and
// hyphens inside it ("aujourd’hui", "porte-monnaie", "don't").
type Word struct {
	Span
	Text string
	// Elided is true for a French elided article or pronoun split off its
	// word: the "l’" of "l’école" is its own Word with Elided set.
	Elided bool
}

// elisions are the French words that drop their vowel before another word.
var elisions = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true, "presqu": true, "quelqu": true,
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // most of any text, and the Unicode tables are slow
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// Words splits text into words. In French, an elision is split off its
// word: "l’école" gives "l’" (Elided) and "école".
func Words(text, lang string) []Word {
	out := make([]Word, 0, len(text)/6+1) // about one word per 6 bytes of prose
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		start := i
		i += size
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += size
				continue
			}
			// An apostrophe or hyphen joins two words only between letters.
			if (isApostrophe(r) || r == '-') && i+size < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if isWordRune(next) {
					if lang == "fr" && isApostrophe(r) && elisions[strings.ToLower(text[start:i])] {
						out = append(out, Word{Span: Span{start, i + size}, Text: text[start : i+size], Elided: true})
						i += size
						start = i
						continue
					}
					i += size
					continue
				}
			}
			break
		}
		out = append(out, Word{Span: Span{start, i}, Text: text[start:i]})
	}
	return out
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"m": true, "mm": true, "mme": true, "mmes": true, "mlle": true, "dr": true, "pr": true, "st": true,
	"etc": false, "cf": true, "p": true, "vol": true, "no": true, "n°": true, "env": true, "av": true,
	"mr": true, "mrs": true, "ms": true, "vs": true, "e.g": true, "i.e": true, "fig": true, "approx": true,
}

// Sentences splits text at ., !, ?, … (and their runs) followed by a space
// and then something that is not lowercase, or by the end of the text.
func Sentences(text string) []Span {
	var out []Span
	start := 0
	skipSpace := func(i int) int {
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsSpace(r) {
				break
			}
			i += size
		}
		return i
	}
	start = skipSpace(0)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += size
			continue
		}
		end := i + size
		for end < len(text) {
			r2, s2 := utf8.DecodeRuneInString(text[end:])
			if r2 == '.' || r2 == '!' || r2 == '?' || r2 == '…' || r2 == '»' || r2 == '”' || r2 == '"' || r2 == ')' || r2 == '\u202F' || r2 == '\u00A0' {
				end += s2
				continue
			}
			break
		}
		// A closing quote after a space still belongs to the sentence:
		// « Réparez. » is French for “Repair.”
		if j := skipBlank(text, end); j < len(text) {
			if q, qs := utf8.DecodeRuneInString(text[j:]); q == '»' || q == '”' {
				end = j + qs
			}
		}
		if r == '.' && isAbbreviation(text[start:i]) {
			i = end
			continue
		}
		next := skipSpace(end)
		if next == end && end < len(text) {
			i = end // "3.5" or "brindille.example": no space, no sentence end
			continue
		}
		if next < len(text) {
			nr, _ := utf8.DecodeRuneInString(text[next:])
			if unicode.IsLower(nr) {
				i = end
				continue
			}
		}
		out = append(out, Span{start, trimRightSpace(text, end)})
		start = next
		i = next
	}
	if start < len(text) {
		if e := trimRightSpace(text, len(text)); e > start {
			out = append(out, Span{start, e})
		}
	}
	return out
}

func isAbbreviation(before string) bool {
	j := len(before)
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:j])
		if unicode.IsSpace(r) || r == '(' {
			break
		}
		j -= size
	}
	word := strings.ToLower(before[j:])
	if utf8.RuneCountInString(word) == 1 && word != "" {
		// An initial ("J. Dupont", "Marie J. Dupont"), unless a lowercase
		// word comes before: "from A to E. Then" ends a sentence.
		prev := lastWord(before[:j])
		r, _ := utf8.DecodeRuneInString(prev)
		return prev == "" || !unicode.IsLower(r)
	}
	return abbreviations[word]
}

// lastWord is the last space-separated word of s.
func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

func trimRightSpace(text string, end int) int {
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}

// skipBlank skips spaces and no-break spaces on the same line.
func skipBlank(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r != ' ' && r != '\u00A0' && r != '\u202F' {
			break
		}
		i += size
	}
	return i
}
