package site

import (
	"fmt"
	"html/template"
	"slices"
	"time"
)

// views makes the ArticleView of every built article once; list pages and
// article pages share them.
func (b *builder) views() []*ArticleView {
	views := make([]*ArticleView, len(b.articles))
	loc := b.cfg.Location
	for i, a := range b.articles {
		date, updated := a.Date.In(loc), a.updated.In(loc)
		v := &ArticleView{
			Title: a.Title, Description: a.Description, Author: a.Author, Lang: a.Lang,
			URL: a.url, Permalink: b.absURL(a.url),
			Date: date, Updated: updated,
			DateText: formatDate(date, a.Lang), UpdatedText: formatDate(updated, a.Lang),
			DateISO: date.Format(time.RFC3339), UpdatedISO: updated.Format(time.RFC3339),
			WasUpdated: updated.Format("2006-01-02") != date.Format("2006-01-02"),
			L:          labelsFor(a.Lang),
			Image:      a.cover,
			Sponsored:  a.Sponsored,
			Draft:      a.Draft,
			Future:     a.Date.After(b.opts.At),
		}
		for _, t := range a.tags {
			v.Tags = append(v.Tags, b.tagView(t))
		}
		for _, t := range a.translations {
			v.Translations = append(v.Translations, alternate(t.Lang, t.url, readThisIn))
		}
		views[i] = v
	}
	for i, a := range b.articles {
		if a.older != nil {
			views[i].Older = views[a.older.index]
		}
		if a.newer != nil {
			views[i].Newer = views[a.newer.index]
		}
	}
	return views
}

// setReadingTime sets the reading time from the article's word count, at
// about 220 words a minute.
func (v *ArticleView) setReadingTime(words int) {
	v.ReadingMinutes = max(1, (words+110)/220)
	v.ReadingTime = fmt.Sprintf(v.L.ReadingTime, v.ReadingMinutes)
}

func (b *builder) tagView(t *tag) *TagView {
	return &TagView{Name: t.Name, URL: t.url, Feed: t.url + "feed.xml", Count: len(t.articles)}
}

func (b *builder) siteView() *SiteView {
	s := b.cfg.Site
	year := 0
	if !b.newest.IsZero() {
		year = b.newest.In(b.cfg.Location).Year()
	}
	return &SiteView{Title: s.Title, Description: s.Description, Author: s.Author, BaseURL: s.BaseURL,
		BasePath: b.basePath, Languages: s.Languages, Year: year}
}

// title and description of the blog in a language.
func (b *builder) titleIn(lang string) (string, string) {
	title, desc := b.cfg.Site.Title, b.cfg.Site.Description
	if l, ok := b.cfg.Blog.Languages[lang]; ok {
		if l.Title != "" {
			title = l.Title
		}
		if l.Description != "" {
			desc = l.Description
		}
	}
	return title, desc
}

// basePage fills what every page of a language has.
func (b *builder) basePage(l *language, kind, u string) *Page {
	site := b.siteView()
	site.Title, site.Description = b.titleIn(l.code)
	L := labelsFor(l.code)
	p := &Page{
		Site: site, Lang: l.code, L: L, Kind: kind,
		URL: u, Permalink: b.absURL(u), Canonical: b.absURL(u),
		Description: site.Description,
		Home:        b.basePath + l.prefix + "/",
		Feed:        b.basePath + l.prefix + "/feed.xml",
		FeedTitle:   site.Title,
		OGType:      "website",
		NoIndex:     b.opts.Drafts || b.opts.Future,
	}
	p.Nav = []NavLink{
		{Label: L.Archive, URL: b.basePath + l.prefix + "/blog/", Current: kind == "archive"},
		{Label: L.Tags, URL: b.basePath + l.prefix + "/tags/", Current: kind == "tags" || kind == "tag"},
	}
	for _, o := range b.langs {
		if o != l {
			p.Languages = append(p.Languages, alternate(o.code, b.basePath+o.prefix+"/", languageName))
		}
	}
	return p
}

