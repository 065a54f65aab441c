package seo

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/check"
)

// TitleLength reports titles too short or too long for search results.
type TitleLength struct{}

// TitleLengthOptions bound the title.
type TitleLengthOptions struct {
	Min       int `yaml:"min" doc:"Fewest characters of a title."`
	Max       int `yaml:"max" doc:"Most characters of a title."`
	MaxPixels int `yaml:"max_pixels" doc:"Most pixels of the title in a search result (Arial 20 px, as search engines show it); 600 is the usual width, 0 turns the estimate off."`
}

func (TitleLength) DefaultOptions() any { return &TitleLengthOptions{Min: 30, Max: 60} }

func (TitleLength) Meta() check.Meta {
	return check.Meta{
		ID: "seo.title-length", Severity: check.Warning, Kinds: articles,
		Summary: "A title too short or too long for search results",
		Doc: "Search engines show about 60 characters of a title, and a short title says too little. " +
			"The title is counted in characters, between min (30) and max (60). With max_pixels (600 is " +
			"the usual width) the title is also measured the way a result page draws it, in Arial at " +
			"20 px, since wide letters (W, M, capitals) run out of room before 60 characters.",
		Example: check.Example{
			Bad:  "title: Savon",
			Good: "title: \"Savon vaisselle solide : un mois d’essai à l’atelier\"",
		},
	}
}

func (TitleLength) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	title := strings.TrimSpace(a.Title)
	if title == "" {
		return // schema.required says so
	}
	o := p.Options().(*TitleLengthOptions)
	n := utf8.RuneCountInString(title)
	pos := a.KeyPos("title")
	switch {
	case o.Max > 0 && n > o.Max:
		p.Report(pos,
			p.T(fmt.Sprintf("the title has %d characters, over %d: search results cut it off", n, o.Max),
				fmt.Sprintf("le titre fait %d caractères, au-delà de %d : les moteurs de recherche le coupent", n, o.Max)),
			p.T(fmt.Sprintf("shorten the title by %s or more, and keep the keyphrase near its start", plural(n-o.Max, "character", "characters")),
				fmt.Sprintf("raccourcissez le titre d’au moins %s, en gardant la requête cible au début", plural(n-o.Max, "caractère", "caractères"))))
	case n < o.Min:
		p.Report(pos,
			p.T(fmt.Sprintf("the title has %d characters, under %d: it tells searchers too little", n, o.Min),
				fmt.Sprintf("le titre fait %d caractères, en deçà de %d : il en dit trop peu aux internautes", n, o.Min)),
			p.T(fmt.Sprintf("lengthen the title by %s or more: say what the reader will find", plural(o.Min-n, "character", "characters")),
				fmt.Sprintf("allongez le titre d’au moins %s : dites ce que le lecteur va trouver", plural(o.Min-n, "caractère", "caractères"))))
	case o.MaxPixels > 0:
		if px := TitlePixels(title); px > o.MaxPixels {
			p.Report(pos,
				p.T(fmt.Sprintf("the title is about %d pixels wide in search results, over %d: it will be cut off", px, o.MaxPixels),
					fmt.Sprintf("le titre occupe environ %d pixels dans les résultats de recherche, au-delà de %d : il sera coupé", px, o.MaxPixels)),
				p.T("shorten the title by a word or two, or use fewer capitals",
					"raccourcissez le titre d’un ou deux mots, ou mettez moins de capitales"))
		}
	}
}
