package editorial

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/prose"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// termKind says which glossary list a term comes from.
type termKind int

const (
	forbidden termKind = iota
	substitute
	brand
)

// term is one glossary entry, compiled for matching.
type term struct {
	kind termKind
	// text is the term as configured; base its words, normalized.
	text string
	base []string
	// forms are, per word, the normalized forms that match it: the word
	// and its plural (and, for a one-word French -er verb or English verb,
	// its regular forms).
	forms []map[string]bool
	// use is the replacement (substitutes); reason why a term is forbidden.
	use, reason string
	autofix     bool
	// lowerOK: a brand written in Title case (Brindille, Mastodon) whose
	// all-lowercase form is an ordinary word, not a casing mistake.
	lowerOK bool
}

// glossary matches the terms of one language.
type glossary struct {
	lang string
	// byFirst indexes terms by each form of their first word.
	byFirst map[string][]*term
}

// glossaries is every language's glossary, built once per run.
type glossaries map[string]*glossary

func sharedGlossaries(p *check.Pass) glossaries {
	return p.Shared(func(r *content.Repo) any { return buildGlossaries(r.Config) }).(glossaries)
}

// glossaryFor is the glossary of the document's language, or nil.
func glossaryFor(p *check.Pass) *glossary {
	return sharedGlossaries(p)[p.Lang()]
}

func buildGlossaries(cfg *config.Config) glossaries {
	out := glossaries{}
	for _, lang := range cfg.Site.Languages {
		g := &glossary{lang: lang, byFirst: map[string][]*term{}}
		line := cfg.Editorial.Languages[lang]
		for _, f := range line.Forbidden {
			g.add(&term{kind: forbidden, text: f.Term, reason: f.Reason})
		}
		for _, s := range line.Substitutes {
			g.add(&term{kind: substitute, text: s.Term, use: s.Use, autofix: s.Autofix})
		}
		for _, b := range append(append([]string{}, cfg.Editorial.Brands...), line.Brands...) {
			g.add(&term{kind: brand, text: b, lowerOK: titleCase(b)})
		}
		out[lang] = g
	}
	return out
}

// titleCase says whether a brand is one word with only its first letter
// in capitals: its lowercase form may be an ordinary word (brindille, a
// twig; mastodon, the animal).
func titleCase(s string) bool {
	if strings.ContainsAny(s, " -’'") {
		return false
	}
	for i, r := range s {
		if (i == 0) != unicode.IsUpper(r) {
			return false
		}
	}
	return s != ""
}

func (g *glossary) add(t *term) {
	words := prose.Words(t.text, g.lang)
	if len(words) == 0 {
		return
	}
	for _, w := range words {
		t.base = append(t.base, normalize(w.Text))
	}
	for _, b := range t.base {
		forms := map[string]bool{b: true}
		if t.kind != brand {
			for _, f := range inflections(b, g.lang, len(t.base) == 1) {
				forms[f] = true
			}
		}
		t.forms = append(t.forms, forms)
	}
	for f := range t.forms[0] {
		g.byFirst[f] = append(g.byFirst[f], t)
		if folded := fold(f); folded != f {
			g.byFirst[folded] = append(g.byFirst[folded], t)
		}
	}
	if len(t.base) > 1 && t.kind != brand && !strings.ContainsAny(t.text, "’'") {
		// "low cost" also matches the one word "low-cost".
		joined := &term{kind: t.kind, text: t.text, use: t.use, reason: t.reason, autofix: t.autofix,
			base: []string{strings.Join(t.base, "-")}}
		joined.forms = []map[string]bool{{joined.base[0]: true}}
		g.byFirst[joined.base[0]] = append(g.byFirst[joined.base[0]], joined)
	}
}

// match is a term found in a segment.
type match struct {
	term *term
	// start and end are byte offsets in the segment's text.
	start, end int
	// exact: the text is the term itself (any case), not another form.
	exact bool
}

func (m match) text(s *text.Segment) string { return s.Text[m.start:m.end] }

// find returns the terms of kind found in a segment, left to right, never
// two overlapping.
func (g *glossary) find(s *text.Segment, norms []string, kind termKind) []match {
	if g == nil || len(g.byFirst) == 0 {
		return nil
	}
	var out []match
	words := s.Words
	for i := 0; i < len(words); i++ {
		w := words[i]
		cands := g.candidates(w.Text, norms[i])
		var best *match
		for _, c := range cands {
			t := c.term
			if t.kind != kind || i+len(t.forms) > len(words) {
				continue
			}
			end, ok, exact := c.end(w), true, c.exact
			for k := 1; k < len(t.forms); k++ {
				next := words[i+k]
				if !adjacent(s.Masked, words[i+k-1], next) {
					ok = false
					break
				}
				base, found := g.formOf(norms[i+k], t.forms[k])
				if !found {
					ok = false
					break
				}
				exact = exact && base == t.base[k]
				end = next.End
			}
			if ok && (best == nil || end > best.end) {
				best = &match{term: t, start: w.Start, end: end, exact: exact}
			}
		}
		if best != nil {
			out = append(out, *best)
			for i+1 < len(words) && words[i+1].Start < best.end {
				i++
			}
		}
	}
	return out
}

// candidate is a term whose first word matches a text word.
type candidate struct {
	term  *term
	exact bool
	// trim is the length of an English possessive ('s) left out of the match.
	trim int
}

func (c candidate) end(w prose.Word) int { return w.End - c.trim }

func (g *glossary) candidates(word, n string) []candidate {
	out := g.appendCandidates(nil, n, 0)
	if g.lang == "en" {
		for _, poss := range []string{"'s", "’s"} {
			if strings.HasSuffix(word, poss) {
				out = g.appendCandidates(out, normalize(word[:len(word)-len(poss)]), len(poss))
			}
		}
	}
	return out
}

