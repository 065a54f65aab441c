package seo

import (
	"net"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/cmhq/cm/pipeline/content"
)

// linkKind says where a link leads.
type linkKind int

const (
	// toOtherSite is a link to another site (http, https, mailto...).
	toOtherSite linkKind = iota
	// toArticle is a link to an article of the site, this one included
	// (a #fragment alone points into this page).
	toArticle
	// toFile is a link to a file of the repo: an image, a PDF.
	toFile
	// toSitePage is a path of the site that cm does not model (the home
	// page, tag pages): it cannot tell whether it exists.
	toSitePage
	// broken is a link that leads nowhere; problem says why.
	broken
)

// problem is why a link is broken, with what is needed to say it.
type problem int

const (
	noProblem problem = iota
	emptyAddress
	unreadableAddress // url.Parse failed
	noHost            // https:/example.com
	badHost           // https://exa mple..com
	unknownScheme     // htps://
	localFile         // C:\Users\...
	noAt              // mailto:contact
	missingScheme     // www.example.com
	noArticle         // /fr/blog/nothing-here/
	noFile            // cover.jpg, but the file is cover.png
	noAnchor          // #a-heading-that-is-not-there
	draftTarget       // a published article linking to a draft
)

// target is where a link leads.
type target struct {
	kind     linkKind
	article  *content.Article
	file     string // repo-relative path, for toFile and noFile
	fragment string
	problem  problem
	// hint is a close existing value (an address, a file, an id), or "".
	hint string
}

// knownSchemes are the URL schemes a link of an article may use.
var knownSchemes = []string{"http", "https", "mailto", "tel", "sms", "ftp", "ftps", "sftp", "geo", "irc", "ircs", "news", "xmpp", "webcal", "magnet", "data"}

// resolve says where a link of article a leads, checking the syntax of
// external addresses and the existence of pages, files and anchors of the
// site. It never touches the network.
func resolve(repo *content.Repo, a *content.Article, l link) target {
	dest := strings.TrimSpace(l.Dest)
	if l.Email {
		dest = "mailto:" + dest
	}
	if dest == "" {
		return target{kind: broken, problem: emptyAddress}
	}
	u, err := url.Parse(dest)
	if err != nil {
		return target{kind: broken, problem: unreadableAddress}
	}
	base := repo.Config.Site.BaseURL
	if u.Scheme != "" || u.Host != "" {
		if base != "" && (dest == base || strings.HasPrefix(dest, base+"/") || strings.HasPrefix(dest, base+"#")) {
			return resolveInSite(repo, a, dest, u)
		}
		return checkExternal(dest, u)
	}
	return resolveInSite(repo, a, dest, u)
}

func checkExternal(dest string, u *url.URL) target {
	scheme := strings.ToLower(u.Scheme)
	t := target{kind: toOtherSite}
	switch {
	case scheme == "" || scheme == "http" || scheme == "https" || scheme == "ftp" || scheme == "ftps" || scheme == "sftp":
		if u.Host == "" {
			rest := strings.TrimLeft(u.Opaque+u.Path, "/")
			return target{kind: broken, problem: noHost, hint: scheme + "://" + rest}
		}
		if !validHost(u.Hostname()) {
			return target{kind: broken, problem: badHost, hint: u.Hostname()}
		}
	case scheme == "mailto":
		addr := u.Opaque
		if i := strings.IndexByte(addr, '?'); i >= 0 {
			addr = addr[:i]
		}
		if local, domain, ok := strings.Cut(addr, "@"); !ok || local == "" || !validHost(domain) {
			return target{kind: broken, problem: noAt}
		}
	case len(scheme) == 1:
		return target{kind: broken, problem: localFile}
	case !slices.Contains(knownSchemes, scheme):
		hint := closest(scheme, []string{"https", "http", "mailto"}) // the usual typos first
		if hint == "" {
			hint = closest(scheme, knownSchemes)
		}
		return target{kind: broken, problem: unknownScheme, hint: hint}
	}
	return t
}

