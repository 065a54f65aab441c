package seo

import (
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
)

// OutboundLink notes articles that link to no other site.
type OutboundLink struct{}

// Reads says that the rule resolves links to the site's other articles.
func (OutboundLink) Reads() []content.Kind { return articles }

func (OutboundLink) Meta() check.Meta {
	return check.Meta{
		ID: "seo.outbound-link", Severity: check.Info, Kinds: articles,
		Summary: "An article that links to no other site",
		Doc: "A link to a source, a study or a reference on another site backs up what the article " +
			"says and helps readers go further. The rule notes articles without any http(s) link to " +
			"another site; it is a hint (info) by default.",
		Example: check.Example{
			Bad:  "Cherchez la mention « 18/8 » sur la boîte.",
			Good: "Cherchez la mention « 18/8 » sur la boîte ; la page [acier inoxydable de Wikipédia](https://fr.wikipedia.org/wiki/Acier_inoxydable) détaille ces nuances.",
		},
	}
}

func (OutboundLink) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	for _, l := range linksOf(a.Document) {
		if l.Image || l.Email {
			continue
		}
		lower := strings.ToLower(l.Dest)
		if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") && !strings.HasPrefix(lower, "//") {
			continue
		}
		if resolve(p.Repo, a, l).kind == toOtherSite {
			return
		}
	}
	p.Report(textOf(a).start(a.Document),
		p.T("the article links to no other site", "l’article ne renvoie vers aucun autre site"),
		p.T("link to a source or a reference that backs up what the article says",
			"faites un lien vers une source ou une référence qui appuie ce que dit l’article"))
}
