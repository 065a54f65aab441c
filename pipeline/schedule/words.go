package schedule

import (
	"fmt"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

// words are what cm calendar writes around the content, in the language
// of cm's messages (cm.yaml's `messages`): English, or French.
type words struct {
	// days are the short names of the days, Sunday first.
	days                         [7]string
	noSlot, until, campaignEvent string
	kinds                        map[content.Kind]string
	states                       map[State]string
	// summary writes the last line: entries, their states, conflicts.
	summary func(entries, scheduled, queued, published, conflicts int, zone, now string) string
	// conflict says a conflict; other is the file of the other post.
	conflict func(k Conflict) string
}

func wordsFor(cfg *config.Config) *words {
	if cfg != nil && cfg.Messages == "fr" {
		return wordsFR
	}
	return wordsEN
}

// when writes a time as the calendar shows it: day, date, hour.
func (w *words) when(t time.Time) string {
	return w.days[t.Weekday()] + " " + t.Format("2006-01-02 15:04")
}

var wordsEN = &words{
	days:   [7]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
	noSlot: "(no slot)", until: "until", campaignEvent: "Campaign",
	kinds:  map[content.Kind]string{content.KindArticle: "article", content.KindPost: "post", content.KindCampaign: "campaign"},
	states: map[State]string{Scheduled: "scheduled", Queued: "queued", Published: "published"},
	summary: func(entries, scheduled, queued, published, conflicts int, zone, now string) string {
		return fmt.Sprintf("%d %s: %d scheduled, %d queued, %d published; %d %s (%s, now %s)",
			entries, plural(entries, "entry", "entries"), scheduled, queued, published,
			conflicts, plural(conflicts, "conflict", "conflicts"), zone, now)
	},
	conflict: Conflict.String,
}

var wordsFR = &words{
	days:   [7]string{"dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."},
	noSlot: "(aucun créneau)", until: "jusqu’au", campaignEvent: "Campagne",
	kinds:  map[content.Kind]string{content.KindArticle: "article", content.KindPost: "post", content.KindCampaign: "campagne"},
	states: map[State]string{Scheduled: "programmé", Queued: "en file", Published: "publié"},
	summary: func(entries, scheduled, queued, published, conflicts int, zone, now string) string {
		return fmt.Sprintf("%d %s\u202f: %d programmé%s, %d en file, %d publié%s\u202f; %d %s (%s, il est %s)",
			entries, plural(entries, "entrée", "entrées"), scheduled, plural(scheduled, "", "s"), queued,
			published, plural(published, "", "s"), conflicts, plural(conflicts, "conflit", "conflits"), zone, now)
	},
	conflict: func(k Conflict) string {
		switch k.Kind {
		case OutsideWindows:
			return "hors des créneaux de publication du canal"
		case OnBlackout:
			return "un jour sans publication"
		case NoSlot:
			return "aucun créneau libre dans l’année qui vient"
		case TooClose:
			return fmt.Sprintf("à %s de %s (au moins %s d’écart)", Duration(k.Gap), k.Other.Path(), Duration(k.Limit))
		case TooMany:
			return fmt.Sprintf("post n° %d du jour, au-delà du maximum de %d", k.Count, k.Max)
		case Past:
			return "l’heure est passée et il n’a pas été publié"
		case OutsideCampaign:
			return "en dehors des dates de sa campagne"
		}
		return "conflit"
	},
}
