package seo

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
)

// KeyphraseLength reports keyphrases with too many content words, or none.
type KeyphraseLength struct{}

// KeyphraseLengthOptions bound the keyphrase.
type KeyphraseLengthOptions struct {
	MaxWords int `yaml:"max_words" doc:"Most content words (stop words such as de, the, for do not count) of a keyphrase."`
}

func (KeyphraseLength) DefaultOptions() any { return &KeyphraseLengthOptions{MaxWords: 4} }

func (KeyphraseLength) Meta() check.Meta {
	return check.Meta{
		ID: "seo.keyphrase-length", Severity: check.Warning, Kinds: articles,
		Summary: "A keyphrase with too many words, or with stop words only",
		Doc: "People search with a few words; a long keyphrase is never typed as such and cannot be " +
			"placed naturally in a title. Content words are counted, stop words of the article's " +
			"language (de, la, the, for...) are not: at most max_words (4).",
		Example: check.Example{
			Bad:  "keyphrase: comment bien choisir sa gamelle en inox pour le bureau",
			Good: "keyphrase: gamelle en inox",
		},
	}
}

func (KeyphraseLength) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	ph := keyphrase(a)
	if ph == nil {
		return
	}
	o := p.Options().(*KeyphraseLengthOptions)
	pos := a.KeyPos("keyphrase")
	switch {
	case ph.all:
		p.Report(pos,
			p.T(fmt.Sprintf("the keyphrase %s has only stop words, which search engines ignore", quote(p, ph.Text)),
				fmt.Sprintf("la requête cible %s n’a que des mots vides, que les moteurs de recherche ignorent", quote(p, ph.Text))),
			p.T("choose the words people would type to find this article",
				"choisissez les mots que les internautes taperaient pour trouver cet article"))
	case o.MaxWords > 0 && len(ph.Terms) > o.MaxWords:
		p.Report(pos,
			p.T(fmt.Sprintf("the keyphrase %s has %d content words, over %d: few people search for it word for word", quote(p, ph.Text), len(ph.Terms), o.MaxWords),
				fmt.Sprintf("la requête cible %s a %d mots porteurs de sens, au-delà de %d : peu d’internautes la cherchent telle quelle", quote(p, ph.Text), len(ph.Terms), o.MaxWords)),
			p.T(fmt.Sprintf("keep the %d words or fewer that people would type in a search", o.MaxWords),
				fmt.Sprintf("gardez au plus %d mots, ceux que les internautes taperaient dans une recherche", o.MaxWords)))
	}
}
