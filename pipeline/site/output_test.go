package site

import (
	"encoding/json"
	"encoding/xml"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
)

// page is an HTML page parsed with golang.org/x/net/html.
type page struct {
	root *html.Node
}

func parsePage(t *testing.T, file string) *page {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	root, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return &page{root: root}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// all returns the elements with a tag name, in document order.
func (p *page) all(tag string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.root)
	return out
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// meta is the content of <meta name=key> or <meta property=key>, every
// value when the tag repeats.
func (p *page) meta(key string) []string {
	var out []string
	for _, m := range p.all("meta") {
		if attr(m, "name") == key || attr(m, "property") == key {
			out = append(out, attr(m, "content"))
		}
	}
	return out
}

func (p *page) links(rel string) map[string]string {
	out := map[string]string{}
	for _, l := range p.all("link") {
		if attr(l, "rel") == rel {
			key := attr(l, "hreflang")
			if key == "" {
				key = attr(l, "type")
			}
			out[key] = attr(l, "href")
		}
	}
	return out
}

func TestHeadTags(t *testing.T) {
	out, _ := buildFixture(t, fixture, Options{})
	type want struct {
		title      string
		meta       map[string][]string
		canonical  string
		alternates map[string]string
		feed       string
		jsonLD     map[string]any
	}
	tests := map[string]want{
		"fr/blog/gamelle-inox/index.html": {
			title:     "Gamelle en inox : comment bien la choisir · Brindille",
			canonical: "https://brindille.example/fr/blog/gamelle-inox/",
			alternates: map[string]string{
				"fr":        "https://brindille.example/fr/blog/gamelle-inox/",
				"en":        "https://brindille.example/en/blog/stainless-lunch-box/",
				"x-default": "https://brindille.example/fr/blog/gamelle-inox/",
			},
			feed: "/fr/feed.xml",
			meta: map[string][]string{
				"description":            {"Taille, étanchéité, entretien : ce qu’il faut regarder avant d’acheter une gamelle en inox."},
				"og:type":                {"article"},
				"og:title":               {"Gamelle en inox : comment bien la choisir"},
				"og:url":                 {"https://brindille.example/fr/blog/gamelle-inox/"},
				"og:locale":              {"fr_FR"},
				"og:locale:alternate":    {"en_US"},
				"og:image":               {"https://brindille.example/fr/blog/gamelle-inox/cover.png"},
				"og:image:alt":           {"Une boîte en acier ouverte"},
				"og:image:width":         {"120"},
				"og:image:height":        {"63"},
				"twitter:card":           {"summary_large_image"},
				"twitter:image":          {"https://brindille.example/fr/blog/gamelle-inox/cover.png"},
				"twitter:image:alt":      {"Une boîte en acier ouverte"},
				"article:published_time": {"2026-10-06T12:15:00+02:00"},
				"article:modified_time":  {"2026-11-02T19:30:00+01:00"},
				"article:tag":            {"Zéro déchet", "cuisine"},
				"author":                 {"Inès Haddad"},
			},
			jsonLD: map[string]any{
				"@type": "BlogPosting", "headline": "Gamelle en inox : comment bien la choisir",
				"datePublished": "2026-10-06T12:15:00+02:00", "dateModified": "2026-11-02T19:30:00+01:00",
				"inLanguage": "fr", "url": "https://brindille.example/fr/blog/gamelle-inox/",
				"author": map[string]any{"@type": "Person", "name": "Inès Haddad"},
			},
		},
		"en/blog/stainless-lunch-box/index.html": {
			title:     "Stainless steel lunch box: how to choose one · Brindille",
			canonical: "https://brindille.example/en/blog/stainless-lunch-box/",
			alternates: map[string]string{
				"fr":        "https://brindille.example/fr/blog/gamelle-inox/",
				"en":        "https://brindille.example/en/blog/stainless-lunch-box/",
				"x-default": "https://brindille.example/fr/blog/gamelle-inox/",
			},
			feed: "/en/feed.xml",
			meta: map[string][]string{
				"og:locale":             {"en_US"},
				"twitter:card":          {"summary"},
				"article:modified_time": {"2026-10-08T12:15:00+02:00"},
			},
			jsonLD: map[string]any{"@type": "BlogPosting", "inLanguage": "en", "dateModified": "2026-10-08T12:15:00+02:00"},
		},
		"fr/blog/brosse-bois/index.html": {
			title:      "Brosse en bois : changez la tête, gardez le manche · Brindille",
			canonical:  "https://brindille.example/fr/blog/brosse-bois/",
			alternates: map[string]string{},
			feed:       "/fr/feed.xml",
			// git dates the file before its date: the date stands.
			meta: map[string][]string{"article:modified_time": {"2026-09-22T12:15:00+02:00"}},
			// The author is the site's default: the publisher's name.
			jsonLD: map[string]any{"author": map[string]any{"@type": "Person", "name": "Louis Berthier"}},
		},
		"en/index.html": {
			title:     "Brindille",
			canonical: "https://brindille.example/en/",
			alternates: map[string]string{
				"fr": "https://brindille.example/fr/", "en": "https://brindille.example/en/", "x-default": "https://brindille.example/fr/",
			},
			feed: "/en/feed.xml",
			meta: map[string][]string{
				"description": {"Brindille’s journal, on things you can repair."},
				"og:type":     {"website"},
			},
			jsonLD: map[string]any{"@type": "Blog", "inLanguage": "en", "url": "https://brindille.example/en/"},
		},
		"fr/tags/cuisine/index.html": {
			title:      "Thème\u00a0: cuisine · Brindille",
			canonical:  "https://brindille.example/fr/tags/cuisine/",
			alternates: map[string]string{},
			feed:       "/fr/tags/cuisine/feed.xml",
			meta:       map[string][]string{"og:type": {"website"}},
		},
		"404.html": {
			title:      "Page introuvable · Brindille",
			alternates: map[string]string{},
			feed:       "/fr/feed.xml",
			meta:       map[string][]string{"robots": {"noindex"}},
		},
	}
	for file, w := range tests {
		t.Run(file, func(t *testing.T) {
			p := parsePage(t, filepath.Join(out, filepath.FromSlash(file)))
			titles := p.all("title")
			if len(titles) != 1 || text(titles[0]) != w.title {
				t.Errorf("title = %q, want %q", text(titles[0]), w.title)
			}
			for key, values := range w.meta {
				if got := p.meta(key); !slices.Equal(got, values) {
					t.Errorf("meta %s = %q, want %q", key, got, values)
				}
			}
			if got := p.links("canonical")[""]; got != w.canonical {
				t.Errorf("canonical = %q, want %q", got, w.canonical)
			}
			alternates := p.links("alternate")
			feed := alternates["application/atom+xml"]
			delete(alternates, "application/atom+xml")
			if len(alternates) != len(w.alternates) {
				t.Errorf("hreflang links = %v, want %v", alternates, w.alternates)
			}
			for lang, href := range w.alternates {
				if alternates[lang] != href {
					t.Errorf("hreflang %s = %q, want %q", lang, alternates[lang], href)
				}
			}
			if feed != w.feed {
				t.Errorf("feed link = %q, want %q", feed, w.feed)
			}
			var scripts []*html.Node
			for _, s := range p.all("script") {
				if attr(s, "type") == "application/ld+json" {
					scripts = append(scripts, s)
				}
			}
			if w.jsonLD == nil {
				if len(scripts) != 0 {
					t.Errorf("unexpected JSON-LD: %s", text(scripts[0]))
				}
				return
			}
			if len(scripts) != 1 {
				t.Fatalf("%d JSON-LD scripts, want 1", len(scripts))
			}
			var ld map[string]any
			if err := json.Unmarshal([]byte(text(scripts[0])), &ld); err != nil {
				t.Fatalf("JSON-LD does not parse: %v\n%s", err, text(scripts[0]))
			}
			if ld["@context"] != "https://schema.org" {
				t.Errorf("@context = %v", ld["@context"])
			}
			for key, value := range w.jsonLD {
				got, _ := json.Marshal(ld[key])
				want, _ := json.Marshal(value)
				if string(got) != string(want) {
					t.Errorf("JSON-LD %s = %s, want %s", key, got, want)
				}
			}
		})
	}
}

func TestFeedsParse(t *testing.T) {
	out, _ := buildFixture(t, fixture, Options{})
	tests := []struct {
		file     string
		title    string
		language string
		links    []string // entry links, newest first (feed_size is 2)
	}{
		{"feed.xml", "Brindille", "", []string{
			"https://brindille.example/fr/blog/kit-reparation/",
			"https://brindille.example/en/blog/stainless-lunch-box/",
		}},
		{"fr/feed.xml", "Brindille", "fr", []string{
			"https://brindille.example/fr/blog/kit-reparation/",
			"https://brindille.example/fr/blog/gamelle-inox/",
		}},
		{"en/feed.xml", "Brindille", "en", []string{"https://brindille.example/en/blog/stainless-lunch-box/"}},
		{"fr/tags/zero-dechet/feed.xml", "Thème\u00a0: Zéro déchet · Brindille", "fr", []string{"https://brindille.example/fr/blog/gamelle-inox/"}},
		{"fr/tags/reparation/feed.xml", "Thème\u00a0: réparation · Brindille", "fr", []string{
			"https://brindille.example/fr/blog/kit-reparation/",
			"https://brindille.example/fr/blog/brosse-bois/",
		}},
	}
	parser := gofeed.NewParser()
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(out, filepath.FromSlash(tt.file)))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			feed, err := parser.Parse(f)
			if err != nil {
				t.Fatalf("gofeed: %v", err)
			}
			if feed.FeedType != "atom" || feed.Title != tt.title || feed.Language != tt.language {
				t.Errorf("feed %s %q in %q, want atom %q in %q", feed.FeedType, feed.Title, feed.Language, tt.title, tt.language)
			}
			if feed.FeedLink != "https://brindille.example/"+tt.file {
				t.Errorf("self link = %q", feed.FeedLink)
			}
			var links []string
			for _, it := range feed.Items {
				links = append(links, it.Link)
				if it.PublishedParsed == nil || it.UpdatedParsed == nil || it.UpdatedParsed.Before(*it.PublishedParsed) {
					t.Errorf("%s: published %v, updated %v", it.Link, it.PublishedParsed, it.UpdatedParsed)
				}
				if it.Content == "" || it.Description == "" || len(it.Authors) != 1 {
					t.Errorf("%s: empty content, summary or author", it.Link)
				}
				if strings.Contains(it.Content, `href="/`) || strings.Contains(it.Content, `src="/`) {
					t.Errorf("%s: site-relative URL left in the feed's HTML", it.Link)
				}
			}
			if !slices.Equal(links, tt.links) {
				t.Errorf("entries = %v, want %v", links, tt.links)
			}
			if newest := feed.Items[0].UpdatedParsed; feed.UpdatedParsed == nil || feed.UpdatedParsed.Before(*newest) {
				t.Errorf("feed updated %v, before its newest entry %v", feed.UpdatedParsed, newest)
			}
		})
	}
	// The gamelle article links to a PDF and an image of the site: the feed
	// makes them absolute.
	data, _ := os.ReadFile(filepath.Join(out, "fr", "feed.xml"))
	for _, want := range []string{
		`href=&#34;https://brindille.example/media/guide.pdf&#34;`,
		`src=&#34;https://brindille.example/media/schema.png&#34;`,
		`href=&#34;https://fr.wikipedia.org/wiki/Acier_inoxydable&#34;`,
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("fr/feed.xml lacks %s", want)
		}
	}
}

