package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/decode"
)

// DayNames are the names of the week's days in a schedule window.
var DayNames = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

// Weekday reads a day name of a window (mon ... sun).
func Weekday(name string) (time.Weekday, bool) {
	for i, n := range DayNames {
		if strings.EqualFold(name, n) {
			return time.Weekday((i + 1) % 7), true
		}
	}
	return 0, false
}

// ParseClock reads a wall-clock time "HH:MM" (00:00 to 24:00) and returns
// the minutes since midnight.
func ParseClock(s string) (int, error) {
	hh, mm, ok := strings.Cut(s, ":")
	digits := func(x string) bool { return len(x) == 2 && x[0] >= '0' && x[0] <= '9' && x[1] >= '0' && x[1] <= '9' }
	h, errH := strconv.Atoi(hh)
	m, errM := strconv.Atoi(mm)
	if !ok || !digits(hh) || !digits(mm) || errH != nil || errM != nil || m > 59 || h*60+m > 24*60 {
		return 0, fmt.Errorf("%q is not a time of day", s)
	}
	return h*60 + m, nil
}

// ParseDate reads a calendar date YYYY-MM-DD, at midnight UTC (a civil date:
// callers compare it with dates, not instants).
func ParseDate(s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date", s)
	}
	return t, nil
}

// validateSchedule checks what the types of schedule: cannot: day names,
// times of day, windows that end after they start, dates and spacing.
func (c *Config) validateSchedule(root *yaml.Node) Errors {
	var errs Errors
	add := func(n *yaml.Node, msg, fix string) {
		line, col := 1, 1
		if n != nil {
			line, col = n.Line, n.Column
		}
		errs = append(errs, &Error{Path: c.Path, Line: line, Column: col, Message: msg, Suggestion: fix})
	}
	blackout := func(path string, dates []string) {
		list := Lookup(root, path)
		for i, d := range dates {
			if _, err := ParseDate(d); err != nil {
				add(item(list, i), fmt.Sprintf("%s: %v", path, err), "write dates as YYYY-MM-DD, e.g. 2026-12-25")
			}
		}
	}
	blackout("schedule.blackout", c.Schedule.Blackout)
	for _, name := range sortedKeys(c.Schedule.Channels) {
		cs := c.Schedule.Channels[name]
		path := "schedule.channels." + name
		blackout(path+".blackout", cs.Blackout)
		if cs.MinSpacing < 0 {
			add(Lookup(root, path+".min_spacing"), fmt.Sprintf("%s.min_spacing is negative", path), "write a duration like 2h")
		}
		if cs.MaxPerDay < 0 {
			add(Lookup(root, path+".max_per_day"), fmt.Sprintf("%s.max_per_day is negative", path), "write how many posts a day at most, or leave it out for no limit")
		}
		windows := Lookup(root, path+".windows")
		for i, w := range cs.Windows {
			wn := item(windows, i)
			wpath := fmt.Sprintf("%s.windows[%d]", path, i)
			days := Lookup(wn, "days")
			for j, d := range w.Days {
				if _, ok := Weekday(d); !ok {
					add(item(days, j), fmt.Sprintf("%s: unknown day %q", wpath, d),
						firstNonEmpty(decode.DidYouMean(strings.ToLower(d), DayNames), "use mon, tue, wed, thu, fri, sat or sun"))
				}
			}
			from, errFrom := ParseClock(w.From)
			to, errTo := ParseClock(w.To)
			for _, e := range []struct {
				key string
				err error
			}{{"from", errFrom}, {"to", errTo}} {
				if e.err != nil {
					add(Lookup(wn, e.key), fmt.Sprintf("%s.%s: %v", wpath, e.key, e.err), `write it as "HH:MM" in the site timezone, e.g. "21:00"`)
				}
			}
			if errFrom == nil && errTo == nil && to <= from {
				add(Lookup(wn, "to"), fmt.Sprintf("%s ends at %s, not after it starts at %s", wpath, w.To, w.From),
					"a window stays within one day: split one that crosses midnight into two, e.g. 22:00-24:00 and 00:00-01:00")
			}
		}
	}
	return errs
}

// item is the i-th entry of a sequence node, or the node itself.
func item(seq *yaml.Node, i int) *yaml.Node {
	if seq != nil && seq.Kind == yaml.SequenceNode && i < len(seq.Content) {
		return seq.Content[i]
	}
	return seq
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
