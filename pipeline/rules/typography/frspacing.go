package typography

import (
	"strings"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// FrSpacing reports the spaces of French punctuation: a no-break space
// before ; : ! ? and inside « », none before . and ,.
type FrSpacing struct{}

// SpacingOptions are typography.fr-spacing's options in cm.yaml.
type SpacingOptions struct {
	Space Space `yaml:"space" doc:"The space to put before ; : ! ? and inside « »: narrow (U+202F, the default) or nbsp (U+00A0). Either is accepted where one is already."`
}

func (FrSpacing) DefaultOptions() any { return &SpacingOptions{Space: "narrow"} }

func (FrSpacing) Meta() check.Meta {
	return check.Meta{
		ID: "typography.fr-spacing", Severity: check.Warning,
		Kinds:     []content.Kind{content.KindArticle, content.KindPost},
		Languages: []string{"fr"},
		Summary:   "French punctuation spacing: no-break space before ; : ! ? and inside « », none before . and ,",
		Doc: "French typography puts a narrow no-break space (U+202F; U+00A0 with the option space: nbsp) " +
			"before ; : ! ? and inside « », so that the mark never starts a line, and no space before . and ,. " +
			"Either no-break space is accepted where one is already. Checked in the body, the title, the " +
			"description, share texts and post variants; never in code, URLs, times (21:00), smileys, or " +
			"after another mark (?!). cm check --fix puts the right space in, or takes the wrong one out.",
		Example: check.Example{
			Bad:  "Prêts ? C’est parti !",
			Good: "Prêts\u202f? C’est parti\u202f!",
		},
	}
}

func (FrSpacing) Check(p *check.Pass) {
	space := p.Options().(*SpacingOptions).Space
	sp := string(space.Rune())
	fr := p.T("en", "fr") == "fr"
	name := space.Name(fr)
	for _, s := range text.Segments(p) {
		t := s.Text
		for i, r := range t {
			if masked(s, i) {
				continue
			}
			switch r {
			case ';', ':', '!', '?':
				checkBefore(p, s, i, r, sp, name)
			case '«':
				checkInside(p, s, i, r, true, sp, name)
			case '»':
				checkInside(p, s, i, r, false, sp, name)
			case '.', ',':
				checkNoSpace(p, s, i, r)
			}
		}
	}
}

// checkBefore wants a no-break space before a high mark at Text[i].
func checkBefore(p *check.Pass, s *text.Segment, i int, mark rune, sp, name string) {
	t := s.Text
	if !s.Exact(i, i+1) {
		return // not typed as is
	}
	prev, pi := before(t, i)
	next, _ := after(t, i+1)
	switch {
	case pi < 0 || masked(s, pi):
		return
	case isNoBreak(prev):
		return
	case strings.ContainsRune(";:!?", prev):
		return // ?! and !!!: the first mark has the space
	case mark == ':' && isDigit(prev) && isDigit(next):
		return // 21:00
	case (mark == ':' || mark == ';') && strings.ContainsRune(")(-DPp/", next) && next != 0 && !isWordChar(prevNonSpace(t, i)):
		return // a smiley
	case (mark == ':' || mark == ';') && strings.ContainsRune(")(", next) && next != 0:
		return // a smiley after a word: "merci :)"
	case isBreakingSpace(prev):
		if !s.Exact(pi, i+1) && !isLineBreak(s, pi) {
			return // something the prose leaves out sits between (a link, an image)
		}
		p.ReportFix(s.Pos(pi),
			p.T("a breaking space before \""+string(mark)+"\": French puts "+name+" there",
				"espace sécable avant «\u202f"+string(mark)+"\u202f»\u202f: le français y met "+name),
			p.T("replace it with "+name, "remplacez-la par "+name),
			s.Fix(pi, i, sp))
	default:
		if !onlyMarkupBetween(s, pi, i) {
			return
		}
		p.ReportFix(s.Pos(i),
			p.T("no space before \""+string(mark)+"\": French puts "+name+" there",
				"pas d’espace avant «\u202f"+string(mark)+"\u202f»\u202f: le français y met "+name),
			p.T("insert "+name+" before \""+string(mark)+"\"", "insérez "+name+" avant «\u202f"+string(mark)+"\u202f»"),
			s.Fix(i, i, sp))
	}
}

// checkInside wants a no-break space after « and before ».
func checkInside(p *check.Pass, s *text.Segment, i int, mark rune, open bool, sp, name string) {
	t := s.Text
	size := len(string(mark))
	if !s.Exact(i, i+size) {
		return // a straight quote the typographer curled: typography.quotes reports it
	}
	var other rune
	var oi int
	if open {
		other, _ = after(t, i+size)
		oi = i + size
		if other == 0 {
			return
		}
	} else {
		other, oi = before(t, i)
		if oi < 0 {
			return
		}
	}
	if isNoBreak(other) || masked(s, oi) {
		return
	}
	where := p.T("after", "après")
	if !open {
		where = p.T("before", "avant")
	}
	if isBreakingSpace(other) {
		if a, b := min(i, oi), max(i+size, oi+len(string(other))); !s.Exact(a, b) && !isLineBreak(s, oi) {
			return
		}
		p.ReportFix(s.Pos(oi),
			p.T("a breaking space "+where+" \""+string(mark)+"\": French puts "+name+" there",
				"espace sécable "+where+" «\u202f"+string(mark)+"\u202f»\u202f: le français y met "+name),
			p.T("replace it with "+name, "remplacez-la par "+name),
			s.Fix(oi, oi+len(string(other)), sp))
		return
	}
	at := i + size
	if !open {
		at = i
		if !onlyMarkupBetween(s, oi, i) {
			return
		}
	} else if !onlyMarkupBetween(s, i, oi) {
		return
	}
	p.ReportFix(s.Pos(at),
		p.T("no space "+where+" \""+string(mark)+"\": French puts "+name+" there",
			"pas d’espace "+where+" «\u202f"+string(mark)+"\u202f»\u202f: le français y met "+name),
		p.T("insert "+name+" "+where+" \""+string(mark)+"\"", "insérez "+name+" "+where+" «\u202f"+string(mark)+"\u202f»"),
		s.Fix(at, at, sp))
}

// checkNoSpace reports a space before a period or a comma that ends a
// word (not ".net" nor an ellipsis).
func checkNoSpace(p *check.Pass, s *text.Segment, i int, mark rune) {
	t := s.Text
	prev, pi := before(t, i)
	if pi < 0 || !(isBreakingSpace(prev) || isNoBreak(prev)) || masked(s, pi) {
		return
	}
	next, _ := after(t, i+1)
	if next != 0 && !(next == ' ' || next == '\n' || isNoBreak(next) || strings.ContainsRune(")]»”’\"*_", next)) {
		return // .net, ,5, ...
	}
	if mark == '.' && next == '.' {
		return
	}
	word, wi := before(t, pi)
	if wi < 0 || !(isWordChar(word) || strings.ContainsRune(")]»”’", word)) || masked(s, wi) {
		return
	}
	if !s.Exact(wi, i+1) {
		return
	}
	p.ReportFix(s.Pos(pi),
		p.T("a space before \""+string(mark)+"\": French writes none", "une espace avant «\u202f"+string(mark)+"\u202f»\u202f: le français n’en met pas"),
		p.T("remove the space", "supprimez l’espace"),
		s.Fix(pi, i, ""))
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// prevNonSpace is the last rune before Text[i] that is not a space.
func prevNonSpace(t string, i int) rune {
	for i > 0 {
		r, j := before(t, i)
		if !isBreakingSpace(r) && !isNoBreak(r) {
			return r
		}
		i = j
	}
	return 0
}

// isLineBreak says whether the space at Text[i] is a line break of the
// file, which prose reads as a space: reported, never fixed.
func isLineBreak(s *text.Segment, i int) bool {
	off := s.Offset(i)
	src := s.Doc().Src
	return !s.Exact(i, i+1) && off < len(src) && (src[off] == '\n' || src[off] == '\r')
}

// onlyMarkupBetween says whether the runes at Text[a] and Text[b] (a < b,
// next to each other in the text) are apart in the file by emphasis
// markers at most (**Note**:), not by a link or an image the prose left
// out.
func onlyMarkupBetween(s *text.Segment, a, b int) bool {
	_, size := utf8.DecodeRuneInString(s.Text[a:])
	if !s.Exact(a, a+size) || !s.Exact(b, b+1) {
		return false
	}
	from, to := s.Offset(a)+size, s.Offset(b)
	if to < from {
		return false
	}
	for _, c := range s.Doc().Src[from:to] {
		if c != '*' && c != '_' && c != '~' {
			return false
		}
	}
	return true
}
