package site

import (
	"encoding/xml"
	"html/template"
	"slices"
	"strings"
	"time"
)

// feedPlan is one Atom feed: the site's, a language's or a tag's.
type feedPlan struct {
	url, page       string // the feed and the page it follows
	title, subtitle string
	lang            string // "" for the whole site in several languages
	articles        []*article
}

// feeds are the site's feeds: one per language, one per tag, and one for
// the whole site when it has several languages (a one-language site's
// feed is its language's, at /feed.xml).
func (b *builder) feeds() []*feedPlan {
	var feeds []*feedPlan
	newest := func(list []*article) []*article { return list[:min(len(list), b.feedSize)] }
	if len(b.langs) > 1 {
		all := slices.Clone(b.articles)
		slices.SortFunc(all, newestFirst)
		def := b.defaultLang()
		title, desc := b.titleIn(def.code)
		feeds = append(feeds, &feedPlan{url: b.basePath + "/feed.xml", page: b.basePath + "/", title: title, subtitle: desc, articles: newest(all)})
	}
	for _, l := range b.langs {
		title, desc := b.titleIn(l.code)
		feeds = append(feeds, &feedPlan{url: b.basePath + l.prefix + "/feed.xml", page: b.basePath + l.prefix + "/",
			title: title, subtitle: desc, lang: l.code, articles: newest(l.articles)})
		L := labelsFor(l.code)
		for _, t := range l.tags {
			feeds = append(feeds, &feedPlan{url: t.url + "feed.xml", page: t.url,
				title: strings.ReplaceAll(L.TaggedWith, "%s", t.Name) + " · " + title, lang: l.code, articles: newest(t.articles)})
		}
	}
	return feeds
}

type atomFeed struct {
	XMLName   xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang      string      `xml:"xml:lang,attr,omitempty"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	ID        string      `xml:"id"`
	Links     []atomLink  `xml:"link"`
	Updated   string      `xml:"updated"`
	Author    *atomPerson `xml:"author,omitempty"`
	Generator string      `xml:"generator"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel      string `xml:"rel,attr"`
	Type     string `xml:"type,attr,omitempty"`
	Href     string `xml:"href,attr"`
	HrefLang string `xml:"hreflang,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Base string `xml:"xml:base,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	Lang       string         `xml:"xml:lang,attr,omitempty"`
	Title      string         `xml:"title"`
	Links      []atomLink     `xml:"link"`
	ID         string         `xml:"id"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Author     atomPerson     `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary,omitempty"`
	Content    atomText       `xml:"content"`
}

// atom writes a feed with the full HTML of its articles, whose site
// links are made absolute so that feed readers can follow them.
func (b *builder) atom(f *feedPlan, views []*ArticleView, bodies []template.HTML) ([]byte, error) {
	updated := b.newest
	if len(f.articles) > 0 {
		updated = f.articles[0].updated
		for _, a := range f.articles {
			if a.updated.After(updated) {
				updated = a.updated
			}
		}
	}
	if updated.IsZero() {
		updated = time.Unix(0, 0)
	}
	feed := atomFeed{
		Lang:     f.lang,
		Title:    f.title,
		Subtitle: f.subtitle,
		ID:       b.absURL(f.page),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: b.absURL(f.url)},
			{Rel: "alternate", Type: "text/html", Href: b.absURL(f.page)},
		},
		Updated:   updated.In(b.cfg.Location).Format(time.RFC3339),
		Generator: "cm",
	}
	if b.cfg.Site.Author != "" {
		feed.Author = &atomPerson{Name: b.cfg.Site.Author}
	}
	origin := b.absURL("")
	for _, a := range f.articles {
		v := views[a.index]
		e := atomEntry{
			Title:     a.Title,
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: v.Permalink}},
			ID:        v.Permalink,
			Published: v.DateISO,
			Updated:   v.UpdatedISO,
			Author:    atomPerson{Name: a.Author},
			Content:   atomText{Type: "html", Base: v.Permalink, Body: absolutize(string(bodies[a.index]), origin)},
		}
		if f.lang == "" {
			e.Lang = a.Lang
		}
		for _, t := range a.translations {
			e.Links = append(e.Links, atomLink{Rel: "alternate", Type: "text/html", Href: b.absURL(t.url), HrefLang: t.Lang})
		}
		for _, t := range a.tags {
			e.Categories = append(e.Categories, atomCategory{Term: t.Slug, Label: t.Name})
		}
		if a.Description != "" {
			e.Summary = &atomText{Type: "text", Body: a.Description}
		}
		feed.Entries = append(feed.Entries, e)
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), append(out, '\n')...), nil
}

// absolutize makes the site-relative href and src attributes of rendered
// HTML absolute. Raw HTML is off and text is escaped, so these attributes
// can only be the ones cm wrote. Protocol-relative URLs (//host/x) are
// left alone.
func absolutize(html, origin string) string {
	var b strings.Builder
	b.Grow(len(html) + 256)
	for {
		i := strings.Index(html, `="/`)
		if i < 0 {
			b.WriteString(html)
			return b.String()
		}
		attr := html[:i]
		local := strings.HasSuffix(attr, " href") || strings.HasSuffix(attr, " src")
		b.WriteString(html[:i+2])
		html = html[i+2:]
		if local && !strings.HasPrefix(html, "//") {
			b.WriteString(origin)
		}
	}
}
