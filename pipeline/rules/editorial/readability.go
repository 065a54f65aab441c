package editorial

import (
	"fmt"
	"sync"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/prose"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// Readability reports articles whose reading ease is below the line's.
type Readability struct{}

func (Readability) Meta() check.Meta {
	return check.Meta{
		ID: "editorial.readability", Severity: check.Warning,
		Kinds:     []content.Kind{content.KindArticle},
		Languages: []string{"fr", "en"},
		Summary:   "An article harder to read than the line allows (Flesch, Kandel-Moles)",
		Doc: "The reading ease of an article's body, on a 0-100 scale where higher is easier: Flesch's formula for " +
			"English, Kandel and Moles' adaptation for French, with syllables counted by each language's rules " +
			"(in French a final mute e, es or verb ending ent adds none, eau and oi are one vowel, é before a " +
			"vowel and a diaeresis start a new syllable; elided l’ and d’ belong to the next word). Headings, " +
			"code and URLs are left out. Below editorial.languages.<lang>.readability.min_score (default 50) " +
			"the rule warns; articles under min_words (default 150) are not scored.",
		Example: check.Example{
			Bad:  "L’indice de réparabilité, institutionnalisé par la réglementation européenne, conditionne désormais l’approvisionnement...",
			Good: "L’indice de réparabilité est une note sur 10. La loi l’impose depuis 2021.",
		},
	}
}

// measure counts the words, sentences and syllables of prose segments.
type measure struct{ words, sentences, syllables int }

func (m *measure) add(s *text.Segment, lang string, cache *sync.Map) {
	m.sentences += len(s.Sentences())
	for _, w := range s.Words {
		if counted(w) {
			m.words++
			n, ok := cache.Load(w.Text)
			if !ok {
				n = syllables(w.Text, lang)
				cache.Store(w.Text, n)
			}
			m.syllables += n.(int)
		}
	}
}

// syllableCaches keep, per language, the syllables of each word met in a
// run: a site's vocabulary is much smaller than its text.
type syllableCaches map[string]*sync.Map

func (Readability) Check(p *check.Pass) {
	lang := p.Lang()
	b := bounds(p.Repo.Config, lang)
	caches := p.Shared(func(r *content.Repo) any {
		c := syllableCaches{}
		for _, l := range r.Config.Site.Languages {
			c[l] = &sync.Map{}
		}
		return c
	}).(syllableCaches)
	cache := caches[lang]
	if cache == nil {
		cache = &sync.Map{}
	}
	var m measure
	var first *text.Segment
	for _, s := range text.Segments(p) {
		if !s.IsBody() || s.Heading() || s.Block.Kind == prose.TableCell {
			continue
		}
		if first == nil {
			first = s
		}
		m.add(s, lang, cache)
	}
	if first == nil || m.words < b.MinWords {
		return
	}
	score := readingEase(lang, m.words, m.sentences, m.syllables)
	if score >= b.MinScore {
		return
	}
	wps := float64(m.words) / float64(m.sentences)
	spw := float64(m.syllables) / float64(m.words)
	p.Report(first.Pos(0),
		p.T(fmt.Sprintf("reading ease %.0f (%s), below %.0f: %.1f words a sentence, %.2f syllables a word", score, formulaName(lang), b.MinScore, wps, spw),
			fmt.Sprintf("facilité de lecture %.0f (%s), sous %.0f\u202f: %.1f mots par phrase, %.2f syllabes par mot", score, formulaName(lang), b.MinScore, wps, spw)),
		p.T("shorten the sentences and prefer shorter words", "raccourcissez les phrases et préférez des mots plus courts"))
}
