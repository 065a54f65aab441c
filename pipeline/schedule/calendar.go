package schedule

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
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
	// files are the entries of each file, files in path order.
	files []fileEntries
}

type fileEntries struct {
	path    string
	entries []*Entry // in calendar order
}

// For returns the entries of a file.
func (c *Calendar) For(path string) []*Entry {
	i, ok := slices.BinarySearchFunc(c.files, path, func(f fileEntries, path string) int { return strings.Compare(f.path, path) })
	if !ok {
		return nil
	}
	return c.files[i].entries
}

// Policy returns a channel's policy.
func (c *Calendar) Policy(channel string) *Policy { return c.policies[channel] }

// channelPlan is one channel's part of the calendar. The queue and the
// policy of a channel look at that channel alone, so each is planned on
// its own and the calendar merges them.
type channelPlan struct {
	name   string
	policy *Policy
	site   bool
	// made are the channel's entries as each part of the items made them,
	// in path order; entries are all of them in calendar order, once
	// planned.
	made    [][]*Entry
	entries []*Entry
}

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
	names := cfg.ChannelNames()
	c := &Calendar{Location: loc, Now: now, policies: make(map[string]*Policy, len(names))}
	plans := make([]*channelPlan, len(names))
	for i, name := range names {
		plans[i] = &channelPlan{name: name, policy: NewPolicy(cfg, name), site: cfg.Channels[name].Type == "site"}
		c.policies[name] = plans[i].policy
	}

	campaigns := c.collect(repo.Items, plans)
	if opts.Published != nil {
		c.markPublished(opts.Published)
	}
	// The channels share nothing: each is planned on its own goroutine.
	var wg sync.WaitGroup
	for _, p := range plans {
		wg.Go(func() { c.plan(p) })
	}
	wg.Wait()

	lists := [][]*Entry{sortEntries(campaigns)}
	for _, p := range plans {
		lists = append(lists, p.entries)
	}
	c.Entries = mergeAll(lists)
	for _, f := range c.files {
		slices.SortStableFunc(f.entries, compareEntries)
	}
	return c
}

// collect makes the entries of the items, in path order, into their
// channels' plans and c.files, and returns the campaigns, which are on no
// channel. The items are read in parts, one per processor, at once.
//
// The entries are made in path order, so that the order they are made in
// breaks the ties of the calendar's order (its sorts are stable), and so
// that the queue takes its posts in path order. content.Load sorts the
// items by path; a repo made otherwise is sorted here.
func (c *Calendar) collect(items []content.Item, plans []*channelPlan) (campaigns []*Entry) {
	// A part has at most one file per item: each lists its files in its
	// own stretch of c.files, and the stretches are closed up afterwards.
	parts := make([]collection, runtime.GOMAXPROCS(0))
	c.files = make([]fileEntries, len(items))
	read := func(items []content.Item) {
		var wg sync.WaitGroup
		for i := range parts {
			lo, hi := i*len(items)/len(parts), (i+1)*len(items)/len(parts)
			wg.Go(func() { parts[i] = collectPart(items[lo:hi], plans, c.files[lo:lo:hi]) })
		}
		wg.Wait()
	}
	read(items)
	if !inPathOrder(parts) {
		items = slices.Clone(items)
		slices.SortStableFunc(items, func(a, b content.Item) int { return strings.Compare(a.Doc().Path, b.Doc().Path) })
		read(items)
	}
	files := 0
	for _, part := range parts {
		for i, p := range plans {
			p.made = append(p.made, part.channels[i])
		}
		campaigns = append(campaigns, part.campaigns...)
		files += copy(c.files[files:], part.files)
	}
	c.files = c.files[:files]
	return campaigns
}

// inPathOrder tells whether the parts read the items in path order.
func inPathOrder(parts []collection) bool {
	last := ""
	for _, part := range parts {
		if part.last == "" {
			continue // no items
		}
		if !part.inOrder || part.first < last {
			return false
		}
		last = part.last
	}
	return true
}

