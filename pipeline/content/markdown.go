package content

import (
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Markdown returns the goldmark configuration for a language: GFM,
// footnotes, heading ids and typographic quotes of that language. The site
// renders with it and the rules read the same AST, so a heading id checked
// by seo.broken-link is the id the blog renders.
// Languages without their own typography use English quotes.
func Markdown(lang string) goldmark.Markdown {
	if lang == "fr" {
		return markdownFR
	}
	return markdownEN
}

// Built once: goldmark parsers are safe for concurrent use and costly to
// configure.
var (
	markdownFR = newMarkdown("fr")
	markdownEN = newMarkdown("en")
)

func newMarkdown(lang string) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote,
			extension.NewTypographer(extension.WithTypographicSubstitutions(typography(lang)))),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
}

func typography(lang string) extension.TypographicSubstitutions {
	if lang == "fr" {
		// French quotes hold a narrow no-break space inside.
		return extension.TypographicSubstitutions{
			extension.LeftDoubleQuote:  []byte("«\u202F"),
			extension.RightDoubleQuote: []byte("\u202F»"),
			extension.LeftSingleQuote:  []byte("‹\u202F"),
			extension.RightSingleQuote: []byte("’"),
			extension.Apostrophe:       []byte("’"),
		}
	}
	return extension.TypographicSubstitutions{
		extension.LeftDoubleQuote:  []byte("“"),
		extension.RightDoubleQuote: []byte("”"),
		extension.LeftSingleQuote:  []byte("‘"),
		extension.RightSingleQuote: []byte("’"),
		extension.Apostrophe:       []byte("’"),
	}
}

// AST is the document's Markdown body, parsed on first use and kept: every
// rule and the site read the same tree. Segments in it are offsets into
// Body(); BodyPos maps them to file positions.
func (d *Document) AST() ast.Node {
	d.astMu.Lock()
	defer d.astMu.Unlock()
	if d.ast == nil {
		ctx := parser.NewContext(parser.WithIDs(&headingIDs{lang: d.lang, seen: map[string]int{}}))
		d.ast = Markdown(d.lang).Parser().Parse(text.NewReader(d.Body()), parser.WithContext(ctx))
	}
	return d.ast
}

// ReleaseAST forgets the parsed body so that its memory can be reclaimed:
// cm build renders each article once and releases it, and 10,000 articles
// never hold their trees at the same time. A later AST call parses again;
// a goroutine still holding the old tree keeps a valid, unchanged tree.
func (d *Document) ReleaseAST() {
	d.astMu.Lock()
	d.ast = nil
	d.astMu.Unlock()
}

// HeadingID is the id the blog gives a heading with this text.
func HeadingID(heading, lang string) string {
	id := Slugify(heading, lang)
	if id == "" {
		id = "section"
	}
	return id
}

// headingIDs gives headings readable ASCII ids (accents folded, like slugs),
// unique within the document: "réseaux", "réseaux-1".
type headingIDs struct {
	lang string
	seen map[string]int
}

func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	id := HeadingID(string(value), h.lang)
	n, dup := h.seen[id]
	h.seen[id] = n + 1
	if dup {
		for {
			cand := id + "-" + strconv.Itoa(n)
			if _, taken := h.seen[cand]; !taken {
				h.seen[cand] = 1
				return []byte(cand)
			}
			n++
		}
	}
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.seen[string(value)]++ }
