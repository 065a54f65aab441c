package typography

import (
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// Quotes reports straight quotes, which French writes « » and English
// “ ”, and, by option, straight apostrophes.
type Quotes struct{}

// QuotesOptions are typography.quotes' options in cm.yaml.
type QuotesOptions struct {
	Apostrophe bool  `yaml:"apostrophe" doc:"Also report the straight apostrophe ' and write ’ instead."`
	Space      Space `yaml:"space" doc:"The space French puts inside « »: narrow (U+202F, the default) or nbsp (U+00A0)."`
}

func (Quotes) DefaultOptions() any { return &QuotesOptions{Space: "narrow"} }

func (Quotes) Meta() check.Meta {
	return check.Meta{
		ID: "typography.quotes", Severity: check.Warning,
		Kinds:   []content.Kind{content.KindArticle, content.KindPost},
		Summary: "Straight quotes where the language has its own: « » in French, “ ” in English",
		Doc: "A straight double quote \" is a typewriter's compromise: French writes « » with a narrow no-break " +
			"space inside, English “ ”. With the option apostrophe: true, the straight apostrophe ' is reported " +
			"too and written ’. Quotes are paired in each paragraph; a \" right after a digit is an inch mark " +
			"and left alone, as are code, URLs and frontmatter keys. cm check --fix writes the right quotes.",
		Example: check.Example{
			Bad:  "Le modèle \"Cuisine\" est réparable.",
			Good: "Le modèle «\u202fCuisine\u202f» est réparable.",
		},
	}
}

func (Quotes) Check(p *check.Pass) {
	opts := p.Options().(*QuotesOptions)
	fr := p.Lang() == "fr"
	sp := string(opts.Space.Rune())
	for _, s := range text.Segments(p) {
		t := s.Text
		open := false // inside a quotation opened by a straight quote
		for i, r := range t {
			if masked(s, i) {
				continue
			}
			switch {
			case r == '"':
				if !s.Exact(i, i+1) {
					continue
				}
				prev, _ := before(t, i)
				next, _ := after(t, i+1)
				opening := !open
				if opening && isDigit(prev) {
					continue // 27" is an inch mark
				}
				if opening && next == 0 {
					continue
				}
				open = opening
				reportStraight(p, s, i, opening, fr, sp)
			case r == '«' || r == '“' || r == '»' || r == '”':
				// The typographer curls "word" itself; the file still has ".
				if s.Exact(i, i+len(string(r))) {
					continue
				}
				if off, ok := straightAt(s, i, '"'); ok {
					reportCurled(p, s, i, off, r == '«' || r == '“', fr, sp)
				}
			case r == '\'' && opts.Apostrophe:
				if s.Exact(i, i+1) && isLetterAt(t, i-1, true) && isLetterAt(t, i+1, false) {
					p.ReportFix(s.Pos(i), p.T("a straight apostrophe", "une apostrophe droite"), "’", s.Fix(i, i+1, "’"))
				}
			case r == '’' && opts.Apostrophe:
				if s.Exact(i, i+len("’")) {
					continue
				}
				if off, ok := straightAt(s, i, '\''); ok {
					p.ReportFix(s.Doc().Pos(off), p.T("a straight apostrophe", "une apostrophe droite"), "’",
						&check.Fix{Start: off, End: off + 1, New: "’"})
				}
			}
		}
	}
}

// straightAt finds the straight quote the typographer replaced at Text[i]:
// at its offset in the file, or just after emphasis markers.
func straightAt(s *text.Segment, i int, quote byte) (int, bool) {
	if !s.IsBody() {
		return 0, false
	}
	src := s.Doc().Src
	off := s.Offset(i)
	for k := off; k < len(src) && k < off+8; k++ {
		switch src[k] {
		case quote:
			return k, true
		case '*', '_', '~':
			continue
		}
		return 0, false
	}
	return 0, false
}

// reportStraight reports a straight quote typed as is at Text[i], and
// fixes it with the space French wants inside (replacing a breaking one).
func reportStraight(p *check.Pass, s *text.Segment, i int, opening, fr bool, sp string) {
	t := s.Text
	start, end, repl := i, i+1, ""
	switch {
	case fr && opening:
		repl = "«" + sp
		if next, _ := after(t, i+1); isBreakingSpace(next) || isNoBreak(next) {
			end += utf8.RuneLen(next)
		}
	case fr:
		repl = sp + "»"
		if prev, pi := before(t, i); pi >= 0 && (isBreakingSpace(prev) || isNoBreak(prev)) {
			start = pi
		}
	case opening:
		repl = "“"
	default:
		repl = "”"
	}
	msg, sugg := message(p, opening, fr)
	fix := s.Fix(start, end, repl)
	if fix == nil && (start != i || end != i+1) {
		fix = s.Fix(i, i+1, repl) // the space is not certain: replace the quote alone
	}
	p.ReportFix(s.Pos(i), msg, sugg, fix)
}

// reportCurled reports a straight quote the typographer curled when
// rendering: the file has " at off.
func reportCurled(p *check.Pass, s *text.Segment, i, off int, opening, fr bool, sp string) {
	repl := "“"
	switch {
	case fr && opening:
		repl = "«" + sp
	case fr:
		repl = sp + "»"
	case !opening:
		repl = "”"
	}
	msg, sugg := message(p, opening, fr)
	p.ReportFix(s.Doc().Pos(off), msg, sugg, &check.Fix{Start: off, End: off + 1, New: repl})
}

func message(p *check.Pass, opening, fr bool) (string, string) {
	msg := p.T("a straight quote", "un guillemet droit")
	switch {
	case fr && opening:
		return msg, p.T("write « with a narrow no-break space after it", "écrivez « suivi d’une espace fine insécable")
	case fr:
		return msg, p.T("write » with a narrow no-break space before it", "écrivez » précédé d’une espace fine insécable")
	case opening:
		return msg, "“"
	}
	return msg, "”"
}

// isLetterAt says whether the rune ending (back) or starting at Text[i]
// is a letter.
func isLetterAt(t string, i int, back bool) bool {
	if back {
		r, j := before(t, i+1)
		return j >= 0 && isWordChar(r)
	}
	r, _ := after(t, i)
	return r != 0 && isWordChar(r)
}
