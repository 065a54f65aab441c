package schedule

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/check/checktest"
)

const policy = `schedule:
  channels:
    mastodon:
      windows:
        - {days: [mon, tue, wed, thu, fri], from: "12:00", to: "13:30"}
        - {from: "21:00", to: "22:30"}
      min_spacing: 2h
      max_per_day: 2
  blackout: ["2027-02-20"]
`

// run checks files with one rule at a fixed clock, in French or English.
func run(t *testing.T, fr bool, now string, files map[string]string, rule check.Rule, published func(string, string) (time.Time, bool)) []string {
	t.Helper()
	cfg := checktest.Config + policy
	if fr {
		cfg += "messages: fr\n"
	}
	files["cm.yaml"] = cfg
	repo := checktest.Load(t, checktest.WriteRepo(t, files))
	at, err := time.Parse(time.RFC3339, now)
	if err != nil {
		t.Fatal(err)
	}
	res, err := check.NewRegistry(rule).Run(repo, check.Options{Now: at, Published: published})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, fmt.Sprintf("%s:%d:%d: %s (%s)", d.File, d.Line, d.Column, d.Message, d.Suggestion))
	}
	return out
}

func expect(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func post(at, lang string) string {
	return "---\npublish_at: " + at + "\nchannels: [mastodon]\nlang: " + lang + "\n---\nTexte."
}

const now = "2027-02-01T08:00:00+01:00"

func TestWindow(t *testing.T) {
	files := map[string]string{
		"content/social/matin.md":     post("2027-02-14T09:00:00+01:00", "en"),
		"content/social/soir.md":      post("2027-02-14T21:00:00+01:00", "en"),
		"content/social/fin.md":       post("2027-02-15T13:30:00+01:00", "en"),
		"content/social/blackout.md":  post("2027-02-20T21:00:00+01:00", "fr"),
		"content/social/brouillon.md": "---\npublish_at: 2027-02-14T03:00:00+01:00\nchannels: [mastodon]\ndraft: true\n---\nDraft.",
		"content/blog/a.md":           "---\ntitle: A\ndate: 2027-02-16T07:00:00+01:00\nlang: en\nshare:\n  mastodon: \"New guide\"\n---\nText.",
	}
	expect(t, run(t, false, now, files, Window{}, nil), []string{
		"content/blog/a.md:3:7: mastodon: Tue 2027-02-16 07:00 is outside the posting windows (12:00-13:30, 21:00-22:30) (the next open time is Tue 2027-02-16 12:00)",
		"content/social/blackout.md:2:13: mastodon: Sat 2027-02-20 21:00 is a blackout date (the next open time is Sun 2027-02-21 21:00)",
		"content/social/matin.md:2:13: mastodon: Sun 2027-02-14 09:00 is outside the posting windows (21:00-22:30) (the next open time is Sun 2027-02-14 21:00)",
	})
	expect(t, run(t, true, now, files, Window{}, nil)[1:2], []string{
		"content/social/blackout.md:2:13: mastodon : sam. 2027-02-20 21:00 tombe un jour sans publication (blackout) (le prochain créneau ouvert est dim. 2027-02-21 21:00)",
	})
}

func TestSpacing(t *testing.T) {
	files := map[string]string{
		"content/social/a.md": post("2027-02-15T12:00:00+01:00", "fr"),
		"content/social/b.md": post("2027-02-15T13:30:00+01:00", "en"),
		"content/social/c.md": post("2027-02-15T21:00:00+01:00", "en"),
		"content/social/d.md": post("2027-02-16T12:00:00+01:00", "en"),
		// A queued post keeps its distance: it goes on Tuesday evening.
		"content/social/e.md": "---\nchannels: [mastodon]\nlang: en\n---\nQueued.",
	}
	expect(t, run(t, true, now, files, Spacing{}, nil), []string{
		"content/social/a.md:2:13: mastodon : lun. 2027-02-15 12:00 est à 1h30 de content/social/b.md (lun. 2027-02-15 13:30), moins que les 2h que le canal laisse entre deux messages (déplacez l’un des deux, ou retirez publish_at pour que la file trouve un créneau libre)",
		"content/social/b.md:2:13: mastodon: Mon 2027-02-15 13:30 is 1h30 from content/social/a.md (Mon 2027-02-15 12:00), closer than the 2h the channel keeps between posts (move one of them, or remove publish_at to let the queue find a free slot)",
		"content/social/c.md:2:13: mastodon: post 3 on 2027-02-15, over the maximum of 2 a day (move it to another day)",
	})
}

func TestPast(t *testing.T) {
	files := map[string]string{
		"content/social/passe.md":  post("2027-01-15T12:00:00+01:00", "fr"),
		"content/social/publie.md": post("2027-01-16T12:00:00+01:00", "en"),
		"content/social/futur.md":  post("2027-02-15T12:00:00+01:00", "en"),
		"content/social/file.md":   "---\npublish_at: next\nchannels: [mastodon]\n---\nQueued.",
		// An article's date in the past is how blogs work.
		"content/blog/a.md": "---\ntitle: A\ndate: 2026-01-16T12:00:00+01:00\nlang: en\nshare:\n  mastodon: \"Old guide\"\n---\nText.",
	}
	ledger := func(path, channel string) (time.Time, bool) {
		return time.Time{}, path == "content/social/publie.md"
	}
	expect(t, run(t, true, now, files, Past{}, ledger), []string{
		"content/social/passe.md:2:13: mastodon : ven. 2027-01-15 12:00 est passé (maintenant : lun. 2027-02-01 08:00) et le message n’a pas été publié (choisissez une date future, ou publish_at: next pour le prochain créneau libre)",
	})
	// Without a ledger nothing counts as published.
	if got := run(t, false, now, files, Past{}, nil); len(got) != 2 || !strings.Contains(got[1], "publie.md:2:13: mastodon: Sat 2027-01-16 12:00 has passed (now: Mon 2027-02-01 08:00)") {
		t.Errorf("without a ledger: %q", got)
	}
}

func TestCampaignRange(t *testing.T) {
	files := map[string]string{
		"content/campaigns/c/index.md": "---\ntitle: C\nstarts: 2027-02-08T00:00:00+01:00\nends: 2027-02-14T23:59:00+01:00\nchannels: [mastodon]\n---\n",
		"content/campaigns/c/avant.md": "---\npublish_at: 2027-02-05T12:00:00+01:00\nlang: en\n---\nToo early.",
		"content/campaigns/c/apres.md": "---\npublish_at: 2027-02-15T12:00:00+01:00\nlang: fr\n---\nTrop tard.",
		"content/campaigns/c/ok.md":    "---\npublish_at: 2027-02-14T21:00:00+01:00\nlang: en\n---\nOn time.",
		// Queued campaign posts wait for the campaign to start.
		"content/campaigns/c/file.md": "---\nlang: en\n---\nQueued.",
	}
	expect(t, run(t, true, now, files, CampaignRange{}, nil), []string{
		"content/campaigns/c/apres.md:2:13: mastodon : lun. 2027-02-15 12:00 tombe après la fin de la campagne \"c\" (lun. 2027-02-08 00:00 → dim. 2027-02-14 23:59) (placez-le entre le début et la fin de la campagne, ou changez-les dans content/campaigns/c/index.md)",
		"content/campaigns/c/avant.md:2:13: mastodon: Fri 2027-02-05 12:00 is before campaign \"c\" starts (Mon 2027-02-08 00:00 → Sun 2027-02-14 23:59) (move it between the campaign's starts and ends, or change them in content/campaigns/c/index.md)",
	})
}
