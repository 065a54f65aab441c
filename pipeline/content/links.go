package content

import (
	"net/url"
	"path"
	"strings"

	"github.com/cmhq/cm/pipeline/config"
)

// URLPath is where the blog publishes an article: /LANG/blog/SLUG/ on a
// site with several languages, /blog/SLUG/ on a site with one.
func URLPath(site config.Site, a *Article) string {
	if len(site.Languages) > 1 {
		return "/" + a.Lang + "/blog/" + a.Slug + "/"
	}
	return "/blog/" + a.Slug + "/"
}

// Target is what a link in a document points to.
type Target struct {
	// Article is the article linked to, when the link is to one.
	Article *Article
	// Asset is the repo-relative path of a file linked to (an image, a PDF).
	Asset string
	// Fragment is the #anchor, without '#'.
	Fragment string
	// External is true for links to other sites (http, https, mailto...).
	External bool
	// Found is false when the link points into the site at nothing.
	Found bool
}

// Resolve says where a link written in from points: another article by its
// URL path (/fr/blog/slug/) or by its file (../slug.md, ./slug/index.md), a
// file of the repo, an anchor in the same page, or an external site. Links
// to the site's own base URL count as internal.
func (r *Repo) Resolve(from *Document, link string) Target {
	u, err := url.Parse(link)
	if err != nil {
		return Target{}
	}
	t := Target{Fragment: u.Fragment}
	base := r.Config.Site.BaseURL
	if u.Scheme != "" || u.Host != "" {
		if base == "" || !strings.HasPrefix(link, base) {
			t.External, t.Found = true, true
			return t
		}
		u, _ = url.Parse(strings.TrimPrefix(link, base))
		if u.Path == "" {
			u.Path = "/"
		}
	}
	p := u.Path
	if p == "" { // "#anchor": this page
		t.Found = true
		if a, ok := r.Item(from.Path).(*Article); ok {
			t.Article = a
		}
		return t
	}
	if !strings.HasPrefix(p, "/") {
		// Relative to the file: a Markdown file or an asset beside it.
		rel := path.Join(path.Dir(from.Path), p)
		if a, ok := r.Item(rel).(*Article); ok {
			t.Article, t.Found = a, true
			return t
		}
		if a, ok := r.Item(path.Join(rel, "index.md")).(*Article); ok {
			t.Article, t.Found = a, true
			return t
		}
		if r.Assets[rel] {
			t.Asset, t.Found = rel, true
		}
		return t
	}
	if a := r.articleAt(p); a != nil {
		t.Article, t.Found = a, true
		return t
	}
	return t
}

// articleAt finds the article published at a URL path.
func (r *Repo) articleAt(p string) *Article {
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return r.byURL[p]
}
