package serve

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/schedule"
)

// calendarData is /_cm/calendar: a week (a time grid, the channel's
// posting windows shaded) or a month of cm calendar's entries.
type calendarData struct {
	View     string // week or month
	Title    string
	Channel  string
	Channels []link
	Views    []link
	Prev     string
	Next     string
	Today    string
	// Week.
	Hours []hourMark
	Days  []*calDay
	// Lanes are the channels whose windows the week shades, each day.
	Lanes []string
	// Month.
	Weeks [][]*calDay
	// Campaigns running in the range, as bands.
	Campaigns []*calCampaign
	NoSlot    []*calEntry
	Conflicts []*calEntry
	Empty     bool
}

type hourMark struct {
	Label string
	Top   float64
}

type calDay struct {
	Date     string // 2027-01-12
	Label    string // lun. 12
	Number   int
	Today    bool
	InMonth  bool
	Blackout bool
	Entries  []*calEntry
	More     int
	// Windows are the shaded spans of the week view, per lane.
	Windows []span
	// Campaigns are the names of the campaigns running that day.
	Campaigns []string
}

type span struct {
	Top, Height      float64 // percent of the grid
	Left, Width      float64
	ChannelType, Tip string
	names            []string
	hours            string
}

type calEntry struct {
	Time, Date  string
	Channel     string
	ChannelType string
	Kind        string
	KindLabel   string
	Title       string
	State       string
	StateLabel  string
	File        string
	Link        string
	Conflicts   []string
	Top         float64
	Left, Width float64
	When        string
}

type calCampaign struct {
	Title, File, Link string
	From, To          string
}

