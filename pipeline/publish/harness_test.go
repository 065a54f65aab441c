package publish_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/publish/publishtest"
)

// The exactly-once harness: the real cm binary publishes a repo to strict
// fake networks that fail 30% of the calls, is killed with SIGKILL at
// random instants, and is run again until nothing is left to do. Then every
// post must be on every network exactly once.

var (
	buildOnce sync.Once
	cmBinary  string
	buildErr  error
)

// binary builds cmd/cm once per test process.
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "cm-bin-")
		if err != nil {
			buildErr = err
			return
		}
		cmBinary = filepath.Join(dir, "cm")
		out, err := exec.Command("go", "build", "-o", cmBinary, "github.com/cmhq/cm/cmd/cm").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return cmBinary
}

const (
	mastodonToken   = "mastodon-token-5ecret-value"
	blueskyPassword = "bluesky-app-5ecret-password"
	webhookSecret   = "webhook-signing-5ecret"
	webhookPath     = "/hooks/T000/B000/xoxb-5ecret-path"
	// at is the clock of every run: Sunday 10 January 2027, noon in Paris.
	at = "2027-01-10T12:00:00+01:00"
)

// world is a content repo, its bare origin and the fake networks.
type world struct {
	t        testing.TB
	origin   string
	mastodon *publishtest.Mastodon
	webhook  *publishtest.Webhook
	site     *publishtest.Site
	bluesky  *publishtest.Bluesky
	// skies are the Bluesky texts expected, once each.
	skies []string
	// texts are the Mastodon texts expected, once each; hooks the number
	// of webhook deliveries (distinct ids) expected.
	texts []string
	hooks int
	// outputs are everything the runs printed.
	mu      sync.Mutex
	outputs []string
}

func newWorld(t testing.TB, faultRate float64, seed uint64, posts int) *world {
	t.Helper()
	w := &world{t: t}
	w.mastodon = publishtest.NewMastodon(mastodonToken, "brand")
	w.webhook = publishtest.NewWebhook(webhookPath, webhookSecret)
	w.site = publishtest.NewSite()
	w.bluesky = publishtest.NewBluesky("brand.example", blueskyPassword)
	t.Cleanup(func() { w.mastodon.Close(); w.webhook.Close(); w.site.Close(); w.bluesky.Close() })
	faults := publishtest.NewFaults(faultRate, seed)
	faults.Hang = 700 * time.Millisecond
	w.mastodon.Faults = faults
	w.webhook.Faults = faults
	w.bluesky.Faults = faults

	src := t.TempDir()
	files := map[string]string{
		"cm.yaml": fmt.Sprintf(`site:
  title: Test
  base_url: %s
  languages: [fr]
  timezone: Europe/Paris
channels:
  blog: {type: site}
  mastodon: {type: mastodon, instance: %s, account: "@brand", token_env: CM_TEST_MASTODON_TOKEN}
  bluesky: {type: bluesky, service: %s, handle: brand.example, password_env: CM_TEST_BLUESKY_PASSWORD}
  team: {type: webhook, url_env: CM_TEST_WEBHOOK_URL, secret_env: CM_TEST_WEBHOOK_SECRET}
rules: {seo: off, editorial: off, spelling: off, typography: off}
social:
  utm: {enabled: false}
publishing:
  timeout: 1s
  retries: 6
  max_wait: 1s
  lease: 3s
`, w.site.URL, w.mastodon.URL, w.bluesky.URL),
		"content/blog/atelier.md": "---\ntitle: L’atelier ouvre ses portes\ndate: 2027-01-05T12:00:00+01:00\nlang: fr\nshare:\n  mastodon: \"Nouvel article sur l’atelier\"\n  team: \"Article publié\"\n---\nUn article.\n",
	}
	w.site.Deploy(true, "/blog/atelier/")
	w.texts = append(w.texts, "Nouvel article sur l’atelier\n\n"+w.site.URL+"/blog/atelier/")
	w.hooks++ // the announcement on team
	for i := range posts {
		when := fmt.Sprintf("2027-01-%02dT%02d:00:00+01:00", 2+i%7, 9+i%10)
		if i%5 == 4 {
			when = "next"
		}
		text := fmt.Sprintf("Message numéro %d de la semaine, avec un accent é, #Réparation et un lien https://exemple.fr/%d", i, i)
		channels := "[mastodon, team]"
		switch i % 3 {
		case 2:
			channels = "[mastodon]"
		case 1:
			channels = "[mastodon, bluesky, team]"
			w.skies = append(w.skies, text)
			w.hooks++
		default:
			w.hooks++
		}
		files[fmt.Sprintf("content/social/post-%02d.md", i)] = fmt.Sprintf("---\npublish_at: %s\nchannels: %s\nlang: fr\n---\n%s\n", when, channels, text)
		w.texts = append(w.texts, text)
	}
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The origin: a bare repository, and the first commit pushed to it.
	w.origin = filepath.Join(t.TempDir(), "origin.git")
	if _, err := git.PlainInit(w.origin, true); err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainInit(src, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, _ := repo.Worktree()
	if err := wt.AddGlob("."); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "editor", Email: "editor@example.com", When: time.Now()}
	if _, err := wt.Commit("content", &git.CommitOptions{Author: sig}); err != nil {
		t.Fatal(err)
	}
	if _, err := repo.CreateRemote(&gitconfig.RemoteConfig{Name: "origin", URLs: []string{w.origin}}); err != nil {
		t.Fatal(err)
	}
	if err := repo.Push(&git.PushOptions{RemoteName: "origin"}); err != nil {
		t.Fatal(err)
	}
	return w
}

