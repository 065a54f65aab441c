package schedule

import (
	"slices"
	"sort"
	"time"
)

// horizon is how far the queue looks for a free slot.
const horizon = 400 // days

// occupancy is what is already on a channel: the times of its entries, in
// Unix seconds, sorted, and how many fall on each local date.
type occupancy struct {
	times  []int64
	perDay map[day]int
}

func (o *occupancy) add(t time.Time, loc *time.Location) {
	s := t.Unix()
	i, _ := slices.BinarySearch(o.times, s)
	o.times = slices.Insert(o.times, i, s)
	o.perDay[dayOf(t.In(loc))]++
}

// free says whether t keeps its distance from every other entry.
func (o *occupancy) free(t time.Time, spacing time.Duration) bool {
	if spacing <= 0 {
		return true
	}
	s, gap := t.Unix(), int64(spacing/time.Second)
	i, _ := slices.BinarySearch(o.times, s)
	if i < len(o.times) && o.times[i]-s < gap {
		return false
	}
	return i == 0 || s-o.times[i-1] >= gap
}

// queue gives each queued post, in path order, the next free slot of each
// of its channels, the way Buffer's queue does: the earliest time, from now
// on (and not before its campaign starts), that is inside a window, not on a
// blackout date, at least min_spacing away from every other post of the
// channel and not over max_per_day. The same repo and the same clock always
// give the same slots.
func (c *Calendar) queue(queued []*Entry) {
	occ := map[string]*occupancy{}
	for _, e := range c.Entries {
		if e.Channel == "" || e.Time.IsZero() {
			continue
		}
		o := occ[e.Channel]
		if o == nil {
			o = &occupancy{perDay: map[day]int{}}
			occ[e.Channel] = o
		}
		o.add(e.Time, c.Location)
	}
	// A post queued after another with the same constraints can never go
	// earlier than it: the search resumes where the last one ended.
	type lane struct {
		channel   string
		notBefore int64
	}
	cursor := map[lane]time.Time{}
	// A lane where one post found no slot has none for the next either.
	full := map[lane]bool{}
	start := c.Now.Truncate(time.Minute)
	if start.Before(c.Now) {
		start = start.Add(time.Minute)
	}
	for _, e := range queued {
		o := occ[e.Channel]
		if o == nil {
			o = &occupancy{perDay: map[day]int{}}
			occ[e.Channel] = o
		}
		from := start
		if e.Campaign != nil && e.Campaign.Starts.After(from) {
			from = e.Campaign.Starts
		}
		l := lane{e.Channel, from.Unix()}
		if cur, ok := cursor[l]; ok && cur.After(from) {
			from = cur
		}
		t, ok := time.Time{}, false
		if !full[l] {
			t, ok = c.policies[e.Channel].next(o, from)
		}
		if ok {
			e.Time = t
			o.add(t, c.Location)
			cursor[l] = t
		} else {
			full[l] = true
			e.Conflicts = append(e.Conflicts, Conflict{Kind: NoSlot})
		}
		c.Entries = append(c.Entries, e)
	}
}

// NextOpen is the first time at or after t inside a window and not on a
// blackout date, whatever else is scheduled then.
func (p *Policy) NextOpen(t time.Time) (time.Time, bool) {
	return p.next(&occupancy{perDay: map[day]int{}}, t)
}

// next is the earliest free time at or after from.
func (p *Policy) next(o *occupancy, from time.Time) (time.Time, bool) {
	loc := p.loc
	d := dayOf(from.In(loc))
	var cands []time.Time
	for range horizon {
		if !p.blackout[d] && (p.maxPerDay <= 0 || o.perDay[d] < p.maxPerDay) {
			cands = p.candidates(d, o, from, cands[:0])
			for _, t := range cands {
				if !t.Before(from) && dayOf(t.In(loc)) == d && p.InWindow(t) && o.free(t, p.spacing) {
					return t.In(loc), true
				}
			}
		}
		d = nextDay(d)
	}
	return time.Time{}, false
}

// candidates are the times of local date d where a free stretch can begin:
// the start of each window, the start of the search, the end of the
// spacing after each post, and a daylight saving change (where a window
// may reopen). The earliest free time is always one of them.
func (p *Policy) candidates(d day, o *occupancy, from time.Time, out []time.Time) []time.Time {
	dayStart := startOfDay(d, p.loc)
	dayEnd := startOfDay(nextDay(d), p.loc)
	if p.anytime {
		out = append(out, dayStart)
	} else {
		y, m, dd := d.date()
		wd := time.Date(y, m, dd, 12, 0, 0, 0, time.UTC).Weekday()
		for _, w := range p.windows[wd] {
			out = append(out, wallClock(d, w.from, p.loc))
		}
	}
	if _, end := dayStart.ZoneBounds(); !end.IsZero() && end.Before(dayEnd) {
		out = append(out, end)
	}
	if !from.Before(dayStart) && from.Before(dayEnd) {
		out = append(out, from)
	}
	if p.spacing > 0 {
		lo := dayStart.Add(-p.spacing).Unix()
		i := sort.Search(len(o.times), func(i int) bool { return o.times[i] >= lo })
		for ; i < len(o.times) && o.times[i] < dayEnd.Unix(); i++ {
			out = append(out, time.Unix(o.times[i], 0).Add(p.spacing))
		}
	}
	slices.SortFunc(out, func(a, b time.Time) int { return a.Compare(b) })
	return out
}
