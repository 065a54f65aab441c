package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/iostreams"
	"github.com/cmhq/cm/pipeline/publish/publishtest"
)

// The loop of .github/workflows/, played end to end: an editor's pull
// request is checked by check.yml's commands, merged, published by
// publish.yml's commands to strict fake networks with the ledger pushed to
// a bare origin, the blog deployed, and the schedule picks up what became
// due. The commands are read from the workflow files and run as the runner
// would run them (in-process, in a fresh clone per job); the test knows
// only the actions they use and the conditions they test, and fails on
// anything else, so a change to the workflows is a change to this test.

// workflow is the part of a workflow file the test reads.
type workflow struct {
	On          map[string]yaml.Node    `yaml:"on"`
	Permissions map[string]string       `yaml:"permissions"`
	Concurrency map[string]any          `yaml:"concurrency"`
	Jobs        map[string]*workflowJob `yaml:"jobs"`
}

type workflowJob struct {
	If          string            `yaml:"if"`
	Needs       string            `yaml:"needs"`
	Permissions map[string]string `yaml:"permissions"`
	Env         map[string]string `yaml:"env"`
	Outputs     map[string]string `yaml:"outputs"`
	Steps       []workflowStep    `yaml:"steps"`
}

type workflowStep struct {
	ID   string            `yaml:"id"`
	Name string            `yaml:"name"`
	If   string            `yaml:"if"`
	Run  string            `yaml:"run"`
	Uses string            `yaml:"uses"`
	Env  map[string]string `yaml:"env"`
	With map[string]string `yaml:"with"`
}

func readWorkflow(t *testing.T, name string) *workflow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", ".github", "workflows", name))
	if err != nil {
		t.Fatal(err)
	}
	var w workflow
	if err := yaml.Unmarshal(data, &w); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &w
}

const (
	wfMastodonToken   = "mastodon-5ecret-token"
	wfBlueskyPassword = "bluesky-5ecret-password"
	wfRepository      = "brindille/site"
)

// runner plays GitHub Actions: it runs a workflow's jobs in fresh clones
// of the origin, at a simulated time.
type runner struct {
	t      *testing.T
	origin string
	site   *publishtest.Site
	clock  time.Time
	// secrets are the repository's secrets (a fork's pull request gets
	// none: check.yml must not ask for any).
	secrets map[string]string
	// logs keeps everything the steps printed, to look for leaks.
	logs strings.Builder
}

// job is one job's run.
type job struct {
	name, event string
	dir         string                       // the workspace
	head        string                       // the commit checked out
	base        string                       // a pull request's base commit
	outputs     map[string]map[string]string // step id -> outputs
	outcome     map[string]string            // step id -> success, failure or skipped
	failed      bool
	summary     string // the job summary's file
	stdout      map[string]string
	codes       map[string]int // step name -> exit code
	artifact    string         // what upload-pages-artifact took
	sarif       string
}

// gitCmd runs the git command line in dir.
func gitCmd(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GIT_AUTHOR_NAME=Camille", "GIT_AUTHOR_EMAIL=camille@brindille.example",
		"GIT_COMMITTER_NAME=Camille", "GIT_COMMITTER_EMAIL=camille@brindille.example")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// expression is the value of a ${{ }} expression used as an environment
// variable or an input.
func (r *runner) expression(j *job, s string) string {
	r.t.Helper()
	m := regexp.MustCompile(`^\$\{\{\s*(.*?)\s*\}\}$`).FindStringSubmatch(s)
	if m == nil {
		return s
	}
	expr := m[1]
	switch {
	case expr == "github.event.pull_request.base.sha" && j.event == "pull_request":
		return j.base
	case expr == "github.ref":
		return "refs/heads/main"
	case expr == "github.token":
		return "ghs_workflow5ecret"
	case strings.HasPrefix(expr, "secrets."):
		if j.event == "pull_request" {
			r.t.Fatalf("job %s reads %s: a pull request's job has no secrets", j.name, expr)
		}
		return r.secrets[strings.TrimPrefix(expr, "secrets.")]
	}
	r.t.Fatalf("job %s: the test does not know the expression %q", j.name, expr)
	return ""
}