// collection is the entries of some items, in path order: each channel's
// (in the order of the plans), the campaigns, and each file's. inOrder
// tells whether the items came in path order, from first to last.
type collection struct {
	channels    [][]*Entry
	campaigns   []*Entry
	files       []fileEntries
	inOrder     bool
	first, last string
}

// collectPart makes the entries of some items, in path order. It appends
// their files to files.
func collectPart(items []content.Item, plans []*channelPlan, files []fileEntries) collection {
	col := collection{channels: make([][]*Entry, len(plans)), files: files}
	byName := make(map[string]int, len(plans))
	var sites []int
	for i, p := range plans {
		byName[p.name] = i
		if p.site {
			sites = append(sites, i)
		}
	}
	// Entries are allocated by blocks, not one by one: a calendar has
	// tens of thousands of them.
	var block []Entry
	// byFile are the entries in the order they are made, a file's together.
	byFile := make([]*Entry, 0, len(items))
	add := func(e Entry, channel int) *Entry {
		if len(block) == cap(block) {
			block = make([]Entry, 0, 256)
		}
		block = append(block, e)
		p := &block[len(block)-1]
		if channel >= 0 {
			col.channels[channel] = append(col.channels[channel], p)
		}
		byFile = append(byFile, p)
		return p
	}
	col.inOrder = true
	for n, it := range items {
		path := it.Doc().Path
		switch {
		case n == 0:
			col.first = path
		case path < col.last:
			col.inOrder = false
		}
		col.last = path
		from := len(byFile)
		switch x := it.(type) {
		case *content.Article:
			if x.Draft {
				continue
			}
			for _, i := range sites {
				add(Entry{Time: x.Date, Channel: plans[i].name, Item: x, Kind: content.KindArticle, Title: x.Title}, i)
			}
			if len(x.Share) == 0 {
				break
			}
			for i, p := range plans { // the channels it is shared on, by name
				if _, ok := x.Share[p.name]; ok {
					add(Entry{Time: x.Date, Channel: p.name, Item: x, Kind: content.KindArticle, Title: x.Title}, i)
				}
			}
		case *content.Post:
			if x.Draft {
				continue
			}
			var text, title string // most posts send the same text everywhere
			for _, ch := range x.Channels {
				i, ok := byName[ch]
				if !ok || plans[i].site {
					continue
				}
				if t := x.TextFor(ch); t != text || title == "" {
					text, title = t, firstWords(t, 60)
				}
				e := Entry{Time: x.PublishAt.Time, Channel: ch, Item: x, Kind: content.KindPost, Title: title, Campaign: x.Campaign}
				if x.PublishAt.Queued {
					e.Time, e.State = time.Time{}, Queued
				}
				add(e, i)
			}
		case *content.Campaign:
			if x.Starts.IsZero() {
				continue
			}
			col.campaigns = append(col.campaigns,
				add(Entry{Time: x.Starts, End: x.Ends, Item: x, Kind: content.KindCampaign, Title: x.Title, Campaign: x}, -1))
		}
		if len(byFile) > from {
			col.files = append(col.files, fileEntries{path, byFile[from:len(byFile):len(byFile)]})
		}
	}
	return col
}

// markPublished gives the entries that the ledger has their time and
// state. It asks on one goroutine: the caller's function need not be safe
// for concurrent use.
func (c *Calendar) markPublished(published PublishedFunc) {
	for _, f := range c.files {
		for _, e := range f.entries {
			if e.Channel == "" {
				continue // a campaign
			}
			if at, ok := published(f.path, e.Channel); ok {
				e.Time, e.State = at, Published
			}
		}
	}
}

// plan sorts a channel's entries, gives its queued posts their slots and
// finds their conflicts with the channel's policy.
func (c *Calendar) plan(p *channelPlan) {
	n := 0
	for _, made := range p.made {
		n += len(made)
	}
	dated, queued := make([]*Entry, 0, n), []*Entry(nil)
	for _, made := range p.made {
		for _, e := range made {
			if e.State == Queued {
				queued = append(queued, e)
			} else {
				dated = append(dated, e)
			}
		}
	}
	dated = sortEntries(dated)
	c.queue(p.policy, dated, queued)
	p.entries = mergeEntries(dated, sortEntries(queued))
	if p.site {
		return // the blog has no posts and no policy to break
	}
	c.conflicts(p)
	for _, e := range p.entries {
		c.postConflicts(e)
	}
}

