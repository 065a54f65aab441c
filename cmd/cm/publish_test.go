package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/publish/publishtest"
)

// publishRepo writes a content repo (not in git) whose channels point at
// the fakes.
func publishRepo(t *testing.T, mastodonURL, extra string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"cm.yaml": `site:
  title: Test
  base_url: https://test.example
  languages: [fr]
  timezone: Europe/Paris
channels:
  mastodon: {type: mastodon, instance: ` + mastodonURL + `, account: "@brindille", token_env: CM_TEST_MASTODON_TOKEN}
rules: {seo: off, editorial: off, spelling: off, typography: off}
` + extra,
		"content/social/soir.md":   "---\npublish_at: 2026-11-30T21:00:00+01:00\nchannels: [mastodon]\nlang: fr\n---\nBonsoir à toutes et à tous.\n",
		"content/social/demain.md": "---\npublish_at: 2026-12-01T12:30:00+01:00\nchannels: [mastodon]\nlang: fr\n---\nÀ demain.\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestPlanText(t *testing.T) {
	t.Setenv("CM_TEST_MASTODON_TOKEN", "")
	dir := publishRepo(t, "https://mastodon.example", "publishing: {paused: true, reason: \"bad buzz en cours\"}\n")
	r := run(t, "plan", "--dir", dir, "--offline")
	want := `! publishing is paused in cm.yaml: bad buzz en cours

blocked  mastodon   content/social/soir.md  due 2026-11-30 21:00 CET
           publishing is paused in cm.yaml: bad buzz en cours
wait     mastodon   content/social/demain.md  until 2026-12-01 12:30 CET

0 to create, 0 to update, 0 to delete, 1 waiting, 1 blocked, 0 kept, 0 published as they are
`
	if r.code != 0 || r.stdout != want {
		t.Errorf("exit %d\n%s\nwant\n%s\nstderr: %s", r.code, r.stdout, want, r.stderr)
	}
}