// condition evaluates the if: of a step; the test knows the ones the
// workflows use.
func (r *runner) condition(j *job, cond string) bool {
	r.t.Helper()
	switch cond {
	case "":
		return !j.failed
	case "${{ !cancelled() }}":
		return true
	case "${{ !cancelled() && hashFiles('cm.sarif') != '' && github.event.pull_request.head.repo.full_name == github.repository }}":
		_, err := os.Stat(filepath.Join(j.dir, "cm.sarif"))
		return err == nil // the pull request comes from the repository itself
	case "${{ !cancelled() && steps.plan.outputs.paused == 'false' && (github.event_name != 'schedule' || steps.plan.outputs.deploy == 'true') }}":
		plan := j.outputs["plan"]
		return plan["paused"] == "false" && (j.event != "schedule" || plan["deploy"] == "true")
	case "${{ !cancelled() && steps.build.outcome == 'success' }}":
		return j.outcome["build"] == "success"
	}
	r.t.Fatalf("job %s: the test does not know the condition %q", j.name, cond)
	return false
}

// checkout makes the job's workspace: a clone of the origin, on main, or
// for a pull request the merge of its branch into main, detached, as
// actions/checkout does.
func (r *runner) checkout(j *job, with map[string]string, pr string) {
	t := r.t
	if with["fetch-depth"] != "0" || with["persist-credentials"] != "false" {
		t.Errorf("job %s: checkout with %v, want fetch-depth 0 (history) and persist-credentials false (cm pushes with its token)", j.name, with)
	}
	j.dir = filepath.Join(t.TempDir(), "workspace")
	gitCmd(t, filepath.Dir(j.dir), "clone", "-q", r.origin, j.dir)
	if j.event == "pull_request" {
		j.base = gitCmd(t, j.dir, "rev-parse", "origin/main")
		gitCmd(t, j.dir, "checkout", "-q", "--detach", "origin/main")
		gitCmd(t, j.dir, "merge", "-q", "--no-ff", "-m", "Merge "+pr+" into main", "origin/"+pr)
	} else if ref := r.expression(j, with["ref"]); ref != "refs/heads/main" {
		t.Fatalf("job %s checks out %q", j.name, ref)
	}
	j.head = gitCmd(t, j.dir, "rev-parse", "HEAD")
}

// runJob runs a job of a workflow, from its steps.
func (r *runner) runJob(wf *workflow, name, event, pr string, needs *job) *job {
	t := r.t
	t.Helper()
	def := wf.Jobs[name]
	if def == nil {
		t.Fatalf("no job %s", name)
	}
	j := &job{name: name, event: event, outputs: map[string]map[string]string{}, outcome: map[string]string{},
		stdout: map[string]string{}, codes: map[string]int{}, summary: filepath.Join(t.TempDir(), "summary.md")}
	temp := t.TempDir()
	for i, s := range def.Steps {
		label := s.Name
		if label == "" {
			label = s.Uses
		}
		if !r.condition(j, s.If) {
			j.outcome[s.ID] = "skipped"
			continue
		}
		env := map[string]string{}
		for k, v := range def.Env {
			env[k] = r.expression(j, v)
		}
		for k, v := range s.Env {
			env[k] = r.expression(j, v)
		}
		code := 0
		switch {
		case s.Uses != "":
			if !regexp.MustCompile(`^[\w.-]+/[\w./-]+@[0-9a-f]{40}$`).MatchString(s.Uses) {
				t.Errorf("job %s step %d: %s is not pinned to a commit", name, i, s.Uses)
			}
			action, _, _ := strings.Cut(s.Uses, "@")
			switch action {
			case "actions/checkout":
				r.checkout(j, s.With, pr)
			case "actions/setup-go", "actions/configure-pages":
			case "github/codeql-action/upload-sarif":
				j.sarif = filepath.Join(j.dir, s.With["sarif_file"])
			case "actions/upload-pages-artifact":
				j.artifact = filepath.Join(j.dir, s.With["path"])
				if _, err := os.Stat(filepath.Join(j.artifact, "index.html")); err != nil {
					t.Errorf("job %s uploads %s, which is not a site: %v", name, s.With["path"], err)
				}
			case "actions/deploy-pages":
				r.deploy(needs.artifact)
			default:
				t.Fatalf("job %s: the test does not know the action %s", name, action)
			}
		default:
			code = r.script(j, label, s.Run, env, temp, s.ID)
		}
		j.codes[label] = code
		if code != 0 {
			j.failed = true
			j.outcome[s.ID] = "failure"
		} else {
			j.outcome[s.ID] = "success"
		}
	}
	return j
}

