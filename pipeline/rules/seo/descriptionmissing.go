package seo

import (
	"strings"

	"github.com/cmhq/cm/pipeline/check"
)

// DescriptionMissing reports articles without a meta description.
type DescriptionMissing struct{}

func (DescriptionMissing) Meta() check.Meta {
	return check.Meta{
		ID: "seo.description-missing", Severity: check.Warning, Kinds: articles,
		Summary: "An article without a meta description",
		Doc: "Without a description, search engines and link cards show whatever piece of the text " +
			"they pick. Write one or two sentences that say what the reader will learn, with the " +
			"keyphrase.",
		Example: check.Example{
			Bad:  "---\ntitle: \"Gamelle en inox : comment bien la choisir\"\ndate: 2026-10-06\n---",
			Good: "---\ntitle: \"Gamelle en inox : comment bien la choisir\"\ndescription: \"Taille, étanchéité, compartiments, entretien : ce qu’il faut regarder avant d’acheter une gamelle en inox qui vous suivra au bureau.\"\ndate: 2026-10-06\n---",
		},
	}
}

func (DescriptionMissing) Check(p *check.Pass) {
	a := article(p)
	if a == nil || strings.TrimSpace(a.Description) != "" {
		return
	}
	pos := a.KeyPos("title")
	msg := p.T("the article has no meta description: search engines will show a piece of the text instead",
		"l’article n’a pas de méta-description : les moteurs de recherche afficheront un extrait du texte à la place")
	if k, _ := a.Key("description"); k != nil {
		pos = a.NodePos(k)
		msg = p.T("the meta description is empty: search engines will show a piece of the text instead",
			"la méta-description est vide : les moteurs de recherche afficheront un extrait du texte à la place")
	}
	p.Report(pos, msg,
		p.T("add a description: one or two sentences that say what the reader will learn, with the keyphrase",
			"ajoutez une description : une ou deux phrases qui disent ce que le lecteur va apprendre, avec la requête cible"))
}
