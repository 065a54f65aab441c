package seo

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
)

// BrokenLink reports links and images that lead nowhere.
type BrokenLink struct{}

// Reads says that the rule resolves links to the site's other articles.
func (BrokenLink) Reads() []content.Kind { return articles }

func (BrokenLink) Meta() check.Meta {
	return check.Meta{
		ID: "seo.broken-link", Severity: check.Error, Kinds: articles,
		Summary: "A link to a page, anchor, image or file that does not exist",
		Doc: "Links to articles (/fr/blog/slug/, or the .md file), to a heading of a page (#anchor, " +
			"with the ids the blog gives headings: their words in lowercase ASCII joined by hyphens), " +
			"and to images and files beside the article must lead somewhere that exists in the repo. " +
			"A published article must not link to a draft, and the cover image (`image`) must exist. Links to other sites are not fetched, but " +
			"their syntax is checked: a scheme (https://), a site name, an @ in an e-mail address; " +
			"`canonical` must be a full https:// address. " +
			"Paths of the site that cm does not model, such as / or tag pages, are not checked.",
		Example: check.Example{
			Bad:  "Lisez notre [guide](/fr/blog/emballages-cire-abeile/) et la section [taille](#taile).",
			Good: "Lisez notre [guide](/fr/blog/emballages-cire-abeille-entretien/) et la section [taille](#quelle-taille-pour-quel-repas).",
		},
	}
}

func (BrokenLink) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	if img := strings.TrimSpace(a.Image); img != "" {
		l := link{Dest: img, Image: true}
		if t := resolve(p.Repo, a, l); t.kind == broken {
			msg, fix := brokenMessage(p, a, l, t)
			p.Report(a.ValuePos("image"), msg, fix)
		}
	}
	if c := strings.TrimSpace(a.Canonical); c != "" {
		checkCanonical(p, a, c)
	}
	for _, l := range linksOf(a.Document) {
		t := resolve(p.Repo, a, l)
		if t.kind != broken {
			continue
		}
		msg, fix := brokenMessage(p, a, l, t)
		p.Report(a.BodyPos(l.Offset), msg, fix)
	}
}

