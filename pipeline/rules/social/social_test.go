package social

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/check/checktest"
)

// config adds networks cm checks without publishing to the test site; fr
// turns on French messages.
func config(fr bool, rules string) string {
	c := checktest.Config + "  x: {type: x}\n  instagram: {type: instagram}\n  threads: {type: threads}\n  bigmasto: {type: mastodon, max_length: 1000}\n"
	if fr {
		c += "messages: fr\n"
	}
	return c + rules
}

func run(t *testing.T, files map[string]string, rule check.Rule) []string {
	t.Helper()
	var out []string
	for _, d := range checktest.Run(t, files, rule) {
		s := fmt.Sprintf("%s:%d:%d: %s", d.File, d.Line, d.Column, d.Message)
		if d.Suggestion != "" {
			s += " (" + d.Suggestion + ")"
		}
		out = append(out, s)
	}
	return out
}

func expect(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

var (
	longFR   = strings.Repeat("Réparer, c’est gagner. ", 14) // 321 graphemes
	family   = "👨\u200d👩\u200d👧\u200d👦"                      // 1 grapheme, 25 bytes, 2 on X
	combined = strings.Repeat("e\u0301", 301)                // 301 graphemes on Bluesky
)

func TestLength(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fr    bool
		files map[string]string
		want  []string
	}{
		{"body too long for bluesky, in French", true, map[string]string{
			"content/social/a.md": "---\nchannels: [mastodon, bluesky]\nlang: fr\n---\n" + longFR,
		}, []string{"content/social/a.md:5:1: bluesky : 321 graphèmes, au-delà de la limite de 300 de Bluesky (raccourcissez le corps du message de 21, ou écrivez une variante plus courte sous variants.bluesky)"}},
		{"variant too long, with the campaign hashtag, in English", false, map[string]string{
			"content/campaigns/c/index.md": "---\ntitle: C\nstarts: 2027-01-01\nends: 2027-12-31\nchannels: [bluesky]\nhashtags: [Lyon]\n---\n",
			"content/campaigns/c/p.md":     "---\nlang: en\nvariants:\n  bluesky: \"" + strings.Repeat("a", 295) + "\"\n---\nShort body.",
		}, []string{"content/campaigns/c/p.md:4:12: bluesky: 302 graphemes with what cm appends (hashtags, link), over the Bluesky limit of 300 (shorten variants.bluesky by 2)"}},
		{"combining accents count one grapheme each", false, map[string]string{
			"content/social/a.md": "---\nchannels: [bluesky]\nlang: en\n---\n" + strings.Repeat("e\u0301", 300),
			"content/social/b.md": "---\nchannels: [bluesky]\nlang: en\n---\n" + combined,
		}, []string{"content/social/b.md:5:1: bluesky: 301 graphemes, over the Bluesky limit of 300 (shorten the body by 1, or write a shorter variant under variants.bluesky)"}},
		{"ZWJ emoji: within graphemes, over Bluesky's bytes", false, map[string]string{
			"content/social/a.md": "---\nchannels: [bluesky]\nlang: en\n---\n" + strings.Repeat(family, 130),
		}, []string{"content/social/a.md:5:1: bluesky: 3250 bytes, over the Bluesky limit of 3000 bytes (shorten the body)"}},
		{"X weighs CJK and emoji 2, links 23", false, map[string]string{
			"content/social/a.md": "---\nchannels: [x]\nlang: en\n---\n" + strings.Repeat("語", 120) + " " + family + " https://test.example/a-very-long-address/",
			"content/social/b.md": "---\nchannels: [x]\nlang: en\n---\n" + strings.Repeat("語", 140) + " " + family + family,
		}, []string{"content/social/b.md:5:1: x: 285 weighted characters, over the X limit of 280 (shorten the body by 5, or write a shorter variant under variants.x)"}},
		{"a Mastodon instance's own limit and mentions", false, map[string]string{
			"content/social/a.md": "---\nchannels: [bigmasto, mastodon]\nlang: en\n---\n@alice@very.long.instance.example " + strings.Repeat("a", 600),
		}, []string{"content/social/a.md:5:1: mastodon: 607 characters, over the Mastodon limit of 500 (shorten the body by 107, or write a shorter variant under variants.mastodon)"}},
		{"article share text", false, map[string]string{
			"content/blog/a.md": "---\ntitle: A\ndate: 2027-01-01\nlang: en\nshare:\n  threads: \"" + strings.Repeat("b", 480) + "\"\n---\nText.",
		}, []string{"content/blog/a.md:6:12: threads: 550 characters with what cm appends (hashtags, link), over the Threads limit of 500 (shorten share.threads by 50)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["cm.yaml"] = config(tc.fr, "")
			expect(t, run(t, tc.files, Length{}), tc.want)
		})
	}
}

