package editorial

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/prose"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// SentenceLength reports sentences longer than the line allows.
type SentenceLength struct{}

func (SentenceLength) Meta() check.Meta {
	return check.Meta{
		ID: "editorial.sentence-length", Severity: check.Warning,
		Kinds:   []content.Kind{content.KindArticle, content.KindPost},
		Summary: "A sentence longer than the line allows",
		Doc: "Sentences of an article's body and of a post's text and variants with more words than " +
			"editorial.languages.<lang>.readability.max_sentence_words (default 35 in French, 30 in English). " +
			"Elided l’ and d’ count with their word; code and URLs do not count.",
		Example: check.Example{
			Bad:  "A sentence that goes on and on, with clause after clause, ...",
			Good: "Two sentences. Each says one thing.",
		},
	}
}

func (SentenceLength) Check(p *check.Pass) {
	lang := p.Lang()
	max := bounds(p.Repo.Config, lang).MaxSentenceWords
	for _, s := range text.Segments(p) {
		if !proseSegment(s) {
			continue
		}
		words := s.Words
		k := 0
		for _, sp := range s.Sentences() {
			n := 0
			for k < len(words) && words[k].Start < sp.End {
				if words[k].Start >= sp.Start && counted(words[k]) {
					n++
				}
				k++
			}
			if n > max {
				p.Report(s.Pos(sp.Start),
					p.T(fmt.Sprintf("a sentence of %d words, above %d", n, max), fmt.Sprintf("une phrase de %d mots, au-delà de %d", n, max)),
					p.T("split it in two", "coupez-la en deux"))
			}
		}
	}
}

// proseSegment says whether a segment is running text: a paragraph or list
// item of the body, or a post's variant; not a heading, a table cell, a
// title or a share text.
func proseSegment(s *text.Segment) bool {
	if s.IsBody() {
		return s.Block.Kind == prose.Paragraph || s.Block.Kind == prose.ListItem
	}
	return len(s.Field) > len("variants.") && s.Field[:len("variants.")] == "variants."
}
