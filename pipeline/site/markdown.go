package site

import (
	"bytes"
	"fmt"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/cmhq/cm/pipeline/content"
)

// body is what the build learns from an article's Markdown before
// rendering it: where its links and images go, and how long it reads.
type body struct {
	// dest is the URL each rewritten link or image points to.
	dest map[ast.Node]string
	// size is the pixel size of each local image, when it could be read.
	size map[ast.Node]imageSize
	// assets are the repo-relative files the article uses outside its bundle.
	assets []string
	// coverInBody is true when the body already shows the cover image.
	coverInBody bool
	words       int
}

// forgetNodes drops what points into the AST, once the body is rendered,
// so that the AST can be released.
func (rd *body) forgetNodes() { rd.dest, rd.size = nil, nil }

// readBody walks an article's AST once: it resolves every link and image
// with the repo (an article's file becomes its URL, an image its copy's
// URL), counts the words, and reports missing images as errors and links to
// nothing as warnings, with their file positions.
func (b *builder) readBody(a *article) (*body, []error) {
	doc := a.Document
	src := doc.Body()
	out := &body{dest: map[ast.Node]string{}, size: map[ast.Node]imageSize{}}
	var errs []error
	cover := ""
	if a.Image != "" {
		cover = path.Join(path.Dir(doc.Path), a.Image)
	}
	_ = ast.Walk(doc.AST(), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			if !inCode(n) {
				out.words += countWords(n.Segment.Value(src))
			}
		case *ast.Link:
			if u, asset, ok := b.resolveLink(a, n, string(n.Destination), false, &errs); ok {
				out.dest[n] = u
				if asset != "" && !a.owns(asset) {
					out.assets = append(out.assets, asset)
				}
			}
		case *ast.Image:
			u, asset, ok := b.resolveLink(a, n, string(n.Destination), true, &errs)
			if !ok {
				return ast.WalkSkipChildren, nil
			}
			out.dest[n] = u
			if asset != "" {
				if asset == cover {
					out.coverInBody = true
				}
				if sz, ok := b.imageSize(asset); ok {
					out.size[n] = sz
				}
				if !a.owns(asset) {
					out.assets = append(out.assets, asset)
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return out, errs
}

// resolveLink says where a link or image of an article points on the
// built site, and which file of the repo it uses, if any. ok is false when
// the destination is to be kept as written (external addresses, anchors in
// the page, links to nothing, which are warned about).
func (b *builder) resolveLink(a *article, n ast.Node, dest string, image bool, errs *[]error) (u, asset string, ok bool) {
	doc := a.Document
	if dest == "" || strings.HasPrefix(dest, "#") {
		return "", "", false
	}
	t := b.repo.Resolve(doc, dest)
	frag := ""
	if t.Fragment != "" {
		frag = "#" + t.Fragment
	}
	switch {
	case t.External:
		return "", "", false
	case t.Article != nil:
		if image {
			*errs = append(*errs, b.errorAt(doc, n, fmt.Sprintf("image %s is an article, not an image", dest)))
			return "", "", false
		}
		if b.built[t.Article] == nil {
			b.warnAt(doc, n, fmt.Sprintf("link to %s, which is not built (%s): the link will be broken until it is", t.Article.Path, b.whyNotBuilt(t.Article)))
		}
		return b.basePath + content.URLPath(b.cfg.Site, t.Article) + frag, "", true
	case t.Asset != "":
		return b.assetURL(a, t.Asset) + frag, t.Asset, true
	case image:
		*errs = append(*errs, b.errorAt(doc, n, fmt.Sprintf("image %s not found", dest)))
		return "", "", false
	}
	if u, ok := b.pageURL(dest); ok {
		return u, "", true
	}
	b.warnAt(doc, n, fmt.Sprintf("link to %s: no article, page or file of the site is there", dest))
	return "", "", false
}

// pageURL accepts site-relative links to pages the build writes that are
// not articles (a language home, a tag page, a feed).
func (b *builder) pageURL(dest string) (string, bool) {
	p := dest
	if base := b.cfg.Site.BaseURL; base != "" && strings.HasPrefix(p, base) {
		p = strings.TrimPrefix(p, base)
	}
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	clean, frag, _ := strings.Cut(p, "#")
	clean, _, _ = strings.Cut(clean, "?")
	if b.pages[clean] || b.pages[clean+"/"] {
		if frag != "" {
			frag = "#" + frag
		}
		return b.basePath + clean + frag, true
	}
	return "", false
}

// assetURL is where a file of the repo is published: beside the article
// for the files of its bundle, under its content path otherwise.
func (b *builder) assetURL(a *article, asset string) string {
	if a.owns(asset) {
		return a.url + strings.TrimPrefix(asset, path.Dir(a.Path)+"/")
	}
	return b.basePath + "/" + strings.TrimPrefix(asset, content.Dir+"/")
}

// errorAt is an error at the position of an inline node.
func (b *builder) errorAt(doc *content.Document, n ast.Node, msg string) error {
	p := doc.BodyPos(inlineOffset(doc.Body(), n))
	return &Error{File: doc.Path, Line: p.Line, Column: p.Column, Message: msg}
}

func (b *builder) warnAt(doc *content.Document, n ast.Node, msg string) {
	p := doc.BodyPos(inlineOffset(doc.Body(), n))
	b.warn(&Error{File: doc.Path, Line: p.Line, Column: p.Column, Message: msg})
}

// inlineOffset finds where a link or image starts in the body. goldmark
// keeps segments on text, not on links, so it backs up from the first text
// inside to the opening bracket; for an empty text, it searches forward
// from the text before the node, or from its block's first line.
func inlineOffset(src []byte, n ast.Node) int {
	if t := firstText(n); t != nil {
		i := bytes.LastIndexByte(src[:t.Segment.Start], '[')
		if i < 0 {
			return t.Segment.Start
		}
		if i > 0 && src[i-1] == '!' {
			i--
		}
		return i
	}
	from := -1
	for p := n.PreviousSibling(); p != nil && from < 0; p = p.PreviousSibling() {
		if t, ok := p.(*ast.Text); ok {
			from = t.Segment.Stop
		} else if t := lastText(p); t != nil {
			from = t.Segment.Stop
		}
	}
	if from < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				from = p.Lines().At(0).Start
				break
			}
		}
	}
	if from < 0 {
		return 0
	}
	i := bytes.IndexByte(src[from:], '[')
	if i < 0 {
		return from
	}
	i += from
	if i > 0 && src[i-1] == '!' {
		i--
	}
	return i
}

