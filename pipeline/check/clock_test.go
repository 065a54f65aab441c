package check_test

import (
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/content"
)

// clockRule reports the run's clock and the ledger's answer for the file.
type clockRule struct{}

func (clockRule) Meta() check.Meta { return check.Meta{ID: "test.clock", Severity: check.Info} }

func (clockRule) Check(p *check.Pass) {
	published := "no ledger"
	if f := p.Published(); f != nil {
		if at, ok := f(p.Doc.Path, "mastodon"); ok {
			published = "published " + at.Format(time.RFC3339)
		}
	}
	p.Report(content.Position{Line: 1, Column: 1}, p.Now().Format(time.RFC3339), published)
}

func TestRunClockAndLedger(t *testing.T) {
	repo := checktest.Load(t, checktest.WriteRepo(t, map[string]string{"content/social/a.md": "---\nchannels: [mastodon]\n---\nHi"}))
	at := time.Date(2027, 2, 10, 21, 0, 0, 0, time.UTC)
	res, err := check.NewRegistry(clockRule{}).Run(repo, check.Options{Now: at,
		Published: func(path, channel string) (time.Time, bool) { return at.Add(-time.Hour), path == "content/social/a.md" }})
	if err != nil {
		t.Fatal(err)
	}
	if d := res.Diagnostics[0]; d.Message != "2027-02-10T21:00:00Z" || d.Suggestion != "published 2027-02-10T20:00:00Z" {
		t.Errorf("got %q, %q", d.Message, d.Suggestion)
	}
	before := time.Now()
	res, _ = check.NewRegistry(clockRule{}).Run(repo, check.Options{})
	got, _ := time.Parse(time.RFC3339, res.Diagnostics[0].Message)
	if got.Before(before.Truncate(time.Second)) || res.Diagnostics[0].Suggestion != "no ledger" {
		t.Errorf("without options: %v, %q", got, res.Diagnostics[0].Suggestion)
	}
}

type sharedKey struct{}

// sharedRule reports how many times the run's shared value was built.
type sharedRule struct {
	id     string
	builds *int
}

func (r sharedRule) Meta() check.Meta { return check.Meta{ID: r.id, Severity: check.Info} }

func (r sharedRule) Check(p *check.Pass) {
	v := p.SharedBy(sharedKey{}, func(*content.Repo) any { *r.builds++; return *r.builds }).(int)
	p.Report(content.Position{Line: 1, Column: 1}, "built", time.Duration(v).String())
}

func TestSharedByIsOncePerRunForEveryRule(t *testing.T) {
	repo := checktest.Load(t, checktest.WriteRepo(t, map[string]string{
		"content/social/a.md": "---\nchannels: [mastodon]\n---\nHi", "content/social/b.md": "---\nchannels: [mastodon]\n---\nHo"}))
	builds := 0
	reg := check.NewRegistry(sharedRule{"test.a", &builds}, sharedRule{"test.b", &builds})
	for run := 1; run <= 2; run++ {
		res, err := reg.Run(repo, check.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Diagnostics) != 4 || builds != run {
			t.Fatalf("run %d: %d diagnostics, %d builds", run, len(res.Diagnostics), builds)
		}
	}
}
