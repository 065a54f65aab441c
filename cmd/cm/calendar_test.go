package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/ledger"
)

// The example content's campaign shows in the calendar, every format.
func TestCalendarShowsTheExampleCampaign(t *testing.T) {
	r := run(t, "--dir", "../..", "calendar", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var cal struct {
		Timezone string
		Entries  []struct {
			Time, Channel, Kind, State, Title, Path, Campaign, Text string
			Conflicts                                               []struct{ Rule, Message string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &cal); err != nil {
		t.Fatal(err)
	}
	campaign, posts := 0, 0
	for _, e := range cal.Entries {
		if len(e.Conflicts) > 0 {
			t.Errorf("example content has a conflict: %+v", e)
		}
		if e.Campaign != "semaine-reparation" {
			continue
		}
		switch e.Kind {
		case "campaign":
			campaign++
			if e.Title != "Semaine de la réparation 2027" || !strings.HasPrefix(e.Time, "2027-02-08T00:00:00+01:00") {
				t.Errorf("campaign entry %+v", e)
			}
		case "post":
			posts++
			if !strings.Contains(e.Text, "#ReparerCestGagner") {
				t.Errorf("%s on %s: the campaign hashtag is not in the text %q", e.Path, e.Channel, e.Text)
			}
		}
	}
	if campaign != 1 || posts != 8 {
		t.Errorf("campaign entries %d, posts %d: want 1 and 8 (4 posts on 2 channels)", campaign, posts)
	}

	r = run(t, "--dir", "../..", "calendar", "--from", "2027-02-08", "--to", "2027-02-14", "--channel", "bluesky")
	for _, want := range []string{
		"  Mon 2027-02-08 00:00  -         campaign  scheduled  Semaine de la réparation 2027 (until Sun 2027-02-14 23:59)",
		"  Mon 2027-02-08 12:15  bluesky   post      scheduled  C’est parti pour la Semaine de la réparation ! Jusqu’au 14…",
		"  Sun 2027-02-14 21:00  bluesky   post      scheduled  Our Repair Week ends tonight.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text calendar lacks %q:\n%s", want, r.stdout)
		}
	}

	r = run(t, "--dir", "../..", "calendar", "--format", "ics", "--at", "2027-02-01T00:00:00+01:00")
	parsed, err := ics.ParseCalendar(strings.NewReader(r.stdout))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ev := range parsed.Events() {
		if s := ev.GetProperty(ics.ComponentPropertySummary); s != nil && s.Value == "Campaign: Semaine de la réparation 2027" {
			found = true
		}
	}
	if !found {
		t.Error("the campaign is not an event of the ics calendar")
	}
}

// Queued posts take the same slots for the same clock.
func TestCalendarQueueFollowsAt(t *testing.T) {
	r := run(t, "--dir", "../..", "calendar", "--at", "2027-01-04T12:40:00+01:00", "--to", "2027-01-05")
	want := "  Mon 2027-01-04 12:40  bluesky   post      queued     Brindille recrute !"
	if !strings.Contains(r.stdout, want) || r.code != 0 {
		t.Errorf("exit %d, want %q in\n%s", r.code, want, r.stdout)
	}
}

func TestCalendarUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"calendar", "--format", "pdf"},
		{"calendar", "--from", "demain"},
		{"calendar", "--at", "2027-01-04"},
		{"calendar", "--channel", "tiktok"},
		{"calendar", "extra"},
	} {
		if r := run(t, append([]string{"--dir", "../.."}, args...)...); r.code != 2 || r.stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a message", args, r.code, r.stderr)
		}
	}
}

// cm check --at moves the clock of the schedule rules.
func TestCheckAt(t *testing.T) {
	r := run(t, "--dir", "../..", "check", "--rule", "schedule.past", "--at", "2027-02-09T00:00:00+01:00")
	if r.code != 1 || !strings.Contains(r.stdout, "content/campaigns/semaine-reparation/lancement.md:2:13: error: bluesky: Mon 2027-02-08 12:15 has passed (now: Tue 2027-02-09 00:00)") {
		t.Errorf("exit %d:\n%s", r.code, r.stdout)
	}
	if r := run(t, "--dir", "../..", "check", "--at", "yesterday"); r.code != 2 {
		t.Errorf("bad --at: exit %d", r.code)
	}
}

// With a ledger, a post that went out is published in the calendar, at the
// time the ledger recorded, and schedule.past leaves it alone.
func TestCalendarAndCheckReadTheLedger(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "cm.yaml", checktest.Config)
	writeFile(t, dir, "content/social/sent.md", "---\npublish_at: 2027-01-05T12:00:00+01:00\nchannels: [mastodon, bluesky]\n---\nSent on Mastodon only.")
	l, err := ledger.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	sent := time.Date(2027, 1, 5, 11, 0, 30, 0, time.UTC)
	if err := l.Append(sent, ledger.Record{Op: ledger.Published, Item: "content/social/sent.md", Channel: "mastodon", Version: "v1"}); err != nil {
		t.Fatal(err)
	}
	r := run(t, "--dir", dir, "calendar", "--at", "2027-02-01T00:00:00+01:00", "--from", "2027-01-01")
	for _, want := range []string{
		"  Tue 2027-01-05 12:00  mastodon  post      published  Sent on Mastodon only.",
		"! Tue 2027-01-05 12:00  bluesky   post      scheduled  Sent on Mastodon only.",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("calendar lacks %q:\n%s", want, r.stdout)
		}
	}
	r = run(t, "--dir", dir, "check", "--rule", "schedule.past", "--at", "2027-02-01T00:00:00+01:00")
	if r.code != 1 || strings.Count(r.stdout, "[schedule.past]") != 1 || !strings.Contains(r.stdout, "bluesky: Tue 2027-01-05 12:00 has passed") {
		t.Errorf("exit %d:\n%s", r.code, r.stdout)
	}
}
