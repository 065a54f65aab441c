package site

import (
	"bytes"
	"html/template"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

// Preview is the site in memory, for cm serve: planned as Build plans it,
// with each file rendered when it is asked for. The bodies of the articles
// are rendered when the preview is made, or taken from the Cache when
// neither their file nor the site's addresses changed since the previous
// preview: after a save, the saved article is rendered again, and its page,
// lists and feeds when the browser asks for them. Every file is the one
// Build would write with the same repo and options.
//
// A Preview is safe for concurrent use.
type Preview struct {
	b     *builder
	views []*ArticleView
	html  []template.HTML
	files map[string]previewFile
	urls  map[string]string // article path -> URL
	lists []pagePlan
	feeds []*feedPlan
	// errs would stop cm build (a missing image); warns would not.
	errs     []*Error
	warns    []*Error
	rendered int

	sitemapOnce sync.Once
	sitemap     memory
	sitemapErr  error
}

type fileKind int

const (
	fileArticle fileKind = iota
	fileList
	fileFeed
	fileSitemap
	fileData // robots.txt and the theme's static files
	fileRepo // a file of the repo published as it is, such as an image
)

type previewFile struct {
	kind   fileKind
	i      int    // article, list page or feed index
	data   []byte // fileData
	static bool   // fileData: a static file of the theme
	from   string // fileRepo: repo-relative path
}

// File is one file of a preview.
type File struct {
	// Data is the file's content; nil for a file of the repo published
	// as it is (an image), which is read from Path on disk.
	Data []byte
	Path string
	// Page is true for HTML pages; Lang is a page's language, Article the
	// repo-relative path of the article it shows, if it shows one.
	Page    bool
	Lang    string
	Article string
	// Static is true for the theme's static files, which pages link to
	// with a version that changes with their content.
	Static bool
}

// memory is a sink that keeps files in a map.
type memory map[string][]byte

func (m memory) write(name string, data []byte) error {
	m[name] = bytes.Clone(data)
	return nil
}

// Cache carries from one preview to the next what a save does not change:
// the theme, the pixel size of images and the rendered body of each
// article whose document is the same (content.Repo.Update keeps the
// documents of files that did not change).
type Cache struct {
	mu     sync.Mutex
	th     *theme
	images *sync.Map
	key    string // the site's addresses the bodies were rendered with
	bodies map[*content.Document]*renderedBody
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{images: new(sync.Map)} }

// Forget drops what depends on files that changed (repo-relative paths):
// a template, an image; cm.yaml drops everything. Articles need not be
// named: a new document is a new cache entry.
func (c *Cache) Forget(paths []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range paths {
		switch {
		case p == config.FileName:
			c.th, c.images, c.bodies = nil, new(sync.Map), nil
		case p == TemplateDir || strings.HasPrefix(p, TemplateDir+"/"):
			c.th = nil
		case strings.HasPrefix(p, content.Dir+"/") && !strings.EqualFold(path.Ext(p), ".md"):
			// An image's size is written in the pages that show it.
			c.images, c.bodies = new(sync.Map), nil
		}
	}
}

func (c *Cache) theme(root string) (*theme, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.th == nil {
		th, err := loadTheme(root)
		if err != nil {
			return nil, err
		}
		c.th = th
	}
	return c.th, nil
}

// renderedBody is an article's body rendered, with what the pages need
// of it.
type renderedBody struct {
	html        template.HTML
	words       int
	coverInBody bool
	assets      []string
	errs        []*Error
	warns       []*Error
}

// NewPreview plans the site of repo in memory. The error is what stops the
// whole site (a template that does not parse, two articles at one
// address); problems of single articles that would stop cm build, such as
// a missing image, are Errors of a preview that still serves everything
// else. cache may be nil.
func NewPreview(repo *content.Repo, opts Options, cache *Cache) (*Preview, error) {
	if cache == nil {
		cache = NewCache()
	}
	th, err := cache.theme(repo.Config.Root)
	if err != nil {
		return nil, err
	}
	b, err := newBuilder(repo, opts, th)
	if err != nil {
		return nil, err
	}
	cache.mu.Lock()
	b.images = cache.images
	cache.mu.Unlock()
	p := &Preview{b: b, files: map[string]previewFile{}}
	for _, a := range b.articles {
		cover, err := b.coverImage(a)
		if err != nil {
			p.errs = append(p.errs, err.(*Error))
		}
		a.cover = cover
	}
	p.views = b.views()
	p.renderBodies(cache)

	p.urls = make(map[string]string, len(b.articles))
	for i, a := range b.articles {
		p.files[pageFile(a.url, b.basePath)] = previewFile{kind: fileArticle, i: i}
		p.urls[a.Path] = a.url
	}
	p.lists = b.listPages(p.views)
	for i, l := range p.lists {
		p.files[l.file] = previewFile{kind: fileList, i: i}
	}
	p.feeds = b.feeds()
	for i, f := range p.feeds {
		p.files[strings.TrimPrefix(f.url, b.basePath)] = previewFile{kind: fileFeed, i: i}
	}
	p.files["/sitemap.xml"] = previewFile{kind: fileSitemap}
	p.files["/robots.txt"] = previewFile{kind: fileData, data: b.robots()}
	for _, f := range th.static {
		p.files["/"+f.name] = previewFile{kind: fileData, data: f.data, static: true}
	}
	for _, c := range b.assetCopies() {
		p.files[c.to] = previewFile{kind: fileRepo, from: c.from}
	}
	sortErrors(p.errs)
	sortErrors(p.warns)
	return p, nil
}

// renderBodies renders the bodies of the articles the cache does not hold
// (all of them when an address changed), in parallel, and sets what the
// pages need from them.
func (p *Preview) renderBodies(cache *Cache) {
	b := p.b
	key := b.addressKey()
	cache.mu.Lock()
	old := cache.bodies
	if cache.key != key {
		old = nil
	}
	cache.mu.Unlock()
	got := make([]*renderedBody, len(b.articles))
	var todo []int
	for i, a := range b.articles {
		if r := old[a.Document]; r != nil {
			got[i] = r
		} else {
			todo = append(todo, i)
		}
	}
	_ = parallel(len(todo), func(k int) error {
		got[todo[k]] = b.renderBody(b.articles[todo[k]])
		return nil
	})
	// Link warnings are collected by the builder; give each to its article.
	byFile := map[string][]*Error{}
	for _, w := range b.warns.list {
		byFile[w.File] = append(byFile[w.File], w)
	}
	for _, i := range todo {
		got[i].warns = byFile[b.articles[i].Path]
	}
	p.rendered = len(todo)
	bodies := make(map[*content.Document]*renderedBody, len(got))
	p.html = make([]template.HTML, len(got))
	for i, a := range b.articles {
		r := got[i]
		bodies[a.Document] = r
		a.body = &body{words: r.words, coverInBody: r.coverInBody, assets: r.assets}
		p.views[i].setReadingTime(r.words)
		p.html[i] = r.html
		p.errs = append(p.errs, r.errs...)
		p.warns = append(p.warns, r.warns...)
	}
	cache.mu.Lock()
	cache.key, cache.bodies = key, bodies
	cache.mu.Unlock()
}

// renderBody renders an article's body. Its AST is kept: cm serve's
// checks read it too.
func (b *builder) renderBody(a *article) *renderedBody {
	bd, errs := b.readBody(a)
	r := &renderedBody{words: bd.words, coverInBody: bd.coverInBody, assets: bd.assets}
	for _, err := range errs {
		r.errs = append(r.errs, err.(*Error))
	}
	var buf bytes.Buffer
	if err := render(&buf, a.Document, bd); err != nil {
		r.errs = append(r.errs, &Error{File: a.Path, Message: "rendering the Markdown: " + err.Error(), Err: err})
	}
	bd.forgetNodes()
	r.html = template.HTML(buf.String())
	return r
}

// addressKey sums up what an article's rendered body depends on besides
// its own file: where every article is published, which pages and files
// the site has. When it changes, every body is rendered again.
func (b *builder) addressKey() string {
	var parts []string
	for _, a := range b.articles {
		parts = append(parts, a.Path+" "+a.url)
	}
	for p := range b.pages {
		parts = append(parts, p)
	}
	for a := range b.repo.Assets {
		parts = append(parts, a)
	}
	sort.Strings(parts)
	return strings.Join(parts, "\n")
}

func sortErrors(list []*Error) {
	sort.SliceStable(list, func(i, j int) bool {
		x, y := list[i], list[j]
		if x.File != y.File {
			return x.File < y.File
		}
		if x.Line != y.Line {
			return x.Line < y.Line
		}
		return x.Column < y.Column
	})
}

// Errors are the problems that would stop cm build, sorted by file and
// position: missing images, mostly.
func (p *Preview) Errors() []*Error { return p.errs }

// Warnings are the problems cm build prints without stopping: links to
// nothing.
func (p *Preview) Warnings() []*Error { return p.warns }

// Rendered is how many article bodies this preview rendered (the others
// came from the cache).
func (p *Preview) Rendered() int { return p.rendered }

// BasePath is the path of the site's base_url ("" or "/repo"): the
// preview's files are under it.
func (p *Preview) BasePath() string { return p.b.basePath }

// URL is where the article at a repo-relative path is published, base
// path included, or "" when it is not in the preview.
func (p *Preview) URL(articlePath string) string { return p.urls[articlePath] }

// Names lists the site paths of every file of the preview, sorted.
func (p *Preview) Names() []string {
	names := make([]string, 0, len(p.files))
	for n := range p.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// File renders the file at a site path, without the base path: "/" and
// "/fr/blog/x/" are their index.html. ok is false when the site has no
// such file.
func (p *Preview) File(name string) (f *File, ok bool, err error) {
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	e, ok := p.files[name]
	if !ok && strings.HasPrefix(name, "/sitemap-") {
		// A site of more than SitemapLimit pages has numbered sitemaps.
		e, ok = previewFile{kind: fileSitemap}, true
	}
	if !ok {
		return nil, false, nil
	}
	b := p.b
	switch e.kind {
	case fileArticle:
		a := b.articles[e.i]
		var buf bytes.Buffer
		if err := b.theme.execute(&buf, "article.html", b.articlePage(a, p.views, p.html[e.i])); err != nil {
			return nil, true, err
		}
		return &File{Data: buf.Bytes(), Page: true, Lang: a.Lang, Article: a.Path}, true, nil
	case fileList:
		l := p.lists[e.i]
		var buf bytes.Buffer
		if err := b.theme.execute(&buf, l.layout, l.page); err != nil {
			return nil, true, err
		}
		return &File{Data: buf.Bytes(), Page: true, Lang: l.page.Lang}, true, nil
	case fileFeed:
		data, err := b.atom(p.feeds[e.i], p.views, p.html)
		if err != nil {
			return nil, true, err
		}
		return &File{Data: data}, true, nil
	case fileSitemap:
		p.sitemapOnce.Do(func() {
			p.sitemap = memory{}
			p.sitemapErr = b.writeSitemap(p.sitemap, p.views)
		})
		if p.sitemapErr != nil {
			return nil, true, p.sitemapErr
		}
		data, ok := p.sitemap[name]
		return &File{Data: data}, ok, nil
	case fileRepo:
		return &File{Path: filepath.Join(b.cfg.Root, filepath.FromSlash(e.from))}, true, nil
	}
	return &File{Data: e.data, Static: e.static}, true, nil
}
