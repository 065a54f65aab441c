package plan_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/channels"
	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/plan"
)

const cfg = checktest.Config + `  team: {type: webhook, url_env: CM_TEST_HOOK}
  x: {type: x}
social:
  utm: {enabled: false}
`

var now = time.Date(2027, 2, 1, 21, 0, 0, 0, time.UTC)

var files = map[string]string{
	"content/social/due.md":    "---\npublish_at: 2027-02-01T21:00:00+01:00\nchannels: [mastodon, bluesky, team, x]\nlang: fr\n---\nC’est l’heure.\n",
	"content/social/later.md":  "---\npublish_at: 2027-02-03T12:15:00+01:00\nchannels: [mastodon]\nlang: en\n---\nLater.\n",
	"content/social/queued.md": "---\nchannels: [mastodon]\nlang: en\n---\nWhenever.\n",
	"content/blog/a.md":        "---\ntitle: Un article\ndate: 2027-01-20T12:00:00+01:00\nlang: fr\nshare:\n  mastodon: \"Lisez-le\"\n---\nTexte.\n",
}

func actions(p *plan.Plan) []string {
	var out []string
	for _, a := range p.Actions {
		s := fmt.Sprintf("%s %s %s", a.Kind, a.Channel, a.Item)
		if a.Kind == plan.Wait && a.Why == "" {
			s += " until " + a.At.UTC().Format(time.RFC3339)
		}
		if a.Why != "" {
			s += ": " + a.Why
		}
		out = append(out, s)
	}
	return out
}

func build(t *testing.T, extra string, opts plan.Options, edit func(*ledger.Ledger, *plan.Plan)) (*plan.Plan, *ledger.Ledger) {
	t.Helper()
	fs := map[string]string{"cm.yaml": cfg + extra}
	for k, v := range files {
		fs[k] = v
	}
	repo := checktest.Load(t, checktest.WriteRepo(t, fs))
	l, err := ledger.Open(repo.Config.Root)
	if err != nil {
		t.Fatal(err)
	}
	opts.Now, opts.Caps, opts.Ledger = now, channels.Caps, l
	if opts.Getenv == nil {
		opts.Getenv = func(string) string { return "set" }
	}
	p := plan.Build(repo, opts)
	if edit != nil {
		edit(l, p)
		p = plan.Build(repo, opts)
	}
	return p, l
}

func expect(t *testing.T, got []string, want ...string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestPlanFirstRun(t *testing.T) {
	p, _ := build(t, "", plan.Options{}, nil)
	expect(t, actions(p),
		"create blog content/blog/a.md",
		"wait mastodon content/blog/a.md: the article is not live on blog yet",
		"create bluesky content/social/due.md",
		"create mastodon content/social/due.md",
		"create team content/social/due.md",
		"create mastodon content/social/queued.md",
		"wait mastodon content/social/later.md until 2027-02-03T11:15:00Z",
	)
}

func TestPlanAfterPublishing(t *testing.T) {
	p, _ := build(t, "", plan.Options{}, func(l *ledger.Ledger, p *plan.Plan) {
		for _, a := range p.Actions {
			if a.Kind == plan.Create && a.Channel != "team" {
				l.Append(now, ledger.Record{Op: ledger.Published, Item: a.Item, Channel: a.Channel, Version: a.Version, Key: a.Key, RemoteID: "1"})
			}
		}
		// team's attempt is pending: its outcome is unknown.
		l.Append(now, ledger.Record{Op: ledger.Intent, Item: "content/social/due.md", Channel: "team", Version: p.Actions[4].Version, Key: p.Actions[4].Key})
	})
	got := actions(p)
	expect(t, got,
		"done blog content/blog/a.md",
		"create mastodon content/blog/a.md",
		"create team content/social/due.md",
		"done bluesky content/social/due.md",
		"done mastodon content/social/due.md",
		"done mastodon content/social/queued.md",
		"wait mastodon content/social/later.md until 2027-02-03T11:15:00Z",
	)
	for _, a := range p.Actions {
		if a.Channel == "team" && a.Resolve == nil {
			t.Error("the pending attempt on team is not resolved first")
		}
	}
}

func TestPlanChangedAndRemoved(t *testing.T) {
	p, _ := build(t, "publishing: {delete: true}\n", plan.Options{}, func(l *ledger.Ledger, p *plan.Plan) {
		for _, a := range p.Actions {
			if a.Item == "content/social/due.md" {
				l.Append(now, ledger.Record{Op: ledger.Published, Item: a.Item, Channel: a.Channel, Version: "old", RemoteID: "1"})
			}
		}
		l.Append(now, ledger.Record{Op: ledger.Published, Item: "content/social/gone.md", Channel: "mastodon", Version: "v", RemoteID: "2"})
		l.Append(now, ledger.Record{Op: ledger.Published, Item: "content/social/gone.md", Channel: "team", Version: "v", RemoteID: "3"})
	})
	got := actions(p)
	want := []string{
		"update bluesky content/social/due.md: changed since it was published",
		"update mastodon content/social/due.md: changed since it was published",
		"keep team content/social/due.md: changed since it was published, but a webhook channel cannot edit what it sent: the published version stays (delete and post again by hand to change it)",
		"delete mastodon content/social/gone.md: removed from the repo",
		"keep team content/social/gone.md: removed from the repo, but a webhook channel cannot delete what it sent",
	}
	for _, w := range want {
		if !strings.Contains(strings.Join(got, "\n"), w) {
			t.Errorf("missing %q in\n%s", w, strings.Join(got, "\n"))
		}
	}
}

func TestPlanBlocked(t *testing.T) {
	tests := []struct {
		name  string
		extra string
		opts  plan.Options
		want  string
	}{
		{"paused", "publishing: {paused: true, reason: \"crise en cours\"}\n", plan.Options{},
			"blocked mastodon content/social/due.md: publishing is paused in cm.yaml: crise en cours"},
		{"missing secret", "", plan.Options{Getenv: func(k string) string {
			if k == "CM_TEST_HOOK" {
				return ""
			}
			return "set"
		}}, "blocked team content/social/due.md: missing secret: set CM_TEST_HOOK in the environment"},
		{"wrong account", "", plan.Options{Accounts: map[string]error{"bluesky": errors.New("wrong account: the session belongs to @other")}},
			"blocked bluesky content/social/due.md: wrong account: the session belongs to @other"},
		{"failed check", "", plan.Options{Check: func(paths []string) map[string]string {
			return map[string]string{"content/social/due.md": "content/social/due.md:5:1: trop long (social.length)"}
		}}, "blocked mastodon content/social/due.md: fails cm check: content/social/due.md:5:1: trop long (social.length)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _ := build(t, tt.extra, tt.opts, nil)
			if got := strings.Join(actions(p), "\n"); !strings.Contains(got, tt.want) {
				t.Errorf("missing %q in\n%s", tt.want, got)
			}
		})
	}
}

