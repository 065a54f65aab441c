package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/publish/publishtest"
)

// githubEnv points the GitHub Actions files at a temp dir, as a runner
// does, and returns the job summary and step output files.
func githubEnv(t *testing.T) (summary, output string) {
	dir := t.TempDir()
	summary, output = filepath.Join(dir, "summary.md"), filepath.Join(dir, "output")
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	t.Setenv("GITHUB_OUTPUT", output)
	t.Setenv("GITHUB_SERVER_URL", "https://github.com")
	t.Setenv("GITHUB_REPOSITORY", "brindille/site")
	t.Setenv("GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567")
	return summary, output
}

func readText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPlanMarkdownAndOutputs(t *testing.T) {
	t.Setenv("CM_TEST_MASTODON_TOKEN", "")
	dir := publishRepo(t, "https://mastodon.example", "publishing: {paused: true, reason: \"bad buzz en cours\"}\n")
	r := run(t, "plan", "--dir", dir, "--offline", "--format", "markdown")
	want := "### 📣 cm plan at Mon 30 Nov 2026 22:15 CET\n\n" +
		"> [!WARNING]\n> Publishing is paused in cm.yaml: bad buzz en cours\n\n" +
		"| action | channel | item | when |\n| --- | --- | --- | --- |\n" +
		"| **blocked** | mastodon | content/social/soir.md | due Mon 30 Nov 2026 21:00 CET: publishing is paused in cm.yaml: bad buzz en cours |\n" +
		"| create | mastodon | content/social/demain.md | Tue 1 Dec 2026 12:30 CET |\n\n" +
		"0 to create, 0 to update, 0 to delete, 1 waiting, 1 blocked, 0 kept\n\n" +
		"<details><summary>What each network receives</summary>\n\n" +
		"**mastodon** · content/social/demain.md\n\n```text\nÀ demain.\n```\n\n</details>\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("exit %d\n%s\nwant\n%s\nstderr: %s", r.code, r.stdout, want, r.stderr)
	}

	summary, output := githubEnv(t)
	r = run(t, "plan", "--dir", dir, "--offline", "--format", "github")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "! publishing is paused in cm.yaml: bad buzz en cours\n") {
		t.Errorf("--format github prints the text plan: exit %d\n%s", r.code, r.stdout)
	}
	mustContain(t, "the job summary", readText(t, summary),
		"| **blocked** | mastodon | [content/social/soir.md](https://github.com/brindille/site/blob/0123456789abcdef0123456789abcdef01234567/content/social/soir.md#L1) |")
	if got := readText(t, output); got != "blocked=1\ndeploy=false\npaused=true\nsends=0\n" {
		t.Errorf("outputs:\n%s", got)
	}
}

func TestPublishGitHubAnnotatesFailures(t *testing.T) {
	fake := publishtest.NewMastodon("tok-5ecret", "quelquun")
	defer fake.Close()
	t.Setenv("CM_TEST_MASTODON_TOKEN", "tok-5ecret")
	dir := publishRepo(t, fake.URL, "")
	summary, _ := githubEnv(t)
	r := run(t, "publish", "--dir", dir, "--format", "github")
	if r.code != 1 {
		t.Fatalf("exit %d\n%s", r.code, r.stdout)
	}
	mustContain(t, "the annotations", r.stdout,
		"::error file=content/social/soir.md,title=cm publish%3A mastodon::failed: mastodon: wrong account: the token belongs to @quelquun")
	mustContain(t, "the job summary", readText(t, summary),
		"### ❌ cm publish: 0 done, 1 failed\n\nthe ledger stays in .cm/ledger (not a git repository).\n",
		"| **failed** | mastodon | [content/social/soir.md](https://github.com/brindille/site/blob/0123456789abcdef0123456789abcdef01234567/content/social/soir.md#L1) | mastodon: wrong account: the token belongs to @quelquun")
	if strings.Contains(r.stdout+readText(t, summary), "tok-5ecret") {
		t.Error("the token leaked")
	}
	if r := run(t, "publish", "--dir", dir, "--format", "json"); r.code != 2 {
		t.Errorf("--format json: exit %d", r.code)
	}
}

func TestCheckGitHubSummaryAndSARIFFile(t *testing.T) {
	summary, _ := githubEnv(t)
	sarif := filepath.Join(t.TempDir(), "cm.sarif")
	r := run(t, "check", "--dir", "testdata/broken", "--rule", "schema", "--format", "github", "--sarif", sarif)
	if r.code != 1 {
		t.Fatalf("exit %d", r.code)
	}
	golden(t, "check.github", r.stdout) // the annotations are unchanged
	mustContain(t, "the job summary", readText(t, summary), "### ❌ cm check: 2 errors, 1 warning",
		"| **error** | [content/blog/reseaux.md:2:1](https://github.com/brindille/site/blob/0123456789abcdef0123456789abcdef01234567/content/blog/reseaux.md#L2) |")
	got := readText(t, sarif)
	golden(t, "check.sarif", got)
}

// A job summary holds 1 MiB: a long plan is cut, and says so.
func TestPlanMarkdownBounded(t *testing.T) {
	t.Setenv("CM_TEST_MASTODON_TOKEN", "")
	dir := publishRepo(t, "https://mastodon.example", "")
	for i := range maxMarkdownRows + 3 {
		writeFile(t, dir, fmt.Sprintf("content/social/later-%03d.md", i),
			fmt.Sprintf("---\npublish_at: 2027-01-%02dT12:%02d:00+01:00\nchannels: [mastodon]\nlang: en\n---\nPost %d.\n", 1+i/50, i%50, i))
	}
	r := run(t, "plan", "--dir", dir, "--offline", "--format", "markdown")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	rows := strings.Count(r.stdout, "\n| create | mastodon |") + strings.Count(r.stdout, "\n| **blocked** |")
	mustContain(t, "a long plan", r.stdout, "\n| … | | 5 more | run `cm plan` to see them all |\n",
		fmt.Sprintf("and %d more: run `cm plan --format markdown` to see them all.", maxMarkdownRows+4-maxMarkdownTexts)) // soir.md is blocked: no text
	if rows != maxMarkdownRows {
		t.Errorf("%d rows, want %d", rows, maxMarkdownRows)
	}
}