func firstText(n ast.Node) *ast.Text {
	var found *ast.Text
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			found = t
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

func lastText(n ast.Node) *ast.Text {
	var found *ast.Text
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			found = t
		}
		return ast.WalkContinue, nil
	})
	return found
}

func inCode(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock:
			return true
		}
	}
	return false
}

func countWords(text []byte) int {
	n, in := 0, false
	for _, r := range string(text) {
		letter := unicode.IsLetter(r) || unicode.IsDigit(r)
		if letter && !in {
			n++
		}
		in = letter || (in && (r == '\'' || r == '’' || r == '-'))
	}
	return n
}

// render writes an article's body as HTML with the rendering half of
// content.Markdown (GFM, footnotes) plus cm's links and images. The AST
// is the one the rules read; it is not changed: a renderer made for this
// document reads its links' destinations from rd.
func render(w *bytes.Buffer, doc *content.Document, rd *body) error {
	r := renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(html.NewRenderer(), 1000),
		util.Prioritized(extension.NewTableHTMLRenderer(), 500),
		util.Prioritized(extension.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(extension.NewTaskCheckBoxHTMLRenderer(), 500),
		util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500),
		util.Prioritized(&siteRenderer{body: rd}, 100),
	))
	return r.Render(w, doc.Body(), doc.AST())
}

// siteRenderer renders links and images to the site's URLs, gives images
// their size and lazy loading, and drops HTML comments (cm-disable
// directives) instead of leaving "raw HTML omitted" marks in the page.
// Other raw HTML is omitted, as goldmark does without html.WithUnsafe.
type siteRenderer struct {
	body   *body
	images int
}

func (r *siteRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindHTMLBlock, r.htmlBlock)
	reg.Register(ast.KindRawHTML, r.rawHTML)
}

func (r *siteRenderer) destination(n ast.Node, written []byte) []byte {
	if u, ok := r.body.dest[n]; ok {
		written = []byte(u)
	}
	dest := util.URLEscape(written, true)
	if html.IsDangerousURL(dest) {
		return nil
	}
	return util.EscapeHTML(dest)
}

func (r *siteRenderer) link(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(r.destination(n, n.Destination))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(n.Title))
		_ = w.WriteByte('"')
	}
	if isExternal(n.Destination) {
		_, _ = w.WriteString(` rel="noopener"`)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

func isExternal(dest []byte) bool {
	return bytes.HasPrefix(dest, []byte("http://")) || bytes.HasPrefix(dest, []byte("https://")) || bytes.HasPrefix(dest, []byte("//"))
}

func (r *siteRenderer) image(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(r.destination(n, n.Destination))
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(util.EscapeHTML([]byte(plainText(n, src))))
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		_, _ = w.Write(util.EscapeHTML(n.Title))
		_ = w.WriteByte('"')
	}
	if sz, ok := r.body.size[n]; ok {
		_, _ = w.WriteString(` width="` + strconv.Itoa(sz.Width) + `" height="` + strconv.Itoa(sz.Height) + `"`)
	}
	// The first image is often the largest thing on screen: loading it
	// lazily would delay it.
	if r.images > 0 {
		_, _ = w.WriteString(` loading="lazy"`)
	}
	r.images++
	_, _ = w.WriteString(` decoding="async">`)
	return ast.WalkSkipChildren, nil
}

func (r *siteRenderer) htmlBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if entering && n.HTMLBlockType != ast.HTMLBlockType2 {
		_, _ = w.WriteString("<!-- raw HTML omitted -->\n")
	}
	return ast.WalkSkipChildren, nil
}

func (r *siteRenderer) rawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	if n.Segments.Len() > 0 && !isComment(n, src) {
		_, _ = w.WriteString("<!-- raw HTML omitted -->")
	}
	return ast.WalkSkipChildren, nil
}

// plainText is the text inside an inline node, typographic substitutions
// included: an image's alt text.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *east.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

func isComment(n *ast.RawHTML, src []byte) bool {
	s := n.Segments.At(0)
	return bytes.HasPrefix(s.Value(src), []byte("<!--"))
}