// compareEntries is the calendar's order: by time, queued posts without a
// slot last, then by channel and path.
func compareEntries(a, b *Entry) int {
	if az, bz := a.Time.IsZero(), b.Time.IsZero(); az != bz {
		if az {
			return 1
		}
		return -1
	}
	if n := a.Time.Compare(b.Time); n != 0 {
		return n
	}
	if n := strings.Compare(a.Channel, b.Channel); n != 0 {
		return n
	}
	return strings.Compare(a.Path(), b.Path())
}

// sortEntries sorts the entries of one channel, in path order, in
// calendar order, stably, and returns them. With one channel and paths in
// order already, time decides and ties keep the order they come in: the
// sort compares keys read once from the entries, numbers next to each other
// in memory, rather than the entries themselves.
func sortEntries(entries []*Entry) []*Entry {
	type key struct {
		sec     int64
		nsec, i int32 // i is the entry's index, for ties
		e       *Entry
	}
	keys := make([]key, len(entries))
	for i, e := range entries {
		k := key{e.Time.Unix(), int32(e.Time.Nanosecond()), int32(i), e}
		if e.Time.IsZero() {
			k.sec = math.MaxInt64 // last: no time has that many seconds
		}
		keys[i] = k
	}
	slices.SortFunc(keys, func(a, b key) int {
		switch {
		case a.sec != b.sec:
			return cmp.Compare(a.sec, b.sec)
		case a.nsec != b.nsec:
			return cmp.Compare(a.nsec, b.nsec)
		}
		return cmp.Compare(a.i, b.i)
	})
	for i, k := range keys {
		entries[i] = k.e
	}
	return entries
}

