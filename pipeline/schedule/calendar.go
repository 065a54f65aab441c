package schedule

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/content"
)

// State is where an entry stands.
type State int

const (
	// Scheduled: the item has its own time and has not gone out.
	Scheduled State = iota
	// Queued: the post had no time (or `next`) and took a slot.
	Queued
	// Published: the ledger says it went out, at Entry.Time.
	Published
)

func (s State) String() string {
	switch s {
	case Queued:
		return "queued"
	case Published:
		return "published"
	}
	return "scheduled"
}

// MarshalText writes the state as cm calendar --format json shows it.
func (s State) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Published tells whether an item already went out on a channel, and when.
// The ledger (kept in git by cm publish) provides it; until a caller passes
// one, nothing counts as published. path is the item's repo-relative path.
type PublishedFunc func(path, channel string) (at time.Time, ok bool)

// Options are what a calendar depends on besides the content.
type Options struct {
	// Now is the clock (cm's --at); the queue starts there and earlier
	// times are past. Zero means time.Now().
	Now time.Time
	// Published is the ledger's answer; nil means no ledger.
	Published PublishedFunc
}

// Entry is one item on one channel: a post, an article on the blog, an
// article's announcement on a network, or a campaign (Channel "").
type Entry struct {
	// Time is when it goes (or went) out; zero for a queued post that found
	// no free slot (see its NoSlot conflict).
	Time    time.Time
	Channel string
	Item    content.Item
	Kind    content.Kind
	// Title is an article's or campaign's title, or a post's first words.
	Title string
	State State
	// Campaign is the campaign of a post (or the campaign itself), or nil.
	Campaign *content.Campaign
	// End is when a campaign ends (zero for other entries).
	End time.Time
	// Conflicts are what breaks the posting policy, in a stable order.
	Conflicts []Conflict
}

// Path is the repo-relative path of the entry's file.
func (e *Entry) Path() string { return e.Item.Doc().Path }

// Kind of conflict with the posting policy, each reported by one rule.
type ConflictKind int

const (
	// OutsideWindows: the time is in none of the channel's windows.
	OutsideWindows ConflictKind = iota
	// OnBlackout: the date is a blackout date.
	OnBlackout
	// NoSlot: a queued post found no free slot within a year.
	NoSlot
	// TooClose: less than min_spacing from Other on the same channel.
	TooClose
	// TooMany: over max_per_day on that date.
	TooMany
	// Past: the time has passed and the ledger does not have it.
	Past
	// OutsideCampaign: a campaign's post outside starts-ends.
	OutsideCampaign
)

// Rule is the id of the rule that reports the conflict.
func (k ConflictKind) Rule() string {
	switch k {
	case TooClose, TooMany:
		return "schedule.spacing"
	case Past:
		return "schedule.past"
	case OutsideCampaign:
		return "schedule.campaign-range"
	}
	return "schedule.window"
}

// Conflict is one way an entry breaks the policy.
type Conflict struct {
	Kind ConflictKind
	// Other is the entry too close (TooClose).
	Other *Entry
	// Gap is the time between the two (TooClose), or the limit broken:
	// the spacing for TooClose, max_per_day for TooMany.
	Gap   time.Duration
	Limit time.Duration
	Count int
	Max   int
}

// Calendar is every entry of the site, in time order.
type Calendar struct {
	Location *time.Location
	Now      time.Time
	// Entries are sorted by time, channel and path; queued posts without a
	// slot come last.
	Entries []*Entry

	policies map[string]*Policy
	types    map[string]string
	byPath   map[string][]*Entry
}

// For returns the entries of a file.
func (c *Calendar) For(path string) []*Entry { return c.byPath[path] }

// Policy returns a channel's policy.
func (c *Calendar) Policy(channel string) *Policy { return c.policies[channel] }

