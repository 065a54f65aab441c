// Package schedule holds the posting policy of cm.yaml's schedule:, the
// queue that gives posts without a time the next free slot of their
// channel, and the calendar: every article, post and announcement with its
// time, channel, state and conflicts with the policy. The schedule rules,
// cm calendar and (later) cm plan read the same Calendar.
//
// Times of day are wall-clock times in the site's timezone. A window's
// instants are those whose local date and time fall in it, so the queue and
// the checks agree across daylight saving changes: on the last Sunday of
// March a window at 02:30 in Europe/Paris starts at 03:00, the end of the
// gap; on the last Sunday of October a window at 02:30 opens at the first
// 02:30.
package schedule

import (
	"fmt"
	"strings"
	"time"

	"github.com/cmhq/cm/pipeline/config"
)

// Policy is the schedule of one channel.
type Policy struct {
	loc *time.Location
	// windows[weekday] are the minute ranges [from, to] of that day.
	windows [7][]minuteRange
	// anytime is true when the channel has no windows: every time is open.
	anytime    bool
	spacing    time.Duration
	maxPerDay  int
	blackout   map[day]bool
	hasWindows bool
}

type minuteRange struct{ from, to int }

// day is a local calendar date, as yyyymmdd.
type day int

func dayOf(t time.Time) day {
	y, m, d := t.Date()
	return day(y*10000 + int(m)*100 + d)
}

func (d day) date() (int, time.Month, int) {
	return int(d) / 10000, time.Month(int(d) / 100 % 100), int(d) % 100
}