// calendarPage builds the calendar of ?view=week|month&date=YYYY-MM-DD&channel=NAME.
func (s *Server) calendarPage(st *state, q url.Values, l *L) *calendarData {
	cfg := st.cfg
	loc := cfg.Location
	cal := st.calendar()
	d := &calendarData{View: q.Get("view"), Channel: q.Get("channel")}
	if d.View != "month" {
		d.View = "week"
	}
	if _, ok := cfg.Channels[d.Channel]; !ok {
		d.Channel = ""
	}
	now := st.at.In(loc)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	day := today
	if t, err := time.ParseInLocation(time.DateOnly, q.Get("date"), loc); err == nil {
		day = t
	}
	// The range shown, and the dates of the neighbouring ones.
	var from, to, prev, next time.Time
	if d.View == "week" {
		from = day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
		to = from.AddDate(0, 0, 7)
		prev, next = from.AddDate(0, 0, -7), to
		d.Title = fmt.Sprintf(l.WeekOf, l.Date(from))
	} else {
		first := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, loc)
		from = first.AddDate(0, 0, -((int(first.Weekday()) + 6) % 7))
		last := first.AddDate(0, 1, -1)
		to = last.AddDate(0, 0, 7-(int(last.Weekday())+6)%7)
		prev, next = first.AddDate(0, -1, 0), first.AddDate(0, 1, 0)
		d.Title = l.MonthYear(first)
		day = first
	}
	calLink := func(date time.Time, view, channel string) string {
		v := url.Values{"view": {view}, "date": {date.Format(time.DateOnly)}, "lang": {l.Lang}}
		if channel != "" {
			v.Set("channel", channel)
		}
		return "/_cm/calendar?" + v.Encode()
	}
	d.Prev, d.Next, d.Today = calLink(prev, d.View, d.Channel), calLink(next, d.View, d.Channel), calLink(today, d.View, d.Channel)
	d.Views = []link{{Label: l.Week, URL: calLink(day, "week", d.Channel), Current: d.View == "week"},
		{Label: l.Month, URL: calLink(day, "month", d.Channel), Current: d.View == "month"}}
	d.Channels = append(d.Channels, link{Label: l.AllChannels, URL: calLink(day, d.View, ""), Current: d.Channel == ""})
	for _, name := range cfg.ChannelNames() {
		d.Channels = append(d.Channels, link{Label: name, URL: calLink(day, d.View, name), Current: d.Channel == name})
	}

	entries := cal.Select(schedule.View{From: from, To: to, Channel: d.Channel})
	byDate := map[string][]*calEntry{}
	for _, e := range entries {
		if e.Kind == content.KindCampaign {
			continue
		}
		ce := s.calEntry(st, e, l)
		if e.Time.IsZero() {
			d.NoSlot = append(d.NoSlot, ce)
			continue
		}
		byDate[ce.Date] = append(byDate[ce.Date], ce)
		if len(ce.Conflicts) > 0 {
			d.Conflicts = append(d.Conflicts, ce)
		}
	}
	d.Empty = len(entries) == 0
	// Campaigns overlapping the range, whatever their start.
	for _, e := range cal.Entries {
		if e.Kind != content.KindCampaign || !e.Time.Before(to) || !e.End.After(from) {
			continue
		}
		if d.Channel != "" && e.Campaign != nil && !slices.Contains(e.Campaign.Channels, d.Channel) {
			continue
		}
		d.Campaigns = append(d.Campaigns, &calCampaign{Title: e.Title, File: e.Path(), Link: s.fileLink(st, e.Path(), l),
			From: l.DayMonth(e.Time.In(loc)), To: l.DayMonth(e.End.In(loc))})
	}
	blackout := func(t time.Time) bool {
		if d.Channel != "" {
			return cal.Policy(d.Channel).Blackout(t)
		}
		for _, b := range cfg.Schedule.Blackout {
			if b == t.Format(time.DateOnly) {
				return true
			}
		}
		return false
	}
	newDay := func(t time.Time) *calDay {
		cd := &calDay{Date: t.Format(time.DateOnly), Number: t.Day(), Today: t.Equal(today), InMonth: t.Month() == day.Month(),
			Blackout: blackout(t), Entries: byDate[t.Format(time.DateOnly)]}
		cd.Label = l.Days[(int(t.Weekday())+6)%7] + " " + fmt.Sprint(t.Day())
		for _, e := range cal.Entries {
			if e.Kind == content.KindCampaign && e.Time.Before(t.AddDate(0, 0, 1)) && e.End.After(t) {
				if d.Channel == "" || e.Campaign == nil || slices.Contains(e.Campaign.Channels, d.Channel) {
					cd.Campaigns = append(cd.Campaigns, e.Title)
				}
			}
		}
		return cd
	}
	if d.View == "month" {
		for t := from; t.Before(to); t = t.AddDate(0, 0, 7) {
			var week []*calDay
			for i := range 7 {
				cd := newDay(t.AddDate(0, 0, i))
				if n := len(cd.Entries); n > 4 {
					cd.More, cd.Entries = n-3, cd.Entries[:3]
				}
				week = append(week, cd)
			}
			d.Weeks = append(d.Weeks, week)
		}
		return d
	}
	// The week: a time grid from the earliest to the latest hour that
	// holds an entry or a window, 08:00-22:00 at least.
	lanes := []string{d.Channel}
	if d.Channel == "" {
		lanes = nil
		for _, name := range cfg.ChannelNames() {
			if cal.Policy(name).HasWindows() {
				lanes = append(lanes, name)
			}
		}
	}
	d.Lanes = lanes
	lo, hi := 8*60, 22*60
	for t := from; t.Before(to); t = t.AddDate(0, 0, 1) {
		for _, name := range lanes {
			for m := 0; m < 24*60; m += slot {
				if cal.Policy(name).InWindow(wall(t, m+slot/2)) {
					lo, hi = min(lo, m), max(hi, m+slot)
				}
			}
		}
		for _, e := range byDate[t.Format(time.DateOnly)] {
			m := minuteOf(e.Time)
			lo, hi = min(lo, m), max(hi, m+30)
		}
	}
	lo, hi = lo/60*60, min(24*60, (hi+59)/60*60)
	pct := func(m int) float64 { return float64(m-lo) * 100 / float64(hi-lo) }
	for h := lo; h < hi; h += 60 {
		d.Hours = append(d.Hours, hourMark{Label: fmt.Sprintf("%02d:00", h/60), Top: pct(h)})
	}
	for t := from; t.Before(to); t = t.AddDate(0, 0, 1) {
		cd := newDay(t)
		// Each channel's windows, shaded in its colour; channels with
		// the same window share one shade.
		var order [][2]int
		byTime := map[[2]int]*span{}
		for _, name := range lanes {
			p := cal.Policy(name)
			start := -1
			for m := lo; m <= hi; m += slot {
				// A slot is open when its middle is: window ends are
				// included, and the slot that starts at the end is not.
				open := m < hi && p.InWindow(wall(t, m+slot/2)) && !p.Blackout(wall(t, m))
				switch {
				case open && start < 0:
					start = m
				case !open && start >= 0:
					k := [2]int{start, m}
					if sp := byTime[k]; sp != nil {
						sp.ChannelType = "shared"
						sp.names = append(sp.names, name)
					} else {
						byTime[k] = &span{Top: pct(start), Height: pct(m) - pct(start), Width: 100, ChannelType: cfg.Channels[name].Type,
							names: []string{name}, hours: fmt.Sprintf("%02d:%02d–%02d:%02d", start/60, start%60, m/60, m%60)}
						order = append(order, k)
					}
					start = -1
				}
			}
		}
		for _, k := range order {
			sp := byTime[k]
			sp.Tip = strings.Join(sp.names, ", ") + " " + sp.hours
			cd.Windows = append(cd.Windows, *sp)
		}
		// Entries closer than their height share the column's width.
		const height = 40 // minutes an entry's box covers
		var group []*calEntry
		flush := func() {
			for i, e := range group {
				e.Width = 100 / float64(len(group))
				e.Left = float64(i) * e.Width
			}
			group = nil
		}
		last := -height
		for _, e := range cd.Entries {
			m := minuteOf(e.Time)
			e.Top = pct(m)
			if m-last >= height {
				flush()
			}
			group = append(group, e)
			last = m
		}
		flush()
		d.Days = append(d.Days, cd)
	}
	return d
}

