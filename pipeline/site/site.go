// Package site renders the blog: the articles that are due become a static
// site with a home, an archive and tag pages per language, hreflang links
// between translations, Atom feeds, a sitemap dated from git, robots.txt and
// a 404 page. Templates come from the repo's templates/ folder, file by file
// over cm's built-in theme.
//
// The build reads the documents content.Load parsed (each file is parsed
// once, and the AST the rules checked is the AST rendered), renders pages
// in parallel into a temporary folder beside the output, and swaps it in
// only when every page was written: a failed build leaves the previous site
// as it was. The same repo and options give byte-identical output.
package site

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

// Options say what to build and where.
type Options struct {
	// Out is the folder the site is written to, replaced whole on success.
	Out string
	// Drafts builds drafts too; Future builds articles dated after At.
	Drafts, Future bool
	// At is the build's clock: an article dated after it is not due.
	At time.Time
	// LastMod is when each file last changed in git, by repo-relative
	// path. An article changed after its date gets that date as its
	// modification time (sitemap lastmod, feeds, JSON-LD).
	LastMod map[string]time.Time
	// Warn, when set, receives problems that do not stop the build, such
	// as a link to an article that is not built.
	Warn func(string)
}

// Stats count what a build wrote.
type Stats struct {
	Articles int // article pages
	Pages    int // HTML pages, articles included
	Feeds    int
	Files    int // every file written
}