// script runs a step's shell lines: cm commands in-process, the setup
// lines (dictionaries, building cm) skipped.
func (r *runner) script(j *job, label, script string, env map[string]string, temp, id string) int {
	t := r.t
	outputs := filepath.Join(t.TempDir(), "output")
	env["RUNNER_TEMP"] = temp
	env["GITHUB_STEP_SUMMARY"] = j.summary
	env["GITHUB_OUTPUT"] = outputs
	env["GITHUB_SERVER_URL"] = "https://github.com"
	env["GITHUB_REPOSITORY"] = wfRepository
	env["GITHUB_SHA"] = j.head
	// Only what the step is given: no secret leaks from a step to another.
	for _, name := range []string{"CM_MASTODON_TOKEN", "CM_BLUESKY_PASSWORD", "CM_SLACK_WEBHOOK", "CM_GIT_TOKEN", "GITHUB_TOKEN", "BASE"} {
		t.Setenv(name, "")
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
	t.Chdir(j.dir)
	code := 0
	for line := range strings.SplitSeq(script, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "", strings.HasPrefix(line, "sudo apt-get "), strings.HasPrefix(line, "go build "), strings.HasPrefix(line, `echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"`):
			continue
		case !strings.HasPrefix(line, "cm "):
			t.Fatalf("job %s step %q: the test does not know the command %q", j.name, label, line)
		}
		args := shellWords(t, line, env)
		streams, _, out, errOut := iostreams.Test()
		f := &Factory{IO: streams, Now: func() time.Time { return r.clock }, Version: "test"}
		code = Execute(f, args[1:])
		j.stdout[label] += out.String()
		r.logs.WriteString(out.String() + errOut.String())
		if code != 0 {
			t.Logf("job %s step %q: %s: exit %d\n%s%s", j.name, label, line, code, out, errOut)
			break
		}
	}
	if data, err := os.ReadFile(outputs); err == nil {
		j.outputs[id] = map[string]string{}
		for l := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
			if k, v, ok := strings.Cut(l, "="); ok {
				j.outputs[id][k] = v
			}
		}
	}
	return code
}

// shellWords splits a command line as the shell does for the lines the
// workflows hold: words, double quotes, $NAME.
func shellWords(t *testing.T, line string, env map[string]string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '"':
			quoted, inWord = !quoted, true
		case c == '$':
			m := regexp.MustCompile(`^\$([A-Z_][A-Z0-9_]*)`).FindStringSubmatch(line[i:])
			if m == nil {
				t.Fatalf("cannot expand %q", line[i:])
			}
			v, ok := env[m[1]]
			if !ok {
				t.Fatalf("%s: $%s is not set in the step", line, m[1])
			}
			cur.WriteString(v)
			i += len(m[0]) - 1
			inWord = true
		case (c == ' ' || c == '\t') && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\'' || c == '\\' || c == '>' || c == '|' || c == '&' || c == ';':
			t.Fatalf("%s: the test reads no %q in a cm command", line, c)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

// deploy serves the pages of a built site on the fake blog.
func (r *runner) deploy(dir string) {
	r.t.Helper()
	if dir == "" {
		r.t.Fatal("deploy-pages without an uploaded artifact")
	}
	var pages []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" {
			rel, _ := filepath.Rel(dir, filepath.Dir(p))
			pages = append(pages, strings.TrimSuffix("/"+filepath.ToSlash(rel), "/.")+"/")
		}
		return nil
	})
	r.site.Deploy(true, pages...)
}

