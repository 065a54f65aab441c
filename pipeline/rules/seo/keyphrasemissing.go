package seo

import "github.com/cmhq/cm/pipeline/check"

// KeyphraseMissing reports articles without a focus keyphrase.
type KeyphraseMissing struct{}

func (KeyphraseMissing) Meta() check.Meta {
	return check.Meta{
		ID: "seo.keyphrase-missing", Severity: check.Warning, Kinds: articles,
		Summary: "An article without a focus keyphrase",
		Doc: "The keyphrase is the search the article should rank for: the words people type to find " +
			"it. The other seo.keyphrase-* rules check its place in the title, the first paragraph, the " +
			"slug and the text; without one they have nothing to check.",
		Example: check.Example{
			Bad:  "---\ntitle: \"Gamelle en inox : comment bien la choisir\"\n---",
			Good: "---\ntitle: \"Gamelle en inox : comment bien la choisir\"\nkeyphrase: gamelle en inox\n---",
		},
	}
}

func (KeyphraseMissing) Check(p *check.Pass) {
	a := article(p)
	if a == nil || keyphrase(a) != nil {
		return
	}
	pos := a.KeyPos("title")
	if k, _ := a.Key("keyphrase"); k != nil {
		pos = a.NodePos(k)
	}
	p.Report(pos,
		p.T("the article has no focus keyphrase, so its place in the title and the text cannot be checked",
			"l’article n’a pas de requête cible : sa place dans le titre et le texte ne peut pas être vérifiée"),
		p.T("add `keyphrase:` with the words people would search to find this article",
			"ajoutez `keyphrase:` avec les mots que les internautes chercheraient pour trouver cet article"))
}