// Error is a problem that stops the build, at a place in a file: a
// content file or a template.
type Error struct {
	File         string
	Line, Column int
	Message      string
	Err          error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Column > 0 {
			fmt.Fprintf(&b, ":%d", e.Column)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Message)
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Defaults of cm.yaml's blog.page_size and blog.feed_size.
const (
	DefaultPageSize = 10
	DefaultFeedSize = 20
)

// Build renders the blog of repo into opts.Out.
func Build(repo *content.Repo, opts Options) (Stats, error) {
	th, err := loadTheme(repo.Config.Root)
	if err != nil {
		return Stats{}, err
	}
	b, err := newBuilder(repo, opts, th)
	if err != nil {
		return Stats{}, err
	}
	return b.build()
}

// article is an article that is built, with what the pages need of it.
type article struct {
	*content.Article
	index int
	url   string // site-relative, base path included: /fr/blog/slug/
	// updated is the later of the date and the last commit that changed
	// the file.
	updated time.Time
	tags    []*tag
	// translations are the other built articles with the same
	// translation_key, in site language order.
	translations []*article
	// older and newer are the neighbours in the language's list.
	older, newer *article
	cover        *Image
	body         *body
	// extraAssets are files outside the bundle the frontmatter names.
	extraAssets []string
}

// owns says whether a repo file belongs to the article's page bundle.
func (a *article) owns(asset string) bool {
	return a.Bundle && strings.HasPrefix(asset, path.Dir(a.Path)+"/")
}

// tag is a tag of one language, with its articles newest first.
type tag struct {
	Name, Slug, Lang string
	url              string
	articles         []*article
}

// language is one language of the site: its articles newest first, its
// tags, and the prefix of its URLs ("/fr", or "" on a one-language site).
type language struct {
	code     string
	prefix   string
	articles []*article
	tags     []*tag // by name
}

// builder holds one build's plan. It is read by many goroutines once
// newBuilder returns; nothing in it changes during rendering except what
// sync guards.
type builder struct {
	repo     *content.Repo
	cfg      *config.Config
	opts     Options
	theme    *theme
	basePath string // the path of base_url, "" or "/repo"
	pageSize int
	feedSize int
	articles []*article
	built    map[*content.Article]*article
	langs    []*language
	// pages are the site-relative URLs (without base path) of the pages
	// that are not articles, for links written by hand.
	pages map[string]bool
	// images caches the pixel size of image files, by repo path; a
	// preview shares it with the next one.
	images *sync.Map
	// newest is the latest update of any built article: the date of
	// whole-site files such as the site feed, never the clock.
	newest time.Time
	warns  warnings
}

func newBuilder(repo *content.Repo, opts Options, th *theme) (*builder, error) {
	cfg := repo.Config
	b := &builder{repo: repo, cfg: cfg, opts: opts, theme: th, built: map[*content.Article]*article{}, pages: map[string]bool{}, images: new(sync.Map)}
	b.pageSize, b.feedSize = cfg.Blog.PageSize, cfg.Blog.FeedSize
	if b.pageSize <= 0 {
		b.pageSize = DefaultPageSize
	}
	if b.feedSize <= 0 {
		b.feedSize = DefaultFeedSize
	}
	if u, err := url.Parse(cfg.Site.BaseURL); err == nil {
		b.basePath = strings.TrimRight(u.Path, "/")
	}
	for _, code := range slices.Sorted(maps.Keys(cfg.Blog.Languages)) {
		if !slices.Contains(cfg.Site.Languages, code) {
			return nil, &Error{File: config.FileName, Message: fmt.Sprintf("blog.languages.%s: %q is not one of site.languages (%s)",
				code, code, strings.Join(cfg.Site.Languages, ", "))}
		}
	}
	if err := b.selectArticles(); err != nil {
		return nil, err
	}
	b.planLanguages()
	return b, nil
}

// selectArticles keeps the articles that are due, and refuses to build
// articles whose frontmatter cm check rejects or whose URLs collide.
func (b *builder) selectArticles() error {
	var errs []error
	for _, d := range b.repo.Documents {
		// A file under blog/ that did not become an article (unreadable,
		// misplaced, or with frontmatter that cannot be parsed) is not
		// silently left out of the site.
		if b.repo.Item(d.Path) == nil && strings.HasPrefix(d.Path, content.Dir+"/blog/") {
			for _, p := range d.Problems {
				errs = append(errs, &Error{File: d.Path, Line: p.Pos.Line, Column: p.Pos.Column, Message: p.Message + " (run cm check)"})
			}
		}
	}
	byURL := map[string]*article{}
	for _, a := range b.repo.Articles {
		if b.whyNotBuilt(a) != "" {
			continue
		}
		for _, p := range a.Problems {
			// An unknown key changes nothing on the page: cm check reports
			// it, with the severity cm.yaml gives it.
			if p.Rule == "schema.unknown-key" {
				continue
			}
			errs = append(errs, &Error{File: a.Path, Line: p.Pos.Line, Column: p.Pos.Column, Message: p.Message + " (run cm check)"})
		}
		u := content.URLPath(b.cfg.Site, a)
		if other := byURL[u]; other != nil {
			// Report on the file whose slug key made the collision.
			x, y := a, other.Article
			if _, v := x.Key("slug"); v == nil {
				if _, v := y.Key("slug"); v != nil {
					x, y = y, x
				}
			}
			pos := content.Position{Line: 1, Column: 1}
			if _, v := x.Key("slug"); v != nil {
				pos = x.NodePos(v)
			}
			errs = append(errs, &Error{File: x.Path, Line: pos.Line, Column: pos.Column,
				Message: fmt.Sprintf("%s is also the address of %s: give one of them another slug", u, y.Path)})
			continue
		}
		art := &article{Article: a, index: len(b.articles), url: b.basePath + u}
		art.updated = a.Date
		if t, ok := b.opts.LastMod[a.Path]; ok && t.After(a.Date) {
			art.updated = t
		}
		if art.updated.After(b.newest) {
			b.newest = art.updated
		}
		byURL[u] = art
		b.articles = append(b.articles, art)
		b.built[a] = art
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	return nil
}

// whyNotBuilt says why an article is left out of this build, or "".
func (b *builder) whyNotBuilt(a *content.Article) string {
	switch {
	case a.Draft && !b.opts.Drafts:
		return "a draft; cm build --drafts builds it"
	case a.Date.After(b.opts.At) && !b.opts.Future:
		return "dated " + a.Date.In(b.cfg.Location).Format("2006-01-02 15:04") + ", in the future; cm build --future builds it"
	}
	return ""
}

// newestFirst orders articles by date, newest first, then by path, so
// that lists never depend on the order files were read in.
func newestFirst(x, y *article) int {
	if c := y.Date.Compare(x.Date); c != 0 {
		return c
	}
	return strings.Compare(x.Path, y.Path)
}

func (b *builder) planLanguages() {
	multi := len(b.cfg.Site.Languages) > 1
	byCode := map[string]*language{}
	for _, code := range b.cfg.Site.Languages {
		l := &language{code: code}
		if multi {
			l.prefix = "/" + code
		}
		byCode[code] = l
		b.langs = append(b.langs, l)
	}
	sorted := slices.Clone(b.articles)
	slices.SortFunc(sorted, newestFirst)
	for _, a := range sorted {
		l := byCode[a.Lang]
		l.articles = append(l.articles, a)
	}
	for _, l := range b.langs {
		tags := map[string]*tag{}
		for i, a := range l.articles {
			if i > 0 {
				a.newer = l.articles[i-1]
				l.articles[i-1].older = a
			}
			for _, name := range a.Tags {
				slug := content.Slugify(name, l.code)
				if slug == "" {
					continue
				}
				t := tags[slug]
				if t == nil {
					t = &tag{Name: name, Slug: slug, Lang: l.code, url: b.basePath + l.prefix + "/tags/" + slug + "/"}
					tags[slug] = t
					l.tags = append(l.tags, t)
				}
				if !slices.Contains(a.tags, t) {
					a.tags = append(a.tags, t)
					t.articles = append(t.articles, a)
				}
			}
		}
		slices.SortFunc(l.tags, func(x, y *tag) int { return strings.Compare(x.Slug, y.Slug) })
		for _, p := range b.languagePages(l) {
			b.pages[p] = true
		}
	}
	// Translations: articles sharing a translation_key, in language order.
	groups := map[string][]*article{}
	var keys []string
	for _, a := range b.articles {
		if a.TranslationKey == "" {
			continue
		}
		if groups[a.TranslationKey] == nil {
			keys = append(keys, a.TranslationKey)
		}
		groups[a.TranslationKey] = append(groups[a.TranslationKey], a)
	}
	sort.Strings(keys)
	for _, k := range keys {
		g := groups[k]
		slices.SortFunc(g, func(x, y *article) int {
			return slices.Index(b.cfg.Site.Languages, x.Lang) - slices.Index(b.cfg.Site.Languages, y.Lang)
		})
		for _, a := range g {
			for _, o := range g {
				// One translation per language: a second article in the
				// same language under the key is not a translation.
				if o != a && o.Lang != a.Lang && !slices.ContainsFunc(a.translations, func(t *article) bool { return t.Lang == o.Lang }) {
					a.translations = append(a.translations, o)
				}
			}
		}
	}
	b.pages["/"] = true
	b.pages["/feed.xml"] = true
	b.pages["/sitemap.xml"] = true
	b.pages["/404.html"] = true
}

// languagePages are the site-relative URLs of a language's pages other
// than its articles.
func (b *builder) languagePages(l *language) []string {
	p := []string{l.prefix + "/", l.prefix + "/blog/", l.prefix + "/tags/", l.prefix + "/feed.xml"}
	for n := 2; n <= b.pageCount(len(l.articles)); n++ {
		p = append(p, fmt.Sprintf("%s/page/%d/", l.prefix, n))
	}
	for _, t := range l.tags {
		base := l.prefix + "/tags/" + t.Slug
		p = append(p, base+"/", base+"/feed.xml")
		for n := 2; n <= b.pageCount(len(t.articles)); n++ {
			p = append(p, fmt.Sprintf("%s/page/%d/", base, n))
		}
	}
	return p
}

func (b *builder) pageCount(n int) int { return max(1, (n+b.pageSize-1)/b.pageSize) }

// absURL makes a site-relative URL (base path included) absolute.
func (b *builder) absURL(u string) string {
	if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
		return u
	}
	base := b.cfg.Site.BaseURL
	if b.basePath != "" {
		base = strings.TrimSuffix(base, b.basePath)
	}
	return base + u
}
