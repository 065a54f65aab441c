package schedule

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/schedule"
)

// CampaignRange reports a campaign's post outside the campaign's dates.
type CampaignRange struct{}

// Reads says that the rule reads the calendar of the whole site.
func (CampaignRange) Reads() []content.Kind { return reads }

func (CampaignRange) Meta() check.Meta {
	return check.Meta{
		ID: "schedule.campaign-range", Severity: check.Error, Kinds: kinds,
		Summary: "A campaign's post goes out before the campaign starts or after it ends",
		Doc: "The posts of content/campaigns/NAME/ belong to the campaign and must go out between its starts " +
			"and ends. A queued campaign post waits for the campaign to start; one the queue can only place " +
			"after the end is reported too.",
		Example: check.Example{
			Bad:  "---\npublish_at: 2027-02-20T12:15:00+01:00\n---\n(campaign ends 2027-02-14)",
			Good: "---\npublish_at: 2027-02-12T12:15:00+01:00\n---\n(campaign ends 2027-02-14)",
		},
	}
}

func (CampaignRange) Check(p *check.Pass) {
	cal := calendar(p)
	conflicts(p, "schedule.campaign-range", func(e *schedule.Entry, c schedule.Conflict, pos content.Position) {
		camp := e.Campaign
		en, fr := "%s: %s%s is after campaign %q ends (%s)", "%s : %s%s tombe après la fin de la campagne %q (%s)"
		if e.Time.Before(camp.Starts) {
			en, fr = "%s: %s%s is before campaign %q starts (%s)", "%s : %s%s tombe avant le début de la campagne %q (%s)"
		}
		span := when(p, camp.Starts, cal.Location) + " → " + when(p, camp.Ends, cal.Location)
		p.Report(pos, p.T(
			fmt.Sprintf(en, e.Channel, when(p, e.Time, cal.Location), queuedNote(p, e), camp.Name, span),
			fmt.Sprintf(fr, e.Channel, when(p, e.Time, cal.Location), queuedNote(p, e), camp.Name, span)),
			p.T("move it between the campaign's starts and ends, or change them in "+camp.Path,
				"placez-le entre le début et la fin de la campagne, ou changez-les dans "+camp.Path))
	})
}
