package seo

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/check"
)

// DescriptionLength reports meta descriptions too short or too long.
type DescriptionLength struct{}

// DescriptionLengthOptions bound the meta description.
type DescriptionLengthOptions struct {
	Min int `yaml:"min" doc:"Fewest characters of a meta description."`
	Max int `yaml:"max" doc:"Most characters of a meta description."`
}

func (DescriptionLength) DefaultOptions() any { return &DescriptionLengthOptions{Min: 120, Max: 156} }

func (DescriptionLength) Meta() check.Meta {
	return check.Meta{
		ID: "seo.description-length", Severity: check.Warning, Kinds: articles,
		Summary: "A meta description too short or too long for search results",
		Doc: "The description is the snippet under the title in search results and link cards. Search " +
			"engines show about 156 characters and cut the rest; under 120 characters they often replace " +
			"it with a piece of the text. The bounds are the options min and max.",
		Example: check.Example{
			Bad:  "description: Nos conseils pour choisir.",
			Good: "description: \"Taille, étanchéité, compartiments, entretien : ce qu’il faut regarder avant d’acheter une gamelle en inox qui vous suivra au bureau.\"",
		},
	}
}

func (DescriptionLength) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	desc := strings.TrimSpace(a.Description)
	if desc == "" {
		return // seo.description-missing
	}
	o := p.Options().(*DescriptionLengthOptions)
	n := utf8.RuneCountInString(desc)
	pos := a.KeyPos("description")
	switch {
	case o.Max > 0 && n > o.Max:
		p.Report(pos,
			p.T(fmt.Sprintf("the description has %d characters, over %d: search results cut it off", n, o.Max),
				fmt.Sprintf("la description fait %d caractères, au-delà de %d : les moteurs de recherche la coupent", n, o.Max)),
			p.T(fmt.Sprintf("shorten the description by %s or more", plural(n-o.Max, "character", "characters")),
				fmt.Sprintf("raccourcissez la description d’au moins %s", plural(n-o.Max, "caractère", "caractères"))))
	case n < o.Min:
		p.Report(pos,
			p.T(fmt.Sprintf("the description has %d characters, under %d: search engines may show a piece of the text instead", n, o.Min),
				fmt.Sprintf("la description fait %d caractères, en deçà de %d : les moteurs de recherche risquent d’afficher un extrait du texte à la place", n, o.Min)),
			p.T(fmt.Sprintf("lengthen the description by %s or more: say what the reader will learn, with the keyphrase", plural(o.Min-n, "character", "characters")),
				fmt.Sprintf("allongez la description d’au moins %s : dites ce que le lecteur va apprendre, avec la requête cible", plural(o.Min-n, "caractère", "caractères"))))
	}
}