// Build plans the repo: it places every dated item, queues the others into
// the next free slots of their channels, and finds the conflicts. Drafts
// are left out: they are never published.
func Build(repo *content.Repo, opts Options) *Calendar {
	cfg := repo.Config
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	loc := cfg.Location
	if loc == nil {
		loc = time.UTC
	}
	c := &Calendar{Location: loc, Now: now, policies: map[string]*Policy{}, types: map[string]string{}, byPath: map[string][]*Entry{}}
	for _, name := range cfg.ChannelNames() {
		c.policies[name] = NewPolicy(cfg, name)
		c.types[name] = cfg.Channels[name].Type
	}
	published := opts.Published
	if published == nil {
		published = func(string, string) (time.Time, bool) { return time.Time{}, false }
	}
	var queued []*Entry
	add := func(e *Entry) {
		if at, ok := published(e.Path(), e.Channel); ok && e.Channel != "" {
			e.Time, e.State = at, Published
		}
		if e.State == Queued {
			queued = append(queued, e)
			return
		}
		c.Entries = append(c.Entries, e)
	}
	for _, it := range repo.Items {
		switch x := it.(type) {
		case *content.Article:
			if x.Draft {
				continue
			}
			for _, ch := range cfg.ChannelNames() {
				if cfg.Channels[ch].Type == "site" {
					add(&Entry{Time: x.Date, Channel: ch, Item: x, Kind: content.KindArticle, Title: x.Title})
				}
			}
			for _, ch := range sortedKeys(x.Share) {
				if _, ok := cfg.Channels[ch]; ok {
					add(&Entry{Time: x.Date, Channel: ch, Item: x, Kind: content.KindArticle, Title: x.Title})
				}
			}
		case *content.Post:
			if x.Draft {
				continue
			}
			for _, ch := range x.Channels {
				cc, ok := cfg.Channels[ch]
				if !ok || cc.Type == "site" {
					continue
				}
				e := &Entry{Time: x.PublishAt.Time, Channel: ch, Item: x, Kind: content.KindPost,
					Title: firstWords(x.TextFor(ch), 60), Campaign: x.Campaign}
				if x.PublishAt.Queued {
					e.Time, e.State = time.Time{}, Queued
				}
				add(e)
			}
		case *content.Campaign:
			if x.Starts.IsZero() {
				continue
			}
			c.Entries = append(c.Entries, &Entry{Time: x.Starts, End: x.Ends, Item: x, Kind: content.KindCampaign,
				Title: x.Title, Campaign: x})
		}
	}
	c.queue(queued)
	c.sort()
	c.conflicts()
	for _, e := range c.Entries {
		c.byPath[e.Path()] = append(c.byPath[e.Path()], e)
	}
	return c
}

func (c *Calendar) sort() {
	sort.SliceStable(c.Entries, func(i, j int) bool {
		a, b := c.Entries[i], c.Entries[j]
		if a.Time.IsZero() != b.Time.IsZero() {
			return b.Time.IsZero()
		}
		if !a.Time.Equal(b.Time) {
			return a.Time.Before(b.Time)
		}
		if a.Channel != b.Channel {
			return a.Channel < b.Channel
		}
		return a.Path() < b.Path()
	})
}

