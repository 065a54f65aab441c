package seo

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
)

// index groups the articles of the site by a key (a title, a keyphrase),
// built once per run, so that finding an article's duplicates is one
// lookup and checking the whole site stays linear.
type index map[string][]*content.Article

// articleFact is a fact of articles (see content.Fact); other items have
// none.
func articleFact(name string, of func(*content.Article) string) *content.Fact {
	return &content.Fact{Name: name, Of: func(it content.Item) string {
		if a, ok := it.(*content.Article); ok {
			return of(a)
		}
		return ""
	}}
}

// The facts the duplicate rules compare, kept by the site index.
var (
	titleFact       = articleFact("seo.title", func(a *content.Article) string { return sameText(a.Lang, a.Title) })
	descriptionFact = articleFact("seo.description", func(a *content.Article) string { return sameText(a.Lang, a.Description) })
	keyphraseFact   = articleFact("seo.keyphrase", func(a *content.Article) string {
		if ph := keyphrase(a); ph != nil {
			return ph.Key()
		}
		return ""
	})
)

// duplicatesOf returns the other articles that share a's fact; "" is no
// fact, shared with nobody.
func duplicatesOf(p *check.Pass, a *content.Article, fact *content.Fact) []*content.Article {
	idx := p.Shared(func(r *content.Repo) any {
		idx := index{}
		for _, x := range r.Articles {
			if k := fact.Value(x); k != "" {
				idx[k] = append(idx[k], x)
			}
		}
		return idx
	}).(index)
	k := fact.Value(a)
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
// without accents, whatever separates them ("Zéro-déchet !" is "zero
// dechet"), with the article's language; "" when it has no word.
func sameText(lang, s string) string {
	var b strings.Builder
	b.Grow(len(lang) + len(s) + 1)
	b.WriteString(lang)
	words, space := 0, true
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			words++
			space = false
		}
		switch {
		case 'A' <= r && r <= 'Z':
			b.WriteByte(byte(r + 'a' - 'A'))
		case r < utf8.RuneSelf:
			b.WriteByte(byte(r))
		case r < 0x180:
			b.WriteString(latinFolds[r])
		default:
			b.WriteString(foldSlow(string(r)))
		}
	}
	if words == 0 {
		return ""
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

// Facts implements check.FactReader.
func (DuplicateTitle) Facts() []*content.Fact { return []*content.Fact{titleFact} }

// Facts implements check.FactReader.
func (DuplicateDescription) Facts() []*content.Fact { return []*content.Fact{descriptionFact} }

// Facts implements check.FactReader.
func (DuplicateKeyphrase) Facts() []*content.Fact { return []*content.Fact{keyphraseFact} }
