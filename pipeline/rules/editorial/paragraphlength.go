package editorial

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/prose"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// ParagraphLength reports paragraphs longer than the line allows.
type ParagraphLength struct{}

func (ParagraphLength) Meta() check.Meta {
	return check.Meta{
		ID: "editorial.paragraph-length", Severity: check.Warning,
		Kinds:   []content.Kind{content.KindArticle},
		Summary: "A paragraph longer than the line allows",
		Doc: "Paragraphs of an article's body with more words than " +
			"editorial.languages.<lang>.readability.max_paragraph_words (default 150): on a phone, a wall of text.",
		Example: check.Example{
			Bad:  "(one paragraph of 200 words)",
			Good: "(two paragraphs of 100 words)",
		},
	}
}

func (ParagraphLength) Check(p *check.Pass) {
	max := bounds(p.Repo.Config, p.Lang()).MaxParagraphWords
	for _, s := range text.Segments(p) {
		if !s.IsBody() || s.Block.Kind != prose.Paragraph {
			continue
		}
		n := 0
		for _, w := range s.Words {
			if counted(w) {
				n++
			}
		}
		if n > max {
			p.Report(s.Pos(0),
				p.T(fmt.Sprintf("a paragraph of %d words, above %d", n, max), fmt.Sprintf("un paragraphe de %d mots, au-delà de %d", n, max)),
				p.T("split it where the idea changes", "coupez-le là où l’idée change"))
		}
	}
}
