package seo

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
)

// Slug reports slugs that are long, not lowercase ASCII, full of stop
// words or dated.
type Slug struct{}

// SlugOptions tune the rule.
type SlugOptions struct {
	MaxLength int  `yaml:"max_length" doc:"Most characters of a slug."`
	StopWords bool `yaml:"stop_words" doc:"Report stop words (de, la, the, for...) in slugs."`
}

func (Slug) DefaultOptions() any { return &SlugOptions{MaxLength: 75, StopWords: true} }

func (Slug) Meta() check.Meta {
	return check.Meta{
		ID: "seo.slug", Severity: check.Warning, Kinds: articles,
		Summary: "A slug that is long, not lowercase ASCII, full of stop words or dated",
		Doc: "The slug is the last part of the article's address (the `slug` key, or the file or " +
			"folder name). It should be lowercase ASCII words joined by hyphens, at most max_length " +
			"(75) characters, without stop words of the article's language (de, la, the...) that only " +
			"make it longer (stop_words: false allows them), and without a year or date, which makes an evergreen page look dated and " +
			"must change when the article is updated.",
		Example: check.Example{
			Bad:  "slug: Les-10-Conseils-pour-Choisir-une-Gamelle-2026",
			Good: "slug: choisir-gamelle-inox",
		},
	}
}

var (
	slugRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`) })
	yearRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(19|20)[0-9]{2}$`) })
)

func (Slug) Check(p *check.Pass) {
	a := article(p)
	if a == nil || a.Slug == "" {
		return
	}
	o := p.Options().(*SlugOptions)
	pos, fromName := slugPos(a)
	slug := quote(p, a.Slug)
	// fix says how to change the slug to s, depending on where it comes from.
	fix := func(s string) string {
		if fromName {
			return p.T(fmt.Sprintf("rename the %s so that the slug is %s, or set `slug: %s`", slugSource(a, "file", "folder"), quote(p, s), s),
				fmt.Sprintf("renommez le %s pour que le slug soit %s, ou ajoutez `slug: %s`", slugSource(a, "fichier", "dossier"), quote(p, s), s))
		}
		return p.T(fmt.Sprintf("use %s", quote(p, s)), fmt.Sprintf("utilisez %s", quote(p, s)))
	}
	if !slugRE().MatchString(a.Slug) {
		want := content.Slugify(a.Slug, a.Lang)
		p.Report(pos,
			p.T(fmt.Sprintf("the slug %s is not lowercase ASCII words joined by hyphens", slug),
				fmt.Sprintf("le slug %s n’est pas fait de mots en minuscules sans accents reliés par des tirets", slug)),
			fix(want))
		return // the other checks read words that are not there yet
	}
	words := strings.Split(a.Slug, "-")
	l := languageOf(a.Lang)
	isDate := dateWords(words)
	// stops and dates are the words to drop; noStops and noDates the slug
	// without each.
	var stops, dates, noStops, noDates []string
	for i, w := range words {
		switch {
		case isDate[i]:
			dates = append(dates, w)
			noStops = append(noStops, w)
		case o.StopWords && l.word(w).stop:
			stops = append(stops, w)
			noDates = append(noDates, w)
		default:
			noStops = append(noStops, w)
			noDates = append(noDates, w)
		}
	}
	if n := utf8.RuneCountInString(a.Slug); o.MaxLength > 0 && n > o.MaxLength {
		p.Report(pos,
			p.T(fmt.Sprintf("the slug has %d characters, over %d", n, o.MaxLength),
				fmt.Sprintf("le slug fait %d caractères, au-delà de %d", n, o.MaxLength)),
			p.T("keep only the words people search for, such as the keyphrase",
				"ne gardez que les mots que les internautes cherchent, comme la requête cible"))
	}
	if len(stops) > 0 && len(noStops) > 0 {
		p.Report(pos,
			p.T(fmt.Sprintf("the slug %s has stop words: %s", slug, strings.Join(stops, ", ")),
				fmt.Sprintf("le slug %s contient des mots vides : %s", slug, strings.Join(stops, ", "))),
			fix(strings.Join(noStops, "-")))
	}
	if len(dates) > 0 && len(noDates) > 0 {
		date := strings.Join(dates, "-")
		p.Report(pos,
			p.T(fmt.Sprintf("the slug %s has a date (%s): the address will look dated", slug, date),
				fmt.Sprintf("le slug %s contient une date (%s) : l’adresse paraîtra datée", slug, date)),
			fix(strings.Join(noDates, "-")))
	}
}

// dateWords marks the words of a slug that write a date: a year (1900 to
// 2099), with the month and day numbers next to it (2026-10-06, 06-10-2026).
func dateWords(words []string) []bool {
	out := make([]bool, len(words))
	small := func(i int) bool {
		if i < 0 || i >= len(words) || len(words[i]) > 2 {
			return false
		}
		n, err := strconv.Atoi(words[i])
		return err == nil && n >= 1 && n <= 31
	}
	for i, w := range words {
		if !yearRE().MatchString(w) {
			continue
		}
		out[i] = true
		for j := i + 1; j <= i+2 && small(j); j++ {
			out[j] = true
		}
		for j := i - 1; j >= i-2 && small(j); j-- {
			out[j] = true
		}
	}
	return out
}
