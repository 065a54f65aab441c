package seo

import (
	"fmt"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/prose"
)

// index groups the articles of the site by a key (a title, a keyphrase),
// built once per run, so that finding an article's duplicates is one
// lookup and checking the whole site stays linear.
type index map[string][]*content.Article

// duplicatesOf returns the other articles that share a's key. key returns
// "" for articles that have nothing to compare.
func duplicatesOf(p *check.Pass, a *content.Article, key func(*content.Article) string) []*content.Article {
	idx := p.Shared(func(r *content.Repo) any {
		idx := index{}
		for _, x := range r.Articles {
			if k := key(x); k != "" {
				idx[k] = append(idx[k], x)
			}
		}
		return idx
	}).(index)
	k := key(a)
	if k == "" || len(idx[k]) < 2 {
		return nil
	}
	others := make([]*content.Article, 0, len(idx[k])-1)
	for _, x := range idx[k] {
		if x != a {
			others = append(others, x)
		}
	}
	return others
}

// sameText is the key of a text compared loosely: its words, lowercase and
// without accents ("zéro-déchet" is "zero dechet"), with the article's
// language.
func sameText(lang, s string) string {
	words := prose.Words(s, lang)
	if len(words) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(lang)
	for _, w := range words {
		for part := range strings.SplitSeq(fold(w.Text), "-") {
			if part != "" {
				b.WriteByte(' ')
				b.WriteString(part)
			}
		}
	}
	return b.String()
}

// paths names a few articles by file: "content/blog/a.md and 2 more".
func paths(p *check.Pass, as []*content.Article) string {
	const shown = 3
	var names []string
	for i, a := range as {
		if i == shown {
			break
		}
		names = append(names, a.Path)
	}
	s := strings.Join(names, ", ")
	if n := len(as) - shown; n > 0 {
		s += p.T(fmt.Sprintf(" and %d more", n), fmt.Sprintf(" et %d autres", n))
	}
	return s
}