// sameInEveryLanguage gives a page that every language has (home,
// archive, tags) its hreflang alternates and language links.
func (b *builder) sameInEveryLanguage(p *Page, suffix string) {
	if len(b.langs) < 2 {
		return
	}
	for _, o := range b.langs {
		u := b.basePath + o.prefix + suffix
		p.Alternates = append(p.Alternates, alternate(o.code, b.absURL(u), languageName))
	}
	p.Alternates = append(p.Alternates, Alternate{Lang: "x-default", URL: b.absURL(b.basePath + b.defaultLang().prefix + suffix)})
	for i := range p.Languages {
		p.Languages[i].URL = b.basePath + "/" + p.Languages[i].Lang + suffix
	}
}

func (b *builder) defaultLang() *language {
	for _, l := range b.langs {
		if l.code == b.cfg.Site.DefaultLanguage {
			return l
		}
	}
	return b.langs[0]
}

func (b *builder) lang(code string) *language {
	for _, l := range b.langs {
		if l.code == code {
			return l
		}
	}
	return b.defaultLang()
}

func (b *builder) articlePage(a *article, views []*ArticleView, html template.HTML) *Page {
	v := views[a.index]
	l := b.lang(a.Lang)
	p := b.basePage(l, "article", a.url)
	p.Title = a.Title
	p.HeadTitle = a.Title + " · " + p.Site.Title
	if a.Description != "" {
		p.Description = a.Description
	}
	if a.Canonical != "" {
		p.Canonical = a.Canonical
	}
	p.OGType = "article"
	p.Article = v
	p.Content = html
	p.Image = a.cover
	p.ShowCover = a.cover != nil && !a.body.coverInBody
	if len(a.translations) > 0 {
		p.Alternates = append(p.Alternates, alternate(a.Lang, v.Permalink, languageName))
		xDefault := v.Permalink
		for _, t := range a.translations {
			tv := views[t.index]
			p.Alternates = append(p.Alternates, alternate(t.Lang, tv.Permalink, languageName))
			if t.Lang == b.cfg.Site.DefaultLanguage {
				xDefault = tv.Permalink
			}
		}
		slices.SortFunc(p.Alternates, func(x, y Alternate) int {
			return slices.Index(b.cfg.Site.Languages, x.Lang) - slices.Index(b.cfg.Site.Languages, y.Lang)
		})
		p.Alternates = append(p.Alternates, Alternate{Lang: "x-default", URL: xDefault})
		for i, o := range p.Languages {
			for _, t := range a.translations {
				if t.Lang == o.Lang {
					p.Languages[i].URL = t.url
				}
			}
		}
	}
	p.JSONLD = b.blogPosting(a, v)
	return p
}