func (g *glossary) appendCandidates(out []candidate, n string, trim int) []candidate {
	for _, t := range g.byFirst[n] {
		switch {
		case t.forms[0][n]:
			out = append(out, candidate{term: t, exact: n == t.base[0], trim: trim})
		case isASCII(n) && foldedIn(n, t.forms[0]):
			// A word typed without its accents matches the accented term.
			out = append(out, candidate{term: t, trim: trim})
		}
	}
	return out
}

// normalized are the normalized words of each segment of a document,
// computed once for the three glossary rules.
func normalized(p *check.Pass) map[*text.Segment][]string {
	return p.Doc.Memo(normKey{}, func() any {
		m := map[*text.Segment][]string{}
		for _, s := range text.Segments(p) {
			ns := make([]string, len(s.Words))
			for i, w := range s.Words {
				ns[i] = normalize(w.Text)
			}
			m[s] = ns
		}
		return m
	}).(map[*text.Segment][]string)
}

type normKey struct{}

// formOf says whether a text word is one of forms (directly or typed
// without accents), and which ("" when typed without accents).
func (g *glossary) formOf(n string, forms map[string]bool) (string, bool) {
	if forms[n] {
		return n, true
	}
	if isASCII(n) && foldedIn(n, forms) {
		return "", true
	}
	return "", false
}

func foldedIn(n string, forms map[string]bool) bool {
	for f := range forms {
		if fold(f) == n {
			return true
		}
	}
	return false
}

// adjacent says whether two words are separated by spaces only (or
// nothing, after an elision), so a phrase does not match across
// punctuation.
func adjacent(masked string, a, b prose.Word) bool {
	for _, r := range masked[a.End:b.Start] {
		if r != ' ' && r != '\u00a0' && r != '\u202f' && r != '\t' {
			return false
		}
	}
	return true
}

// normalize is the form words are compared in: composed, lowercase, with
// a straight apostrophe.
func normalize(s string) string {
	if isASCII(s) {
		return asciiLower(s)
	}
	s = strings.ToLower(norm.NFC.String(s))
	if strings.ContainsAny(s, "’ʼ") {
		s = apostrophes.Replace(s)
	}
	return s
}

var apostrophes = strings.NewReplacer("’", "'", "ʼ", "'")

// asciiLower lowercases ASCII without allocating when there is nothing to do.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return strings.ToLower(s)
		}
	}
	return s
}

// fold removes accents: "impacté" -> "impacte".
func fold(s string) string {
	if isASCII(s) {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// inflections are the other forms of a word the glossary matches: plurals,
// and for a one-word term the regular forms of a French -er verb or of an
// English verb.
func inflections(w, lang string, single bool) []string {
	var out []string
	switch lang {
	case "fr":
		out = append(out, w+"s", w+"x")
		switch {
		case strings.HasSuffix(w, "ail"):
			out = append(out, strings.TrimSuffix(w, "ail")+"aux")
		case strings.HasSuffix(w, "al"):
			out = append(out, strings.TrimSuffix(w, "al")+"aux")
		}
		if single && strings.HasSuffix(w, "er") && utf8.RuneCountInString(w) >= 5 {
			out = append(out, conjugateER(strings.TrimSuffix(w, "er"))...)
		}
	case "en":
		out = append(out, w+"s", w+"es")
		if strings.HasSuffix(w, "y") && len(w) > 2 && !strings.ContainsRune("aeiou", rune(w[len(w)-2])) {
			out = append(out, w[:len(w)-1]+"ies", w[:len(w)-1]+"ied")
		}
		if single {
			if strings.HasSuffix(w, "e") {
				out = append(out, w+"d", w[:len(w)-1]+"ing")
			} else {
				out = append(out, w+"ed", w+"ing")
			}
		}
	default:
		out = append(out, w+"s")
	}
	return out
}

// frER are the endings of the regular French -er verbs after the stem.
var frER = []string{
	"e", "es", "ent", "ons", "ez", "é", "ée", "és", "ées", "er", "ant",
	"ais", "ait", "aient", "ions", "iez", "a", "as", "ai", "âmes", "âtes", "èrent",
	"erai", "eras", "era", "erons", "erez", "eront", "erais", "erait", "erions", "eriez", "eraient",
	"asse", "asses", "ât", "assions", "assiez", "assent",
}

func conjugateER(stem string) []string {
	out := make([]string, 0, len(frER))
	for _, e := range frER {
		s := stem
		if e[0] == 'a' || e[0] == 'o' || strings.HasPrefix(e, "â") {
			// placer -> plaçons, manger -> mangeons
			switch {
			case strings.HasSuffix(stem, "c"):
				s = strings.TrimSuffix(stem, "c") + "ç"
			case strings.HasSuffix(stem, "g"):
				s = stem + "e"
			}
		}
		out = append(out, s+e)
	}
	return out
}

// matchCase writes repl in the case of the text it replaces: "Utilize"
// becomes "Use", "UTILIZE" becomes "USE".
func matchCase(repl, like string) string {
	first, _ := utf8.DecodeRuneInString(like)
	if !unicode.IsUpper(first) {
		return repl
	}
	if utf8.RuneCountInString(like) > 1 && strings.ToUpper(like) == like {
		return strings.ToUpper(repl)
	}
	r, size := utf8.DecodeRuneInString(repl)
	return string(unicode.ToUpper(r)) + repl[size:]
}

// quote puts a term in the quotes of the message's language.
func quote(p *check.Pass, s string) string {
	return p.T("\""+s+"\"", "«\u202f"+s+"\u202f»")
}
