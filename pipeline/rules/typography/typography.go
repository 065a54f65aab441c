// Package typography holds the typography rules: French spacing around
// punctuation and inside « », and curly quotes and apostrophes. Every
// finding they make has a certain fix that `cm check --fix` applies.
package typography

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// The spaces of French typography.
const (
	narrowNBSP = '\u202f'
	nbsp       = '\u00a0'
)

// Space is the no-break space a rule inserts: narrow (U+202F) or nbsp
// (U+00A0).
type Space string

// UnmarshalText accepts narrow or nbsp.
func (s *Space) UnmarshalText(b []byte) error {
	switch v := Space(b); v {
	case "narrow", "nbsp":
		*s = v
		return nil
	}
	return fmt.Errorf("unknown space %q: use narrow (U+202F) or nbsp (U+00A0)", b)
}

// Rune is the space's character.
func (s Space) Rune() rune {
	if s == "nbsp" {
		return nbsp
	}
	return narrowNBSP
}

// Name is how messages call the space.
func (s Space) Name(fr bool) string {
	switch {
	case s == "nbsp" && fr:
		return "une espace insécable (U+00A0)"
	case s == "nbsp":
		return "a no-break space (U+00A0)"
	case fr:
		return "une espace fine insécable (U+202F)"
	}
	return "a narrow no-break space (U+202F)"
}

func isNoBreak(r rune) bool { return r == narrowNBSP || r == nbsp }

// isBreakingSpace is a space that lets the line break before punctuation.
func isBreakingSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u2009' || r == '\u2002' || r == '\u2003' || r == '\u2005' || r == '\u2006'
}

// masked says whether Text[i] is inside code, a URL, a mention or a
// hashtag: not prose.
func masked(s *text.Segment, i int) bool {
	return i >= 0 && i < len(s.Text) && s.Masked[i] != s.Text[i]
}

// before is the rune before Text[i] and its offset, or -1.
func before(s string, i int) (rune, int) {
	if i <= 0 {
		return 0, -1
	}
	r, size := utf8.DecodeLastRuneInString(s[:i])
	return r, i - size
}

// after is the rune at Text[i], or 0 at the end.
func after(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
