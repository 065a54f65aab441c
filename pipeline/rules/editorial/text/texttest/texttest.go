// Package texttest runs rules on small content repos written by tests.
package texttest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/content"
)

// Config is the cm.yaml of the test repos: the site, two languages, a blog
// and two social channels; Repo appends the test's own sections.
const Config = `site:
  title: Brindille
  base_url: https://brindille.example
  languages: [fr, en]
  default_language: fr
  timezone: Europe/Paris
channels:
  blog: {type: site}
  mastodon: {type: mastodon, instance: https://mastodon.example, account: "@brindille", token_env: T}
  bluesky: {type: bluesky, service: https://bsky.example, handle: brindille.example, password_env: P}
`

// Repo writes files (path -> content, cm.yaml completed with Config) into a
// temporary folder and loads it, through checktest.
func Repo(t testing.TB, files map[string]string) *content.Repo {
	t.Helper()
	withConfig := make(map[string]string, len(files)+1)
	for k, v := range files {
		withConfig[k] = v
	}
	withConfig["cm.yaml"] = Config + files["cm.yaml"]
	return checktest.Load(t, checktest.WriteRepo(t, withConfig))
}

// Run checks a repo made of files with the given rules only and returns
// the diagnostics, failing the test on a configuration error.
func Run(t testing.TB, files map[string]string, rules ...check.Rule) []check.Diagnostic {
	t.Helper()
	repo := Repo(t, files)
	res, err := check.NewRegistry(rules...).Run(repo, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Diagnostics
}

// Lines formats diagnostics one a line, "file:line:col rule: message | suggestion",
// for comparing with what a test expects.
func Lines(diags []check.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "%s:%d:%d %s: %s", d.File, d.Line, d.Column, d.Rule, d.Message)
		if d.Suggestion != "" {
			fmt.Fprintf(&b, " | %s", d.Suggestion)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// Article is an article file with a title and a language.
func Article(lang, body string) string {
	return "---\ntitle: Titre\ndate: 2026-01-01\nlang: " + lang + "\n---\n" + body
}

// Post is a post file for mastodon and bluesky in a language.
func Post(lang, body string) string {
	return "---\nchannels: [mastodon, bluesky]\nlang: " + lang + "\n---\n" + body
}

// Fixed checks files with rules, applies every fix in memory and returns
// the new content of each file that changed.
func Fixed(t testing.TB, files map[string]string, rules ...check.Rule) map[string]string {
	t.Helper()
	repo := Repo(t, files)
	res, err := check.NewRegistry(rules...).Run(repo, check.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, ff := range check.PlanFixes(repo, res.Diagnostics) {
		out[ff.Path] = string(ff.After)
	}
	return out
}
