package corpus

import (
	"math/rand/v2"
	"strings"
	"time"
)

// Post bodies are 100 to 400 characters: long enough to say something,
// short enough for Mastodon, and sometimes too long for Bluesky, which is
// what variants are for.
const (
	minPostBody  = 100
	maxPostBody  = 400
	variantShare = 0.3
	mediaShare   = 0.2
	linkShare    = 0.3
)

func (p *postPlan) render(g *generator, r *rand.Rand) []file {
	l := p.lang
	v := keyphraseVars(p.kp)
	body := postBody(r, l, v)

	fm := newFrontmatter()
	if p.publishAt.IsZero() {
		fm.plain("publish_at", "next")
	} else {
		fm.plain("publish_at", p.publishAt.Format(time.RFC3339))
	}
	if p.channels != nil {
		fm.list("channels", p.channels)
	}
	fm.plain("lang", l.code)
	if chance(r, linkShare) {
		if a := g.linkTarget(r, l, nil); a != nil {
			fm.plain("link", l.blogPath(a.slug))
		}
	}
	var image []file
	if chance(r, mediaShare) {
		src := p.name + ".png"
		fm.media(src, l.sentence(r, "{alt}", v))
		image = append(image, file{path: p.dir + "/" + src, data: g.png})
	}
	if chance(r, variantShare) {
		if short, ok := shorterVariant(r, l, v, body); ok {
			fm.textMap("variants", []string{"bluesky"}, []string{short})
		}
	}
	if disclosed, ok := sponsoredBody(r, l, body); ok {
		body = disclosed
		fm.flag("sponsored", true)
	}
	if chance(r, 0.03) {
		fm.flag("draft", true)
	}
	return append([]file{{path: p.dir + "/" + p.name + ".md", data: fm.document(body)}}, image...)
}

// postBody writes sentences until a target length between 100 and 400
// characters, sometimes followed by hashtags.
func postBody(r *rand.Rand, l *language, v vars) string {
	target := between(r, minPostBody, maxPostBody-20)
	var text string
	for tries := 0; runeLen(text) < target && tries < 30; tries++ {
		s := l.sentence(r, "{postSentence}", v)
		if next := joinSentence(text, s); runeLen(next) <= maxPostBody && !strings.Contains(text, s) {
			text = next
		}
	}
	// Short sentences always fit below 400 once the text is under 100.
	for runeLen(text) < minPostBody {
		text = joinSentence(text, l.sentence(r, "{postShort}", v))
	}
	if chance(r, 0.4) {
		tags := " #" + pick(r, l.hashtags)
		if runeLen(text)+runeLen(tags) <= maxPostBody {
			text += tags
		}
	}
	return text
}

func joinSentence(text, s string) string {
	if text == "" {
		return s
	}
	return text + " " + s
}

// shorterVariant is a Bluesky text shorter than the body.
func shorterVariant(r *rand.Rand, l *language, v vars, body string) (string, bool) {
	for range 10 {
		if s := l.sentence(r, "{postShort}", v); runeLen(s) < runeLen(body) {
			return s, true
		}
	}
	return "", false
}

// sponsoredBody marks one post in a hundred as sponsored, with its
// disclosure, when the disclosure fits.
func sponsoredBody(r *rand.Rand, l *language, body string) (string, bool) {
	if !chance(r, 0.01) {
		return "", false
	}
	disclosed := body + " " + l.sentence(r, "{postDisclosure}", nil)
	if runeLen(disclosed) > maxPostBody {
		return "", false
	}
	return disclosed, true
}

// render writes the campaign's index.md and its posts. The posts share the
// campaign's random source: they are one task, written in order.
func (c *campaignPlan) render(g *generator, r *rand.Rand) []file {
	l := c.lang
	fm := newFrontmatter()
	fm.text("title", c.title)
	fm.plain("starts", c.starts.Format(time.DateOnly))
	fm.plain("ends", c.ends.Format(time.DateOnly))
	fm.text("goal", l.sentence(r, "{goal}", nil))
	fm.list("channels", c.channels)
	fm.list("hashtags", c.hashtags)
	fm.plain("lang", l.code)

	kp := keyphraseVars(pick(r, l.keyphrases))
	sentences := make([]string, between(r, 3, 6))
	for i := range sentences {
		sentences[i] = l.sentence(r, "{sentence}", kp)
	}
	files := []file{{path: c.dir + "/index.md", data: fm.document(strings.Join(sentences, " "))}}
	for _, p := range c.posts {
		files = append(files, p.render(g, r)...)
	}
	return files
}