// clone makes a runner's clone of the origin.
func (w *world) clone() string {
	dir := filepath.Join(w.t.TempDir(), "clone")
	if _, err := git.PlainClone(dir, false, &git.CloneOptions{URL: w.origin}); err != nil {
		w.t.Fatal(err)
	}
	return dir
}

func (w *world) env() []string {
	return append(os.Environ(),
		"CM_TEST_MASTODON_TOKEN="+mastodonToken,
		"CM_TEST_BLUESKY_PASSWORD="+blueskyPassword,
		"CM_TEST_WEBHOOK_URL="+w.webhook.HookURL(),
		"CM_TEST_WEBHOOK_SECRET="+webhookSecret,
		"GIT_AUTHOR_NAME=cm", "GIT_COMMITTER_NAME=cm", "GIT_AUTHOR_EMAIL=cm@example.com", "GIT_COMMITTER_EMAIL=cm@example.com")
}

// run runs cm in dir; with kill > 0 it is killed with SIGKILL after kill.
// It returns the exit code (-1 when killed).
func (w *world) run(dir string, kill time.Duration, args ...string) (int, string) {
	cmd := exec.Command(binary(w.t), append(args, "--dir", dir)...)
	cmd.Env = w.env()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		w.t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var err error
	if kill > 0 {
		select {
		case err = <-done:
		case <-time.After(kill):
			_ = cmd.Process.Kill()
			err = <-done
		}
	} else {
		err = <-done
	}
	w.mu.Lock()
	w.outputs = append(w.outputs, out.String())
	w.mu.Unlock()
	if err == nil {
		return 0, out.String()
	}
	if ee, ok := err.(*exec.ExitError); ok {
		if !ee.Exited() {
			return -1, out.String()
		}
		return ee.ExitCode(), out.String()
	}
	w.t.Fatal(err)
	return 0, ""
}

// settled says whether cm plan finds nothing left to send or wait for.
func (w *world) settled(dir string) bool {
	code, out := w.run(dir, 0, "plan", "--offline", "--format", "json", "--at", at)
	if code != 0 {
		w.t.Fatalf("cm plan failed (%d):\n%s", code, out)
	}
	var p struct {
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &p); err != nil {
		w.t.Fatalf("cm plan --format json: %v\n%s", err, out)
	}
	return p.Summary["create"]+p.Summary["update"]+p.Summary["delete"]+p.Summary["wait"]+p.Summary["blocked"] == 0
}

