package editorial

import (
	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// ForbiddenTerm reports the words and phrases the brand never uses.
type ForbiddenTerm struct{}

func (ForbiddenTerm) Meta() check.Meta {
	return check.Meta{
		ID: "editorial.forbidden-term", Severity: check.Error,
		Kinds:   []content.Kind{content.KindArticle, content.KindPost},
		Summary: "A word or phrase the brand never uses",
		Doc: "cm.yaml lists, per language, the terms the brand never uses, each with its reason " +
			"(editorial.languages.<lang>.forbidden). They are found as whole words or phrases in every text " +
			"an item publishes (an article's body, title, description and share texts; a post's text and " +
			"each variant), in any case, with or without their accents, in their plural forms; never inside " +
			"code, URLs, e-mail addresses, @mentions or #hashtags.",
		Example: check.Example{
			Bad:  "Nos produits low cost durent.",
			Good: "Nos produits abordables durent.",
		},
	}
}

func (ForbiddenTerm) Check(p *check.Pass) {
	g := glossaryFor(p)
	if g == nil || len(g.byFirst) == 0 {
		return
	}
	norms := normalized(p)
	for _, s := range text.Segments(p) {
		for _, m := range g.find(s, norms[s], forbidden) {
			found := m.text(s)
			msg := p.T(quote(p, found)+" is not in the brand's vocabulary", quote(p, found)+" ne fait pas partie du vocabulaire de la marque")
			if m.term.reason != "" {
				msg += p.T(": ", "\u202f: ") + m.term.reason
			}
			p.Report(s.Pos(m.start), msg, p.T("rephrase without "+quote(p, found), "reformulez sans "+quote(p, found)))
		}
	}
}
