package site

import (
	"fmt"
	"html/template"
	"strings"
	"time"
)

// Page is what a layout sees. Every URL in it is ready to use in an href:
// site-relative with the base path (URL) or absolute (Permalink).
type Page struct {
	Site *SiteView
	// Lang is the page's language code; L its words for the interface.
	Lang string
	L    *Labels
	// Kind is home, article, archive, tags, tag, 404 or languages.
	Kind string
	// Title is the page's heading; HeadTitle the <title>, with the site's
	// name.
	Title, HeadTitle string
	Description      string
	URL, Permalink   string
	// Canonical is the page's own address, or the article's canonical
	// when it was first published elsewhere.
	Canonical string
	// Alternates are the hreflang versions of the page, itself included,
	// and x-default.
	Alternates []Alternate
	// Languages are the other languages, each with the page's translation
	// or that language's home.
	Languages []Alternate
	// Nav are the links of this language's main menu.
	Home string
	Nav  []NavLink
	// Feed is the URL of the Atom feed that matches the page.
	Feed, FeedTitle string
	// Image is the page's picture for link cards, if any.
	Image *Image
	// OGType is article or website.
	OGType  string
	Article *ArticleView
	// Content is the article's body, rendered.
	Content template.HTML
	// ShowCover is true when the body does not already show the cover.
	ShowCover bool
	// Articles are the listed articles, Pager the pages of the list.
	Articles []*ArticleView
	Pager    *Pager
	// Tags is the list of the tags index; Tag the tag of a tag page.
	Tags []*TagView
	Tag  *TagView
	// Years group the archive.
	Years []*Year
	// JSONLD is the page's structured data, written as JSON by the
	// template's <script type="application/ld+json">.
	JSONLD any
	// Redirect sends the browser to another URL (the root page of a
	// site in several languages).
	Redirect string
	// NoIndex asks search engines not to index the page.
	NoIndex bool
}

// SiteView is cm.yaml's site, for templates.
type SiteView struct {
	Title, Description, Author string
	BaseURL                    string
	// BasePath is the path of base_url ("" or "/repo"): prefix it to
	// hand-written site-relative URLs.
	BasePath  string
	Languages []string
	// Year is the year of the newest article, for the copyright line.
	Year int
}

// Alternate is a version of a page in another language.
type Alternate struct {
	Lang, Name string // code and name in its own language
	URL        string // absolute for hreflang, site-relative in Languages
	// Label invites, in that language, to read the page in it.
	Label string
}

// NavLink is a link of the menu.
type NavLink struct {
	Label, URL string
	Current    bool
}

// Image is a picture with its alternative text and, when known, its size.
type Image struct {
	URL, Permalink string
	Alt            string
	Width, Height  int
}

// ArticleView is an article as pages show it.
type ArticleView struct {
	Title, Description, Author, Lang string
	URL, Permalink                   string
	Date, Updated                    time.Time
	// DateText and UpdatedText are written in the article's language;
	// DateISO and UpdatedISO are RFC 3339 in the site's timezone.
	DateText, UpdatedText string
	DateISO, UpdatedISO   string
	// WasUpdated is true when the article changed after its date, on a
	// later day.
	WasUpdated     bool
	ReadingMinutes int
	// ReadingTime says ReadingMinutes in the article's language.
	ReadingTime string
	// L are the theme's words in the article's language.
	L             *Labels
	Tags          []*TagView
	Image         *Image
	Sponsored     bool
	Draft, Future bool
	// Translations are the article in other languages.
	Translations []Alternate
	// Older and Newer are the neighbouring articles of its language.
	Older, Newer *ArticleView
}

// TagView is a tag with the number of its articles.
type TagView struct {
	Name, URL, Feed string
	Count           int
}

// Pager is the position of a page in a paginated list.
type Pager struct {
	Number, Total int
	Prev, Next    string // URLs, "" at the ends
}

// Year is the archive's articles of one year.
type Year struct {
	Year     int
	Articles []*ArticleView
}

// Labels are the words of the theme in one language.
type Labels struct {
	LanguageName  string
	SkipToContent string
	Blog          string
	Archive       string
	Tags          string
	Latest        string
	AllArticles   string
	TaggedWith    string // %s is the tag
	Articles      string // %d is the count
	By            string
	Published     string
	Updated       string
	ReadingTime   string // %d is the minutes
	Sponsored     string
	Newer, Older  string
	PageOf        string // %d of %d
	NewerArticles string
	OlderArticles string
	ReadThisIn    string // in this language, to readers of it
	Subscribe     string
	NotFound      string
	NotFoundText  string
	BackHome      string
	ChooseLang    string
	Draft         string
	Future        string
	Menu          string
	Pagination    string
	Footer        string // %d year, %s site
}

