package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"time"
)

// coverName is the image file of every page bundle.
const coverName = "cover.png"

// Description bounds: what search engines show without cutting.
const (
	minDescription = 120
	maxDescription = 156
)

// Body shape, in words. The body stops growing once it reaches a target
// between minBodyTarget and maxBodyTarget; the last paragraph and the
// sponsored disclosure may add up to 150 words, which keeps every body
// within 600 to 1,200 words.
const (
	minBodyTarget  = 610
	maxBodyTarget  = 1040
	minParagraph   = 40
	maxParagraph   = 120
	minSection     = 150 // words between two headings
	maxSection     = 300
	listShare      = 0.12 // chance that a block is a bulleted list
	imageShare     = 0.6  // bundles that show their cover in the body
	shareShare     = 0.6  // articles announced on the social channels
	keyphraseShare = 0.35 // paragraphs that repeat the keyphrase
	outboundShare  = 0.85 // articles citing another site
)

func (a *articlePlan) render(g *generator, r *rand.Rand) []file {
	l := a.lang
	v := keyphraseVars(a.kp)
	v["YR"] = strconv.Itoa(a.date.Year())
	v["TITLE"] = a.title

	fm := newFrontmatter()
	fm.text("title", a.title)
	fm.text("description", description(r, l, v))
	fm.plain("date", a.date.Format(time.RFC3339))
	fm.flag("draft", a.draft)
	fm.text("author", a.author)
	fm.list("tags", a.tags)
	fm.text("keyphrase", a.kp.text)
	alt := ""
	if a.bundle {
		alt = l.sentence(r, "{alt}", v)
		fm.plain("image", coverName)
		fm.text("image_alt", alt)
	}
	fm.plain("lang", l.code)
	if a.translationKey != "" {
		fm.plain("translation_key", a.translationKey)
	}
	if a.canonical != "" {
		fm.plain("canonical", a.canonical)
	}
	fm.flag("sponsored", a.sponsored)
	if chance(r, shareShare) {
		fm.textMap("share", []string{"mastodon", "bluesky"}, []string{
			l.sentence(r, "{shareMastodon}", v),
			l.sentence(r, "{shareBluesky}", v),
		})
	}

	body := newArticleBody(g, r, a, v).write(alt)
	files := []file{{path: a.path(), data: fm.document(body)}}
	if a.bundle {
		files = append(files, file{path: "content/blog/" + a.slug + "/" + coverName, data: g.png})
	}
	return files
}

// description writes a meta description of 120 to 156 characters that
// names the keyphrase.
func description(r *rand.Rand, l *language, v vars) string {
	var d string
	for range 20 {
		d = l.sentence(r, "{desc}", v)
		for tries := 0; runeLen(d) < minDescription && tries < 10; tries++ {
			tail := l.sentence(r, "{descTail}", v)
			if runeLen(d)+1+runeLen(tail) <= maxDescription {
				d += " " + tail
			}
		}
		if n := runeLen(d); n >= minDescription && n <= maxDescription {
			return d
		}
	}
	// Rare: no combination fitted. Lengthen, then cut at a word.
	for runeLen(d) < maxDescription {
		d += " " + l.sentence(r, "{descTail}", v)
	}
	return cutWords(d, maxDescription-1) + "…"
}

// cutWords shortens s to at most n characters, at a word boundary.
func cutWords(s string, n int) string {
	runes := []rune(s)
	if len(runes) <= n {
		return s
	}
	cut := string(runes[:n])
	if i := strings.LastIndexByte(cut, ' '); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:"+nnbsp)
}

// articleBody writes the Markdown of one article, block by block, keeping
// count of the words.
type articleBody struct {
	g     *generator
	r     *rand.Rand
	a     *articlePlan
	v     vars
	b     strings.Builder
	words int

	// Still to place: internal links, outbound links, code spans.
	internal, outbound, code int
	lastLevel                int // level of the last heading, 0 before the first
}

func newArticleBody(g *generator, r *rand.Rand, a *articlePlan, v vars) *articleBody {
	w := &articleBody{g: g, r: r, a: a, v: v}
	w.b.Grow(8192)
	if g.hasLinkTarget(a) {
		w.internal = between(r, 1, 3)
	}
	if chance(r, outboundShare) {
		w.outbound = between(r, 1, 2)
	}
	if chance(r, 0.3) {
		w.code = 1
	}
	return w
}

// write lays out the article: intro, disclosure, cover, then sections of
// paragraphs and lists under headings until the word target is reached.
func (w *articleBody) write(alt string) string {
	r, l := w.r, w.a.lang
	target := between(r, minBodyTarget, maxBodyTarget)
	w.paragraph(between(r, minParagraph, maxParagraph), maxParagraph, target,
		l.sentence(r, "{intro}", w.v))
	if w.a.sponsored {
		w.add(l.sentence(r, "{disclosure}", w.v))
	}
	if alt != "" && chance(r, imageShare) {
		w.add("![" + alt + "](" + coverName + ")")
	}
	section := w.words
	nextHeading := between(r, minSection, maxSection)
	lastWasList := false
	for w.words < target {
		remaining := target - w.words
		// A heading once the section is long enough, and always before a
		// paragraph could push it past maxSection. Afterwards limit is at
		// least 90 words, room for any paragraph to reach minParagraph.
		if section >= nextHeading || maxSection-section < maxParagraph-minParagraph+10 {
			w.heading()
			section, nextHeading = 0, between(r, minSection, maxSection)
		}
		limit := min(maxParagraph, maxSection-section)
		before := w.words
		if !lastWasList && remaining > 80 && chance(r, listShare) {
			w.list()
			lastWasList = true
		} else {
			pt := between(r, minParagraph, maxParagraph)
			if remaining < pt {
				pt = max(minParagraph, remaining)
			}
			w.paragraph(min(pt, limit), limit, remaining, "")
			lastWasList = false
		}
		section += w.words - before
	}
	return w.b.String()
}

