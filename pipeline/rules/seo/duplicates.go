package seo

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
)

// index groups the articles of the site by a fact (a title, a
// keyphrase), so that finding an article's duplicates is one lookup and
// checking the whole site stays linear. A check of a few articles (a pull
// request's) compares each with every other instead: building the index
// would cost more than the few comparisons.
type index struct {
	articles []*content.Article
	fact     *content.Fact
	scans    atomic.Int32
	once     sync.Once
	byFact   map[string][]*content.Article
}

// scansFirst is how many articles are compared with every other before the
// index is built.
const scansFirst = 4

func (idx *index) sharing(k string) []*content.Article {
	if idx.scans.Add(1) <= scansFirst {
		var out []*content.Article
		for _, x := range idx.articles {
			if idx.fact.Value(x) == k {
				out = append(out, x)
			}
		}
		return out
	}
	idx.once.Do(func() {
		idx.byFact = map[string][]*content.Article{}
		for _, x := range idx.articles {
			if k := idx.fact.Value(x); k != "" {
				idx.byFact[k] = append(idx.byFact[k], x)
			}
		}
	})
	return idx.byFact[k]
}

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
		return &index{articles: r.Articles, fact: fact}
	}).(*index)
	k := fact.Value(a)
	if k == "" {
		return nil
	}
	same := idx.sharing(k)
	if len(same) < 2 {
		return nil
	}
	others := make([]*content.Article, 0, len(same)-1)
	for _, x := range same {
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

// Reads says that the rule compares the site's other articles.
func (DuplicateTitle) Reads() []content.Kind { return articles }

// Facts implements check.FactReader.
func (DuplicateDescription) Facts() []*content.Fact { return []*content.Fact{descriptionFact} }

// Reads says that the rule compares the site's other articles.
func (DuplicateDescription) Reads() []content.Kind { return articles }

// Facts implements check.FactReader.
func (DuplicateKeyphrase) Facts() []*content.Fact { return []*content.Fact{keyphraseFact} }

// Reads says that the rule compares the site's other articles.
func (DuplicateKeyphrase) Reads() []content.Kind { return articles }