// mergeEntries merges two lists in calendar order into one, a's first on a
// tie, as a stable sort of a followed by b would.
func mergeEntries(a, b []*Entry) []*Entry {
	if len(b) == 0 {
		return a
	}
	out := make([]*Entry, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		if compareEntries(b[0], a[0]) < 0 {
			out, b = append(out, b[0]), b[1:]
		} else {
			out, a = append(out, a[0]), a[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

// mergeAll merges lists in calendar order into one, two by two.
func mergeAll(lists [][]*Entry) []*Entry {
	if len(lists) == 0 {
		return nil
	}
	for len(lists) > 1 {
		var next [][]*Entry
		for i := 0; i < len(lists); i += 2 {
			if i+1 < len(lists) {
				next = append(next, mergeEntries(lists[i], lists[i+1]))
			} else {
				next = append(next, lists[i])
			}
		}
		lists = next
	}
	return lists[0]
}

// conflicts finds what breaks a channel's policy. Only what is still to go
// out is judged against windows, spacing and the daily maximum: published
// entries and the past are history, though they still occupy their slots.
func (c *Calendar) conflicts(ch *channelPlan) {
	p := ch.policy
	list := ch.entries
	for len(list) > 0 && list[len(list)-1].Time.IsZero() {
		list = list[:len(list)-1]
	}
	perDay := map[day]int{}
	local := newLocalClock(c.Location)
	var after time.Duration // from the entry to the next one
	for i, e := range list {
		before := after
		if p.spacing > 0 && i+1 < len(list) {
			after = list[i+1].Time.Sub(e.Time)
		}
		d, wd, clock := local.at(e.Time)
		perDay[d]++
		if !c.judged(e) {
			continue
		}
		if p.blackout[d] {
			e.Conflicts = append(e.Conflicts, Conflict{Kind: OnBlackout})
		} else if !p.inWindow(wd, clock, e.Time.Nanosecond()) {
			e.Conflicts = append(e.Conflicts, Conflict{Kind: OutsideWindows})
		}
		if p.maxPerDay > 0 && perDay[d] > p.maxPerDay {
			e.Conflicts = append(e.Conflicts, Conflict{Kind: TooMany, Count: perDay[d], Max: p.maxPerDay})
		}
		if p.spacing > 0 {
			var near *Entry
			var gap time.Duration
			if i > 0 {
				near, gap = list[i-1], before
			}
			if i+1 < len(list) && (near == nil || after < gap) {
				near, gap = list[i+1], after
			}
			if near != nil && gap < p.spacing {
				e.Conflicts = append(e.Conflicts, Conflict{Kind: TooClose, Other: near, Gap: gap, Limit: p.spacing})
			}
		}
	}
}

// postConflicts finds whether a post's time has passed or is outside its
// campaign, and puts the entry's conflicts in a stable order.
func (c *Calendar) postConflicts(e *Entry) {
	if e.Kind == content.KindPost && e.State != Published {
		if e.State == Scheduled && e.Time.Before(c.Now) {
			e.Conflicts = append(e.Conflicts, Conflict{Kind: Past})
		}
		if camp := e.Campaign; camp != nil && !e.Time.IsZero() && (e.Time.Before(camp.Starts) || e.Time.After(camp.Ends)) {
			e.Conflicts = append(e.Conflicts, Conflict{Kind: OutsideCampaign})
		}
	}
	if len(e.Conflicts) > 1 {
		slices.SortStableFunc(e.Conflicts, func(a, b Conflict) int { return int(a.Kind) - int(b.Kind) })
	}
}

// judged says whether an entry is still to go out: not published and not
// in the past (a post in the past has its Past conflict instead).
func (c *Calendar) judged(e *Entry) bool {
	return e.State != Published && !e.Time.Before(c.Now)
}

// firstWords is the start of a text, on one line, cut at a word boundary
// after at most max characters: the whole text when it fits, else words
// within max-1 characters and an ellipsis. Every post gets one as its
// title, so it reads only the words it keeps and returns them as part of s
// when they are already one space apart, as they usually are.
func firstWords(s string, max int) string {
	first := -1         // where the first word starts
	n := 0              // characters kept: the words and one space between each
	end, cut := 0, -1   // where the words kept end, and those within max-1
	irregular := len(s) // where the first gap other than one space is
	for i := 0; ; {
		from, to, l := nextWord(s, i)
		if from == to {
			break
		}
		if first < 0 {
			first = from
		} else if irregular == len(s) && (from != i+1 || s[i] != ' ') {
			irregular = i
		}
		sep := 0
		if n > 0 {
			sep = 1
		}
		if n+sep+l > max {
			if cut < 0 {
				// Even the first word is too long: cut it.
				return string([]rune(s[first:to])[:max-1]) + "…"
			}
			return joinWords(s[first:cut], irregular < cut, "…")
		}
		n += sep + l
		end, i = to, to
		if n <= max-1 {
			cut = to
		}
	}
	if first < 0 {
		return ""
	}
	return joinWords(s[first:end], irregular < end, "")
}

// nextWord finds the first word of s at or after i: its bounds and its
// length in characters (from == to when there is none). Words are what
// strings.Fields finds.
func nextWord(s string, i int) (from, to, chars int) {
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if !asciiSpace[c] {
				break
			}
			i++
		} else if space, size := unicodeSpace(s[i:]); space {
			i += size
		} else {
			break
		}
	}
	from = i
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			if asciiSpace[c] {
				break
			}
			i++
		} else if space, size := unicodeSpace(s[i:]); !space {
			i += size
		} else {
			break
		}
		chars++
	}
	return from, i, chars
}

// unicodeSpace says whether s starts with a space, and the size of its
// first character.
func unicodeSpace(s string) (bool, int) {
	r, size := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r), size
}

var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// joinWords is the words of s joined by single spaces (s itself when they
// already are), followed by tail.
func joinWords(s string, irregular bool, tail string) string {
	if !irregular {
		return s + tail
	}
	var b strings.Builder
	b.Grow(len(s) + len(tail))
	for i := 0; ; {
		from, to, _ := nextWord(s, i)
		if from == to {
			break
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[from:to])
		i = to
	}
	b.WriteString(tail)
	return b.String()
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
