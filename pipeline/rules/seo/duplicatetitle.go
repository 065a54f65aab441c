package seo

import (
	"github.com/cmhq/cm/pipeline/check"
)

// DuplicateTitle reports articles of one language with the same title.
type DuplicateTitle struct{}

func (DuplicateTitle) Meta() check.Meta {
	return check.Meta{
		ID: "seo.duplicate-title", Severity: check.Warning, Kinds: articles,
		Summary: "Two articles of one language with the same title",
		Doc: "Search engines show one of two pages with the same title and readers cannot tell them " +
			"apart. Titles are compared word for word, ignoring case, accents and punctuation, among " +
			"articles of the same language, drafts included.",
		Example: check.Example{
			Bad:  "content/blog/a.md   title: Entretenir ses emballages en cire\ncontent/blog/b.md   title: Entretenir ses emballages en cire !",
			Good: "content/blog/a.md   title: Entretenir ses emballages en cire\ncontent/blog/b.md   title: Fabriquer ses emballages en cire",
		},
	}
}

func (DuplicateTitle) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	others := duplicatesOf(p, a, titleFact)
	if len(others) == 0 {
		return
	}
	p.Report(a.KeyPos("title"),
		p.T("another article has the same title: "+paths(p, others), "un autre article a le même titre : "+paths(p, others)),
		p.T("give each article its own title, that says how it differs", "donnez à chaque article son propre titre, qui dit ce qui le distingue"))
}
