package schedule

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/schedule"
)

// Spacing reports two posts too close on one channel, or a day over its
// maximum.
type Spacing struct{}

// Reads says that the rule reads the calendar of the whole site.
func (Spacing) Reads() []content.Kind { return reads }

func (Spacing) Meta() check.Meta {
	return check.Meta{
		ID: "schedule.spacing", Severity: check.Warning, Kinds: kinds,
		Summary: "A post is too close to another on the same channel, or over the day's maximum",
		Doc: "cm.yaml's schedule.channels.NAME.min_spacing keeps posts of a channel apart (e.g. 2h) and " +
			"max_per_day caps a day, so followers are not flooded. The diagnostic names the other post; both " +
			"files get one. Queued posts always keep their distance: they take free slots.",
		Example: check.Example{
			Bad:  "---\npublish_at: 2027-02-10T21:00:00+01:00\nchannels: [mastodon]\n---\n(another post goes out at 21:30)",
			Good: "---\npublish_at: 2027-02-10T12:15:00+01:00\nchannels: [mastodon]\n---\n(another post goes out at 21:30)",
		},
	}
}

func (Spacing) Check(p *check.Pass) {
	cal := calendar(p)
	conflicts(p, "schedule.spacing", func(e *schedule.Entry, c schedule.Conflict, pos content.Position) {
		at := when(p, e.Time, cal.Location)
		switch c.Kind {
		case schedule.TooClose:
			other := c.Other.Path()
			if other == e.Path() {
				other = p.T("this same file", "ce même fichier")
			}
			p.Report(pos, p.T(
				fmt.Sprintf("%s: %s%s is %s from %s (%s), closer than the %s the channel keeps between posts",
					e.Channel, at, queuedNote(p, e), schedule.Duration(c.Gap), other, when(p, c.Other.Time, cal.Location), schedule.Duration(c.Limit)),
				fmt.Sprintf("%s : %s%s est à %s de %s (%s), moins que les %s que le canal laisse entre deux messages",
					e.Channel, at, queuedNote(p, e), schedule.Duration(c.Gap), other, when(p, c.Other.Time, cal.Location), schedule.Duration(c.Limit))),
				p.T("move one of them, or remove publish_at to let the queue find a free slot",
					"déplacez l’un des deux, ou retirez publish_at pour que la file trouve un créneau libre"))
		case schedule.TooMany:
			p.Report(pos, p.T(
				fmt.Sprintf("%s: post %d on %s, over the maximum of %d a day", e.Channel, c.Count, e.Time.In(cal.Location).Format("2006-01-02"), c.Max),
				fmt.Sprintf("%s : message n° %d le %s, au-delà du maximum de %d par jour", e.Channel, c.Count, e.Time.In(cal.Location).Format("2006-01-02"), c.Max)),
				p.T("move it to another day", "déplacez-le à un autre jour"))
		}
	})
}