// publishRun plays publish.yml for one event: publish, then deploy and
// announce when the first job says the blog changed.
func (r *runner) publishRun(wf *workflow, event string) (publishJob, deployJob, announceJob *job) {
	publishJob = r.runJob(wf, "publish", event, "", nil)
	if wf.Jobs["deploy"].If != "${{ !cancelled() && needs.publish.outputs.deploy == 'true' }}" ||
		wf.Jobs["publish"].Outputs["deploy"] != "${{ steps.build.outcome == 'success' }}" ||
		wf.Jobs["announce"].If != "${{ !cancelled() && needs.deploy.result == 'success' }}" {
		r.t.Fatal("publish.yml's jobs are chained differently: update the test")
	}
	if publishJob.outcome["build"] != "success" {
		return publishJob, nil, nil
	}
	deployJob = r.runJob(wf, "deploy", event, "", publishJob)
	if deployJob.failed {
		return publishJob, deployJob, nil
	}
	return publishJob, deployJob, r.runJob(wf, "announce", event, "", deployJob)
}

func readSummary(t *testing.T, j *job) string {
	t.Helper()
	b, err := os.ReadFile(j.summary)
	if err != nil {
		t.Fatalf("job %s wrote no summary: %v", j.name, err)
	}
	return string(b)
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(got, want) {
			t.Errorf("%s lacks %q:\n%s", what, want, got)
		}
	}
}

