package schedule

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/schedule"
)

// Past reports a post whose time has passed but which has not gone out.
type Past struct{}

// Reads says that the rule reads the calendar of the whole site.
func (Past) Reads() []content.Kind { return reads }

func (Past) Meta() check.Meta {
	return check.Meta{
		ID: "schedule.past", Severity: check.Error, Kinds: kinds,
		Summary: "A post is timed in the past and has not been published",
		Doc: "A post whose publish_at has passed and that the ledger does not list as published would go " +
			"out at once, late, on the next cm publish. The clock is now, or --at. Articles are not " +
			"reported: a blog article's date is often in the past on purpose.",
		Example: check.Example{
			Bad:  "---\npublish_at: 2020-01-06T12:15:00+01:00\nchannels: [mastodon]\n---\nNew brushes!",
			Good: "---\npublish_at: next\nchannels: [mastodon]\n---\nNew brushes!",
		},
	}
}

func (Past) Check(p *check.Pass) {
	cal := calendar(p)
	conflicts(p, "schedule.past", func(e *schedule.Entry, c schedule.Conflict, pos content.Position) {
		p.Report(pos, p.T(
			fmt.Sprintf("%s: %s has passed (now: %s) and the post has not been published", e.Channel, when(p, e.Time, cal.Location), when(p, cal.Now, cal.Location)),
			fmt.Sprintf("%s : %s est passé (maintenant : %s) et le message n’a pas été publié", e.Channel, when(p, e.Time, cal.Location), when(p, cal.Now, cal.Location))),
			p.T("set a future time, or publish_at: next to take the next free slot",
				"choisissez une date future, ou publish_at: next pour le prochain créneau libre"))
	})
}
