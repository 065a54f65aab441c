package seo

import (
	"fmt"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
)

// KeyphraseTitle reports titles without the keyphrase.
type KeyphraseTitle struct{}

// KeyphraseTitleOptions say how strict the rule is.
type KeyphraseTitleOptions struct {
	AtStart bool `yaml:"at_start" doc:"Also ask for the keyphrase at the start of the title, before any other content word."`
}

func (KeyphraseTitle) DefaultOptions() any { return &KeyphraseTitleOptions{} }

func (KeyphraseTitle) Meta() check.Meta {
	return check.Meta{
		ID: "seo.keyphrase-title", Severity: check.Warning, Kinds: articles,
		Summary: "A title without the focus keyphrase",
		Doc: "The title is what search engines weigh most and what searchers read first: it should " +
			"hold the keyphrase, better at its start. Matching ignores case, accents, stop words and " +
			"word forms (réseaux sociaux matches « le réseau social »). With at_start, a keyphrase " +
			"that comes after other content words is reported too.",
		Example: check.Example{
			Bad:  "title: Comment bien choisir sa boîte à repas\nkeyphrase: gamelle en inox",
			Good: "title: \"Gamelle en inox : comment bien la choisir\"\nkeyphrase: gamelle en inox",
		},
	}
}

func (KeyphraseTitle) Check(p *check.Pass) {
	a := article(p)
	if a == nil || strings.TrimSpace(a.Title) == "" {
		return
	}
	ph := keyphrase(a)
	if ph == nil {
		return
	}
	pos := a.KeyPos("title")
	found := ph.Find(a.Title)
	if len(found) == 0 {
		p.Report(pos,
			p.T(fmt.Sprintf("the title does not contain the keyphrase %s", quote(p, ph.Text)),
				fmt.Sprintf("le titre ne contient pas la requête cible %s", quote(p, ph.Text))),
			p.T(fmt.Sprintf("add the keyphrase %s to the title, near its start", quote(p, ph.Text)),
				fmt.Sprintf("ajoutez la requête cible %s au titre, de préférence au début", quote(p, ph.Text))))
		return
	}
	if !p.Options().(*KeyphraseTitleOptions).AtStart {
		return
	}
	toks, _ := ph.l.appendTokens(nil, a.Title, ph.lang)
	for i := range toks {
		if toks[i].Start >= found[0].Start {
			return
		}
		if !ph.l.of(&toks[i]).stop {
			p.Report(pos,
				p.T(fmt.Sprintf("the keyphrase %s is not at the start of the title", quote(p, ph.Text)),
					fmt.Sprintf("la requête cible %s n’est pas au début du titre", quote(p, ph.Text))),
				p.T(fmt.Sprintf("move %s to the start of the title", quote(p, a.Title[found[0].Start:found[0].End])),
					fmt.Sprintf("placez %s au début du titre", quote(p, a.Title[found[0].Start:found[0].End]))))
			return
		}
	}
}
