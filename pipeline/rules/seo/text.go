package seo

import (
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/prose"
)

// text is what several rules need to know about an article's prose,
// computed in one pass over its words and kept with the document: counts
// only, so that 10,000 articles do not keep their words in memory.
type text struct {
	blocks []*prose.Block
	// words[i] is the number of words of blocks[i].
	words []int
	// hits[i] is the number of occurrences of the keyphrase in blocks[i].
	hits []int
	// total is the number of words of the body; totalHits the number of
	// occurrences of the keyphrase.
	total, totalHits int
}

type textKey struct{}

func textOf(a *content.Article) *text {
	return a.Memo(textKey{}, func() any {
		t := &text{blocks: prose.Blocks(a.Document)}
		t.words = make([]int, len(t.blocks))
		t.hits = make([]int, len(t.blocks))
		ph := keyphrase(a)
		l := languageOf(a.Lang)
		var toks []token
		for i, b := range t.blocks {
			toks, t.words[i] = l.appendTokens(toks[:0], b.Text, a.Lang)
			t.total += t.words[i]
			if ph != nil {
				t.hits[i] = ph.match(toks, nil)
				t.totalHits += t.hits[i]
			}
		}
		return t
	}).(*text)
}

// intro is the index of the first paragraph of the body (or of the first
// list item or table cell when the text opens with one), or -1.
func (t *text) intro() int {
	for i, b := range t.blocks {
		if b.Kind != prose.Heading {
			return i
		}
	}
	return -1
}

// start is where the body's text begins, for diagnostics about the whole
// text: its first block, or the line after the frontmatter.
func (t *text) start(d *content.Document) content.Position {
	if len(t.blocks) > 0 {
		return blockPos(d, t.blocks[0])
	}
	return d.BodyPos(0)
}

// blockPos is where a block starts: a heading's `#` (or the text of a
// setext heading), the first character of other blocks' text.
func blockPos(d *content.Document, b *prose.Block) content.Position {
	if b.Kind == prose.Heading {
		if at := b.Node.Pos(); at >= 0 {
			return d.BodyPos(at)
		}
	}
	return b.Pos(d, 0)
}