// String is YYYY-MM-DD.
func (d day) String() string {
	y, m, dd := d.date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// localClock reads the local date and wall clock of instants in a
// timezone. Between two changes of offset a date lasts from one midnight to
// the next, so it keeps the stretch of the last date it looked up where the
// offset does not change, and reads the instants that fall inside with
// arithmetic: the calendar reads its entries in time order, dozens a day.
type localClock struct {
	loc *time.Location
	// from and to bound the stretch, in Unix seconds, [from, to);
	// midnight is when its wall clock reads 00:00.
	from, to, midnight int64
	day                day
	weekday            time.Weekday
}

func newLocalClock(loc *time.Location) *localClock {
	return &localClock{loc: loc, from: 1, to: 0} // an empty stretch
}

// at returns the local date of t, its day of the week and its wall clock
// in seconds since midnight.
func (c *localClock) at(t time.Time) (d day, wd time.Weekday, clock int) {
	s := t.Unix()
	if s < c.from || s >= c.to {
		c.lookup(t)
	}
	return c.day, c.weekday, int(s - c.midnight)
}

func (c *localClock) lookup(t time.Time) {
	l := t.In(c.loc)
	h, m, sec := l.Clock()
	c.day, c.weekday = dayOf(l), l.Weekday()
	c.midnight = t.Unix() - int64(h*3600+m*60+sec)
	c.from, c.to = c.midnight, c.midnight+24*3600
	start, end := l.ZoneBounds()
	if !start.IsZero() {
		c.from = max(c.from, start.Unix())
	}
	if !end.IsZero() {
		c.to = min(c.to, end.Unix())
	}
}

// NewPolicy reads the policy of a channel from cm.yaml. A channel without a
// schedule may post at any time, with no spacing and no daily maximum, on
// any day but the site-wide blackout dates. Values that config validation
// rejected (a bad time, an unknown day) are skipped.
func NewPolicy(cfg *config.Config, channel string) *Policy {
	p := &Policy{loc: cfg.Location, blackout: map[day]bool{}}
	if p.loc == nil {
		p.loc = time.UTC
	}
	cs := cfg.Schedule.Channels[channel]
	for _, list := range [][]string{cfg.Schedule.Blackout, cs.Blackout} {
		for _, s := range list {
			if t, err := config.ParseDate(s); err == nil {
				p.blackout[dayOf(t)] = true
			}
		}
	}
	p.spacing, p.maxPerDay = cs.MinSpacing, cs.MaxPerDay
	for _, w := range cs.Windows {
		from, err1 := config.ParseClock(w.From)
		to, err2 := config.ParseClock(w.To)
		if err1 != nil || err2 != nil || to <= from {
			continue
		}
		days := w.Days
		if len(days) == 0 {
			days = config.DayNames
		}
		for _, name := range days {
			if wd, ok := config.Weekday(name); ok {
				p.windows[wd] = append(p.windows[wd], minuteRange{from, to})
				p.hasWindows = true
			}
		}
	}
	p.anytime = !p.hasWindows
	return p
}

// InWindow says whether t is inside one of the channel's windows (always
// true for a channel without windows).
func (p *Policy) InWindow(t time.Time) bool {
	if p.anytime {
		return true
	}
	l := t.In(p.loc)
	h, m, s := l.Clock()
	return p.inWindow(l.Weekday(), h*3600+m*60+s, l.Nanosecond())
}

// inWindow is InWindow for a local time: its day of the week, its wall
// clock in seconds since midnight and its nanoseconds.
func (p *Policy) inWindow(wd time.Weekday, clock, nsec int) bool {
	if p.anytime {
		return true
	}
	m, sec := clock/60, clock%60+nsec
	for _, w := range p.windows[wd] {
		// The window's last minute counts only at its first instant: 13:30
		// is inside 12:00-13:30, 13:30:01 is not.
		if m >= w.from && (m < w.to || m == w.to && sec == 0) {
			return true
		}
	}
	return false
}

// Blackout says whether t falls on a blackout date of the channel.
func (p *Policy) Blackout(t time.Time) bool { return p.blackout[dayOf(t.In(p.loc))] }

// Spacing is the minimum time between two posts of the channel.
func (p *Policy) Spacing() time.Duration { return p.spacing }

// MaxPerDay is the most posts a day (0: no limit).
func (p *Policy) MaxPerDay() int { return p.maxPerDay }

// HasWindows says whether the channel has posting windows.
func (p *Policy) HasWindows() bool { return p.hasWindows }

// wallClock returns the earliest instant of local date d whose wall clock
// reads the given minute of the day or later: in a daylight saving gap,
// the end of the gap; in an overlap, the first of the two instants.
func wallClock(d day, minute int, loc *time.Location) time.Time {
	y, m, dd := d.date()
	t := time.Date(y, m, dd, minute/60, minute%60, 0, 0, loc)
	if t.Hour()*60+t.Minute() != minute || dayOf(t) != d {
		// A gap: Go moved the time forward by the gap's length. The first
		// instant reading at least minute is the start of the new zone.
		start, _ := t.ZoneBounds()
		return start
	}
	start, _ := t.ZoneBounds()
	if !start.IsZero() {
		_, off := t.Zone()
		_, prevOff := start.Add(-time.Nanosecond).Zone()
		if prevOff > off {
			// An overlap: the same wall clock happened first in the
			// previous zone.
			if e := t.Add(-time.Duration(prevOff-off) * time.Second); e.Before(start) && dayOf(e.In(loc)) == d {
				l := e.In(loc)
				if l.Hour()*60+l.Minute() == minute {
					return e
				}
			}
		}
	}
	return t
}

// startOfDay is the first instant of local date d.
func startOfDay(d day, loc *time.Location) time.Time { return wallClock(d, 0, loc) }

// nextDay is the local date after d.
func nextDay(d day) day {
	y, m, dd := d.date()
	return dayOf(time.Date(y, m, dd+1, 12, 0, 0, 0, time.UTC))
}

// WindowsOn describes the windows of a day of the week, "12:00-13:30,
// 21:00-22:30", or "" when there are none.
func (p *Policy) WindowsOn(wd time.Weekday) string {
	var parts []string
	for _, w := range p.windows[wd] {
		parts = append(parts, clock(w.from)+"-"+clock(w.to))
	}
	return strings.Join(parts, ", ")
}

func clock(minute int) string { return fmt.Sprintf("%02d:%02d", minute/60, minute%60) }
