package social

import (
	"net/url"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

// Message is what one channel receives for one item.
type Message struct {
	Item    content.Item
	Channel string
	// Network is the channel's network, nil for channels that are not social
	// networks (the blog, a webhook): they get the text, unchecked.
	Network *Network
	// Text is exactly what the channel receives.
	Text string
	// Media are the images attached: a post's media, an article's cover.
	Media []content.Media
	// Link is the link appended to the text, with its UTM parameters; "" when
	// there is none.
	Link string
	// Hashtags are the hashtags of Text, in order, without '#'.
	Hashtags []string

	// Written is the text as the editor wrote it: a variant, the body or an
	// article's share text. Source names its frontmatter key
	// ("variants.bluesky", "share.mastodon"), "" for the body, and Pos is
	// where it starts in the file.
	Written string
	Source  string
	Pos     content.Position
}

// Messages renders an item for each of its channels, in the order the
// channels are written: a post's channels, an article's share keys.
// Campaigns have none. The result is computed once per document.
func Messages(cfg *config.Config, it content.Item) []Message {
	type key struct{}
	return it.Doc().Memo(key{}, func() any {
		var out []Message
		for _, ch := range channels(it) {
			if m, ok := Render(cfg, it, ch); ok {
				out = append(out, m)
			}
		}
		return out
	}).([]Message)
}

// channels are the channels an item goes to besides the blog.
func channels(it content.Item) []string {
	switch x := it.(type) {
	case *content.Post:
		return x.Channels
	case *content.Article:
		names := make([]string, 0, len(x.Share))
		for name := range x.Share {
			names = append(names, name)
		}
		// In file order, so diagnostics come out in reading order.
		sort.Slice(names, func(i, j int) bool {
			li, lj := keyLine(x.Document, "share", names[i]), keyLine(x.Document, "share", names[j])
			if li != lj {
				return li < lj
			}
			return names[i] < names[j]
		})
		return names
	}
	return nil
}

// Render is the one place that decides what a channel receives for an item:
//
//   - the text written for the channel: the post's variant for it, else the
//     post's body; for an article, its share text for the channel;
//   - then the hashtags of the post's campaign that the text does not
//     already carry, on a line of their own;
//   - then the link: the post's link, or the article's address, unless the
//     text already holds it.
//
// Links to the blog, in the text or appended, get UTM parameters
// (utm_source=<channel>, utm_medium=social, utm_campaign=<campaign>) unless
// cm.yaml's social.utm.enabled is false or the link already has some. The
// bool is false when the item has nothing for that channel.
func Render(cfg *config.Config, it content.Item, channel string) (Message, bool) {
	m := Message{Item: it, Channel: channel, Network: For(cfg.Channels[channel])}
	d := it.Doc()
	campaign := cfg.Social.UTM.Campaign
	var link string
	var tags []string
	switch x := it.(type) {
	case *content.Post:
		if !slices.Contains(x.Channels, channel) {
			return m, false
		}
		if v, ok := x.Variants[channel]; ok {
			m.Written, m.Source = strings.TrimSpace(v), "variants."+channel
			m.Pos = d.NodePos(mapValue(d, "variants", channel))
		} else {
			m.Written = x.Text
			body := d.Body()
			m.Pos = d.BodyPos(len(body) - len(strings.TrimLeftFunc(string(body), unicode.IsSpace)))
		}
		m.Media = x.Media
		link = x.Link
		tags = x.Hashtags()
		if x.Campaign != nil {
			campaign = x.Campaign.Name
		}
	case *content.Article:
		text, ok := x.Share[channel]
		if !ok {
			return m, false
		}
		m.Written, m.Source = strings.TrimSpace(text), "share."+channel
		m.Pos = d.NodePos(mapValue(d, "share", channel))
		if x.Image != "" {
			m.Media = []content.Media{{Src: x.Image, Alt: x.ImageAlt}}
		}
		link = cfg.Site.BaseURL + content.URLPath(cfg.Site, x)
	default:
		return m, false
	}
	tagger := utmTagger(cfg, channel, campaign)
	text := tagLinks(m.Written, tagger)
	var b strings.Builder
	b.WriteString(text)
	// The hashtags of the text, then those appended: the link that follows
	// cannot hold one (a fragment is not a hashtag).
	m.Hashtags = HashtagsOf(text)
	present := map[string]bool{}
	for _, h := range m.Hashtags {
		present[strings.ToLower(h)] = true
	}
	var extra []string
	for _, t := range tags {
		t = "#" + strings.TrimLeft(strings.TrimSpace(t), "#＃")
		if t != "#" && !present[strings.ToLower(t[1:])] {
			present[strings.ToLower(t[1:])] = true
			extra = append(extra, t)
			m.Hashtags = append(m.Hashtags, t[1:])
		}
	}
	if len(extra) > 0 {
		b.WriteString("\n\n" + strings.Join(extra, " "))
	}
	if link != "" {
		link = tagger(absolute(cfg, link))
		if !strings.Contains(text, link) {
			m.Link = link
			b.WriteString("\n\n" + link)
		}
	}
	m.Text = b.String()
	return m, true
}

// absolute makes a site-relative link (/fr/blog/x/) absolute.
func absolute(cfg *config.Config, link string) string {
	if strings.HasPrefix(link, "/") && !strings.HasPrefix(link, "//") {
		return cfg.Site.BaseURL + link
	}
	return link
}

// utmTagger returns the function that adds the channel's UTM parameters to a
// link to the blog, and leaves any other link as it is.
func utmTagger(cfg *config.Config, channel, campaign string) func(string) string {
	utm := cfg.Social.UTM
	base := cfg.Site.BaseURL
	if !utm.On() || base == "" {
		return func(s string) string { return s }
	}
	params := "utm_source=" + url.QueryEscape(channel) + "&utm_medium=" + url.QueryEscape(utm.MediumOrDefault())
	if campaign != "" {
		params += "&utm_campaign=" + url.QueryEscape(campaign)
	}
	return func(link string) string {
		if !toSite(link, base) || strings.Contains(link, "utm_") {
			return link
		}
		head, frag, hasFrag := strings.Cut(link, "#")
		sep := "?"
		if strings.Contains(head, "?") {
			sep = "&"
			if strings.HasSuffix(head, "?") || strings.HasSuffix(head, "&") {
				sep = ""
			}
		}
		out := head + sep + params
		if hasFrag {
			out += "#" + frag
		}
		return out
	}
}

// toSite says whether a link points to the blog at base.
func toSite(link, base string) bool {
	if len(link) < len(base) || !strings.EqualFold(link[:len(base)], base) {
		return false
	}
	rest := link[len(base):]
	return rest == "" || strings.ContainsRune("/?#", rune(rest[0]))
}

// tagLinks adds UTM parameters to the links of a text.
func tagLinks(text string, tag func(string) string) string {
	spans := URLs(text, false)
	if len(spans) == 0 {
		return text
	}
	var b strings.Builder
	at := 0
	for _, s := range spans {
		b.WriteString(text[at:s.Start])
		b.WriteString(tag(text[s.Start:s.End]))
		at = s.End
	}
	b.WriteString(text[at:])
	return b.String()
}

// HashtagsOf returns the hashtags of a text, without '#', in order: a '#'
// after the start or a character that is not part of a word, followed by
// letters, marks, digits or '_' with at least one that is not a digit
// ("#1" is a number). Hashtags inside links (fragments) do not count.
func HashtagsOf(text string) []string {
	if !strings.Contains(text, "#") && !strings.Contains(text, "＃") {
		return nil
	}
	var out []string
	urls := URLs(text, true)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if len(urls) > 0 && i >= urls[0].Start {
			if i < urls[0].End {
				i = urls[0].End
				continue
			}
			urls = urls[1:]
			continue
		}
		if r != '#' && r != '＃' {
			i += size
			continue
		}
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if isTagRune(prev) || prev == '&' {
				i += size
				continue
			}
		}
		j := i + size
		letters := false
		for j < len(text) {
			c, n := utf8.DecodeRuneInString(text[j:])
			if !isTagRune(c) {
				break
			}
			letters = letters || !unicode.IsDigit(c)
			j += n
		}
		if letters {
			out = append(out, text[i+size:j])
		}
		i = j
	}
	return out
}

func isTagRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

// mapValue is the value node of key.name in the frontmatter, or nil.
func mapValue(d *content.Document, key, name string) *yaml.Node {
	_, m := d.Key(key)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return m.Content[i+1]
		}
	}
	return nil
}

// keyLine is the line of key.name relative to the frontmatter.
func keyLine(d *content.Document, key, name string) int {
	if n := mapValue(d, key, name); n != nil {
		return n.Line
	}
	return 0
}