// conflicts finds what breaks the policy. Only what is still to go out is
// judged against windows, spacing and the daily maximum: published entries
// and the past are history, though they still occupy their slots.
func (c *Calendar) conflicts() {
	byChannel := map[string][]*Entry{}
	for _, e := range c.Entries {
		if e.Channel != "" && !e.Time.IsZero() {
			byChannel[e.Channel] = append(byChannel[e.Channel], e)
		}
	}
	for _, e := range c.Entries {
		post, _ := e.Item.(*content.Post)
		if post == nil || e.State == Published {
			continue
		}
		if e.State == Scheduled && e.Time.Before(c.Now) {
			e.Conflicts = append(e.Conflicts, Conflict{Kind: Past})
		}
		if camp := post.Campaign; camp != nil && !e.Time.IsZero() && (e.Time.Before(camp.Starts) || e.Time.After(camp.Ends)) {
			e.Conflicts = append(e.Conflicts, Conflict{Kind: OutsideCampaign})
		}
	}
	for ch, list := range byChannel {
		p := c.policies[ch]
		if p == nil || c.types[ch] == "site" {
			continue
		}
		perDay := map[day]int{}
		for i, e := range list {
			d := dayOf(e.Time.In(c.Location))
			perDay[d]++
			if !c.judged(e) {
				continue
			}
			if p.Blackout(e.Time) {
				e.Conflicts = append(e.Conflicts, Conflict{Kind: OnBlackout})
			} else if !p.InWindow(e.Time) {
				e.Conflicts = append(e.Conflicts, Conflict{Kind: OutsideWindows})
			}
			if p.maxPerDay > 0 && perDay[d] > p.maxPerDay {
				e.Conflicts = append(e.Conflicts, Conflict{Kind: TooMany, Count: perDay[d], Max: p.maxPerDay})
			}
			if p.spacing > 0 {
				var near *Entry
				var gap time.Duration
				if i > 0 {
					near, gap = list[i-1], e.Time.Sub(list[i-1].Time)
				}
				if i+1 < len(list) {
					if g := list[i+1].Time.Sub(e.Time); near == nil || g < gap {
						near, gap = list[i+1], g
					}
				}
				if near != nil && gap < p.spacing {
					e.Conflicts = append(e.Conflicts, Conflict{Kind: TooClose, Other: near, Gap: gap, Limit: p.spacing})
				}
			}
		}
	}
	for _, e := range c.Entries {
		sort.SliceStable(e.Conflicts, func(i, j int) bool { return e.Conflicts[i].Kind < e.Conflicts[j].Kind })
	}
}

// judged says whether an entry is still to go out: not published and not
// in the past (a post in the past has its Past conflict instead).
func (c *Calendar) judged(e *Entry) bool {
	return e.State != Published && !e.Time.Before(c.Now)
}

// firstWords is the start of a text, on one line, cut at a word boundary
// after at most max characters: the whole text when it fits, else words
// within max-1 characters and an ellipsis.
func firstWords(s string, max int) string {
	var b strings.Builder
	n, cut := 0, -1 // cut: length of b at the last word end within max-1
	for w := range strings.FieldsSeq(s) {
		l := utf8.RuneCountInString(w)
		sep := 0
		if n > 0 {
			sep = 1
		}
		if n+sep+l > max {
			if cut < 0 {
				b.WriteString(" " + w)
				return string([]rune(strings.TrimSpace(b.String()))[:max-1]) + "…"
			}
			return b.String()[:cut] + "…"
		}
		if sep == 1 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		n += sep + l
		if n <= max-1 {
			cut = b.Len()
		}
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// String describes a conflict in English, for cm calendar.
func (k Conflict) String() string {
	switch k.Kind {
	case OutsideWindows:
		return "outside the channel's posting windows"
	case OnBlackout:
		return "on a blackout date"
	case NoSlot:
		return "no free slot in the next year"
	case TooClose:
		return fmt.Sprintf("%s from %s (at least %s apart)", Duration(k.Gap), k.Other.Path(), Duration(k.Limit))
	case TooMany:
		return fmt.Sprintf("post %d of the day, over the maximum of %d", k.Count, k.Max)
	case Past:
		return "the time has passed and it has not been published"
	case OutsideCampaign:
		return "outside its campaign's dates"
	}
	return "conflict"
}

// Duration writes a duration the way people do: 1h30, 45min, 2h.
func Duration(d time.Duration) string {
	d = d.Round(time.Minute)
	h, m := int(d.Hours()), int(d.Minutes())%60
	switch {
	case h == 0:
		return fmt.Sprintf("%dmin", m)
	case m == 0:
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02d", h, m)
}