func TestPlanChannel(t *testing.T) {
	p, _ := build(t, "", plan.Options{Channel: "bluesky"}, nil)
	expect(t, actions(p), "create bluesky content/social/due.md")
}

func TestAnotherRunnersAttemptWaits(t *testing.T) {
	p, _ := build(t, "", plan.Options{Runner: "me", Clock: func() time.Time { return now }}, func(l *ledger.Ledger, p *plan.Plan) {
		a := p.Actions[2] // bluesky due.md
		l.SetRunner("other")
		l.Append(now.Add(-time.Minute), ledger.Record{Op: ledger.Intent, Item: a.Item, Channel: a.Channel, Version: a.Version, Key: a.Key})
	})
	if got := actions(p)[2]; !strings.HasPrefix(got, "wait bluesky content/social/due.md: another runner started this at 2027-02-01T20:59:00Z") {
		t.Errorf("got %s", got)
	}
}

func TestKeysAndVersions(t *testing.T) {
	if plan.Key("a", "b", "v", "create", "") == plan.Key("a", "b", "v2", "create", "") {
		t.Error("the key ignores the version")
	}
	p1, _ := build(t, "", plan.Options{}, nil)
	p2, _ := build(t, "", plan.Options{}, nil)
	for i := range p1.Actions {
		if p1.Actions[i].Version != p2.Actions[i].Version || p1.Actions[i].Key != p2.Actions[i].Key {
			t.Errorf("%s: versions or keys differ between two plans", p1.Actions[i].Item)
		}
	}
}

// A pull request's preview runs without secrets: IgnoreSecrets plans as
// the publish job, which has them, will.
func TestPlanIgnoreSecrets(t *testing.T) {
	none := func(string) string { return "" }
	p, _ := build(t, "", plan.Options{Getenv: none}, nil)
	if got := strings.Join(actions(p), "\n"); !strings.Contains(got, "blocked team content/social/due.md: missing secret: set CM_TEST_HOOK in the environment") {
		t.Fatalf("without secrets, the webhook is not blocked:\n%s", got)
	}
	p, _ = build(t, "", plan.Options{Getenv: none, IgnoreSecrets: true}, nil)
	got := strings.Join(actions(p), "\n")
	for _, want := range []string{"create team content/social/due.md", "create mastodon content/social/due.md"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Contains(got, "missing secret") {
		t.Errorf("a secret was checked:\n%s", got)
	}
	p, _ = build(t, "publishing: {paused: true}\n", plan.Options{Getenv: none, IgnoreSecrets: true}, nil)
	if got := strings.Join(actions(p), "\n"); !strings.Contains(got, "blocked mastodon content/social/due.md: publishing is paused in cm.yaml") {
		t.Errorf("a pause is still a block in a preview:\n%s", got)
	}
}
