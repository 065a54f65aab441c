package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"
)

// Shares of the corpus with a given trait, chosen to look like a real
// brand's repository.
const (
	translationShare = 0.3  // articles published in both languages
	draftShare       = 0.05 // articles still in draft
	sponsoredShare   = 0.02 // sponsored articles
	canonicalShare   = 0.02 // articles first published elsewhere
	queuedShare      = 0.2  // posts with publish_at: next
)

// planStream is the random stream of the sequential planning pass; task
// streams start at 1<<40 so they never collide with it.
const planStream = 0

// newRand derives an independent random source from the seed and a stream
// number. splitmix64 scatters neighbouring streams across the state space,
// so item 41 and item 42 do not start from related states.
func newRand(seed int64, stream uint64) *rand.Rand {
	a := splitmix64(uint64(seed) ^ splitmix64(stream))
	return rand.New(rand.NewPCG(a, splitmix64(a^stream)))
}

func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// authors sign the articles; the names work in both languages.
var authors = []string{
	"Camille Martin", "Léa Dubois", "Thomas Bernard", "Inès Moreau",
	"Hugo Lefèvre", "Chloé Garnier", "Nora Haddad", "Julien Roux",
}

// articlePlan is what is decided about an article before its text is
// written: everything other files may refer to (slug, title, language).
type articlePlan struct {
	lang           *language
	kp             keyphrase
	title, slug    string
	date           time.Time
	author         string
	tags           []string
	draft, bundle  bool
	sponsored      bool
	canonical      string
	translationKey string
}

// path is the article's file, relative to the repository root.
func (a *articlePlan) path() string {
	if a.bundle {
		return "content/blog/" + a.slug + "/index.md"
	}
	return "content/blog/" + a.slug + ".md"
}

// postPlan is a social post, standalone or inside a campaign.
type postPlan struct {
	lang      *language
	kp        keyphrase // the post's topic
	dir       string    // content/social or the campaign's folder
	name      string    // file name without .md; its image is name.png
	publishAt time.Time // zero for a queued post (publish_at: next)
	channels  []string  // nil inside a campaign, which gives its own
}

// campaignPlan is a campaign folder and its posts.
type campaignPlan struct {
	lang         *language
	title, dir   string
	starts, ends time.Time // dates, at midnight
	channels     []string
	hashtags     []string
	posts        []*postPlan
}

// plan decides, sequentially and from the plan stream, everything files
// refer to each other by; rendering then runs in parallel.
func (g *generator) plan() {
	r := newRand(g.opts.Seed, planStream)
	g.planArticles(r)
	g.planPosts(r)
	g.planCampaigns(r)
}

// articleTraits are shared by the two versions of a translated article.
type articleTraits struct {
	kp                       int
	date                     time.Time
	author                   string
	tags                     []int
	draft, bundle, sponsored bool
}

func (g *generator) articleTraits(r *rand.Rand) articleTraits {
	return articleTraits{
		kp:        r.IntN(len(g.langs[0].keyphrases)),
		date:      articleDate(r, g.paris),
		author:    pick(r, authors),
		tags:      distinct(r, between(r, 1, 4), len(g.langs[0].tags)),
		draft:     chance(r, draftShare),
		bundle:    chance(r, g.opts.BundleShare),
		sponsored: chance(r, sponsoredShare),
	}
}

func (g *generator) planArticles(r *rand.Rand) {
	usedSlugs := map[string]bool{}
	usedTitles := map[string]bool{}
	n := g.opts.Articles
	g.articles = make([]*articlePlan, 0, n)
	for len(g.articles) < n {
		t := g.articleTraits(r)
		if len(g.langs) > 1 && len(g.articles)+2 <= n && chance(r, translationShare) {
			first := g.newArticle(r, g.langs[0], t, usedSlugs, usedTitles)
			// The translation follows within a few hours.
			t.date = t.date.Add(time.Duration(5*r.IntN(36)) * time.Minute)
			second := g.newArticle(r, g.langs[1], t, usedSlugs, usedTitles)
			first.translationKey, second.translationKey = first.slug, first.slug
			g.articles = append(g.articles, first, second)
			continue
		}
		g.articles = append(g.articles, g.newArticle(r, pick(r, g.langs), t, usedSlugs, usedTitles))
	}
	g.byLang = make(map[string][]*articlePlan, len(g.langs))
	for _, a := range g.articles {
		if !a.draft {
			g.byLang[a.lang.code] = append(g.byLang[a.lang.code], a)
		}
	}
}

func (g *generator) newArticle(r *rand.Rand, l *language, t articleTraits, usedSlugs, usedTitles map[string]bool) *articlePlan {
	a := &articlePlan{
		lang:      l,
		kp:        l.keyphrases[t.kp],
		date:      t.date,
		author:    t.author,
		draft:     t.draft,
		bundle:    t.bundle,
		sponsored: t.sponsored,
	}
	for _, i := range t.tags {
		a.tags = append(a.tags, l.tags[i])
	}
	a.title = newTitle(r, l, a.kp, t.date.Year(), usedTitles)
	a.slug = uniqueName(usedSlugs, slugify(a.title))
	if chance(r, canonicalShare) {
		a.canonical = "https://example.org/" + pick(r, l.slots["outSection"]) + "/" + a.slug + "/"
	}
	return a
}

// Title bounds: what the SEO rules of most sites accept.
const (
	minTitle = 30
	maxTitle = 60
)

