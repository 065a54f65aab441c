package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/cmhq/cm/pipeline/content"
)

// build renders every page, feed and file into a temporary folder and
// swaps it in.
func (b *builder) build() (Stats, error) {
	// Covers first: list pages and link cards need them, and they cost no
	// parsing.
	problems := make([][]error, len(b.articles))
	_ = parallel(len(b.articles), func(i int) error {
		a := b.articles[i]
		cover, err := b.coverImage(a)
		if err != nil {
			problems[i] = append(problems[i], err)
		}
		a.cover = cover
		return nil
	})
	views := b.views()
	out, err := newOutput(b.opts.Out)
	if err != nil {
		return Stats{}, err
	}
	committed := false
	defer func() {
		if !committed {
			out.abort()
		}
	}()
	var stats Stats

	// Articles in one pass each: resolve links and images, render, write
	// the page and release the AST, so that the trees of a large site are
	// never all in memory. The feeds reuse the HTML of the articles they
	// hold; only theirs is kept.
	feeds := b.feeds()
	inFeed := make([]bool, len(b.articles))
	for _, f := range feeds {
		for _, a := range f.articles {
			inFeed[a.index] = true
		}
	}
	bodies := make([]template.HTML, len(b.articles))
	err = parallel(len(b.articles), func(i int) error {
		a := b.articles[i]
		defer a.ReleaseAST()
		var errs []error
		a.body, errs = b.readBody(a)
		if problems[i] = append(problems[i], errs...); len(problems[i]) > 0 {
			return nil // go on: every missing image is reported at once
		}
		views[i].setReadingTime(a.body.words)
		var buf bytes.Buffer
		if err := render(&buf, a.Document, a.body); err != nil {
			return fmt.Errorf("%s: rendering the Markdown: %w", a.Path, err)
		}
		a.body.forgetNodes()
		html := template.HTML(buf.String())
		if inFeed[i] {
			bodies[i] = html
		}
		p := b.articlePage(a, views, html)
		return b.writePage(out, "article.html", p, pageFile(p.URL, b.basePath))
	})
	if err != nil {
		return Stats{}, err
	}
	var all []error
	for _, e := range problems {
		all = append(all, e...)
	}
	if len(all) > 0 {
		return Stats{}, errors.Join(all...)
	}
	stats.Articles = len(b.articles)

	pages := b.listPages(views)
	err = parallel(len(pages), func(i int) error {
		return b.writePage(out, pages[i].layout, pages[i].page, pages[i].file)
	})
	if err != nil {
		return Stats{}, err
	}
	stats.Pages = stats.Articles + len(pages)

	err = parallel(len(feeds), func(i int) error {
		data, err := b.atom(feeds[i], views, bodies)
		if err != nil {
			return err
		}
		return out.write(strings.TrimPrefix(feeds[i].url, b.basePath), data)
	})
	if err != nil {
		return Stats{}, err
	}
	stats.Feeds = len(feeds)

	if err := b.writeSitemap(out, views); err != nil {
		return Stats{}, err
	}
	if err := out.write("/robots.txt", b.robots()); err != nil {
		return Stats{}, err
	}
	for _, f := range b.theme.static {
		if err := out.write("/"+f.name, f.data); err != nil {
			return Stats{}, err
		}
	}
	if err := b.copyAssets(out); err != nil {
		return Stats{}, err
	}
	stats.Files = int(out.files.Load())
	if err := out.commit(); err != nil {
		return Stats{}, err
	}
	committed = true
	b.flushWarnings()
	return stats, nil
}

