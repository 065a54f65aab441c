package content

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ligatures are letters that do not decompose into a base letter and an
// accent, written the way French and English readers spell them out.
var ligatures = map[rune]string{
	'œ': "oe", 'Œ': "oe", 'æ': "ae", 'Æ': "ae", 'ß': "ss", 'ø': "o", 'Ø': "o",
	'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ı': "i",
}

// Slugify makes a URL slug from a title: lowercase ASCII words joined by
// hyphens. Accents are folded (é -> e), ligatures spelled out (œ -> oe),
// elided articles stay separate words (l’été -> l-ete), and & is read in the
// language ("et", "and"). It returns "" when nothing is left.
func Slugify(title, lang string) string {
	and := "and"
	if lang == "fr" {
		and = "et"
	}
	var b strings.Builder
	dash := false
	emit := func(s string) {
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteString(s)
	}
	for _, r := range norm.NFD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// a combining accent: dropped, its base letter was kept
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			emit(string(unicode.ToLower(r)))
		case ligatures[r] != "":
			emit(ligatures[r])
		case r == '&':
			dash = true
			emit(and)
			dash = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			// A letter with no ASCII form (CJK, Cyrillic...) is left out
			// rather than turned into a percent-encoded URL.
			dash = true
		default:
			dash = true
		}
	}
	return trimSlug(b.String(), 80)
}

// trimSlug cuts a slug to at most max bytes at a word boundary.
func trimSlug(s string, limit int) string {
	if len(s) <= limit {
		return s
	}
	s = s[:limit]
	if i := strings.LastIndexByte(s, '-'); i > 0 {
		s = s[:i]
	}
	return strings.Trim(s, "-")
}