// slot is the precision, in minutes, of the shaded windows.
const slot = 5

// wall is the instant of a wall-clock minute of a day in the day's zone.
func wall(day time.Time, minute int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), minute/60, minute%60, 0, 0, day.Location())
}

// minuteOf reads "21:05" back as minutes.
func minuteOf(hhmm string) int {
	var h, m int
	fmt.Sscanf(hhmm, "%d:%d", &h, &m)
	return h*60 + m
}

// calEntry is an entry as the calendar shows it.
func (s *Server) calEntry(st *state, e *schedule.Entry, l *L) *calEntry {
	cfg := st.cfg
	ce := &calEntry{Channel: e.Channel, ChannelType: cfg.Channels[e.Channel].Type, Title: e.Title, File: e.Path(),
		State: e.State.String()}
	switch e.State {
	case schedule.Queued:
		ce.StateLabel = l.Queued
	case schedule.Published:
		ce.StateLabel = l.Published
	default:
		ce.StateLabel = l.Scheduled
	}
	switch {
	case e.Kind == content.KindPost:
		ce.Kind, ce.KindLabel = "post", l.Post
		ce.Link = "/_cm/social/" + e.Path() + "?lang=" + l.Lang
	case ce.ChannelType == "site":
		ce.Kind, ce.KindLabel = "article", l.Article
		ce.Link = s.fileLink(st, e.Path(), l)
	default:
		ce.Kind, ce.KindLabel = "announcement", l.Announcement
		ce.Link = "/_cm/social/" + e.Path() + "?lang=" + l.Lang
	}
	if !e.Time.IsZero() {
		t := e.Time.In(cfg.Location)
		ce.Time, ce.Date, ce.When = t.Format("15:04"), t.Format(time.DateOnly), l.Dateline(t)
	}
	for _, c := range e.Conflicts {
		ce.Conflicts = append(ce.Conflicts, conflictText(c, l))
	}
	return ce
}

// conflictText says a conflict in the interface's language.
func conflictText(c schedule.Conflict, l *L) string {
	switch c.Kind {
	case schedule.OutsideWindows:
		return l.OutsideWindows
	case schedule.OnBlackout:
		return l.OnBlackout
	case schedule.NoSlot:
		return l.NoSlotFound
	case schedule.TooClose:
		other := ""
		if c.Other != nil {
			other = "«\u202f" + c.Other.Title + "\u202f»"
			if l.Lang == "en" {
				other = "“" + c.Other.Title + "”"
			}
		}
		return fmt.Sprintf(l.TooClose, schedule.Duration(c.Gap), other, schedule.Duration(c.Limit))
	case schedule.TooMany:
		return fmt.Sprintf(l.TooMany, c.Count, c.Max)
	case schedule.Past:
		return l.Past
	case schedule.OutsideCampaign:
		return l.OutsideCampaign
	}
	return strings.ToLower(c.String())
}