func TestHashtags(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fr    bool
		rules string
		files map[string]string
		want  []string
	}{
		{"one tag on threads for the brand; the campaign's count", true, "rules:\n  social.hashtags: {max: {threads: 1}}\n", map[string]string{
			"content/campaigns/c/index.md": "---\ntitle: C\nstarts: 2027-01-01\nends: 2027-12-31\nchannels: [threads, mastodon]\nhashtags: [\"#Réparer\"]\n---\n",
			"content/campaigns/c/p.md":     "---\nlang: fr\n---\nNos brosses #ZeroDéchet",
		}, []string{"content/campaigns/c/p.md:4:1: threads : 2 hashtags (#ZeroDéchet #Réparer), au-delà du maximum de 1 (cm.yaml) (gardez-en 1 au plus ; ceux de la campagne comptent aussi)"}},
		{"a tag already in the text is not appended twice", false, "rules:\n  social.hashtags: {max: {threads: 1}}\n", map[string]string{
			"content/campaigns/c/index.md": "---\ntitle: C\nstarts: 2027-01-01\nends: 2027-12-31\nchannels: [threads]\nhashtags: [\"#Réparer\"]\n---\n",
			"content/campaigns/c/p.md":     "---\nlang: en\n---\nOur brushes #réparer",
		}, nil},
		{"the brand's own maximum per network or channel", false, "rules:\n  social.hashtags: {max: {mastodon: 2, bluesky: 1}}\n", map[string]string{
			"content/social/a.md": "---\nchannels: [mastodon, bluesky, x]\nlang: en\nvariants:\n  bluesky: \"#one\"\n---\n#one #two #three and https://test.example/#notatag",
		}, []string{"content/social/a.md:7:1: mastodon: 3 hashtags (#one #two #three), over the maximum of 2 (cm.yaml) (keep at most 2; the campaign's hashtags count too)"}},
		{"instagram allows 30", false, "", map[string]string{
			"content/social/a.md": "---\nchannels: [instagram]\nlang: en\nmedia: [{src: a.jpg, alt: An image.}]\n---\n" + tags(30),
			"content/social/b.md": "---\nchannels: [instagram]\nlang: en\nmedia: [{src: a.jpg, alt: An image.}]\n---\n" + tags(31),
		}, []string{"content/social/b.md:6:1: instagram: 31 hashtags (" + tags(31) + "), over the maximum of 30 (Instagram) (keep at most 30; the campaign's hashtags count too)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["cm.yaml"] = config(tc.fr, tc.rules)
			expect(t, run(t, tc.files, Hashtags{}), tc.want)
		})
	}
}

func tags(n int) string {
	var b []string
	for i := range n {
		b = append(b, fmt.Sprintf("#t%d", i))
	}
	return strings.Join(b, " ")
}

func TestMediaRequired(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fr    bool
		files map[string]string
		want  []string
	}{
		{"post without media, in French", true, map[string]string{
			"content/social/a.md": "---\nchannels: [mastodon, instagram]\nlang: fr\n---\nNos brosses.",
			"content/social/b.md": "---\nchannels: [instagram]\nlang: fr\nmedia:\n  - {src: b.jpg, alt: Une brosse.}\n---\nNos brosses.",
		}, []string{"content/social/a.md:2:22: instagram : Instagram exige une image et ce message n’en a pas (ajoutez media: avec une image et son texte alternatif)"}},
		{"empty media list, in English", false, map[string]string{
			"content/social/a.md": "---\nchannels: [instagram]\nlang: en\nmedia: []\n---\nOur brushes.",
		}, []string{"content/social/a.md:4:8: instagram: Instagram requires an image and this post has none (add media: with an image and its alt text)"}},
		{"article announced on Instagram without a cover", false, map[string]string{
			"content/blog/a.md": "---\ntitle: A\ndate: 2027-01-01\nlang: en\nshare:\n  instagram: \"New guide\"\n---\nText.",
			"content/blog/b.md": "---\ntitle: B\ndate: 2027-01-01\nlang: en\nimage: b.jpg\nimage_alt: A brush.\nshare:\n  instagram: \"New guide\"\n---\nText.",
		}, []string{"content/blog/a.md:6:14: instagram: Instagram requires an image and this post has none (give the article a cover image (image: and image_alt:))"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["cm.yaml"] = config(tc.fr, "")
			expect(t, run(t, tc.files, MediaRequired{}), tc.want)
		})
	}
}

func TestAltText(t *testing.T) {
	long := strings.Repeat("é", 1600)
	for _, tc := range []struct {
		name  string
		fr    bool
		files map[string]string
		want  []string
	}{
		{"missing alt, in French", true, map[string]string{
			"content/social/a.md": "---\nchannels: [mastodon, bluesky]\nlang: fr\nmedia:\n  - {src: a.jpg, alt: Un établi.}\n  - src: b.jpg\n---\nL’atelier.",
		}, []string{"content/social/a.md:6:5: l’image b.jpg, envoyée sur mastodon, bluesky, n’a pas de texte alternatif (décrivez ce que montre l’image dans alt:)"}},
		{"alt over the strictest network's limit", false, map[string]string{
			"content/social/a.md": "---\nchannels: [bluesky, mastodon]\nlang: en\nmedia:\n  - {src: a.jpg, alt: \"" + long + "\"}\n---\nThe workshop.",
			"content/social/b.md": "---\nchannels: [bluesky]\nlang: en\nmedia:\n  - {src: a.jpg, alt: \"" + long + "\"}\n---\nThe workshop.",
		}, []string{"content/social/a.md:5:23: alt text of a.jpg: 1600 characters, over the Mastodon limit of 1500 (mastodon) (shorten it by 100)"}},
		{"article cover announced without alt", false, map[string]string{
			"content/blog/a.md": "---\ntitle: A\ndate: 2027-01-01\nlang: en\nimage: a.jpg\nshare:\n  x: \"New guide\"\n---\nText.",
			"content/blog/b.md": "---\ntitle: B\ndate: 2027-01-01\nlang: en\nimage: b.jpg\n---\nNot announced: seo.image-alt's business.",
		}, []string{"content/blog/a.md:5:8: image a.jpg, sent to x, has no alt text (describe what the image shows in image_alt:)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.files["cm.yaml"] = config(tc.fr, "")
			expect(t, run(t, tc.files, AltText{}), tc.want)
		})
	}
}