func brokenMessage(p *check.Pass, a *content.Article, l link, t target) (msg, fix string) {
	dest := quote(p, l.Dest)
	did := func(s string) string {
		return p.T("did you mean "+quote(p, s)+"?", "vouliez-vous dire "+quote(p, s)+"\u00a0?")
	}
	switch t.problem {
	case emptyAddress:
		return p.T("the link has no address", "le lien n’a pas d’adresse"),
			p.T("write the address between the parentheses: [text](/fr/blog/slug/)", "écrivez l’adresse entre les parenthèses : [texte](/fr/blog/slug/)")
	case unreadableAddress:
		return p.T(fmt.Sprintf("the address %s cannot be read", dest), fmt.Sprintf("l’adresse %s est illisible", dest)),
			p.T("check its spelling: no spaces, % only before two hex digits", "vérifiez son orthographe : pas d’espace, % seulement devant deux chiffres hexadécimaux")
	case noHost:
		return p.T(fmt.Sprintf("the address %s has no site name", dest), fmt.Sprintf("l’adresse %s n’a pas de nom de site", dest)),
			p.T("write it as "+quote(p, t.hint), "écrivez-la "+quote(p, t.hint))
	case badHost:
		return p.T(fmt.Sprintf("the address %s has an invalid site name %s", dest, quote(p, t.hint)), fmt.Sprintf("l’adresse %s a un nom de site invalide, %s", dest, quote(p, t.hint))),
			p.T("check the site name: words and dots, without spaces", "vérifiez le nom du site : des mots et des points, sans espace")
	case unknownScheme:
		scheme, _, _ := strings.Cut(l.Dest, ":")
		fix = p.T("start it with https://", "commencez-la par https://")
		if t.hint != "" {
			fix = did(t.hint + ":")
		}
		return p.T(fmt.Sprintf("the address %s starts with an unknown scheme %s", dest, quote(p, scheme+":")),
			fmt.Sprintf("l’adresse %s commence par un protocole inconnu, %s", dest, quote(p, scheme+":"))), fix
	case localFile:
		return p.T(fmt.Sprintf("the address %s is a file on a computer, which readers cannot open", dest), fmt.Sprintf("l’adresse %s désigne un fichier d’un ordinateur, que les lecteurs ne peuvent pas ouvrir", dest)),
			p.T("put the file beside the article and link to it by its name", "placez le fichier à côté de l’article et faites le lien par son nom")
	case noAt:
		return p.T(fmt.Sprintf("the e-mail address %s is incomplete", dest), fmt.Sprintf("l’adresse e-mail %s est incomplète", dest)),
			p.T("write it mailto:name@domain.example", "écrivez-la mailto:nom@domaine.example")
	case missingScheme:
		return p.T(fmt.Sprintf("the address %s has no https://, so it points to a file of the site", dest), fmt.Sprintf("l’adresse %s n’a pas de https:// : elle désigne donc un fichier du site", dest)),
			p.T("write "+quote(p, t.hint), "écrivez "+quote(p, t.hint))
	case noArticle:
		fix = p.T("check the slug: the address of an article is "+exampleURL(p, a), "vérifiez le slug : l’adresse d’un article est "+exampleURL(p, a))
		if t.hint != "" {
			fix = did(t.hint)
		}
		return p.T(fmt.Sprintf("no article is published at %s", dest), fmt.Sprintf("aucun article n’est publié à l’adresse %s", dest)), fix
	case noFile:
		fix = p.T("check the file's name and folder", "vérifiez le nom et le dossier du fichier")
		if t.hint != "" {
			fix = did(t.hint)
		}
		if l.Image {
			return p.T(fmt.Sprintf("the image %s does not exist", quote(p, t.file)), fmt.Sprintf("l’image %s n’existe pas", quote(p, t.file))), fix
		}
		return p.T(fmt.Sprintf("the link points to %s, which does not exist", quote(p, t.file)), fmt.Sprintf("le lien pointe vers %s, qui n’existe pas", quote(p, t.file))), fix
	case noAnchor:
		fix = p.T("link to a heading's id: its words in lowercase ASCII, joined by hyphens", "visez l’id d’un intertitre : ses mots en minuscules sans accents, reliés par des tirets")
		if t.hint != "" {
			fix = did("#" + t.hint)
		}
		if t.article == a {
			return p.T(fmt.Sprintf("this page has no heading with the id %s", quote(p, "#"+t.fragment)),
				fmt.Sprintf("cette page n’a pas d’intertitre dont l’id est %s", quote(p, "#"+t.fragment))), fix
		}
		return p.T(fmt.Sprintf("%s has no heading with the id %s", quote(p, t.article.Title), quote(p, "#"+t.fragment)),
			fmt.Sprintf("%s n’a pas d’intertitre dont l’id est %s", quote(p, t.article.Title), quote(p, "#"+t.fragment))), fix
	case draftTarget:
		return p.T(fmt.Sprintf("the link points to %s, a draft that the blog does not publish", quote(p, t.article.Title)),
				fmt.Sprintf("le lien pointe vers %s, un brouillon que le blog ne publie pas", quote(p, t.article.Title))),
			p.T("publish that article first, or remove the link until it is", "publiez d’abord cet article, ou retirez le lien en attendant")
	}
	return "", ""
}

// checkCanonical reports a canonical address that is not a full, valid
// web address: search engines ignore it.
func checkCanonical(p *check.Pass, a *content.Article, c string) {
	u, err := url.Parse(c)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		p.Report(a.ValuePos("canonical"),
			p.T(fmt.Sprintf("the canonical address %s is not a full web address, so search engines ignore it", quote(p, c)),
				fmt.Sprintf("l’adresse canonique %s n’est pas une adresse web complète : les moteurs de recherche l’ignorent", quote(p, c))),
			p.T("write the full address of the original, e.g. https://magazine.example/article/",
				"écrivez l’adresse complète de l’original, par exemple https://magazine.example/article/"))
		return
	}
	l := link{Dest: c}
	if t := checkExternal(c, u); t.kind == broken {
		msg, fix := brokenMessage(p, a, l, t)
		p.Report(a.ValuePos("canonical"), msg, fix)
	}
}

// exampleURL shows the shape of an article's address on this site.
func exampleURL(p *check.Pass, a *content.Article) string {
	if len(p.Repo.Config.Site.Languages) > 1 {
		return "/" + a.Lang + "/blog/slug/"
	}
	return "/blog/slug/"
}
