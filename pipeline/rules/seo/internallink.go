package seo

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
)

// InternalLink reports articles that link to no other page of the site.
type InternalLink struct{}

// Reads says that the rule resolves links to, and looks for, the site's other articles.
func (InternalLink) Reads() []content.Kind { return articles }

func (InternalLink) Meta() check.Meta {
	return check.Meta{
		ID: "seo.internal-link", Severity: check.Warning, Kinds: articles,
		Summary: "An article that links to no other page of the site",
		Doc: "Links between articles keep readers on the site and show search engines which pages " +
			"belong together. Each article should link to at least one other page of the site: an " +
			"article (/fr/blog/slug/ or its .md file) or another page under the site's address. The " +
			"suggestion names a related article: the one of the same language sharing the most tags.",
		Example: check.Example{
			Bad:  "Une gamelle en inox dure des décennies.",
			Good: "Une gamelle en inox dure des décennies. Pour vos restes, lisez notre [guide des emballages en cire](/fr/blog/emballages-cire-abeille-entretien/).",
		},
	}
}

func (InternalLink) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	for _, l := range linksOf(a.Document) {
		if l.Image {
			continue
		}
		t := resolve(p.Repo, a, l)
		if (t.kind == toArticle && t.article != a) || t.kind == toSitePage {
			return
		}
	}
	t := textOf(a)
	fix := p.T("link to another article of the blog where it helps the reader",
		"faites un lien vers un autre article du blog là où il aide le lecteur")
	if rel := related(p, a); rel != nil {
		u := content.URLPath(p.Repo.Config.Site, rel)
		fix = p.T(fmt.Sprintf("link to a related article, such as %s (%s)", quote(p, rel.Title), u),
			fmt.Sprintf("faites un lien vers un article proche, par exemple %s (%s)", quote(p, rel.Title), u))
	}
	p.Report(t.start(a.Document),
		p.T("the article links to no other page of the site", "l’article ne renvoie vers aucune autre page du site"), fix)
}

// tagIndex lists the published articles of each language and tag.
type tagIndex map[string]map[string][]*content.Article

// related is a published article of the same language that shares the
// most tags with a, or nil.
func related(p *check.Pass, a *content.Article) *content.Article {
	idx := p.Shared(func(r *content.Repo) any {
		idx := tagIndex{}
		for _, x := range r.Articles {
			if x.Draft {
				continue
			}
			if idx[x.Lang] == nil {
				idx[x.Lang] = map[string][]*content.Article{}
			}
			for _, tag := range x.Tags {
				idx[x.Lang][tag] = append(idx[x.Lang][tag], x)
			}
		}
		return idx
	}).(tagIndex)
	// Count shared tags over a bounded number of candidates, so that an
	// article with a very common tag costs no more than one with a rare one.
	const maxCandidates = 1000
	shared := map[*content.Article]int{}
	var best *content.Article
	seen := 0
	for _, tag := range a.Tags {
		for _, x := range idx[a.Lang][tag] {
			if x == a {
				continue
			}
			if seen++; seen > maxCandidates {
				break
			}
			shared[x]++
			if best == nil || shared[x] > shared[best] || (shared[x] == shared[best] && x.Path < best.Path) {
				best = x
			}
		}
	}
	return best
}
