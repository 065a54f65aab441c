package seo

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
)

// TextLength reports articles too short to rank.
type TextLength struct{}

// TextLengthOptions bound the text.
type TextLengthOptions struct {
	MinWords int `yaml:"min_words" doc:"Fewest words of an article's body."`
}

func (TextLength) DefaultOptions() any { return &TextLengthOptions{MinWords: 300} }

func (TextLength) Meta() check.Meta {
	return check.Meta{
		ID: "seo.text-length", Severity: check.Warning, Kinds: articles,
		Summary: "An article too short to rank",
		Doc: "Search engines rarely rank a page that says little, and readers who come from a search " +
			"expect an answer. The body needs at least min_words (300) words; code, links' addresses " +
			"and HTML do not count, and « l’école » or « porte-monnaie » count as one word.",
		Example: check.Example{
			Bad:  "A 150-word body.",
			Good: "A body of 300 words or more.",
		},
	}
}

func (TextLength) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	o := p.Options().(*TextLengthOptions)
	t := textOf(a)
	if t.total >= o.MinWords {
		return
	}
	p.Report(t.start(a.Document),
		p.T(fmt.Sprintf("the text has %s, under %d: short pages rarely rank", plural(t.total, "word", "words"), o.MinWords),
			fmt.Sprintf("le texte compte %s, en deçà de %d : les pages courtes se classent rarement", plural(t.total, "mot", "mots"), o.MinWords)),
		p.T(fmt.Sprintf("write %s more: answer the questions a reader of this topic would ask", plural(o.MinWords-t.total, "word", "words")),
			fmt.Sprintf("écrivez %s de plus : répondez aux questions qu’un lecteur se poserait sur le sujet", plural(o.MinWords-t.total, "mot", "mots"))))
}
