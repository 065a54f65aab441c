package content

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Link is a link or an image of a body, Markdown or HTML.
type Link struct {
	Dest string
	// Offset is where the link starts in the body: its `[`, `![`, `<`, or
	// the attribute value of an HTML tag. Zero for a document read from
	// the site index (see Index), whose body is not at hand.
	Offset int
	Image  bool
	// Email is a bare e-mail address (an autolink without mailto:).
	Email bool
	// Alt is the alternative text of an image; HasAlt is false for an HTML
	// <img> without an alt attribute.
	Alt    string
	HasAlt bool
	// HTML is true for a tag of raw HTML.
	HTML bool
}

type linksKey struct{}

// Links lists the links and images of the body, in order, computed once
// per document (until Release).
func (d *Document) Links() []Link {
	if d.outline != nil {
		d.outline.decode()
		return d.outline.links
	}
	return d.Memo(linksKey{}, func() any { return collectLinks(d) }).([]Link)
}

type anchorsKey struct{}

// Anchors is the set of fragment ids the page has: its headings' ids (the
// ones the blog renders), ids and names in its raw HTML, and footnotes.
func (d *Document) Anchors() map[string]bool {
	if d.outline != nil {
		d.outline.decode()
		return d.outline.anchors
	}
	return d.Memo(anchorsKey{}, func() any { return collectAnchors(d) }).(map[string]bool)
}

// outline is what the site index keeps of a body it does not keep: where
// its links lead and which anchors it has, all that other pages' rules ask
// of it.
// Kept encoded until asked for: a check of one file asks it of a handful
// of the 10,000 pages it holds.
type outline struct {
	raw     []byte
	once    sync.Once
	links   []Link
	anchors map[string]bool
	// facts are the page's facts, named by factNames (see Fact).
	factNames, facts []string
}

func (o *outline) decode() {
	o.once.Do(func() { o.links, o.anchors = decodeOutline(o.raw) })
}

func collectLinks(d *Document) []Link {
	src := d.Body()
	var out []Link
	_ = ast.Walk(d.AST(), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			out = append(out, Link{Dest: string(n.Destination), Offset: max(n.Pos(), 0)})
		case *ast.Image:
			out = append(out, Link{Dest: string(n.Destination), Offset: max(n.Pos(), 0), Image: true,
				Alt: inlineText(n, src), HasAlt: true})
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			label := n.Label(src)
			at := max(n.Pos(), 0)
			if i := bytes.Index(src[at:], label); i >= 0 {
				at += i
				if at > 0 && src[at-1] == '<' {
					at--
				}
			}
			out = append(out, Link{Dest: string(n.URL(src)), Offset: at, Email: n.AutoLinkType == ast.AutoLinkEmail})
		case *ast.HTMLBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				out = append(out, htmlLinks(src[seg.Start:seg.Stop], seg.Start)...)
			}
			if n.HasClosure() {
				out = append(out, htmlLinks(n.ClosureLine.Value(src), n.ClosureLine.Start)...)
			}
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				out = append(out, htmlLinks(src[seg.Start:seg.Stop], seg.Start)...)
			}
		}
		return ast.WalkContinue, nil
	})
	return out
}

// inlineText is the plain text inside an inline node: an image's alt text.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(src))
		case *ast.String:
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

var (
	htmlTagRE  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?is)<(a|img)\b[^>]*>`) })
	htmlAttrRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?is)\s([a-z-]+)\s*=\s*("([^"]*)"|'([^']*)'|([^\s"'>]+))`)
	})
	htmlIDRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\s(?:id|name)\s*=\s*["']?([^"'\s>]+)`) })
)

// htmlLinks finds the href of <a> and the src (and alt) of <img> tags in a
// piece of raw HTML that starts at offset in the body.
func htmlLinks(html []byte, offset int) []Link {
	if !bytes.Contains(html, []byte("<")) {
		return nil
	}
	var out []Link
	for _, m := range htmlTagRE().FindAllSubmatchIndex(html, -1) {
		tag := html[m[0]:m[1]]
		img := strings.EqualFold(string(html[m[2]:m[3]]), "img")
		l := Link{Image: img, Offset: offset + m[0], HTML: true}
		found := false
		for _, a := range htmlAttrRE().FindAllSubmatchIndex(tag, -1) {
			name := strings.ToLower(string(tag[a[2]:a[3]]))
			vs, ve := a[6], a[7]
			if vs < 0 {
				vs, ve = a[8], a[9]
			}
			if vs < 0 {
				vs, ve = a[10], a[11]
			}
			value := string(tag[vs:ve])
			switch {
			case img && name == "src", !img && name == "href":
				l.Dest, found = value, true
			case img && name == "alt":
				l.Alt, l.HasAlt = value, true
			}
		}
		if found || img {
			out = append(out, l)
		}
	}
	return out
}

func collectAnchors(d *Document) map[string]bool {
	src := d.Body()
	ids := map[string]bool{}
	_ = ast.Walk(d.AST(), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					ids[string(b)] = true
				}
			}
		case *east.Footnote:
			ids["fn:"+strconv.Itoa(n.Index)] = true
		case *east.FootnoteLink:
			ids["fnref:"+strconv.Itoa(n.Index)] = true
		case *ast.HTMLBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				for _, m := range htmlIDRE().FindAllSubmatch(src[seg.Start:seg.Stop], -1) {
					ids[string(m[1])] = true
				}
			}
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				for _, m := range htmlIDRE().FindAllSubmatch(src[seg.Start:seg.Stop], -1) {
					ids[string(m[1])] = true
				}
			}
		}
		return ast.WalkContinue, nil
	})
	return ids
}