// The sitemap protocol: a urlset in the sitemap namespace, each url with an
// absolute loc on the site (at most 2,048 characters) and an optional
// W3C-datetime lastmod.
func TestSitemapIsValid(t *testing.T) {
	out, _ := buildFixture(t, fixture, Options{})
	data, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var set struct {
		XMLName xml.Name
		URLs    []struct {
			Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
			LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
			Links   []struct {
				XMLName  xml.Name
				Rel      string `xml:"rel,attr"`
				HrefLang string `xml:"hreflang,attr"`
				Href     string `xml:"href,attr"`
			} `xml:"http://www.w3.org/1999/xhtml link"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
	if err := xml.Unmarshal(data, &set); err != nil {
		t.Fatal(err)
	}
	if set.XMLName.Space != sitemapNS || set.XMLName.Local != "urlset" {
		t.Fatalf("root element %v, want urlset in %s", set.XMLName, sitemapNS)
	}
	seen := map[string]bool{}
	for _, u := range set.URLs {
		if !strings.HasPrefix(u.Loc, "https://brindille.example/") || len(u.Loc) > 2048 {
			t.Errorf("loc %q is not an absolute URL of the site", u.Loc)
		}
		if seen[u.Loc] {
			t.Errorf("%s listed twice", u.Loc)
		}
		seen[u.Loc] = true
		if u.LastMod != "" {
			if _, err := time.Parse(time.RFC3339, u.LastMod); err != nil {
				t.Errorf("%s: lastmod %q is not a W3C datetime", u.Loc, u.LastMod)
			}
		}
		// Every URL of the sitemap is a page of the build.
		p := strings.TrimPrefix(u.Loc, "https://brindille.example")
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(p), "index.html")); err != nil {
			t.Errorf("%s is not a built page", u.Loc)
		}
		for _, l := range u.Links {
			if l.Rel != "alternate" || l.HrefLang == "" || !strings.HasPrefix(l.Href, "https://") {
				t.Errorf("%s: bad xhtml:link %+v", u.Loc, l)
			}
		}
	}
	for loc, lastmod := range map[string]string{
		"https://brindille.example/fr/blog/gamelle-inox/": "2026-11-02T19:30:00+01:00",
		"https://brindille.example/fr/blog/brosse-bois/":  "2026-09-22T12:15:00+02:00",
		"https://brindille.example/fr/":                   "2026-11-24T12:15:00+01:00",
	} {
		found := false
		for _, u := range set.URLs {
			if u.Loc == loc {
				found = true
				if u.LastMod != lastmod {
					t.Errorf("%s: lastmod %s, want %s", loc, u.LastMod, lastmod)
				}
			}
		}
		if !found {
			t.Errorf("%s is not in the sitemap", loc)
		}
	}
	if seen["https://brindille.example/fr/blog/brouillon/"] || seen["https://brindille.example/fr/blog/futur/"] {
		t.Error("the sitemap lists articles that are not due")
	}
	if len(set.URLs) != 4+3*2+3+2 {
		t.Errorf("%d URLs, want 15: 4 articles, 3 lists per language, 3+2 tags", len(set.URLs))
	}
}

// checkLinks walks a built site and resolves every internal link, image,
// stylesheet and feed of every page, anchors included.
func checkLinks(t *testing.T, out, base string) int {
	t.Helper()
	return checkLinksUnder(t, out, base, "")
}

// checkLinksUnder is checkLinks for a site served under a base path
// ("/brindille" for https://user.github.io/brindille).
func checkLinksUnder(t *testing.T, out, base, basePath string) int {
	t.Helper()
	ids := map[string]map[string]bool{} // page file -> ids
	idsOf := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		m := map[string]bool{}
		p := parsePage(t, file)
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if id := attr(n, "id"); id != "" {
				m[id] = true
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(p.root)
		ids[file] = m
		return m
	}
	checked := 0
	err := filepath.WalkDir(out, func(file string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(file, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, file)
		pageURL := "/" + filepath.ToSlash(rel)
		p := parsePage(t, file)
		for _, tag := range []string{"a", "link", "img"} {
			for _, n := range p.all(tag) {
				ref := attr(n, "href")
				if tag == "img" {
					ref = attr(n, "src")
				}
				if ref == "" || (tag == "link" && (attr(n, "rel") == "canonical" || attr(n, "rel") == "alternate") && strings.HasPrefix(ref, "http") && !strings.HasPrefix(ref, base)) {
					continue
				}
				u, err := url.Parse(strings.TrimPrefix(ref, base))
				if err == nil && u.Scheme == "" && u.Host == "" && strings.HasPrefix(u.Path, "/") {
					if !strings.HasPrefix(u.Path, basePath+"/") {
						t.Errorf("%s: <%s> %s is outside the base path %s", rel, tag, ref, basePath)
						continue
					}
					u.Path = strings.TrimPrefix(u.Path, basePath)
				}
				if err != nil {
					t.Errorf("%s: bad URL %q", rel, ref)
					continue
				}
				if u.Scheme != "" || u.Host != "" {
					continue // another site
				}
				target := u.Path
				if target == "" {
					target = pageURL
				} else if !strings.HasPrefix(target, "/") {
					target = path.Join(path.Dir(pageURL), target)
				}
				tfile := filepath.Join(out, filepath.FromSlash(target))
				if strings.HasSuffix(target, "/") {
					tfile = filepath.Join(tfile, "index.html")
				}
				checked++
				if _, err := os.Stat(tfile); err != nil {
					t.Errorf("%s: <%s> %s: nothing at %s", rel, tag, ref, target)
					continue
				}
				if u.Fragment != "" && strings.HasSuffix(tfile, ".html") && !idsOf(tfile)[u.Fragment] {
					t.Errorf("%s: %s: no id %q in %s", rel, ref, u.Fragment, target)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return checked
}

func TestInternalLinksResolve(t *testing.T) {
	out, _ := buildFixture(t, fixture, Options{})
	if n := checkLinks(t, out, "https://brindille.example"); n < 100 {
		t.Errorf("only %d links checked", n)
	}
}

// The example content of this repo builds into a site without a broken
// link, and without a warning.
func TestExampleSiteLinksResolve(t *testing.T) {
	root := filepath.Join("..", "..")
	var warnings []string
	out, stats := buildFixture(t, root, Options{
		At:      time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		LastMod: map[string]time.Time{},
		Warn:    func(w string) { warnings = append(warnings, w) },
	})
	if stats.Articles == 0 {
		t.Fatal("the example site has no article")
	}
	for _, w := range warnings {
		t.Errorf("warning: %s", w)
	}
	n := checkLinks(t, out, "https://brindille.example")
	t.Logf("%d articles, %d pages, %d links resolved", stats.Articles, stats.Pages, n)
}

// A site in one language, served under a path (a GitHub Pages project
// site): no language prefix, every URL under the base path.
func TestOneLanguageUnderBasePath(t *testing.T) {
	dir := copyFixture(t)
	writeFile(t, filepath.Join(dir, "cm.yaml"), "site:\n  title: Brindille\n  base_url: https://brindille.github.io/journal/\n  languages: [fr]\n  timezone: Europe/Paris\n")
	for _, name := range []string{"content/blog/stainless-lunch-box.md"} {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	gamelle := filepath.Join(dir, "content", "blog", "gamelle-inox", "index.md")
	src, _ := os.ReadFile(gamelle)
	writeFile(t, gamelle, strings.Replace(string(src), "(/fr/tags/cuisine/)", "(/tags/cuisine/)", 1))
	var warnings []string
	out, _ := buildFixture(t, dir, Options{Warn: func(w string) { warnings = append(warnings, w) }})
	for _, name := range []string{"index.html", "blog/index.html", "blog/gamelle-inox/index.html", "blog/gamelle-inox/cover.png", "tags/cuisine/index.html", "feed.xml", "sitemap.xml"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "fr")); err == nil {
		t.Error("a one-language site has no /fr/ folder")
	}
	if n := checkLinksUnder(t, out, "https://brindille.github.io", "/journal"); n < 50 {
		t.Errorf("only %d links checked", n)
	}
	p := parsePage(t, filepath.Join(out, "blog", "gamelle-inox", "index.html"))
	if got := p.links("canonical")[""]; got != "https://brindille.github.io/journal/blog/gamelle-inox/" {
		t.Errorf("canonical = %q", got)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	robots, _ := os.ReadFile(filepath.Join(out, "robots.txt"))
	if !strings.Contains(string(robots), "Sitemap: https://brindille.github.io/journal/sitemap.xml") {
		t.Errorf("robots.txt = %q", robots)
	}
}
