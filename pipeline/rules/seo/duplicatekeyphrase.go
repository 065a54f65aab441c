package seo

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
)

// DuplicateKeyphrase reports articles of one language that target the same
// keyphrase.
type DuplicateKeyphrase struct{}

func (DuplicateKeyphrase) Meta() check.Meta {
	return check.Meta{
		ID: "seo.duplicate-keyphrase", Severity: check.Warning, Kinds: articles,
		Summary: "A keyphrase already targeted by another article",
		Doc: "Two articles of one language that target the same keyphrase compete for the same " +
			"searches, and neither ranks as well as one would. Keyphrases are compared the way they " +
			"are matched: « réseaux sociaux » and « le réseau social » are the same. The diagnostic " +
			"names the other article.",
		Example: check.Example{
			Bad:  "content/blog/a.md   keyphrase: gamelle en inox\ncontent/blog/b.md   keyphrase: gamelles inox",
			Good: "content/blog/a.md   keyphrase: gamelle en inox\ncontent/blog/b.md   keyphrase: entretien gamelle inox",
		},
	}
}

func (DuplicateKeyphrase) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	others := duplicatesOf(p, a, keyphraseFact)
	if len(others) == 0 {
		return
	}
	o := others[0]
	kp := quote(p, keyphrase(a).Text)
	msg := p.T(fmt.Sprintf("the keyphrase %s is already targeted by %s (%s)", kp, quote(p, o.Title), o.Path),
		fmt.Sprintf("la requête cible %s est déjà celle de %s (%s)", kp, quote(p, o.Title), o.Path))
	if len(others) > 1 {
		msg = p.T(fmt.Sprintf("the keyphrase %s is already targeted by %s (%s) and %s", kp, quote(p, o.Title), o.Path, plural(len(others)-1, "other article", "other articles")),
			fmt.Sprintf("la requête cible %s est déjà celle de %s (%s) et de %s", kp, quote(p, o.Title), o.Path, plural(len(others)-1, "autre article", "autres articles")))
	}
	p.Report(a.KeyPos("keyphrase"), msg,
		p.T("choose another keyphrase for one of them, or merge the articles: they compete for the same searches",
			"choisissez une autre requête cible pour l’un d’eux, ou fusionnez les articles : ils se disputent les mêmes recherches"))
}
