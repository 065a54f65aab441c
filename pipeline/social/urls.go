package social

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// URLs finds the links of a text the way twitter-text's extractor does (X
// and Mastodon both count links with it): a link starts after the start of
// the text or a character that is neither a letter, a digit nor one of
// @$#, has a host with a dot and a top-level domain, an optional port and
// an optional path, query and fragment, and loses the punctuation that ends
// a sentence. With schemeless, bare domains count too ("brindille.com",
// "t.co/x"), as on X: under a generic top-level domain from a list of the
// common ones, or a two-letter country domain followed by a path.
// Mastodon only counts links with a scheme.
func URLs(text string, schemeless bool) []Span {
	// Every link has a dot in its host; most posts have few.
	if strings.IndexByte(text, '.') < 0 {
		return nil
	}
	if !schemeless {
		return schemeURLs(text)
	}
	var out []Span
	for i := 0; i < len(text); {
		// A link lies within a run of non-space characters that has a dot:
		// skip the others whole.
		if i == 0 || text[i-1] == ' ' || text[i-1] == '\n' {
			end := strings.IndexAny(text[i:], " \n")
			if end < 0 {
				end = len(text) - i
			}
			if strings.IndexByte(text[i:i+end], '.') < 0 {
				i += end + 1
				continue
			}
		}
		end := urlAt(text, i, schemeless)
		if end > i {
			out = append(out, Span{i, end})
			i = end
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return out
}

// schemeURLs finds the links with a scheme: only where "://" appears.
func schemeURLs(text string) []Span {
	var out []Span
	for at := 0; ; {
		k := strings.Index(text[at:], "://")
		if k < 0 {
			return out
		}
		k += at
		next := k + 3
		for _, start := range []int{k - 5, k - 4} { // https, http
			if start >= at && hasScheme(text[start:]) {
				if end := urlAt(text, start, false); end > start {
					out = append(out, Span{start, end})
					next = end
				}
				break
			}
		}
		at = next
	}
}

// urlAt returns the end of a link starting at i, or i when none does.
func urlAt(text string, i int, schemeless bool) int {
	if i > 0 {
		prev, _ := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsLetter(prev) || unicode.IsDigit(prev) || strings.ContainsRune("@$#＠＃", prev) || (prev >= 0x202A && prev <= 0x202E) {
			return i
		}
		if !hasScheme(text[i:]) && strings.ContainsRune("-_./", prev) {
			return i
		}
	}
	start := i
	scheme := hasScheme(text[i:])
	if scheme {
		i += strings.Index(text[i:], "//") + 2
	} else if !schemeless {
		return start
	}
	hostStart := i
	lastDot := -1
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '.' && i > hostStart && text[i-1] != '.' && text[i-1] != '-':
			lastDot = i
		case r == '-' || r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
		case scheme && r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			// Internationalised domains count only after a scheme.
		default:
			goto hostDone
		}
		i += size
	}
hostDone:
	// A host never ends with a dot: "brindille.com." ends a sentence.
	if i > hostStart && text[i-1] == '.' {
		i--
		if lastDot == i {
			lastDot = strings.LastIndexByte(text[hostStart:i], '.')
			if lastDot >= 0 {
				lastDot += hostStart
			}
		}
	}
	if lastDot < 0 || lastDot+1 >= i {
		return start
	}
	tld := strings.ToLower(text[lastDot+1 : i])
	if scheme && !isLetters(tld) || !scheme && !isTLD(tld) {
		return start
	}
	if i < len(text) && text[i] == ':' {
		j := i + 1
		for j < len(text) && text[j] >= '0' && text[j] <= '9' {
			j++
		}
		if j > i+1 {
			i = j
		}
	}
	pathStart := i
	if i < len(text) && strings.ContainsRune("/?#", rune(text[i])) {
		i = pathEnd(text, i)
	}
	hasPath := i > pathStart
	if !scheme && len(tld) == 2 && !hasPath && tld != "co" && tld != "tv" {
		return start // "brindille.fr" alone is not a link on X, "brindille.fr/x" is
	}
	return i
}

func hasScheme(s string) bool {
	return len(s) >= 8 && strings.EqualFold(s[:8], "https://") || len(s) >= 7 && strings.EqualFold(s[:7], "http://")
}

// pathEnd is the end of a link's path, query and fragment starting at i:
// the run of non-space characters, without the punctuation that closes a
// sentence or an unbalanced closing parenthesis.
func pathEnd(text string, i int) int {
	end := i
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if unicode.IsSpace(r) || r == '<' || r == '>' || r == '"' || r == '«' || r == '»' || r == '“' || r == '”' {
			break
		}
		end += size
	}
	for end > i {
		r, size := utf8.DecodeLastRuneInString(text[i:end])
		if strings.ContainsRune(".,;:!?'’…", r) {
			end -= size
			continue
		}
		if r == ')' && strings.Count(text[i:end], "(") < strings.Count(text[i:end], ")") {
			end -= size
			continue
		}
		break
	}
	return end
}

// isLetters says whether a top-level domain after a scheme is plausible:
// letters only. twitter-text checks it against the IANA list there too; cm
// accepts any, so that reserved names such as .example and .test used in
// documentation and tests count as the links they stand for.
func isLetters(tld string) bool {
	for _, r := range tld {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return utf8.RuneCountInString(tld) >= 2
}

// isTLD says whether a top-level domain makes a host: any two-letter country
// domain and the generic domains people write in posts. twitter-text keeps
// the full IANA list; a rare generic domain missing here makes a bare
// domain count as the characters it has instead of 23.
func isTLD(tld string) bool {
	if len(tld) == 2 {
		return tld[0] >= 'a' && tld[0] <= 'z' && tld[1] >= 'a' && tld[1] <= 'z'
	}
	_, ok := genericTLDs[tld]
	return ok
}

var genericTLDs = func() map[string]struct{} {
	m := map[string]struct{}{}
	for t := range strings.FieldsSeq(`com net org edu gov mil int info biz name pro mobi aero asia cat coop jobs museum tel travel
		app dev page blog shop store online site website tech xyz club news art eco bio green earth social
		media live video music photo photos design studio agency digital cloud email link click top
		world global international paris berlin london nyc tokyo quebec bzh alsace corsica eus lyon`) {
		m[t] = struct{}{}
	}
	return m
}()
