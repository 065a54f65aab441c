package seo

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
)

// KeyphraseIntro reports a first paragraph without the keyphrase.
type KeyphraseIntro struct{}

func (KeyphraseIntro) Meta() check.Meta {
	return check.Meta{
		ID: "seo.keyphrase-intro", Severity: check.Warning, Kinds: articles,
		Summary: "A first paragraph without the focus keyphrase",
		Doc: "The first paragraph tells readers and search engines that the page answers their " +
			"search: it should use the keyphrase. Matching ignores case, accents, stop words and word " +
			"forms, within one sentence.",
		Example: check.Example{
			Bad:  "keyphrase: gamelle en inox\n---\nUne boîte à repas vous accompagne au bureau.",
			Good: "keyphrase: gamelle en inox\n---\nUne gamelle en inox vous accompagne au bureau.",
		},
	}
}

func (KeyphraseIntro) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	ph := keyphrase(a)
	if ph == nil {
		return
	}
	t := textOf(a)
	i := t.intro()
	if i < 0 || t.hits[i] > 0 {
		return
	}
	p.Report(t.blocks[i].Pos(a.Document, 0),
		p.T(fmt.Sprintf("the first paragraph does not mention the keyphrase %s", quote(p, ph.Text)),
			fmt.Sprintf("le premier paragraphe ne mentionne pas la requête cible %s", quote(p, ph.Text))),
		p.T(fmt.Sprintf("add the keyphrase %s to the first paragraph", quote(p, ph.Text)),
			fmt.Sprintf("ajoutez la requête cible %s au premier paragraphe", quote(p, ph.Text))))
}
