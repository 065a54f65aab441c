package serve

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/rivo/uniseg"
	"golang.org/x/net/html"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/social"
)

// socialIndexData is /_cm/social: every post and article announcement,
// with each channel's count against its limit.
type socialIndexData struct {
	Rows []socialRow
	// Channel filters the rows (?channel=NAME).
	Channel  string
	Channels []link
}

type socialRow struct {
	Title, File, Link, Kind, When string
	Chips                         []chip
	at                            time.Time
}

// chip is one channel's count in the index.
type chip struct {
	Channel, ChannelType, Count string
	Over                        bool
}

func (s *Server) socialIndex(st *state, q url.Values, l *L) *socialIndexData {
	d := &socialIndexData{Channel: q.Get("channel")}
	cfg := st.cfg
	linkTo := func(ch string) string {
		v := url.Values{"lang": {l.Lang}}
		if ch != "" {
			v.Set("channel", ch)
		}
		return "/_cm/social?" + v.Encode()
	}
	d.Channels = append(d.Channels, link{Label: l.AllChannels, URL: linkTo(""), Current: d.Channel == ""})
	for _, name := range cfg.ChannelNames() {
		if cfg.Channels[name].Type != "site" {
			d.Channels = append(d.Channels, link{Label: name, URL: linkTo(name), Current: d.Channel == name})
		}
	}
	cal := st.calendar()
	for _, it := range st.repo.Items {
		msgs := social.Messages(cfg, it)
		if len(msgs) == 0 {
			continue
		}
		if d.Channel != "" && !slices.ContainsFunc(msgs, func(m social.Message) bool { return m.Channel == d.Channel }) {
			continue
		}
		p := it.Doc().Path
		row := socialRow{File: p, Title: itemTitle(it), Link: "/_cm/social/" + p + "?lang=" + l.Lang}
		if _, ok := it.(*content.Article); ok {
			row.Kind = l.Announcement
		} else {
			row.Kind = l.Post
		}
		for _, e := range cal.For(p) {
			if !e.Time.IsZero() && cfg.Channels[e.Channel].Type != "site" {
				row.When, row.at = l.Dateline(e.Time.In(cfg.Location)), e.Time
				break
			}
		}
		if draft(it) {
			row.When = l.DraftTitle
		}
		for _, m := range msgs {
			c := chip{Channel: m.Channel, ChannelType: cfg.Channels[m.Channel].Type}
			if m.Network != nil {
				n, limit := m.Network.Length(m.Text), m.Network.Limit(cfg.Channels[m.Channel])
				c.Count = itoa(n) + "/" + itoa(limit)
				c.Over = (limit > 0 && n > limit) || (m.Network.MaxBytes > 0 && len(m.Text) > m.Network.MaxBytes)
			}
			row.Chips = append(row.Chips, c)
		}
		d.Rows = append(d.Rows, row)
	}
	// In the order they go out; undated ones (drafts, no slot) last.
	sort.SliceStable(d.Rows, func(i, j int) bool {
		x, y := d.Rows[i].at, d.Rows[j].at
		if x.IsZero() != y.IsZero() {
			return y.IsZero()
		}
		return x.Before(y)
	})
	return d
}

func draft(it content.Item) bool {
	switch x := it.(type) {
	case *content.Article:
		return x.Draft
	case *content.Post:
		return x.Draft
	}
	return false
}

// itemTitle is an article's title or a post's first words.
func itemTitle(it content.Item) string {
	switch x := it.(type) {
	case *content.Article:
		return x.Title
	case *content.Post:
		text := x.Text
		if text == "" {
			for _, v := range x.Variants {
				text = v
				break
			}
		}
		text = strings.Join(strings.Fields(text), " ")
		if r := []rune(text); len(r) > 80 {
			text = strings.TrimSpace(string(r[:79])) + "…"
		}
		return text
	case *content.Campaign:
		return x.Title
	}
	return it.Doc().Path
}

// socialItemData is /_cm/social/PATH: one card per channel, drawn the way
// the network shows a post.
type socialItemData struct {
	Title, File, Lang, Kind string
	PageURL                 string
	DiagnosticsURL          string
	Cards                   []*card
	Diags                   []check.Diagnostic
}

type card struct {
	Channel, Type, Network string
	Name, Handle, Initial  string
	When                   string
	Kept, Cut              []segment
	// Counts against the limits.
	Count, Limit int
	Unit         string
	Over         int
	Fill         float64 // percent of the limit, at most 100
	Bytes        string
	BytesOver    bool
	Hashtags     string
	TagsOver     bool
	Media        []media
	MediaMissing bool
	LinkCard     *linkCard
	Source       string
	NoNetwork    bool
}

type segment struct {
	Text string
	Kind string // text, link, hashtag
	// URL is a link's address; networks show it shortened in Text.
	URL string
}

