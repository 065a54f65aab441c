package schedule

import (
	"slices"
	"time"
)

// horizon is how far the queue looks for a free slot.
const horizon = 400 // days

// occupancy is what is already on a channel: the times of its entries, in
// Unix seconds, sorted, and how many fall on each local date.
type occupancy struct {
	times  []int64
	perDay map[day]int
	clock  *localClock
	// day is the date the queue looked at last: the next post most often
	// goes on the same date.
	day openings
}

// openings are the times a free stretch can begin on a local date,
// whatever is scheduled: the start of each window and a daylight saving
// change (where a window may reopen), in order. start and end bound the
// date.
type openings struct {
	day        day
	start, end time.Time
	times      []time.Time
}

func (p *Policy) openings(d day) openings {
	o := openings{day: d, start: startOfDay(d, p.loc), end: startOfDay(nextDay(d), p.loc)}
	if p.anytime {
		o.times = append(o.times, o.start)
	} else {
		y, m, dd := d.date()
		wd := time.Date(y, m, dd, 12, 0, 0, 0, time.UTC).Weekday()
		for _, w := range p.windows[wd] {
			o.times = append(o.times, wallClock(d, w.from, p.loc))
		}
	}
	if _, end := o.start.ZoneBounds(); !end.IsZero() && end.Before(o.end) {
		o.times = append(o.times, end)
	}
	slices.SortFunc(o.times, time.Time.Compare)
	return o
}

func newOccupancy(loc *time.Location) *occupancy {
	return &occupancy{perDay: map[day]int{}, clock: newLocalClock(loc)}
}

func (o *occupancy) add(t time.Time) {
	s := t.Unix()
	i, _ := slices.BinarySearch(o.times, s)
	o.times = slices.Insert(o.times, i, s)
	d, _, _ := o.clock.at(t)
	o.perDay[d]++
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

// queue gives each queued post of a channel, in path order, the channel's
// next free slot, the way Buffer's queue does: the earliest time, from now
// on (and not before its campaign starts), that is inside a window, not on a
// blackout date, at least min_spacing away from every other post of the
// channel and not over max_per_day. The same repo and the same clock always
// give the same slots. The channel's dated entries must be in calendar
// order.
func (c *Calendar) queue(p *Policy, dated, queued []*Entry) {
	if len(queued) == 0 {
		return
	}
	o := newOccupancy(c.Location)
	o.times = make([]int64, 0, len(dated)+len(queued))
	for _, e := range dated {
		if !e.Time.IsZero() {
			o.add(e.Time) // in order: at the end
		}
	}
	// A post queued after another with the same constraints (the same
	// earliest time) can never go earlier than it: the search resumes where
	// the last one ended. A lane where one post found no slot has none for
	// the next either.
	type lane struct {
		cursor time.Time
		full   bool
	}
	lanes := map[int64]*lane{}
	start := c.Now.Truncate(time.Minute)
	if start.Before(c.Now) {
		start = start.Add(time.Minute)
	}
	for _, e := range queued {
		from := start
		if e.Campaign != nil && e.Campaign.Starts.After(from) {
			from = e.Campaign.Starts
		}
		l := lanes[from.Unix()]
		if l == nil {
			l = &lane{}
			lanes[from.Unix()] = l
		}
		if l.cursor.After(from) {
			from = l.cursor
		}
		t, ok := time.Time{}, false
		if !l.full {
			t, ok = p.next(o, from)
		}
		if ok {
			e.Time = t
			o.add(t)
			l.cursor = t
		} else {
			l.full = true
			e.Conflicts = append(e.Conflicts, Conflict{Kind: NoSlot})
		}
	}
}

// NextOpen is the first time at or after t inside a window and not on a
// blackout date, whatever else is scheduled then.
func (p *Policy) NextOpen(t time.Time) (time.Time, bool) {
	return p.next(newOccupancy(p.loc), t)
}

// next is the earliest free time at or after from.
func (p *Policy) next(o *occupancy, from time.Time) (time.Time, bool) {
	d := dayOf(from.In(p.loc))
	for range horizon {
		if !p.blackout[d] && (p.maxPerDay <= 0 || o.perDay[d] < p.maxPerDay) {
			if t, ok := p.firstFree(d, o, from); ok {
				return t.In(p.loc), true
			}
		}
		d = nextDay(d)
	}
	return time.Time{}, false
}

// firstFree is the earliest free time of local date d at or after from. A
// free stretch can only begin at the start of a window, at from, at a
// daylight saving change (where a window may reopen) or at the end of the
// spacing after a post, so it tries those times in order. The posts come
// in order already: only the few others are sorted.
func (p *Policy) firstFree(d day, o *occupancy, from time.Time) (time.Time, bool) {
	if o.day.day != d {
		o.day = p.openings(d)
	}
	dayStart, dayEnd := o.day.start, o.day.end
	var buf [8]time.Time
	starts := append(buf[:0], o.day.times...)
	if !from.Before(dayStart) && from.Before(dayEnd) {
		i, _ := slices.BinarySearchFunc(starts, from, time.Time.Compare)
		starts = slices.Insert(starts, i, from)
	}

	// The posts whose spacing ends on that day, and not before from (the
	// search passes over earlier times).
	var posts []int64
	if p.spacing > 0 {
		lo := dayStart
		if from.After(lo) {
			lo = from
		}
		i, _ := slices.BinarySearch(o.times, lo.Add(-p.spacing).Unix())
		j, _ := slices.BinarySearch(o.times[i:], dayEnd.Unix())
		posts = o.times[i : i+j]
	}

	for len(starts) > 0 || len(posts) > 0 {
		var t time.Time
		if len(posts) > 0 {
			t = time.Unix(posts[0], 0).Add(p.spacing)
		}
		if len(starts) > 0 && (len(posts) == 0 || starts[0].Before(t)) {
			t, starts = starts[0], starts[1:]
		} else {
			posts = posts[1:]
		}
		if t.Before(from) || !o.free(t, p.spacing) {
			continue
		}
		if td, wd, clock := o.clock.at(t); td == d && p.inWindow(wd, clock, t.Nanosecond()) {
			return t, true
		}
	}
	return time.Time{}, false
}
