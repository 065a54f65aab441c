package editorial

import (
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// BrandCase reports brand names written in another case than their own.
type BrandCase struct{}

func (BrandCase) Meta() check.Meta {
	return check.Meta{
		ID: "editorial.brand-case", Severity: check.Error,
		Kinds:   []content.Kind{content.KindArticle, content.KindPost},
		Summary: "A brand name in the wrong case",
		Doc: "Brand and product names are written exactly as cm.yaml lists them (editorial.brands, and " +
			"editorial.languages.<lang>.brands): Youtube or youtube is reported as YouTube, Linkedin as LinkedIn. " +
			"A brand that is one word with only its first letter in capitals (Brindille, Mastodon) is not " +
			"reported in lowercase, where it is the ordinary word (une brindille, a mastodon). URLs, @mentions " +
			"and #hashtags are left alone. cm check --fix writes the brand's case.",
		Example: check.Example{
			Bad:  "Retrouvez-nous sur Youtube.",
			Good: "Retrouvez-nous sur YouTube.",
		},
	}
}

func (BrandCase) Check(p *check.Pass) {
	g := glossaryFor(p)
	if g == nil || len(g.byFirst) == 0 {
		return
	}
	norms := normalized(p)
	for _, s := range text.Segments(p) {
		for _, m := range g.find(s, norms[s], brand) {
			found := m.text(s)
			want := m.term.text
			if found == want || (m.term.lowerOK && found == strings.ToLower(found)) {
				continue
			}
			msg := p.T(quote(p, found)+" is written "+quote(p, want), quote(p, found)+" s’écrit "+quote(p, want))
			p.ReportFix(s.Pos(m.start), msg, want, s.Fix(m.start, m.end, want))
		}
	}
}
