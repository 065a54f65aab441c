package seo

import (
	"fmt"
	"math"

	"github.com/cmhq/cm/pipeline/check"
)

// KeyphraseDensity reports a keyphrase used too rarely or too often.
type KeyphraseDensity struct{}

// KeyphraseDensityOptions bound the density, in percent of the words.
type KeyphraseDensityOptions struct {
	Min      float64 `yaml:"min" doc:"Lowest density, in percent: occurrences of the keyphrase per 100 words of text."`
	Max      float64 `yaml:"max" doc:"Highest density, in percent; above it the text reads as keyword stuffing."`
	MinWords int     `yaml:"min_words" doc:"Texts shorter than this many words are not measured (seo.text-length speaks for them)."`
}

func (KeyphraseDensity) DefaultOptions() any {
	return &KeyphraseDensityOptions{Min: 0.5, Max: 3, MinWords: 100}
}

func (KeyphraseDensity) Meta() check.Meta {
	return check.Meta{
		ID: "seo.keyphrase-density", Severity: check.Warning, Kinds: articles,
		Summary: "A keyphrase used too rarely or too often in the text",
		Doc: "Density is the number of times the keyphrase occurs per 100 words of the body. Under " +
			"min (0.5%) the text hardly says what it is about; over max (3%) it reads as keyword " +
			"stuffing, which readers and search engines both dislike. Occurrences are counted like " +
			"the other keyphrase rules: ignoring case, accents, stop words and word forms. Texts under " +
			"min_words (100) words are not measured.",
		Example: check.Example{
			Bad:  "keyphrase: gamelle en inox   (1 time in 600 words: 0.2%)",
			Good: "keyphrase: gamelle en inox   (5 times in 600 words: 0.8%)",
		},
	}
}

func (KeyphraseDensity) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	ph := keyphrase(a)
	if ph == nil {
		return
	}
	o := p.Options().(*KeyphraseDensityOptions)
	t := textOf(a)
	if t.total == 0 || t.total < o.MinWords {
		return
	}
	count := t.totalHits
	density := float64(count) * 100 / float64(t.total)
	pos := a.KeyPos("keyphrase")
	kp := quote(p, ph.Text)
	switch {
	case density < o.Min:
		more := int(math.Ceil(o.Min*float64(t.total)/100)) - count
		var msg string
		if count == 0 {
			msg = p.T(fmt.Sprintf("the keyphrase %s does not occur in the text (%d words)", kp, t.total),
				fmt.Sprintf("la requête cible %s n’apparaît pas dans le texte (%d mots)", kp, t.total))
		} else {
			msg = p.T(fmt.Sprintf("the keyphrase %s occurs %s in %d words (%s), under %s", kp, plural(count, "time", "times"), t.total, percentNear(p, density, o.Min), percent(p, o.Min)),
				fmt.Sprintf("la requête cible %s apparaît %s en %d mots (%s), en deçà de %s", kp, plural(count, "fois", "fois"), t.total, percentNear(p, density, o.Min), percent(p, o.Min)))
		}
		p.Report(pos, msg,
			p.T(fmt.Sprintf("use the keyphrase %s about %s in the text", kp, plural(more, "more time", "more times")),
				fmt.Sprintf("employez la requête cible %s environ %s de plus dans le texte", kp, plural(more, "fois", "fois"))))
	case o.Max > 0 && density > o.Max:
		fewer := count - int(math.Floor(o.Max*float64(t.total)/100))
		p.Report(pos,
			p.T(fmt.Sprintf("the keyphrase %s occurs %s in %d words (%s), over %s: it reads as keyword stuffing", kp, plural(count, "time", "times"), t.total, percentNear(p, density, o.Max), percent(p, o.Max)),
				fmt.Sprintf("la requête cible %s apparaît %s en %d mots (%s), au-delà de %s : le texte paraît suroptimisé", kp, plural(count, "fois", "fois"), t.total, percentNear(p, density, o.Max), percent(p, o.Max))),
			p.T(fmt.Sprintf("replace about %s of the keyphrase %s with synonyms or pronouns", plural(fewer, "occurrence", "occurrences"), kp),
				fmt.Sprintf("remplacez environ %s de la requête cible %s par des synonymes ou des pronoms", plural(fewer, "occurrence", "occurrences"), kp)))
	}
}