func TestPlanJSONAndMissingSecret(t *testing.T) {
	t.Setenv("CM_TEST_MASTODON_TOKEN", "")
	dir := publishRepo(t, "https://mastodon.example", "")
	r := run(t, "plan", "--dir", dir, "--format", "json")
	var out struct {
		Actions []map[string]any `json:"actions"`
		Summary map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	a := out.Actions[0]
	if a["action"] != "blocked" || a["why"] != "missing secret: set CM_TEST_MASTODON_TOKEN in the environment" || a["text"] != "Bonsoir à toutes et à tous." {
		t.Errorf("first action = %v", a)
	}
	if out.Summary["blocked"] != 1 || out.Summary["wait"] != 1 {
		t.Errorf("summary = %v", out.Summary)
	}
}

func TestPublishThenStatus(t *testing.T) {
	fake := publishtest.NewMastodon("tok-5ecret", "brindille")
	defer fake.Close()
	t.Setenv("CM_TEST_MASTODON_TOKEN", "tok-5ecret")
	dir := publishRepo(t, fake.URL, "")

	r := run(t, "publish", "--dir", dir, "--dry-run")
	if r.code != 0 || !strings.Contains(r.stdout, "would create  mastodon   content/social/soir.md") || len(fake.Statuses()) != 0 {
		t.Fatalf("dry run: %d\n%s", r.code, r.stdout)
	}
	r = run(t, "publish", "--dir", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "published mastodon   content/social/soir.md  "+fake.URL+"/@brindille/") {
		t.Fatalf("publish: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "1 done, 0 failed; the ledger stays in .cm/ledger (not a git repository)") {
		t.Errorf("summary line: %s", r.stdout)
	}
	r = run(t, "publish", "--dir", dir)
	if r.code != 0 || len(fake.Statuses()) != 1 {
		t.Fatalf("second run: %d statuses\n%s", len(fake.Statuses()), r.stdout)
	}
	r = run(t, "status", "--dir", dir)
	if !strings.HasPrefix(r.stdout, "published mastodon   content/social/soir.md\n") || strings.Contains(r.stdout, "tok-5ecret") {
		t.Errorf("status:\n%s", r.stdout)
	}
	r = run(t, "status", "--dir", dir, "--format", "json")
	var st struct {
		Entries []statusJSON `json:"entries"`
	}
	json.Unmarshal([]byte(r.stdout), &st)
	if len(st.Entries) != 1 || st.Entries[0].RemoteID == "" || st.Entries[0].State != "published" {
		t.Errorf("status json: %s", r.stdout)
	}
	for _, u := range fake.List() {
		t.Error(u)
	}
}

func TestPublishWrongAccountFails(t *testing.T) {
	fake := publishtest.NewMastodon("tok-5ecret", "quelquun")
	defer fake.Close()
	t.Setenv("CM_TEST_MASTODON_TOKEN", "tok-5ecret")
	dir := publishRepo(t, fake.URL, "")
	r := run(t, "publish", "--dir", dir)
	if r.code != 1 || !strings.Contains(r.stdout, "wrong account: the token belongs to @quelquun") || len(fake.Statuses()) != 0 {
		t.Fatalf("exit %d, %d statuses\n%s", r.code, len(fake.Statuses()), r.stdout)
	}
	if strings.Contains(r.stdout+r.stderr, "tok-5ecret") {
		t.Error("the token leaked")
	}
}

func TestStatusEmptyAndBadFormat(t *testing.T) {
	dir := publishRepo(t, "https://mastodon.example", "")
	if r := run(t, "status", "--dir", dir); r.code != 0 || !strings.Contains(r.stdout, "the ledger is empty") {
		t.Errorf("%d %s", r.code, r.stdout)
	}
	if r := run(t, "plan", "--dir", dir, "--format", "xml"); r.code != 2 {
		t.Errorf("bad format: exit %d", r.code)
	}
	if r := run(t, "publish", "--dir", dir, "--channel", "nope"); r.code != 2 || !strings.Contains(r.stderr, "no such channel") {
		t.Errorf("bad channel: exit %d %s", r.code, r.stderr)
	}
}

func TestPublishMissingSecretFailsPausedDoesNot(t *testing.T) {
	t.Setenv("CM_TEST_MASTODON_TOKEN", "")
	dir := publishRepo(t, "https://mastodon.example", "")
	r := run(t, "publish", "--dir", dir)
	if r.code != 1 || !strings.Contains(r.stdout, "missing secret: set CM_TEST_MASTODON_TOKEN") {
		t.Errorf("missing secret: exit %d\n%s", r.code, r.stdout)
	}
	dir = publishRepo(t, "https://mastodon.example", "publishing: {paused: true, reason: crise}\n")
	r = run(t, "publish", "--dir", dir)
	if r.code != 0 || !strings.Contains(r.stdout, "blocked   mastodon   content/social/soir.md\n          publishing is paused in cm.yaml: crise") {
		t.Errorf("paused: exit %d\n%s", r.code, r.stdout)
	}
}

func TestPublishEditThenDelete(t *testing.T) {
	fake := publishtest.NewMastodon("tok-5ecret", "brindille")
	defer fake.Close()
	t.Setenv("CM_TEST_MASTODON_TOKEN", "tok-5ecret")
	dir := publishRepo(t, fake.URL, "publishing: {delete: true}\n")
	if r := run(t, "publish", "--dir", dir); r.code != 0 {
		t.Fatalf("publish: %d\n%s", r.code, r.stdout)
	}
	post := filepath.Join(dir, "content/social/soir.md")
	os.WriteFile(post, []byte("---\npublish_at: 2026-11-30T21:00:00+01:00\nchannels: [mastodon]\nlang: fr\n---\nBonsoir, corrigé.\n"), 0o644)
	r := run(t, "plan", "--dir", dir, "--offline")
	if !strings.Contains(r.stdout, "update   mastodon   content/social/soir.md") {
		t.Fatalf("plan after an edit:\n%s", r.stdout)
	}
	if r := run(t, "publish", "--dir", dir); r.code != 0 || !strings.Contains(r.stdout, "updated   mastodon   content/social/soir.md") {
		t.Fatalf("publish the edit: %d\n%s", r.code, r.stdout)
	}
	st := fake.Statuses()
	if len(st) != 1 || st[0].Text != "Bonsoir, corrigé." || st[0].Edits != 1 {
		t.Fatalf("statuses after the edit: %+v", st)
	}
	os.Remove(post)
	if r := run(t, "publish", "--dir", dir); r.code != 0 || !strings.Contains(r.stdout, "deleted   mastodon   content/social/soir.md") {
		t.Fatalf("publish the removal: %d\n%s", r.code, r.stdout)
	}
	if len(fake.Statuses()) != 0 {
		t.Fatal("the status is still there")
	}
	if r := run(t, "status", "--dir", dir); !strings.HasPrefix(r.stdout, "deleted   mastodon   content/social/soir.md") {
		t.Errorf("status:\n%s", r.stdout)
	}
}
