package editorial

import (
	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// Substitute reports the words the brand replaces with others.
type Substitute struct{}

func (Substitute) Meta() check.Meta {
	return check.Meta{
		ID: "editorial.substitute", Severity: check.Warning,
		Kinds:   []content.Kind{content.KindArticle, content.KindPost},
		Summary: "A word the brand replaces with another",
		Doc: "cm.yaml lists, per language, terms and what to write instead (editorial.languages.<lang>.substitutes, " +
			"e.g. impacter -> avoir un effet sur, utilize -> use). Terms are matched like forbidden terms: whole words " +
			"and phrases, any case, plural forms, and for a one-word verb its regular forms (impactés, utilized). " +
			"The suggestion is the replacement. With autofix: true, cm check --fix replaces the term itself " +
			"(keeping its capital), never another form, whose grammar a person must rework.",
		Example: check.Example{
			Bad:  "We utilize beeswax.",
			Good: "We use beeswax.",
		},
	}
}

func (Substitute) Check(p *check.Pass) {
	g := glossaryFor(p)
	if g == nil || len(g.byFirst) == 0 {
		return
	}
	norms := normalized(p)
	for _, s := range text.Segments(p) {
		for _, m := range g.find(s, norms[s], substitute) {
			found := m.text(s)
			repl := matchCase(m.term.use, found)
			msg := p.T("the brand writes "+quote(p, m.term.use)+", not "+quote(p, found),
				"la marque écrit "+quote(p, m.term.use)+", pas "+quote(p, found))
			var fix *check.Fix
			if m.term.autofix && m.exact {
				fix = s.Fix(m.start, m.end, repl)
			}
			p.ReportFix(s.Pos(m.start), msg, repl, fix)
		}
	}
}