// coverImage is the article's image key, which must name a file of the
// repo (or an absolute URL).
func (b *builder) coverImage(a *article) (*Image, error) {
	if a.Image == "" {
		return nil, nil
	}
	if strings.HasPrefix(a.Image, "https://") || strings.HasPrefix(a.Image, "http://") {
		return &Image{URL: a.Image, Permalink: a.Image, Alt: a.ImageAlt}, nil
	}
	asset := path.Join(path.Dir(a.Path), a.Image)
	if !b.repo.Assets[asset] {
		pos := a.ValuePos("image")
		return nil, &Error{File: a.Path, Line: pos.Line, Column: pos.Column,
			Message: fmt.Sprintf("image %s not found: there is no file %s", a.Image, asset)}
	}
	u := b.assetURL(a, asset)
	img := &Image{URL: u, Permalink: b.absURL(u), Alt: a.ImageAlt}
	if sz, ok := b.imageSize(asset); ok {
		img.Width, img.Height = sz.Width, sz.Height
	}
	if !a.owns(asset) {
		a.extraAssets = append(a.extraAssets, asset)
	}
	return img, nil
}

// pagePlan is a page other than an article's.
type pagePlan struct {
	layout string
	page   *Page
	file   string
}

func (b *builder) writePage(out sink, layout string, p *Page, file string) error {
	var buf bytes.Buffer
	buf.Grow(16 << 10)
	if err := b.theme.execute(&buf, layout, p); err != nil {
		return err
	}
	return out.write(file, buf.Bytes())
}

// pageFile is the file of a page URL: /fr/blog/x/ is /fr/blog/x/index.html.
func pageFile(u, basePath string) string {
	u = strings.TrimPrefix(u, basePath)
	if strings.HasSuffix(u, "/") {
		return u + "index.html"
	}
	return u
}

// copyAssets copies the files of the built page bundles beside their
// pages, and the other files articles link to.
func (b *builder) copyAssets(out *output) error {
	jobs := b.assetCopies()
	return parallel(len(jobs), func(i int) error {
		return out.copy(jobs[i].to, filepath.Join(b.cfg.Root, filepath.FromSlash(jobs[i].from)))
	})
}

// assetCopy is a file of the repo (from) published at a site path (to).
type assetCopy struct{ to, from string }

// assetCopies are the files of the built page bundles, beside their pages,
// and the other files articles link to.
func (b *builder) assetCopies() []assetCopy {
	byBundle := map[string][]string{}
	for asset := range b.repo.Assets {
		if dir, ok := bundleDir(asset); ok {
			byBundle[dir] = append(byBundle[dir], asset)
		}
	}
	var jobs []assetCopy
	seen := map[string]bool{}
	add := func(a *article, asset string) {
		to := strings.TrimPrefix(b.assetURL(a, asset), b.basePath)
		if !seen[to] {
			seen[to] = true
			jobs = append(jobs, assetCopy{to, asset})
		}
	}
	for _, a := range b.articles {
		if a.Bundle {
			assets := byBundle[path.Dir(a.Path)]
			slices.Sort(assets)
			for _, asset := range assets {
				add(a, asset)
			}
		}
		for _, asset := range a.body.assets {
			add(a, asset)
		}
		for _, asset := range a.extraAssets {
			add(a, asset)
		}
	}
	return jobs
}

// bundleDir is the page bundle folder a file belongs to:
// content/blog/SLUG/x/y.png belongs to content/blog/SLUG.
func bundleDir(asset string) (string, bool) {
	parts := strings.SplitN(asset, "/", 4)
	if len(parts) == 4 && parts[0] == content.Dir && parts[1] == "blog" {
		return strings.Join(parts[:3], "/"), true
	}
	return "", false
}

// warnings are collected while articles are read in parallel and given
// to Options.Warn in file order once the build is done.
type warnings struct {
	mu   sync.Mutex
	list []*Error
}

func (b *builder) warn(w *Error) {
	b.warns.mu.Lock()
	b.warns.list = append(b.warns.list, w)
	b.warns.mu.Unlock()
}

func (b *builder) flushWarnings() {
	if b.opts.Warn == nil {
		return
	}
	list := slices.Clone(b.warns.list)
	slices.SortFunc(list, func(x, y *Error) int {
		if c := strings.Compare(x.File, y.File); c != 0 {
			return c
		}
		if x.Line != y.Line {
			return x.Line - y.Line
		}
		return x.Column - y.Column
	})
	last := ""
	for _, w := range list {
		if s := w.Error(); s != last {
			b.opts.Warn(s)
			last = s
		}
	}
}
