// Package seo holds the search engine rules: the title, meta description,
// focus keyphrase, headings, images, links and slug of each article, and the
// site-wide checks (duplicate titles, descriptions and keyphrases, broken
// links). Defaults follow the thresholds that SEO plugins such as Yoast made
// familiar; every bound is an option in cm.yaml.
//
// Keyphrases are matched per language, case- and accent-insensitively,
// through the Snowball stemmer of the language, with its stop words ignored:
// "réseaux sociaux" matches "les réseaux sociaux" and "réseau social".
//
// Rules that compare articles build one index per run with Pass.Shared, so
// checking the whole site stays linear, and checking one changed article
// still sees every other one.
package seo

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/decode"
)

// articles is the Kinds of every rule here: SEO is about blog pages.
var articles = []content.Kind{content.KindArticle}

// article is the pass's article, or nil.
func article(p *check.Pass) *content.Article {
	a, _ := p.Item.(*content.Article)
	return a
}

// inFrench says whether messages for this pass are written in French.
func inFrench(p *check.Pass) bool { return p.T("en", "fr") == "fr" }

// quote puts a phrase from the article in quotes of the message's language.
func quote(p *check.Pass, s string) string {
	if inFrench(p) {
		return "«\u00a0" + s + "\u00a0»"
	}
	return "‘" + s + "’"
}

// percent writes a percentage: 0.5% or 0,5 %.
func percent(p *check.Pass, f float64) string { return formatPercent(f, 1, inFrench(p)) }

// percentNear writes a percentage compared with a bound, with a second
// decimal when one would show them equal: "0.47%, under 0.5%", not "0.5%,
// under 0.5%".
func percentNear(p *check.Pass, f, bound float64) string {
	digits := 1
	if formatNumber(f, 1, false) == formatNumber(bound, 1, false) {
		digits = 2
	}
	return formatPercent(f, digits, inFrench(p))
}

// formatNumber writes a decimal the way a language does: 0.5 or 0,5.
func formatNumber(f float64, digits int, fr bool) string {
	s := strconv.FormatFloat(f, 'f', digits, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if fr {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func formatPercent(f float64, digits int, fr bool) string {
	if fr {
		return formatNumber(f, digits, true) + "\u00a0%"
	}
	return formatNumber(f, digits, false) + "%"
}

// plural picks the singular or plural form for n.
func plural(n int, one, many string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// closest is the candidate nearest to s (a typo away), or "".
func closest(s string, candidates []string) string {
	hint := decode.DidYouMean(s, candidates)
	if hint == "" {
		return ""
	}
	q := strings.TrimSuffix(strings.TrimPrefix(hint, "did you mean "), "?")
	if u, err := strconv.Unquote(q); err == nil {
		return u
	}
	return ""
}
