package seo

import (
	"github.com/cmhq/cm/pipeline/check"
)

// DuplicateDescription reports articles of one language with the same
// meta description.
type DuplicateDescription struct{}

func (DuplicateDescription) Meta() check.Meta {
	return check.Meta{
		ID: "seo.duplicate-description", Severity: check.Warning, Kinds: articles,
		Summary: "Two articles of one language with the same meta description",
		Doc: "A description copied from another article tells searchers nothing about this one. " +
			"Descriptions are compared word for word, ignoring case, accents and punctuation, among " +
			"articles of the same language, drafts included.",
		Example: check.Example{
			Bad:  "content/blog/a.md   description: Nos conseils zéro déchet.\ncontent/blog/b.md   description: Nos conseils zéro déchet.",
			Good: "content/blog/a.md   description: Comment entretenir vos emballages en cire pour qu’ils durent un an.\ncontent/blog/b.md   description: Fabriquer un emballage en cire avec un tissu et de la cire d’abeille.",
		},
	}
}

func (DuplicateDescription) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	others := duplicatesOf(p, a, descriptionFact)
	if len(others) == 0 {
		return
	}
	p.Report(a.KeyPos("description"),
		p.T("another article has the same description: "+paths(p, others), "un autre article a la même description : "+paths(p, others)),
		p.T("write a description for this article: what a reader will learn here", "écrivez une description propre à cet article : ce que le lecteur y apprendra"))
}