// newTitle writes a title of 30 to 60 characters containing the keyphrase,
// unused so far when the vocabulary allows.
func newTitle(r *rand.Rand, l *language, kp keyphrase, year int, used map[string]bool) string {
	v := keyphraseVars(kp)
	v["YR"] = strconv.Itoa(year)
	fallback := ""
	for range 40 {
		t := l.sentence(r, "{title}", v)
		if n := runeLen(t); n < minTitle || n > maxTitle {
			continue
		}
		if !used[t] {
			used[t] = true
			return t
		}
		fallback = t
	}
	if fallback != "" {
		return fallback
	}
	return padTitle(r, l, upperFirst(kp.text))
}

// padTitle lengthens a too-short title with complements, for keyphrases
// no title template fits.
func padTitle(r *rand.Rand, l *language, t string) string {
	for runeLen(t) < minTitle {
		t += " " + pick(r, l.slots["C"])
	}
	return cutWords(t, maxTitle)
}

// uniqueName returns base, or base-2, base-3... the first not yet used.
func uniqueName(used map[string]bool, base string) string {
	name := base
	for n := 2; used[name]; n++ {
		name = fmt.Sprintf("%s-%d", base, n)
	}
	used[name] = true
	return name
}

// distinct returns k distinct indices below n, in random order.
func distinct(r *rand.Rand, k, n int) []int {
	return r.Perm(n)[:min(k, n)]
}

func (g *generator) planPosts(r *rand.Rand) {
	used := map[string]bool{}
	g.posts = make([]*postPlan, g.opts.Posts)
	for i := range g.posts {
		l := pick(r, g.langs)
		p := &postPlan{
			lang:     l,
			kp:       pick(r, l.keyphrases),
			dir:      "content/social",
			channels: pickChannels(r),
		}
		if !chance(r, queuedShare) {
			p.publishAt = slotTime(r, dayIn2027(r, g.paris))
		}
		p.name = uniqueName(used, postBaseName(p))
		g.posts[i] = p
	}
}

// postBaseName is a post's file name before deduplication: date and topic,
// the way people name them by hand.
func postBaseName(p *postPlan) string {
	if p.publishAt.IsZero() {
		return slugify(p.kp.text)
	}
	return p.publishAt.Format("2006-01-02") + "-" + slugify(p.kp.text)
}

func (g *generator) planCampaigns(r *rand.Rand) {
	used := map[string]bool{}
	g.campaigns = make([]*campaignPlan, g.opts.Campaigns)
	for i := range g.campaigns {
		l := pick(r, g.langs)
		c := &campaignPlan{
			lang:     l,
			title:    l.sentence(r, "{campaignTitle}", nil) + " 2027",
			channels: pickChannels(r),
		}
		c.dir = "content/campaigns/" + uniqueName(used, slugify(c.title))
		// Starting by December keeps the whole campaign in 2027.
		c.starts = time.Date(2027, 1, 2+r.IntN(330), 0, 0, 0, 0, g.paris)
		c.ends = c.starts.AddDate(0, 0, between(r, 7, 28))
		for _, h := range distinct(r, between(r, 1, 3), len(l.hashtags)) {
			c.hashtags = append(c.hashtags, l.hashtags[h])
		}
		c.posts = g.planCampaignPosts(r, c)
		g.campaigns[i] = c
	}
}

func (g *generator) planCampaignPosts(r *rand.Rand, c *campaignPlan) []*postPlan {
	used := map[string]bool{"index": true}
	days := int(c.ends.Sub(c.starts).Hours()/24+0.5) + 1
	posts := make([]*postPlan, between(r, 5, 20))
	for i := range posts {
		p := &postPlan{lang: c.lang, kp: pick(r, c.lang.keyphrases), dir: c.dir}
		p.publishAt = slotTime(r, c.starts.AddDate(0, 0, r.IntN(days)))
		p.name = uniqueName(used, postBaseName(p))
		posts[i] = p
	}
	return posts
}

// pickChannels returns the social channels of a post: both networks half
// of the time.
func pickChannels(r *rand.Rand) []string {
	switch r.IntN(4) {
	case 0:
		return []string{"mastodon"}
	case 1:
		return []string{"bluesky"}
	}
	return []string{"mastodon", "bluesky"}
}

// articleDate is a working-hours time between 2024-01-01 and 2026-11-01.
func articleDate(r *rand.Rand, loc *time.Location) time.Time {
	first := time.Date(2024, 1, 1, 0, 0, 0, 0, loc)
	last := time.Date(2026, 11, 1, 0, 0, 0, 0, loc)
	days := int(last.Sub(first).Hours() / 24)
	return time.Date(2024, 1, 1+r.IntN(days), between(r, 7, 20), 5*r.IntN(12), 0, 0, loc)
}

// dayIn2027 is a day of 2027 at midnight, avoiding 1 January, a blackout
// day in cm.yaml.
func dayIn2027(r *rand.Rand, loc *time.Location) time.Time {
	return time.Date(2027, 1, 2+r.IntN(364), 0, 0, 0, 0, loc)
}

// slotTime picks a time on day inside one of cm.yaml's posting windows:
// 12:00-13:30 on weekdays, 21:00-22:30 every day.
func slotTime(r *rand.Rand, day time.Time) time.Time {
	hour := 21
	if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday && chance(r, 0.5) {
		hour = 12
	}
	return time.Date(day.Year(), day.Month(), day.Day(), hour, 5*r.IntN(18), 0, 0, day.Location())
}
