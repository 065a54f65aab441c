// Package prose extracts the readable text of a document's body, block by
// block, with a map back to byte offsets so that every rule reading prose
// (SEO, readability, spelling, typography) reports the exact line and
// column. Code, URLs, raw HTML and image sources are left out. The result is
// computed once per document and shared.
package prose

import (
	"html"
	"sort"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/cmhq/cm/pipeline/content"
)

// BlockKind says what a block of prose is.
type BlockKind int

const (
	Paragraph BlockKind = iota
	Heading
	ListItem
	TableCell
)

// Block is the text of one paragraph, heading, list item or table cell.
type Block struct {
	Kind BlockKind
	// Level is the heading level (1-6), 0 for other blocks.
	Level int
	// Text is the plain text: inline markup removed, code spans replaced by
	// spaces of their length in bytes so words around them stay apart.
	Text string
	// Quoted is true inside a block quote.
	Quoted bool
	// Node is the AST node of the block.
	Node ast.Node
	// chunks map ranges of Text to offsets in the body.
	chunks []chunk
}

type chunk struct {
	text, body, length int
	exact              bool // false: typographic replacement or inserted space
}

// BodyOffset maps an offset in b.Text to an offset in the document body.
func (b *Block) BodyOffset(i int) int {
	k := sort.Search(len(b.chunks), func(j int) bool { return b.chunks[j].text+b.chunks[j].length > i })
	if k == len(b.chunks) {
		if k == 0 {
			return 0
		}
		last := b.chunks[k-1]
		return last.body + last.length
	}
	c := b.chunks[k]
	if !c.exact || i < c.text {
		return c.body
	}
	return c.body + (i - c.text)
}

// Pos maps an offset in b.Text to a file position.
func (b *Block) Pos(d *content.Document, i int) content.Position {
	return d.BodyPos(b.BodyOffset(i))
}

type memoKey struct{}

// Blocks returns the prose blocks of a document's body, in order.
func Blocks(d *content.Document) []*Block {
	return d.Memo(memoKey{}, func() any { return extract(d) }).([]*Block)
}

func extract(d *content.Document) []*Block {
	src := d.Body()
	var blocks []*Block
	var cur *Block
	quoteDepth := 0
	_ = ast.Walk(d.AST(), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Blockquote:
			if entering {
				quoteDepth++
			} else {
				quoteDepth--
			}
			return ast.WalkContinue, nil
		case *ast.Paragraph, *ast.TextBlock, *ast.Heading, *east.TableCell:
			if !entering {
				if cur != nil && cur.Node == n {
					if len(cur.Text) > 0 {
						blocks = append(blocks, cur)
					}
					cur = nil
				}
				return ast.WalkContinue, nil
			}
			if cur != nil {
				return ast.WalkContinue, nil // nested: keep filling the outer block
			}
			cur = &Block{Node: n, Quoted: quoteDepth > 0}
			switch h := n.(type) {
			case *ast.Heading:
				cur.Kind, cur.Level = Heading, h.Level
			case *east.TableCell:
				cur.Kind = TableCell
			default:
				if _, inList := n.Parent().(*ast.ListItem); inList {
					cur.Kind = ListItem
				}
			}
			return ast.WalkContinue, nil
		case *ast.FencedCodeBlock, *ast.CodeBlock, *ast.HTMLBlock, *ast.RawHTML, *ast.AutoLink, *ast.Image:
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			if entering && cur != nil {
				// Keep the span's width so positions after it stay right,
				// but give no words to the prose rules.
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						cur.add(spaces(t.Segment.Len()), t.Segment.Start, false)
					}
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if entering && cur != nil {
				cur.add(string(n.Segment.Value(src)), n.Segment.Start, true)
				if n.SoftLineBreak() || n.HardLineBreak() {
					cur.add(" ", n.Segment.Stop, false)
				}
			}
		case *ast.String:
			if entering && cur != nil {
				at := 0
				if len(cur.chunks) > 0 {
					last := cur.chunks[len(cur.chunks)-1]
					at = last.body + last.length
				}
				// The typographer writes dashes and ellipses as HTML
				// entities (&ndash;, &hellip;): prose wants the characters.
				cur.add(html.UnescapeString(string(n.Value)), at, false)
			}
		}
		return ast.WalkContinue, nil
	})
	return blocks
}

func (b *Block) add(s string, bodyOffset int, exact bool) {
	if s == "" {
		return
	}
	b.chunks = append(b.chunks, chunk{text: len(b.Text), body: bodyOffset, length: len(s), exact: exact})
	b.Text += s
}

func spaces(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = ' '
	}
	return string(b)
}
