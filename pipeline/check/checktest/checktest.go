// Package checktest runs rules on small repos written by tests, so a rule's
// test says in a few lines which file gives which diagnostic where.
package checktest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

// Config is a cm.yaml for tests: two languages, Europe/Paris, a site and
// two social channels.
const Config = `site:
  title: Test
  base_url: https://test.example
  languages: [fr, en]
  default_language: fr
  timezone: Europe/Paris
channels:
  blog: {type: site}
  mastodon: {type: mastodon, instance: https://mastodon.example, account: "@test", token_env: CM_TEST_TOKEN}
  bluesky: {type: bluesky, service: https://bsky.example, handle: test.example, password_env: CM_TEST_PASSWORD}
`

// WriteRepo writes files (path -> content) into a new temp dir. A file
// named cm.yaml replaces Config.
func WriteRepo(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["cm.yaml"]; !ok {
		files = withConfig(files)
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func withConfig(files map[string]string) map[string]string {
	out := map[string]string{"cm.yaml": Config}
	for k, v := range files {
		out[k] = v
	}
	return out
}

// Load reads the repo at dir, failing the test on a configuration error.
func Load(t testing.TB, dir string) *content.Repo {
	t.Helper()
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatalf("cm.yaml: %v", err)
	}
	repo, err := content.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return repo
}

// Run writes files into a repo and checks it with the given rules, returning
// every diagnostic.
func Run(t testing.TB, files map[string]string, rules ...check.Rule) []check.Diagnostic {
	t.Helper()
	repo := Load(t, WriteRepo(t, files))
	res, err := check.NewRegistry(rules...).Run(repo, check.Options{})
	if err != nil {
		t.Fatalf("check: %v", err)
	}
	return res.Diagnostics
}
