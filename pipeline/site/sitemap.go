package site

import (
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// SitemapLimit is the most URLs one sitemap file may list (the sitemap
// protocol's limit). Bigger sites get a sitemap index.
const SitemapLimit = 50000

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string        `xml:"loc"`
	LastMod string        `xml:"lastmod,omitempty"`
	Links   []sitemapLink `xml:"xhtml:link"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

type sitemapIndex struct {
	XMLName  xml.Name      `xml:"sitemapindex"`
	NS       string        `xml:"xmlns,attr"`
	Sitemaps []sitemapFile `xml:"sitemap"`
}

type sitemapFile struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// writeSitemap lists every indexable page: per language the home, the
// archive, the tags and each tag's first page, and every article whose
// canonical address is on this site, with hreflang alternates. lastmod is
// the article's last change (git) or the newest article of a list.
func (b *builder) writeSitemap(out sink, views []*ArticleView) error {
	var urls []sitemapURL
	stamp := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(b.cfg.Location).Format(time.RFC3339)
	}
	listNewest := func(list []*article) time.Time {
		var t time.Time
		for _, a := range list {
			if a.updated.After(t) {
				t = a.updated
			}
		}
		return t
	}
	alternates := func(suffix string) []sitemapLink {
		if len(b.langs) < 2 {
			return nil
		}
		var links []sitemapLink
		for _, o := range b.langs {
			links = append(links, sitemapLink{Rel: "alternate", HrefLang: o.code, Href: b.absURL(b.basePath + o.prefix + suffix)})
		}
		return append(links, sitemapLink{Rel: "alternate", HrefLang: "x-default", Href: b.absURL(b.basePath + b.defaultLang().prefix + suffix)})
	}
	for _, l := range b.langs {
		newest := stamp(listNewest(l.articles))
		for _, suffix := range []string{"/", "/blog/", "/tags/"} {
			urls = append(urls, sitemapURL{Loc: b.absURL(b.basePath + l.prefix + suffix), LastMod: newest, Links: alternates(suffix)})
		}
		for _, t := range l.tags {
			urls = append(urls, sitemapURL{Loc: b.absURL(t.url), LastMod: stamp(listNewest(t.articles))})
		}
		for _, a := range l.articles {
			if a.Canonical != "" {
				continue // indexed at its canonical address
			}
			v := views[a.index]
			u := sitemapURL{Loc: v.Permalink, LastMod: v.UpdatedISO}
			if len(a.translations) > 0 {
				group := append([]*article{a}, a.translations...)
				xDefault := v.Permalink
				for _, lang := range b.langs {
					for _, t := range group {
						if t.Lang == lang.code {
							u.Links = append(u.Links, sitemapLink{Rel: "alternate", HrefLang: t.Lang, Href: views[t.index].Permalink})
							if t.Lang == b.cfg.Site.DefaultLanguage {
								xDefault = views[t.index].Permalink
							}
						}
					}
				}
				u.Links = append(u.Links, sitemapLink{Rel: "alternate", HrefLang: "x-default", Href: xDefault})
			}
			urls = append(urls, u)
		}
	}
	if len(urls) <= SitemapLimit {
		return b.writeXML(out, "/sitemap.xml", sitemapURLSet{NS: sitemapNS, XHTML: "http://www.w3.org/1999/xhtml", URLs: urls})
	}
	index := sitemapIndex{NS: sitemapNS}
	for i := 0; i*SitemapLimit < len(urls); i++ {
		chunk := urls[i*SitemapLimit : min(len(urls), (i+1)*SitemapLimit)]
		name := fmt.Sprintf("/sitemap-%d.xml", i+1)
		if err := b.writeXML(out, name, sitemapURLSet{NS: sitemapNS, XHTML: "http://www.w3.org/1999/xhtml", URLs: chunk}); err != nil {
			return err
		}
		newest := ""
		for _, u := range chunk {
			newest = max(newest, u.LastMod) // same timezone: RFC 3339 strings sort by time
		}
		index.Sitemaps = append(index.Sitemaps, sitemapFile{Loc: b.absURL(b.basePath + name), LastMod: newest})
	}
	return b.writeXML(out, "/sitemap.xml", index)
}

func (b *builder) writeXML(out sink, name string, v any) error {
	data, err := xml.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return out.write(name, append([]byte(xml.Header), append(data, '\n')...))
}

// robots allows everything and points to the sitemap. A preview build
// (drafts or future articles) asks robots to stay away.
func (b *builder) robots() []byte {
	var s strings.Builder
	s.WriteString("User-agent: *\n")
	if b.opts.Drafts || b.opts.Future {
		s.WriteString("Disallow: /\n")
		return []byte(s.String())
	}
	s.WriteString("Allow: /\n\nSitemap: " + b.absURL(b.basePath+"/sitemap.xml") + "\n")
	return []byte(s.String())
}