// shortenLinks writes links the way networks show them: without the
// scheme and "www.", cut after 30 characters. The count is the full
// text's, as the network counts it.
func shortenLinks(segs []segment) {
	for i, s := range segs {
		if s.Kind != "link" {
			continue
		}
		segs[i].URL = s.Text
		t := strings.TrimPrefix(strings.TrimPrefix(s.Text, "https://"), "http://")
		t = strings.TrimPrefix(t, "www.")
		if r := []rune(t); len(r) > 30 {
			t = string(r[:30]) + "…"
		}
		segs[i].Text = t
	}
}

type media struct {
	URL, Alt string
	Missing  bool
}

type linkCard struct {
	URL, Domain, Title, Description, Image, ImageAlt string
}

func (s *Server) socialItem(st *state, p string, l *L) *socialItemData {
	if st.repo == nil {
		return nil
	}
	it := st.repo.Item(p)
	if it == nil {
		return nil
	}
	cfg := st.cfg
	d := &socialItemData{Title: itemTitle(it), File: p, Lang: it.Language(),
		DiagnosticsURL: "/_cm/?file=" + url.QueryEscape(p) + "&lang=" + l.Lang}
	switch it.(type) {
	case *content.Article:
		d.Kind = l.Article
		if st.preview != nil {
			d.PageURL = st.preview.URL(p)
		}
	case *content.Post:
		d.Kind = l.Post
	case *content.Campaign:
		d.Kind = l.Campaign
	}
	for _, diag := range st.diags[p] {
		if strings.HasPrefix(diag.Rule, "social.") || strings.HasPrefix(diag.Rule, "schedule.") ||
			strings.HasPrefix(diag.Rule, "editorial.disclosure") {
			d.Diags = append(d.Diags, diag)
		}
	}
	when := map[string]time.Time{}
	for _, e := range st.calendar().For(p) {
		when[e.Channel] = e.Time
	}
	for _, m := range social.Messages(cfg, it) {
		c := s.card(st, it, m, l)
		if t := when[m.Channel]; !t.IsZero() {
			c.When = l.Dateline(t.In(cfg.Location))
		}
		d.Cards = append(d.Cards, c)
	}
	return d
}

// card draws one message the way its network shows it.
func (s *Server) card(st *state, it content.Item, m social.Message, l *L) *card {
	cfg := st.cfg
	ch := cfg.Channels[m.Channel]
	c := &card{Channel: m.Channel, Type: ch.Type, Name: cfg.Site.Title, Handle: handle(m.Channel, ch)}
	if r := []rune(c.Name); len(r) > 0 {
		c.Initial = strings.ToUpper(string(r[0]))
	}
	switch {
	case m.Source == "":
		c.Source = l.Body
	case strings.HasPrefix(m.Source, "share."):
		c.Source = m.Source + " (" + l.Share + ")"
	default:
		c.Source = m.Source + " (" + l.Variant + ")"
	}
	text := m.Text
	cut := len(text)
	if n := m.Network; n != nil {
		c.Network = n.Name
		c.Count, c.Limit, c.Unit = n.Length(text), n.Limit(ch), l.Unit(n.Unit)
		if c.Limit > 0 {
			c.Over = max(0, c.Count-c.Limit)
			c.Fill = min(100, float64(c.Count)*100/float64(c.Limit))
		}
		if n.MaxBytes > 0 {
			c.Bytes = sprintf(l.Bytes, len(text), n.MaxBytes)
			c.BytesOver = len(text) > n.MaxBytes
		}
		if n.MaxHashtags > 0 {
			c.Hashtags = sprintf(l.Hashtags, len(m.Hashtags), n.MaxHashtags)
			c.TagsOver = len(m.Hashtags) > n.MaxHashtags
		}
		cut = cutAt(text, n, c.Limit)
		c.MediaMissing = n.MediaRequired && len(m.Media) == 0
	} else {
		c.NoNetwork = true
		c.Network = ch.Type
	}
	c.Kept, c.Cut = segments(text, cut, m.Network == social.X)
	if !c.NoNetwork {
		shortenLinks(c.Kept)
		shortenLinks(c.Cut)
	}
	for _, md := range m.Media {
		c.Media = append(c.Media, s.mediaView(st, it, md))
	}
	if m.Link != "" && len(m.Media) == 0 && ch.Type != "instagram" {
		c.LinkCard = s.linkCard(st, m.Link)
	}
	return c
}

// handle is how the network names the account: @brand@instance on
// Mastodon, @handle on Bluesky, the channel's name elsewhere.
func handle(name string, ch config.Channel) string {
	switch {
	case ch.Type == "mastodon" && ch.Account != "":
		acct := "@" + strings.TrimPrefix(ch.Account, "@")
		if u, err := url.Parse(ch.Instance); err == nil && u.Host != "" && !strings.Contains(acct[1:], "@") {
			acct += "@" + u.Host
		}
		return acct
	case ch.Type == "bluesky" && ch.Handle != "":
		return "@" + strings.TrimPrefix(ch.Handle, "@")
	}
	return "@" + name
}