// validHost accepts domain names with a dot, localhost and IP addresses.
func validHost(h string) bool {
	if h == "localhost" || net.ParseIP(h) != nil {
		return true
	}
	if !strings.Contains(h, ".") || strings.HasPrefix(h, ".") || strings.Contains(h, "..") {
		return false
	}
	for _, r := range h {
		if !(r == '.' || r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127) {
			return false
		}
	}
	return true
}

func resolveInSite(repo *content.Repo, a *content.Article, dest string, u *url.URL) target {
	r := repo.ResolveFrom(a, dest)
	t := target{fragment: r.Fragment}
	switch {
	case r.Article != nil:
		t.kind, t.article = toArticle, r.Article
	case r.Asset != "":
		return target{kind: toFile, file: r.Asset}
	default:
		p := u.Path
		if base := repo.Config.Site.BaseURL; base != "" && strings.HasPrefix(dest, base) {
			if bu, err := url.Parse(strings.TrimPrefix(dest, base)); err == nil {
				p = bu.Path
			}
		}
		if strings.HasPrefix(p, "/") {
			if !isArticlePath(repo, p) {
				return target{kind: toSitePage}
			}
			return target{kind: broken, problem: noArticle, hint: closestArticlePath(repo, p)}
		}
		if looksLikeDomain(p) {
			return target{kind: broken, problem: missingScheme, hint: "https://" + dest}
		}
		file := path.Join(path.Dir(a.Path), p)
		if !strings.HasPrefix(file, content.Dir+"/") {
			// Outside content/: files that cm does not load, nor the blog
			// publish from there; nothing to say about them.
			return target{kind: toSitePage}
		}
		return target{kind: broken, problem: noFile, file: file, hint: closestFile(repo, file)}
	}
	if t.fragment != "" && !anchorsOf(t.article.Document)[t.fragment] {
		t.kind, t.problem = broken, noAnchor
		t.hint = closest(t.fragment, sortedKeys(anchorsOf(t.article.Document)))
		return t
	}
	if t.article.Draft && !a.Draft && t.article != a {
		t.kind, t.problem = broken, draftTarget
	}
	return t
}

// isArticlePath says whether a path is where the blog publishes articles
// (/fr/blog/SLUG/, or /blog/SLUG/ on a site with one language): a link
// there must name an existing article.
func isArticlePath(repo *content.Repo, p string) bool {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	langs := repo.Config.Site.Languages
	if len(langs) > 1 {
		return len(parts) == 3 && slices.Contains(langs, parts[0]) && parts[1] == "blog"
	}
	return len(parts) == 2 && parts[0] == "blog"
}

func closestArticlePath(repo *content.Repo, p string) string {
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	dir := path.Dir(strings.TrimSuffix(p, "/")) + "/"
	var paths []string
	for _, a := range repo.Articles {
		if u := content.URLPath(repo.Config.Site, a); strings.HasPrefix(u, dir) {
			paths = append(paths, u)
		}
	}
	return closest(p, paths)
}

// closestFile is the file of the same folder whose name is nearest.
func closestFile(repo *content.Repo, file string) string {
	dir := path.Dir(file)
	var names []string
	for asset := range repo.Assets {
		if path.Dir(asset) == dir {
			names = append(names, path.Base(asset))
		}
	}
	for _, d := range repo.Documents {
		if path.Dir(d.Path) == dir {
			names = append(names, path.Base(d.Path))
		}
	}
	return closest(path.Base(file), names)
}

// topLevelDomains are common endings of web addresses typed without
// https://; a path that ends so and names no file is taken for one.
var topLevelDomains = []string{"com", "org", "net", "fr", "eu", "be", "ch", "ca", "uk", "de", "io", "co", "info", "dev", "app", "example"}

func looksLikeDomain(p string) bool {
	first, _, _ := strings.Cut(p, "/")
	if strings.HasPrefix(first, "www.") {
		return true
	}
	i := strings.LastIndexByte(first, '.')
	return i > 0 && slices.Contains(topLevelDomains, strings.ToLower(first[i+1:]))
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
