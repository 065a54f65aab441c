// Package schedule holds the rules that check posting times against the
// schedule policy of cm.yaml: windows and blackout dates, spacing and the
// daily maximum, times already past, and campaign dates. They read the
// calendar that cm calendar prints (schedule.Build), built once per check
// run with the run's clock (--at) and ledger, so a queued post is judged
// in the slot it will take. Drafts are not planned, so not judged.
package schedule

import (
	"time"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/schedule"
)

// kinds are what these rules read: the items that have a time.
var kinds = []content.Kind{content.KindPost, content.KindArticle}

// reads are what the rules read of the rest of the site: the calendar
// plans every post, article and campaign.
var reads = []content.Kind{content.KindArticle, content.KindPost, content.KindCampaign}

// calendar is the run's calendar, built once for the four rules.
func calendar(p *check.Pass) *schedule.Calendar {
	type key struct{}
	return p.SharedBy(key{}, func(repo *content.Repo) any {
		return schedule.Build(repo, schedule.Options{Now: p.Now(), Published: p.Published()})
	}).(*schedule.Calendar)
}

// conflicts calls report for each conflict of the pass's document that
// belongs to the rule id.
func conflicts(p *check.Pass, id string, report func(e *schedule.Entry, c schedule.Conflict, pos content.Position)) {
	cal := calendar(p)
	for _, e := range cal.For(p.Doc.Path) {
		for _, c := range e.Conflicts {
			if c.Kind.Rule() == id {
				report(e, c, timePos(p.Doc, e))
			}
		}
	}
}

// timePos is where an entry's time is written: publish_at or an article's
// date (the start of the frontmatter for a queued post without publish_at).
func timePos(d *content.Document, e *schedule.Entry) content.Position {
	if e.Kind == content.KindArticle {
		return d.ValuePos("date")
	}
	return d.ValuePos("publish_at")
}

// when writes a time in the site's timezone, with its day of the week.
func when(p *check.Pass, t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if p.T("en", "fr") == "fr" {
		return frenchDays[t.Weekday()] + " " + t.Format("2006-01-02 15:04")
	}
	return t.Format("Mon 2006-01-02 15:04")
}

var frenchDays = [...]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."}

// queuedNote says that a time was given by the queue.
func queuedNote(p *check.Pass, e *schedule.Entry) string {
	if e.State == schedule.Queued {
		return p.T(" (its queue slot)", " (son créneau dans la file)")
	}
	return ""
}