// cutAt is where a network would cut a text: the end of the longest
// prefix, at a grapheme boundary, that its limits allow. Counts do not
// always grow with the prefix (a link counts 23 once it is whole, a
// trailing "?" is not part of it), so the boundaries are tried from the
// end; a text far over the limit falls back to a binary search.
func cutAt(text string, n *social.Network, limit int) int {
	fits := func(i int) bool {
		return (limit <= 0 || n.Length(text[:i]) <= limit) && (n.MaxBytes <= 0 || i <= n.MaxBytes)
	}
	if fits(len(text)) {
		return len(text)
	}
	bounds := []int{0}
	state := -1
	for rest, at := text, 0; rest != ""; {
		var cluster string
		cluster, rest, _, state = uniseg.FirstGraphemeClusterInString(rest, state)
		at += len(cluster)
		bounds = append(bounds, at)
	}
	const tries = 1000
	for k := len(bounds) - 2; k >= max(0, len(bounds)-1-tries); k-- {
		if fits(bounds[k]) {
			return bounds[k]
		}
	}
	i := sort.Search(len(bounds), func(k int) bool { return !fits(bounds[k]) })
	return bounds[max(0, i-1)]
}

// segments splits a text into plain text, links and hashtags, before and
// after the cut.
func segments(text string, cut int, schemeless bool) (kept, over []segment) {
	type mark struct {
		start, end int
		kind       string
	}
	var marks []mark
	for _, sp := range social.URLs(text, schemeless) {
		marks = append(marks, mark{sp.Start, sp.End, "link"})
	}
	at := 0
	for _, tag := range social.HashtagsOf(text) {
		for _, hash := range []string{"#", "＃"} {
			if i := strings.Index(text[at:], hash+tag); i >= 0 {
				start := at + i
				inLink := slices.ContainsFunc(marks, func(m mark) bool { return m.kind == "link" && start >= m.start && start < m.end })
				if !inLink {
					marks = append(marks, mark{start, start + len(hash) + len(tag), "hashtag"})
				}
				at = start + len(hash) + len(tag)
				break
			}
		}
	}
	sort.Slice(marks, func(i, j int) bool { return marks[i].start < marks[j].start })
	add := func(from, to int, kind string) {
		if from >= to {
			return
		}
		if from < cut {
			end := min(to, cut)
			kept = append(kept, segment{Text: text[from:end], Kind: kind})
			from = end
		}
		if from < to {
			over = append(over, segment{Text: text[from:to], Kind: kind})
		}
	}
	pos := 0
	for _, m := range marks {
		if m.start < pos {
			continue
		}
		add(pos, m.start, "text")
		add(m.start, m.end, m.kind)
		pos = m.end
	}
	add(pos, len(text), "text")
	return kept, over
}

// mediaView is an attached image, served from the repo by /_cm/media/.
func (s *Server) mediaView(st *state, it content.Item, md content.Media) media {
	v := media{Alt: md.Alt}
	if strings.HasPrefix(md.Src, "http://") || strings.HasPrefix(md.Src, "https://") {
		v.URL = md.Src
		return v
	}
	p := path.Join(path.Dir(it.Doc().Path), md.Src)
	if !st.repo.Assets[p] {
		v.Missing = true
		return v
	}
	v.URL = "/_cm/media/" + p
	return v
}

// linkCard is what a network shows for a link: for a page of the blog,
// its Open Graph tags read from the page as the preview renders it.
func (s *Server) linkCard(st *state, link string) *linkCard {
	u, err := url.Parse(link)
	if err != nil {
		return nil
	}
	c := &linkCard{URL: link, Domain: strings.TrimPrefix(u.Hostname(), "www."), Title: link}
	base := st.cfg.Site.BaseURL
	if base == "" || !strings.HasPrefix(link, base) || st.preview == nil {
		return c
	}
	name := strings.TrimPrefix(u.Path, st.preview.BasePath())
	f, ok, err := st.preview.File(name)
	if !ok || err != nil || !f.Page {
		return c
	}
	og := openGraph(f.Data)
	if og["og:title"] != "" {
		c.Title = og["og:title"]
	}
	c.Description = og["og:description"]
	c.ImageAlt = og["og:image:alt"]
	if img := og["og:image"]; img != "" {
		// The image is on the site being previewed: show the local copy.
		if strings.HasPrefix(img, base) {
			img = strings.TrimPrefix(img, strings.TrimSuffix(base, st.preview.BasePath()))
		}
		c.Image = img
	}
	return c
}

// openGraph reads the og: meta tags of a page's head.
func openGraph(page []byte) map[string]string {
	out := map[string]string{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			if string(name) == "body" {
				return out
			}
			if string(name) != "meta" || !hasAttr {
				continue
			}
			var prop, val string
			for {
				k, v, more := z.TagAttr()
				switch string(k) {
				case "property":
					prop = string(v)
				case "content":
					val = string(v)
				}
				if !more {
					break
				}
			}
			if strings.HasPrefix(prop, "og:") {
				if _, seen := out[prop]; !seen {
					out[prop] = val
				}
			}
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