// publishUntilDone reruns cm publish (without kills) until the plan is empty.
func (w *world) publishUntilDone(dir string) {
	last := ""
	// Bounded by time, not by a number of runs: on a loaded machine more
	// calls time out and more runs are needed, but a run that never settles
	// is still a failure.
	deadline := time.Now().Add(3 * time.Minute)
	for i := 0; ; i++ {
		if i > 60 && time.Now().After(deadline) {
			w.t.Fatalf("cm publish did not finish after %d runs in %s; last output:\n%s", i, dir, last)
		}
		_, last = w.run(dir, 0, "publish", "--at", at)
		if w.settled(dir) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// verify asserts zero duplicates and zero lost posts, and that no secret
// leaked into any artefact of the runs.
func (w *world) verify(dirs ...string) {
	t := w.t
	for _, u := range append(append(append(w.mastodon.List(), w.webhook.List()...), w.site.List()...), w.bluesky.List()...) {
		t.Errorf("the fakes saw an unexpected request: %s", u)
	}
	count := map[string]int{}
	for _, s := range w.mastodon.Statuses() {
		count[s.Text]++
	}
	for _, text := range w.texts {
		switch n := count[text]; n {
		case 1:
		case 0:
			t.Errorf("lost: %q was never posted on Mastodon", text)
		default:
			t.Errorf("duplicate: %q was posted %d times on Mastodon", text, n)
		}
		delete(count, text)
	}
	for text, n := range count {
		t.Errorf("unexpected status (%d): %q", n, text)
	}
	sky := map[string]int{}
	for _, r := range w.bluesky.Posts() {
		sky[r.Value["text"].(string)]++
	}
	for rkey, n := range w.bluesky.Created {
		if n != 1 {
			t.Errorf("bluesky: record %s created %d times", rkey, n)
		}
	}
	for _, text := range w.skies {
		if sky[text] != 1 {
			t.Errorf("bluesky: %q posted %d times, want 1", text, sky[text])
		}
	}
	if len(sky) != len(w.skies) {
		t.Errorf("bluesky: %d posts, want %d", len(sky), len(w.skies))
	}
	if ids := w.webhook.IDs(); len(ids) != w.hooks {
		t.Errorf("webhook: %d distinct deliveries, want %d (one per post)", len(ids), w.hooks)
	}
	secrets := []string{mastodonToken, webhookSecret, webhookPath, blueskyPassword}
	for _, out := range w.outputs {
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Errorf("a secret leaked in the output of a run:\n%s", out)
			}
		}
	}
	for _, dir := range append(dirs, w.origin) {
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return nil
			}
			data, _ := os.ReadFile(p)
			for _, s := range secrets {
				if bytes.Contains(data, []byte(s)) {
					t.Errorf("a secret leaked into %s", p)
				}
			}
			return nil
		})
	}
	for _, dir := range dirs {
		code, out := w.run(dir, 0, "status", "--format", "json")
		if code != 0 || !strings.Contains(out, `"state": "published"`) || strings.Contains(out, `"state": "pending"`) {
			t.Errorf("cm status after the runs (%d):\n%s", code, out)
		}
	}
}

// killLoop runs cm publish in a clone, killing it kills times at random
// instants, then lets it finish.
func killLoop(t testing.TB, kills int, seed uint64) (*world, int) {
	w := newWorld(t, 0.3, seed, 12)
	t.Logf("seed %d", seed)
	dir := w.clone()
	rng := rand.New(rand.NewPCG(seed, 7))
	start := time.Now()
	killed := 0
	for killed < kills {
		d := time.Duration(5+rng.IntN(600)) * time.Millisecond
		code, out := w.run(dir, d, "publish", "--at", at)
		if code == -1 {
			killed++
		} else if code != 0 && code != 1 {
			t.Fatalf("cm publish exited %d:\n%s", code, out)
		}
		if code >= 0 && w.settled(dir) {
			// Everything went out before the kills ran out: start the
			// next round on a fresh world would hide nothing; stop here.
			break
		}
	}
	w.publishUntilDone(dir)
	w.verify(dir)
	t.Logf("%d kills, %d runs in %s, %d statuses, %d webhook ids, faults injected: %v", killed, len(w.outputs), time.Since(start).Round(time.Millisecond), len(w.mastodon.Statuses()), len(w.webhook.IDs()), w.mastodon.Faults.Injected)
	return w, killed
}

func TestExactlyOnceUnderKills(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the cm binary")
	}
	killLoop(t, 12, 1)
}

// BenchmarkExactlyOnceKills is the long run: at least 200 kills in all.
//
//	go test ./pipeline/publish -run '^$' -bench ExactlyOnceKills -benchtime 1x
func BenchmarkExactlyOnceKills(b *testing.B) {
	for b.Loop() {
		kills := 0
		for seed := uint64(100); kills < 200; seed++ {
			_, n := killLoop(b, 40, seed)
			kills += n
		}
		b.ReportMetric(float64(kills), "kills")
	}
}

// TestRacingRunners: three clones of one origin publish at once; every
// post still goes out once.
func TestRacingRunners(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the cm binary")
	}
	w := newWorld(t, 0.1, 42, 9)
	dirs := []string{w.clone(), w.clone(), w.clone()}
	var wg sync.WaitGroup
	for _, dir := range dirs {
		wg.Go(func() { w.publishUntilDone(dir) })
	}
	wg.Wait()
	w.verify(dirs...)
	l, err := ledger.Open(dirs[0])
	if err != nil {
		t.Fatal(err)
	}
	runners := map[string]int{}
	for _, r := range l.Records() {
		if r.Op == ledger.Intent {
			runners[r.Runner]++
		}
	}
	t.Logf("%d runs; intents per runner: %v", len(w.outputs), runners)
	if len(runners) < 2 {
		t.Errorf("only %d runner recorded intents: the runners did not race", len(runners))
	}
}
