package schedule

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/schedule"
)

// Window reports a time outside every posting window of its channel, or on
// a blackout date.
type Window struct{}

// Reads says that the rule reads the calendar of the whole site.
func (Window) Reads() []content.Kind { return reads }

func (Window) Meta() check.Meta {
	return check.Meta{
		ID: "schedule.window", Severity: check.Error, Kinds: kinds,
		Summary: "A post goes out outside its channel's posting windows or on a blackout date",
		Doc: "cm.yaml's schedule: gives each channel its posting windows in the site's timezone (e.g. weekdays " +
			"12:00-13:30 and every day 21:00-22:30) and blackout dates (site-wide or per channel). A post, or " +
			"an article's announcement, timed outside them is reported with the next time a window opens. " +
			"A queued post that finds no free slot within a year is reported here too.",
		Example: check.Example{
			Bad:  "---\npublish_at: 2027-02-14T09:00:00+01:00\nchannels: [mastodon]\n---\nThank you!",
			Good: "---\npublish_at: 2027-02-14T21:00:00+01:00\nchannels: [mastodon]\n---\nThank you!",
		},
	}
}

func (Window) Check(p *check.Pass) {
	cal := calendar(p)
	conflicts(p, "schedule.window", func(e *schedule.Entry, c schedule.Conflict, pos content.Position) {
		pol := cal.Policy(e.Channel)
		fix := ""
		if next, ok := pol.NextOpen(e.Time); ok {
			fix = p.T("the next open time is "+when(p, next, cal.Location), "le prochain créneau ouvert est "+when(p, next, cal.Location))
		}
		at := when(p, e.Time, cal.Location)
		switch c.Kind {
		case schedule.OnBlackout:
			p.Report(pos, p.T(
				fmt.Sprintf("%s: %s%s is a blackout date", e.Channel, at, queuedNote(p, e)),
				fmt.Sprintf("%s : %s%s tombe un jour sans publication (blackout)", e.Channel, at, queuedNote(p, e))), fix)
		case schedule.OutsideWindows:
			open := pol.WindowsOn(e.Time.In(cal.Location).Weekday())
			if open == "" {
				open = p.T("none that day", "aucune ce jour-là")
			}
			p.Report(pos, p.T(
				fmt.Sprintf("%s: %s is outside the posting windows (%s)", e.Channel, at, open),
				fmt.Sprintf("%s : %s est hors des créneaux de publication (%s)", e.Channel, at, open)), fix)
		case schedule.NoSlot:
			p.Report(pos, p.T(
				fmt.Sprintf("%s: the queue has no free slot for this post within a year", e.Channel),
				fmt.Sprintf("%s : la file n’a aucun créneau libre pour ce message d’ici un an", e.Channel)),
				p.T("give it a publish_at, or widen the channel's windows in cm.yaml", "donnez-lui un publish_at, ou élargissez les créneaux du canal dans cm.yaml"))
		}
	})
}