var labels = map[string]*Labels{
	"fr": {
		LanguageName:  "Français",
		SkipToContent: "Aller au contenu",
		Blog:          "Journal",
		Archive:       "Archives",
		Tags:          "Thèmes",
		Latest:        "Derniers articles",
		AllArticles:   "Tous les articles",
		TaggedWith:    "Thème\u00a0: %s",
		Articles:      "%d\u00a0articles",
		By:            "Par",
		Published:     "Publié le",
		Updated:       "Mis à jour le",
		ReadingTime:   "%d\u00a0min de lecture",
		Sponsored:     "Partenariat rémunéré",
		Newer:         "Article plus récent",
		Older:         "Article précédent",
		PageOf:        "Page %d sur %d",
		NewerArticles: "Articles plus récents",
		OlderArticles: "Articles plus anciens",
		ReadThisIn:    "Lire cet article en français",
		Subscribe:     "S’abonner au flux",
		NotFound:      "Page introuvable",
		NotFoundText:  "Cette page n’existe pas ou plus. Elle a peut-être changé d’adresse.",
		BackHome:      "Retour à l’accueil",
		ChooseLang:    "Choisir la langue",
		Draft:         "Brouillon",
		Future:        "Programmé",
		Menu:          "Menu principal",
		Pagination:    "Pagination",
		Footer:        "© %d %s",
	},
	"en": {
		LanguageName:  "English",
		SkipToContent: "Skip to content",
		Blog:          "Journal",
		Archive:       "Archive",
		Tags:          "Topics",
		Latest:        "Latest articles",
		AllArticles:   "All articles",
		TaggedWith:    "Topic: %s",
		Articles:      "%d articles",
		By:            "By",
		Published:     "Published",
		Updated:       "Updated",
		ReadingTime:   "%d min read",
		Sponsored:     "Sponsored",
		Newer:         "Newer article",
		Older:         "Older article",
		PageOf:        "Page %d of %d",
		NewerArticles: "Newer articles",
		OlderArticles: "Older articles",
		ReadThisIn:    "Read this article in English",
		Subscribe:     "Subscribe to the feed",
		NotFound:      "Page not found",
		NotFoundText:  "This page does not exist, or no longer does. It may have moved.",
		BackHome:      "Back to the home page",
		ChooseLang:    "Choose a language",
		Draft:         "Draft",
		Future:        "Scheduled",
		Menu:          "Main menu",
		Pagination:    "Pagination",
		Footer:        "© %d %s",
	},
}

// labelsFor returns a language's labels; languages cm has no words for
// read English, with their code as their name.
func labelsFor(lang string) *Labels {
	if l, ok := labels[lang]; ok {
		return l
	}
	l := *labels["en"]
	l.LanguageName = strings.ToUpper(lang)
	l.ReadThisIn = l.LanguageName
	l.BackHome = l.LanguageName
	return &l
}

// alternate is a link to a page in another language.
func alternate(lang, url string, label func(*Labels) string) Alternate {
	L := labelsFor(lang)
	return Alternate{Lang: lang, Name: L.LanguageName, URL: url, Label: label(L)}
}

func readThisIn(L *Labels) string { return L.ReadThisIn }
func backHome(L *Labels) string   { return L.BackHome }
func languageName(L *Labels) string {
	return L.LanguageName
}

// locale is the Open Graph locale of a language.
func locale(lang string) string {
	switch lang {
	case "fr":
		return "fr_FR"
	case "en":
		return "en_US"
	}
	return lang
}

var months = map[string][12]string{
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// formatDate writes a date the way readers of the language do.
func formatDate(t time.Time, lang string) string {
	switch lang {
	case "fr":
		day := fmt.Sprint(t.Day())
		if t.Day() == 1 {
			day = "1er"
		}
		return day + "\u00a0" + months["fr"][t.Month()-1] + " " + fmt.Sprint(t.Year())
	case "en":
		return months["en"][t.Month()-1] + " " + fmt.Sprint(t.Day()) + ", " + fmt.Sprint(t.Year())
	}
	return t.Format("2006-01-02")
}