// add appends a block, separated from the previous one by a blank line.
func (w *articleBody) add(block string) { w.addCounted(block, countWords(block)) }

// addCounted appends a block whose words the caller has counted already.
func (w *articleBody) addCounted(block string, words int) {
	if w.b.Len() > 0 {
		w.b.WriteString("\n\n")
	}
	w.b.WriteString(block)
	w.words += words
}

// heading writes a ## heading, or a ### under a ## now and then.
func (w *articleBody) heading() {
	level := 2
	if w.lastLevel > 0 && chance(w.r, 0.35) {
		level = 3
	}
	slot, marker := "{heading2}", "## "
	if level == 3 {
		slot, marker = "{heading3}", "### "
	}
	w.lastLevel = level
	w.add(marker + w.a.lang.sentence(w.r, slot, w.v))
}

// list writes a short bulleted list with its lead-in sentence.
func (w *articleBody) list() {
	l := w.a.lang
	w.add(l.sentence(w.r, "{listIntro}", w.v))
	items := make([]string, between(w.r, 3, 5))
	for i := range items {
		items[i] = "- " + l.sentence(w.r, "{listItem}", w.v)
	}
	w.add(strings.Join(items, "\n"))
}

// paragraph writes about target words, never more than limit. first, when
// set, opens the paragraph (the intro names the keyphrase first thing).
func (w *articleBody) paragraph(target, limit, remaining int, first string) {
	r, l := w.r, w.a.lang
	var sentences []string
	n := 0
	if first != "" {
		sentences = append(sentences, first)
		n += countWords(first)
	}
	extras := w.extras(remaining)
	for _, e := range extras {
		n += countWords(e)
	}
	for tries := 0; n < target && tries < 20; {
		s := l.sentence(r, "{sentence}", w.v)
		sw := countWords(s)
		if n+sw > limit {
			tries++
			continue
		}
		sentences = append(sentences, s)
		n += sw
	}
	// Links and code spans land anywhere but before the opening sentence.
	lo := 0
	if first != "" {
		lo = 1
	}
	for _, e := range extras {
		i := lo + r.IntN(len(sentences)-lo+1)
		sentences = append(sentences[:i], append([]string{e}, sentences[i:]...)...)
	}
	w.addCounted(strings.Join(sentences, " "), n)
}

// extras are the special sentences of the next paragraph: at most two
// among an internal link, the keyphrase, an outbound link, a code span.
// Links are placed before the text runs out.
func (w *articleBody) extras(remaining int) []string {
	r, l := w.r, w.a.lang
	var out []string
	if w.internal > 0 && (remaining < 200 || chance(r, 0.3)) {
		if s, ok := w.internalLink(); ok {
			out = append(out, s)
		}
		w.internal--
	}
	// About one paragraph in three repeats the keyphrase: a density near
	// 1%, what SEO checkers ask for.
	if chance(r, keyphraseShare) {
		out = append(out, l.sentence(r, "{kpSentence}", w.v))
	}
	if len(out) < 2 && w.outbound > 0 && (remaining < 200 || chance(r, 0.2)) {
		v := vars{"OUT": outboundURL(r, l)}
		out = append(out, l.sentence(r, "{outboundLink}", w.merge(v)))
		w.outbound--
	}
	if len(out) < 2 && w.code > 0 && chance(r, 0.2) {
		out = append(out, l.sentence(r, "{codeSentence}", w.v))
		w.code--
	}
	return out
}

// internalLink is a sentence linking to another published article in the
// same language.
func (w *articleBody) internalLink() (string, bool) {
	t := w.g.linkTarget(w.r, w.a.lang, w.a)
	if t == nil {
		return "", false
	}
	v := w.merge(vars{
		"TKPDef": t.kp.def,
		"TTITLE": t.title,
		"TURL":   t.lang.blogPath(t.slug),
	})
	return w.a.lang.sentence(w.r, "{internalLink}", v), true
}

// merge returns the article's variables plus extra ones, leaving the
// article's map untouched.
func (w *articleBody) merge(extra vars) vars {
	v := make(vars, len(w.v)+len(extra))
	for k, s := range w.v {
		v[k] = s
	}
	for k, s := range extra {
		v[k] = s
	}
	return v
}

// outboundURL is a plausible external reference on example.org.
func outboundURL(r *rand.Rand, l *language) string {
	return "https://example.org/" + pick(r, l.slots["outSection"]) + "/" + slugify(l.expand(r, "{O}", nil)) + "/"
}

// hasLinkTarget reports whether another published article shares a's
// language.
func (g *generator) hasLinkTarget(a *articlePlan) bool {
	targets := g.byLang[a.lang.code]
	return len(targets) > 1 || (len(targets) == 1 && targets[0] != a)
}

// linkTarget picks a published article in language l, other than self.
func (g *generator) linkTarget(r *rand.Rand, l *language, self *articlePlan) *articlePlan {
	targets := g.byLang[l.code]
	for range 8 {
		if len(targets) == 0 {
			return nil
		}
		if t := pick(r, targets); t != self {
			return t
		}
	}
	return nil
}