func TestWorkflowLoop(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	mastodon := publishtest.NewMastodon(wfMastodonToken, "brindille")
	bluesky := publishtest.NewBluesky("brindille.example", wfBlueskyPassword)
	hook := publishtest.NewWebhook("/hooks/T0/B0/5ecret-path", "")
	site := publishtest.NewSite()
	defer func() { mastodon.Close(); bluesky.Close(); hook.Close(); site.Close() }()

	checkWF, publishWF := readWorkflow(t, "check.yml"), readWorkflow(t, "publish.yml")
	if _, ok := checkWF.On["pull_request_target"]; ok || len(checkWF.On) != 1 {
		t.Errorf("check.yml must run on pull_request only, never pull_request_target: %v", checkWF.On)
	}
	if p := checkWF.Jobs["check"].Permissions; p["contents"] != "read" || p["security-events"] != "write" || p["pull-requests"] != "read" {
		t.Errorf("check permissions: %v", p)
	}
	if p := publishWF.Jobs["publish"].Permissions; p["contents"] != "write" || len(p) != 1 {
		t.Errorf("publish permissions: %v", p)
	}
	if p := publishWF.Jobs["deploy"].Permissions; p["pages"] != "write" || p["id-token"] != "write" || len(p) != 2 {
		t.Errorf("deploy permissions: %v", p)
	}
	if len(checkWF.Permissions)+len(publishWF.Permissions) != 0 {
		t.Error("the workflows grant permissions at the top: grant them per job")
	}
	if publishWF.Concurrency["cancel-in-progress"] != false || publishWF.Concurrency["group"] == nil {
		t.Errorf("publish.yml's concurrency: %v", publishWF.Concurrency)
	}

	// The brand's repository: an origin, and Camille's clone.
	root := t.TempDir()
	origin := filepath.Join(root, "origin.git")
	editor := filepath.Join(root, "editor")
	os.MkdirAll(editor, 0o755)
	gitCmd(t, root, "init", "-q", "--bare", "-b", "main", origin)
	gitCmd(t, editor, "init", "-q", "-b", "main")
	gitCmd(t, editor, "remote", "add", "origin", origin)
	writeFile(t, editor, "cm.yaml", `site:
  title: Brindille
  base_url: `+site.URL+`
  languages: [fr, en]
  timezone: Europe/Paris
channels:
  blog: {type: site}
  mastodon: {type: mastodon, instance: `+mastodon.URL+`, account: "@brindille", token_env: CM_MASTODON_TOKEN}
  bluesky: {type: bluesky, service: `+bluesky.URL+`, handle: brindille.example, password_env: CM_BLUESKY_PASSWORD}
  team: {type: webhook, url_env: CM_SLACK_WEBHOOK}
rules: {seo: off, editorial: off, spelling: off, typography: off}
social:
  utm: {enabled: false}
`)
	writeFile(t, editor, "content/social/bienvenue.md", "---\npublish_at: 2027-01-05T12:30:00+01:00\nchannels: [mastodon]\nlang: fr\n---\nBonne année à toutes et à tous !\n")
	gitCmd(t, editor, "add", ".")
	gitCmd(t, editor, "commit", "-q", "-m", "Brindille's newsroom")
	gitCmd(t, editor, "push", "-q", "origin", "main")

	r := &runner{t: t, origin: origin, site: site, secrets: map[string]string{
		"CM_MASTODON_TOKEN": wfMastodonToken, "CM_BLUESKY_PASSWORD": wfBlueskyPassword, "CM_SLACK_WEBHOOK": hook.HookURL(),
	}}

	// Monday 30 November 2026, 22:15 in Paris: a pull request adds an
	// article, a French post with a misspelt channel and an English post.
	r.clock = time.Date(2026, 11, 30, 22, 15, 0, 0, paris(t))
	gitCmd(t, editor, "checkout", "-q", "-b", "atelier-du-soir")
	writeFile(t, editor, "content/blog/atelier.md", "---\ntitle: L’atelier ouvre le soir\ndescription: Réparer après le travail.\ndate: 2026-11-30T22:20:00+01:00\nlang: fr\nshare:\n  mastodon: \"Nouvel article : l’atelier ouvre le soir\"\n  team: \"Article publié\"\n---\nL’atelier ouvre désormais le soir.\n")
	writeFile(t, editor, "content/social/atelier-ouvert.md", "---\npublish_at: 2026-11-30T22:30:00+01:00\nchannels: [mastodon, mastdon]\nlang: fr\n---\nL’atelier est ouvert ce soir jusqu’à 23 h.\n")
	writeFile(t, editor, "content/social/repair-evening.md", "---\npublish_at: 2026-11-30T23:20:00+01:00\nchannels: [mastodon, bluesky]\nlang: en\n---\nOur repair evening starts now: bring something broken.\n")
	gitCmd(t, editor, "add", ".")
	gitCmd(t, editor, "commit", "-q", "-m", "Evening workshop")
	gitCmd(t, editor, "push", "-q", "origin", "atelier-du-soir")

	j := r.runJob(checkWF, "check", "pull_request", "atelier-du-soir", nil)
	if j.codes["cm check"] != 1 {
		t.Fatalf("cm check on the pull request: exit %d, want 1\n%s", j.codes["cm check"], j.stdout["cm check"])
	}
	annotations := j.stdout["cm check"]
	if want := "::error file=content/social/atelier-ouvert.md,line=3,col=22,title=schema.unknown-key::channel \"mastdon\" is not configured in cm.yaml%0Adid you mean \"mastodon\"?\n"; annotations != want {
		t.Errorf("annotations:\n%s\nwant\n%s", annotations, want)
	}
	summary := readSummary(t, j)
	mustContain(t, "the job summary", summary,
		"### ❌ cm check: 1 error, 0 warnings\n\n3 files checked.",
		"| **error** | [content/social/atelier-ouvert.md:3:22](https://github.com/"+wfRepository+"/blob/"+j.head+"/content/social/atelier-ouvert.md#L3) | `schema.unknown-key` | channel \"mastdon\" is not configured in cm.yaml<br>fix: did you mean \"mastodon\"? |",
		"### 📣 cm plan: what merging this pull request will publish",
		"| create | blog | [content/blog/atelier.md](https://github.com/"+wfRepository+"/blob/"+j.head+"/content/blog/atelier.md#L1) | Mon 30 Nov 2026 22:20 CET |",
		"| create | mastodon | [content/social/atelier-ouvert.md]",
		"| create | bluesky | [content/social/repair-evening.md](https://github.com/"+wfRepository+"/blob/"+j.head+"/content/social/repair-evening.md#L1) | Mon 30 Nov 2026 23:20 CET |",
		"**mastodon** · content/blog/atelier.md\n\n```text\nNouvel article : l’atelier ouvre le soir\n\n"+site.URL+"/fr/blog/atelier/\n```",
	)
	if strings.Contains(summary, "bienvenue") || strings.Contains(summary, "missing secret") {
		t.Errorf("the preview shows what the pull request does not change, or asks for secrets:\n%s", summary)
	}
	var sarif struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct{ StartLine, StartColumn int }
					} `json:"physicalLocation"`
				}
			}
		}
	}
	if data, err := os.ReadFile(j.sarif); err != nil || json.Unmarshal(data, &sarif) != nil || len(sarif.Runs) != 1 || len(sarif.Runs[0].Results) != 1 ||
		sarif.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI != "content/social/atelier-ouvert.md" ||
		sarif.Runs[0].Results[0].Locations[0].PhysicalLocation.Region.StartLine != 3 {
		t.Errorf("SARIF uploaded: %v %+v", err, sarif)
	}
	if j.codes["cm plan"] != 0 || j.codes["cm build"] != 0 {
		t.Errorf("cm plan and cm build in the check job: %v", j.codes)
	}
	if len(mastodon.Statuses())+len(bluesky.Posts())+len(hook.IDs()) != 0 || mastodon.Calls["GET /api/v1/accounts/verify_credentials"] != 0 {
		t.Fatal("checking a pull request called a network")
	}

	// Fixed, checked again, approved and merged at 22:38.
	writeFile(t, editor, "content/social/atelier-ouvert.md", "---\npublish_at: 2026-11-30T22:30:00+01:00\nchannels: [mastodon, bluesky]\nlang: fr\n---\nL’atelier est ouvert ce soir jusqu’à 23 h.\n")
	gitCmd(t, editor, "commit", "-q", "-am", "Fix the channel")
	gitCmd(t, editor, "push", "-q", "origin", "atelier-du-soir")
	j = r.runJob(checkWF, "check", "pull_request", "atelier-du-soir", nil)
	if j.failed {
		t.Fatalf("the fixed pull request fails: %v\n%s", j.codes, j.stdout["cm check"])
	}
	mustContain(t, "the fixed pull request's summary", readSummary(t, j), "### ✅ cm check: 0 errors, 0 warnings", "| create | bluesky | [content/social/atelier-ouvert.md]")
	gitCmd(t, editor, "checkout", "-q", "main")
	gitCmd(t, editor, "merge", "-q", "--no-ff", "-m", "Merge pull request #1 from atelier-du-soir", "atelier-du-soir")
	gitCmd(t, editor, "push", "-q", "origin", "main")
	merged := gitCmd(t, editor, "rev-parse", "HEAD")

	// The push to main, published at 22:40: the due post goes out, the
	// article is deployed, then recorded and announced.
	r.clock = time.Date(2026, 11, 30, 22, 40, 0, 0, paris(t))
	pub, dep, ann := r.publishRun(publishWF, "push")
	if pub.failed || dep == nil || ann == nil || ann.failed {
		t.Fatalf("publish on merge: %v %v\n%s", pub.codes, pub.stdout, r.logs.String())
	}
	mustContain(t, "cm publish", pub.stdout["cm publish"],
		"published mastodon   content/social/atelier-ouvert.md",
		"published bluesky    content/social/atelier-ouvert.md",
		"waiting   blog       content/blog/atelier.md",
		"2 done, 0 failed; the ledger is committed and pushed to origin")
	if o := pub.outputs["plan"]; o["deploy"] != "true" || o["paused"] != "false" {
		t.Errorf("plan outputs after publishing: %v", o)
	}
	mustContain(t, "the publish job's summary", readSummary(t, pub), "### ✅ cm publish: 2 done, 0 failed", "### 📣 cm plan at Mon 30 Nov 2026 22:40 CET")
	mustContain(t, "the announcements", ann.stdout["cm publish"],
		"published blog       content/blog/atelier.md  "+site.URL+"/fr/blog/atelier/",
		"published mastodon   content/blog/atelier.md",
		"published team       content/blog/atelier.md",
		"3 done, 0 failed")

	texts := func() []string {
		var out []string
		for _, s := range mastodon.Statuses() {
			out = append(out, s.Text)
		}
		for _, p := range bluesky.Posts() {
			out = append(out, "bluesky: "+p.Value["text"].(string))
		}
		slices.Sort(out)
		return out
	}
	want := []string{
		"L’atelier est ouvert ce soir jusqu’à 23 h.",
		"Nouvel article : l’atelier ouvre le soir\n\n" + site.URL + "/fr/blog/atelier/",
		"bluesky: L’atelier est ouvert ce soir jusqu’à 23 h.",
	}
	if got := texts(); !slices.Equal(got, want) || len(hook.IDs()) != 1 {
		t.Fatalf("after the merge:\n%q\nwant\n%q\n%d webhook deliveries", got, want, len(hook.IDs()))
	}
	// The ledger reached the origin in commits that touch only the ledger,
	// which publish.yml's paths-ignore keeps from starting another run.
	if files := gitCmd(t, editor, "--git-dir", origin, "diff", "--name-only", merged, "main"); files == "" {
		t.Error("the ledger was not pushed")
	} else {
		for f := range strings.SplitSeq(files, "\n") {
			if !strings.HasPrefix(f, ".cm/ledger/") {
				t.Errorf("cm pushed %s besides the ledger", f)
			}
		}
	}
	var push struct {
		Branches    []string `yaml:"branches"`
		PathsIgnore []string `yaml:"paths-ignore"`
	}
	if node := publishWF.On["push"]; node.Decode(&push) != nil || !slices.Equal(push.Branches, []string{"main"}) || !slices.Contains(push.PathsIgnore, ".cm/ledger/**") {
		t.Errorf("publish.yml must run on a push to main, but not on the ledger's own commits: %+v", push)
	}

	// The schedule, an hour later: the English post became due and goes
	// out; nothing goes twice; the blog is not deployed again.
	r.clock = r.clock.Add(time.Hour)
	pub, dep, _ = r.publishRun(publishWF, "schedule")
	if pub.failed || dep != nil {
		t.Fatalf("the scheduled run: failed %v, deployed %v\n%s", pub.failed, dep != nil, pub.stdout)
	}
	mustContain(t, "the scheduled run", pub.stdout["cm publish"],
		"published mastodon   content/social/repair-evening.md",
		"published bluesky    content/social/repair-evening.md",
		"2 done, 0 failed")
	want = append(want, "Our repair evening starts now: bring something broken.", "bluesky: Our repair evening starts now: bring something broken.")
	slices.Sort(want)
	if got := texts(); !slices.Equal(got, want) || len(hook.IDs()) != 1 {
		t.Fatalf("after the scheduled run:\n%q\nwant\n%q", got, want)
	}
	if o := pub.outputs["plan"]; o["deploy"] != "false" || o["sends"] != "0" {
		t.Errorf("plan outputs of the scheduled run: %v", o)
	}

	// And the next one sends nothing.
	r.clock = r.clock.Add(15 * time.Minute)
	pub, _, _ = r.publishRun(publishWF, "schedule")
	mustContain(t, "the run after", pub.stdout["cm publish"], "0 done, 0 failed")
	if got := texts(); !slices.Equal(got, want) {
		t.Errorf("the run after sent again:\n%q", got)
	}
	for _, u := range slices.Concat(mastodon.List(), bluesky.List(), hook.List(), site.List()) {
		t.Errorf("a fake network saw: %s", u)
	}
	for _, secret := range []string{wfMastodonToken, wfBlueskyPassword, "5ecret-path", "ghs_workflow5ecret"} {
		if strings.Contains(r.logs.String(), secret) {
			t.Errorf("a secret leaked in the logs: %s", secret)
		}
	}
}

func paris(t *testing.T) *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