// listPages plans every page that is not an article: per language the
// home and its pages, the archive, the tags and each tag's pages; then
// the root of a site in several languages and the 404 page.
func (b *builder) listPages(views []*ArticleView) []pagePlan {
	var plans []pagePlan
	add := func(layout string, p *Page) {
		plans = append(plans, pagePlan{layout: layout, page: p, file: pageFile(p.URL, b.basePath)})
	}
	pick := func(list []*article) []*ArticleView {
		out := make([]*ArticleView, len(list))
		for i, a := range list {
			out[i] = views[a.index]
		}
		return out
	}
	for _, l := range b.langs {
		L := labelsFor(l.code)
		all := pick(l.articles)
		// Home, paginated.
		for _, pg := range b.paginate(all, b.basePath+l.prefix+"/") {
			p := b.basePage(l, "home", pg.url)
			p.Title = p.Site.Title
			p.HeadTitle = p.Site.Title
			if pg.pager.Number > 1 {
				p.HeadTitle = fmt.Sprintf(L.PageOf, pg.pager.Number, pg.pager.Total) + " · " + p.Site.Title
			} else {
				b.sameInEveryLanguage(p, "/")
				p.JSONLD = b.blog(p)
			}
			p.Articles, p.Pager = pg.articles, pg.pager
			add("home.html", p)
		}
		// Archive: every article, by year.
		p := b.basePage(l, "archive", b.basePath+l.prefix+"/blog/")
		p.Title = L.AllArticles
		p.HeadTitle = L.Archive + " · " + p.Site.Title
		b.sameInEveryLanguage(p, "/blog/")
		for _, v := range all {
			if n := len(p.Years); n == 0 || p.Years[n-1].Year != v.Date.Year() {
				p.Years = append(p.Years, &Year{Year: v.Date.Year()})
			}
			y := p.Years[len(p.Years)-1]
			y.Articles = append(y.Articles, v)
		}
		p.Articles = all
		add("list.html", p)
		// Tags index, most used first.
		p = b.basePage(l, "tags", b.basePath+l.prefix+"/tags/")
		p.Title = L.Tags
		p.HeadTitle = L.Tags + " · " + p.Site.Title
		b.sameInEveryLanguage(p, "/tags/")
		for _, t := range l.tags {
			p.Tags = append(p.Tags, b.tagView(t))
		}
		slices.SortStableFunc(p.Tags, func(x, y *TagView) int { return y.Count - x.Count })
		add("tags.html", p)
		// Each tag, paginated.
		for _, t := range l.tags {
			tv := b.tagView(t)
			for _, pg := range b.paginate(pick(t.articles), t.url) {
				p := b.basePage(l, "tag", pg.url)
				p.Tag = tv
				p.Title = fmt.Sprintf(L.TaggedWith, t.Name)
				p.HeadTitle = p.Title + " · " + p.Site.Title
				if pg.pager.Number > 1 {
					p.HeadTitle = p.Title + " · " + fmt.Sprintf(L.PageOf, pg.pager.Number, pg.pager.Total) + " · " + p.Site.Title
				}
				p.Description = fmt.Sprintf(L.TaggedWith, t.Name) + " · " + p.Site.Description
				p.Feed, p.FeedTitle = tv.Feed, p.Title+" · "+p.Site.Title
				p.Articles, p.Pager = pg.articles, pg.pager
				add("tag.html", p)
			}
		}
	}
	def := b.defaultLang()
	if len(b.langs) > 1 {
		p := b.basePage(def, "languages", b.basePath+"/")
		p.Title = p.Site.Title
		p.HeadTitle = p.Site.Title
		p.Redirect = b.basePath + def.prefix + "/"
		p.Canonical = b.absURL(p.Redirect)
		p.Feed = b.basePath + "/feed.xml"
		p.Languages = nil
		for _, l := range b.langs {
			p.Languages = append(p.Languages, alternate(l.code, b.basePath+l.prefix+"/", languageName))
		}
		b.sameInEveryLanguage(p, "/")
		add("languages.html", p)
	}
	p := b.basePage(def, "404", b.basePath+"/404.html")
	p.Title = labelsFor(def.code).NotFound
	p.HeadTitle = p.Title + " · " + p.Site.Title
	p.NoIndex = true
	p.Canonical = ""
	p.Languages = nil
	for _, l := range b.langs {
		p.Languages = append(p.Languages, alternate(l.code, b.basePath+l.prefix+"/", backHome))
	}
	add("404.html", p)
	return plans
}

type listPage struct {
	url      string
	articles []*ArticleView
	pager    *Pager
}

// paginate cuts a list into pages: first at base, then base/page/N/.
func (b *builder) paginate(all []*ArticleView, base string) []listPage {
	n := b.pageCount(len(all))
	pageURL := func(i int) string {
		if i == 1 {
			return base
		}
		return fmt.Sprintf("%spage/%d/", base, i)
	}
	pages := make([]listPage, n)
	for i := 1; i <= n; i++ {
		lo, hi := (i-1)*b.pageSize, min(i*b.pageSize, len(all))
		pg := &Pager{Number: i, Total: n}
		if i > 1 {
			pg.Prev = pageURL(i - 1)
		}
		if i < n {
			pg.Next = pageURL(i + 1)
		}
		pages[i-1] = listPage{url: pageURL(i), articles: all[lo:hi], pager: pg}
	}
	return pages
}
