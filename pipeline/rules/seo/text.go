package seo

import (
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/prose"
)

// text is what several rules need to know about an article's prose,
// computed once per document.
type text struct {
	blocks []*prose.Block
	// words[i] is the number of words of blocks[i].
	words []int
	// total is the number of words of the body.
	total int
}

type textKey struct{}

func textOf(d *content.Document, lang string) *text {
	return d.Memo(textKey{}, func() any {
		t := &text{blocks: prose.Blocks(d)}
		t.words = make([]int, len(t.blocks))
		for i, b := range t.blocks {
			t.words[i] = CountWords(b.Text, lang)
			t.total += t.words[i]
		}
		return t
	}).(*text)
}

// intro is the first paragraph of the body (or the first list item or
// table cell when the text opens with one), or nil.
func (t *text) intro() *prose.Block {
	for _, b := range t.blocks {
		if b.Kind != prose.Heading {
			return b
		}
	}
	return nil
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
