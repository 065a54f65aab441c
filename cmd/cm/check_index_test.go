package main

// A check of some files (PATH arguments or --changed-since) reads those
// files and takes the rest of the site from the site index in .cm/cache.
// These tests run cm check end to end on small git repos and hold it to
// one promise: the index changes how much is read, never what is reported.

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-git/go-git/v5"

	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/content"
)

// indexConfig is checktest's site (fr and en, Europe/Paris) with posts on
// mastodon kept 2 h apart, so that posts have a site-wide rule too.
const indexConfig = checktest.Config + `schedule:
  channels:
    mastodon: {min_spacing: 2h}
`

// indexSite is a small newsroom where pages depend on each other: a links
// to a heading of b, to c and to an image of b's bundle; x has c's title,
// links to b's heading and to c, and has two links broken from the start
// (one into b); p and q go out 30 minutes apart; a campaign has a queued
// post. e is an English bundle with a cover image that nothing links to.
// "PNG" stands for a real image.
func indexSite() map[string]string {
	return map[string]string{
		"cm.yaml": indexConfig,
		"content/blog/a.md": `---
title: "Article A sur les brosses en bois"
description: "Une description assez longue pour ne pas être trop courte, qui parle des brosses en bois et de leur entretien au quotidien."
date: 2026-10-06T12:15:00+02:00
lang: fr
tags: [cuisine]
---

Une introduction qui parle de brosses en bois. Lisez la section [ancien titre](/fr/blog/b/#ancien-titre) de B.

Voyez aussi [l’article C](/fr/blog/c/) et cette image :

![Une brosse](b/photo.png)

## Une section

Un texte court.
`,
		"content/blog/b/index.md": `---
title: "Article B sur les éponges"
description: "Une description assez longue pour ne pas être trop courte, qui parle des éponges et de leur entretien au quotidien."
date: 2026-10-07T12:15:00+02:00
lang: fr
---

Une introduction qui parle d’éponges.

## Ancien titre

Du texte sur les éponges.
`,
		"content/blog/b/photo.png":  "PNG",
		"content/blog/b/unused.png": "PNG",
		"content/blog/c.md": `---
title: "Article C sur les gamelles en inox"
description: "Une description assez longue pour ne pas être trop courte, qui parle des gamelles et de leur entretien au quotidien."
date: 2026-10-08T12:15:00+02:00
lang: fr
---

Une introduction qui renvoie à [A](/fr/blog/a/).
`,
		"content/blog/x.md": `---
title: "Article C sur les gamelles en inox"
description: "Un article qui reprend le titre de C, qu’un contrôle de ce seul fichier doit voir dans l’index du site."
date: 2026-10-10T12:15:00+02:00
lang: fr
---

Une introduction qui renvoie à [la section de B](/fr/blog/b/#ancien-titre) et à [C](/fr/blog/c/).

Deux liens déjà cassés : [une ancre absente](#nulle-part) et [B](/fr/blog/b/#jamais).
`,
		"content/blog/e/index.md": `---
title: "Article E about wooden brushes and their care"
description: "A description long enough not to be too short, about wooden brushes and how to care for them every day."
date: 2026-10-09T12:15:00+02:00
lang: en
image: cover.png
image_alt: "A brush"
---

An introduction about brushes.
`,
		"content/blog/e/cover.png": "PNG",
		"content/social/p.md": `---
channels: [mastodon]
lang: fr
publish_at: 2026-12-02T12:15:00+01:00
---
Un message sur les brosses.
`,
		"content/social/q.md": `---
channels: [mastodon]
lang: fr
publish_at: 2026-12-02T12:45:00+01:00
---
Un autre message, trente minutes plus tard.
`,
		"content/campaigns/camp/index.md": `---
title: "Campagne des brosses"
starts: 2026-12-01T00:00:00+01:00
ends: 2026-12-10T00:00:00+01:00
channels: [mastodon]
lang: fr
---
Le but de la campagne.
`,
		"content/campaigns/camp/post-1.md": `---
lang: fr
---
Un message de campagne, dans le premier créneau libre.
`,
	}
}

// longAgo is the modification time of every file of a new repo: files
// checked out long before the check, whose index records are trusted.
var longAgo = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// newIndexRepo writes files into a temp dir, dates them longAgo and
// commits them with go-git.
func newIndexRepo(t *testing.T, files map[string]string) (string, *git.Repository) {
	t.Helper()
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	all := map[string]string{}
	for name, body := range files {
		if body == "PNG" {
			body = img.String()
		}
		all[name] = body
	}
	dir := checktest.WriteRepo(t, all)
	for name := range all {
		if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(name)), longAgo, longAgo); err != nil {
			t.Fatal(err)
		}
	}
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	commitAll(t, repo, "base")
	return dir, repo
}

// editFile replaces old by new in a file of the repo.
func editFile(t *testing.T, dir, name, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	if err := os.WriteFile(p, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

func removeFile(t *testing.T, dir, name string) {
	t.Helper()
	if err := os.Remove(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
		t.Fatal(err)
	}
}

// finding is a diagnostic of cm check --format json.
type finding struct {
	File       string `json:"file"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Rule       string `json:"rule"`
	Severity   string `json:"severity"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
}

// checkRun is one cm check --format json.
type checkRun struct {
	result
	Findings []finding
}

// checkJSON runs cm check --format json on the repo at dir.
func checkJSON(t *testing.T, dir string, args ...string) checkRun {
	t.Helper()
	r := run(t, append([]string{"check", "--dir", dir, "--format", "json"}, args...)...)
	if r.code != 0 && r.code != 1 {
		t.Fatalf("cm check %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	var out struct {
		Diagnostics []finding      `json:"diagnostics"`
		Summary     map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatalf("cm check %s: %v\n%s", strings.Join(args, " "), err, r.stdout)
	}
	count := map[string]int{}
	for _, d := range out.Diagnostics {
		count[d.Severity+"s"]++
	}
	for _, sev := range []string{"errors", "warnings"} {
		if out.Summary[sev] != count[sev] {
			t.Errorf("cm check %s: the summary counts %d %s, the diagnostics %d", strings.Join(args, " "), out.Summary[sev], sev, count[sev])
		}
	}
	if failed := count["errors"] > 0; failed != (r.code == 1) {
		t.Errorf("cm check %s: exit %d with %d errors", strings.Join(args, " "), r.code, count["errors"])
	}
	return checkRun{r, out.Diagnostics}
}

// on are the findings about one file, with only the rules given if any.
func (c checkRun) on(file string, rules ...string) []finding {
	var out []finding
	for _, f := range c.Findings {
		if f.File == file && (len(rules) == 0 || slices.Contains(rules, f.Rule)) {
			out = append(out, f)
		}
	}
	return out
}

// files are the files the run has findings about.
func (c checkRun) files() []string {
	var out []string
	for _, f := range c.Findings {
		if !slices.Contains(out, f.File) {
			out = append(out, f.File)
		}
	}
	return out
}

// sameRun fails the test unless two runs printed and returned the same.
func sameRun(t *testing.T, what string, got, want checkRun) {
	t.Helper()
	if got.code != want.code || got.stdout != want.stdout || got.stderr != want.stderr {
		t.Errorf("%s: exit %d, want %d\n--- got\n%s%s\n--- want\n%s%s", what, got.code, want.code, got.stdout, got.stderr, want.stdout, want.stderr)
	}
}

// sameFindings fails the test unless two lists of findings are equal.
func sameFindings(t *testing.T, what string, got, want []finding) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s:\n--- got\n%s\n--- want\n%s", what, findingLines(got), findingLines(want))
	}
}

func findingLines(fs []finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s:%d:%d %s %s: %s\n", f.File, f.Line, f.Column, f.Rule, f.Severity, f.Message)
	}
	if len(fs) == 0 {
		b.WriteString("(none)\n")
	}
	return b.String()
}

// where is the line and column (1-based, in characters) at which needle
// first appears in a file of the repo: where an editor shows it.
func where(t *testing.T, dir, name, needle string) (line, col int) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	i := strings.Index(src, needle)
	if i < 0 {
		t.Fatalf("%s does not contain %q", name, needle)
	}
	start := strings.LastIndexByte(src[:i], '\n') + 1
	return strings.Count(src[:i], "\n") + 1, utf8.RuneCountInString(src[start:i]) + 1
}

// rulesOf lists the rules of findings, once each.
func rulesOf(fs []finding) []string {
	var out []string
	for _, f := range fs {
		if !slices.Contains(out, f.Rule) {
			out = append(out, f.Rule)
		}
	}
	return out
}

// TestCheckIndexWarmRunEqualsColdRun: the run that builds the index and
// the run that reads it print the same thing, the second reads only the
// changed file (see TestCheckIndexReadsOnlyWhatItChecks), and what both
// say of it is what a full check says.
func TestCheckIndexWarmRunEqualsColdRun(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	const changed = "content/blog/e/index.md"
	editFile(t, dir, changed, "An introduction about brushes.", "An introduction about brushes , with a stray space and a [link](/en/blog/nowhere/).")

	cold := checkJSON(t, dir, "--changed-since", "HEAD")
	if _, err := os.Stat(content.IndexFile(dir)); err != nil {
		t.Fatalf("the first run wrote no site index: %v", err)
	}
	warm := checkJSON(t, dir, "--changed-since", "HEAD")
	sameRun(t, "second run (index read) against first run (index built)", warm, cold)

	if got := cold.files(); !slices.Equal(got, []string{changed}) {
		t.Errorf("findings about %v, want only the changed %s:\n%s", got, changed, findingLines(cold.Findings))
	}
	full := checkJSON(t, dir)
	if len(full.on(changed)) == 0 || len(full.files()) < 3 {
		t.Fatalf("the fixture is too tame: a full check finds %s", findingLines(full.Findings))
	}
	sameFindings(t, "findings about "+changed+", partial check against full check", cold.on(changed), full.on(changed))
}

// TestCheckIndexReportsLinksBrokenByAChange: a change that breaks links of
// pages it does not touch (a renamed heading, a deleted article, deleted
// images) is reported in those pages, with those links only (not the other
// findings of the page, nor its links broken before), where and as a full
// check reports them, whether the index is cold or warm.
func TestCheckIndexReportsLinksBrokenByAChange(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	const a, b, e, x = "content/blog/a.md", "content/blog/b/index.md", "content/blog/e/index.md", "content/blog/x.md"
	before := checkJSON(t, dir)
	for _, f := range []string{a, x} {
		if others := rulesOf(before.on(f)); len(others) < 2 {
			t.Fatalf("%s should have findings of other rules for this test to mean something; has %v", f, others)
		}
	}
	// Where the broken links will be: the links of a and x, e's cover image
	// (the value of image: in its frontmatter).
	type at struct{ line, col int }
	want := map[string][]at{}
	for f, needles := range map[string][]string{
		a: {"[ancien titre]", "[l’article C]", "![Une brosse]"},
		x: {"[la section de B]", "[C]"},
		e: {"cover.png"},
	} {
		for _, needle := range needles {
			l, c := where(t, dir, f, needle)
			want[f] = append(want[f], at{l, c})
		}
	}

	editFile(t, dir, b, "## Ancien titre", "## Nouveau titre")
	removeFile(t, dir, "content/blog/c.md")
	removeFile(t, dir, "content/blog/b/photo.png")
	removeFile(t, dir, "content/blog/e/cover.png")
	full := checkJSON(t, dir)

	var first checkRun
	for i, name := range []string{"cold", "warm"} {
		r := checkJSON(t, dir, "--changed-since", "HEAD")
		if i == 0 {
			first = r
		} else {
			sameRun(t, "warm run against cold run", r, first)
		}
		if r.code != 1 {
			t.Errorf("%s: exit %d, want 1 (broken links are errors)", name, r.code)
		}
		for f, positions := range want {
			var got []at
			for _, d := range r.on(f) {
				if d.Rule != "seo.broken-link" {
					t.Errorf("%s: %s did not change, yet %s is reported on it: %s", name, f, d.Rule, d.Message)
					continue
				}
				got = append(got, at{d.Line, d.Column})
			}
			if !slices.Equal(got, positions) {
				t.Errorf("%s: broken links of %s at %v, want %v\n%s", name, f, got, positions, findingLines(r.on(f)))
			}
			var fullAt []finding // the full check's, without x's links broken before
			for _, d := range full.on(f, "seo.broken-link") {
				if slices.Contains(positions, at{d.Line, d.Column}) {
					fullAt = append(fullAt, d)
				}
			}
			sameFindings(t, name+": "+f+", partial against full", r.on(f), fullAt)
		}
		for _, f := range r.files() {
			if _, ok := want[f]; !ok && f != b {
				t.Errorf("%s: findings about %s, which neither changed nor links to a change", name, f)
			}
		}
		sameFindings(t, name+": the changed "+b+", partial against full", r.on(b), full.on(b))
	}
}

// TestCheckIndexHarmlessChangeReportsOnlyIt: a change that breaks no link
// (new text under the same headings, a new article, an image nobody used
// deleted) is reported alone, as a full check reports it. The links of x
// that were broken before, one of them into the changed b, are not the
// change's doing: they are not reported, nor fail the check.
func TestCheckIndexHarmlessChangeReportsOnlyIt(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	const b, n, x = "content/blog/b/index.md", "content/blog/n.md", "content/blog/x.md"
	if got := checkJSON(t, dir).on(x, "seo.broken-link"); len(got) != 2 {
		t.Fatalf("x.md should have two broken links before the change:\n%s", findingLines(got))
	}
	editFile(t, dir, b, "Du texte sur les éponges.", "Du texte sur les éponges , avec une espace de trop.")
	writeFile(t, dir, n, "---\ntitle: \"Article N, tout nouveau\"\ndate: 2026-10-11T12:15:00+02:00\nlang: fr\n---\n\nIl renvoie à [B](/fr/blog/b/#ancien-titre).\n")
	removeFile(t, dir, "content/blog/b/unused.png")
	full := checkJSON(t, dir)
	for _, name := range []string{"cold", "warm"} {
		r := checkJSON(t, dir, "--changed-since", "HEAD")
		for _, f := range r.files() {
			if f != b && f != n {
				t.Errorf("%s: findings about %s, which the change does not break:\n%s", name, f, findingLines(r.on(f)))
			}
		}
		for _, f := range []string{b, n} {
			if len(r.on(f)) == 0 {
				t.Errorf("%s: nothing reported on the changed %s", name, f)
			}
			sameFindings(t, name+": "+f+", partial against full", r.on(f), full.on(f))
		}
	}
}

// TestCheckIndexMovedArticleBreaksIncomingLinks: an article's address is
// its slug, which the frontmatter may set apart from the file name. A
// change that moves an article (a new slug, a renamed file) or removes one
// whose slug is not its file name breaks the links to its old address in
// unchanged pages: they are reported, as a full check reports them, on the
// first run (CI, no cache) and the next.
func TestCheckIndexMovedArticleBreaksIncomingLinks(t *testing.T) {
	files := indexSite()
	files["content/blog/g.md"] = "---\ntitle: \"Article G sur les bocaux en verre\"\nslug: bocaux\ndate: 2026-10-06T12:15:00+02:00\nlang: fr\n---\n\nIntro.\n"
	files["content/blog/h.md"] = "---\ntitle: \"Article H sur les torchons\"\nslug: vieux-slug\ndate: 2026-10-06T12:15:00+02:00\nlang: fr\n---\n\nIntro.\n"
	files["content/blog/lien.md"] = "---\ntitle: \"Article qui renvoie à G, à H et à C\"\ndate: 2026-10-06T12:15:00+02:00\nlang: fr\n---\n\nVoir [G](/fr/blog/bocaux/).\n\nVoir [H](/fr/blog/vieux-slug/).\n\nVoir [C](/fr/blog/c/).\n"
	const lien = "content/blog/lien.md"
	for _, tc := range []struct {
		name   string
		change func(t *testing.T, dir string)
		needle string
	}{
		{"slug changed", func(t *testing.T, dir string) {
			editFile(t, dir, "content/blog/h.md", "slug: vieux-slug", "slug: nouveau-slug")
		}, "[H]"},
		{"article with a slug deleted", func(t *testing.T, dir string) {
			removeFile(t, dir, "content/blog/g.md")
		}, "[G]"},
		{"file renamed", func(t *testing.T, dir string) {
			if err := os.Rename(filepath.Join(dir, "content/blog/c.md"), filepath.Join(dir, "content/blog/c2.md")); err != nil {
				t.Fatal(err)
			}
		}, "[C]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := newIndexRepo(t, files)
			line, col := where(t, dir, lien, tc.needle)
			checkJSON(t, dir, "--changed-since", "HEAD") // an index from before the change
			tc.change(t, dir)
			full := checkJSON(t, dir).on(lien, "seo.broken-link")
			if len(full) != 1 || full[0].Line != line || full[0].Column != col {
				t.Fatalf("a full check should find one broken link at %d:%d:\n%s", line, col, findingLines(full))
			}
			for _, run := range []string{"index from before", "index from after"} {
				r := checkJSON(t, dir, "--changed-since", "HEAD")
				sameFindings(t, run+": "+lien+" against a full check", r.on(lien), full)
			}
			if err := os.RemoveAll(filepath.Join(dir, ".cm")); err != nil {
				t.Fatal(err)
			}
			sameFindings(t, "no index: "+lien+" against a full check", checkJSON(t, dir, "--changed-since", "HEAD").on(lien), full)
		})
	}
}

// TestCheckIndexPathArgument: cm check PATH reads the site index too, and
// reports on the file what a full check does, site-wide rules included (a
// duplicate title, posts too close: the other file comes from the index).
func TestCheckIndexPathArgument(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	full := checkJSON(t, dir)
	for _, tc := range []struct{ file, siteWide string }{
		{"content/blog/x.md", "seo.duplicate-title"},
		{"content/social/q.md", "schedule.spacing"},
		{"content/campaigns/camp/post-1.md", ""},
	} {
		t.Run(filepath.Base(filepath.Dir(tc.file))+"/"+filepath.Base(tc.file), func(t *testing.T) {
			if tc.siteWide != "" && len(full.on(tc.file, tc.siteWide)) == 0 {
				t.Fatalf("the fixture lacks a %s finding on %s", tc.siteWide, tc.file)
			}
			arg := filepath.Join(dir, filepath.FromSlash(tc.file))
			cold := checkJSON(t, dir, arg)
			warm := checkJSON(t, dir, arg)
			sameRun(t, "warm run against cold run", warm, cold)
			sameFindings(t, tc.file+", PATH check against full check", warm.on(tc.file), full.on(tc.file))
			if got := warm.files(); len(got) > 1 {
				t.Errorf("findings about %v, want only %s", got, tc.file)
			}
		})
	}
}

// crc32c is the checksum that ends the index file.
var crc32c = crc32.MakeTable(crc32.Castagnoli)

// TestCheckIndexCorruptCache: whatever is in .cm/cache (the site index or
// vcs's tree cache: truncated, random, one byte flipped, a folder), the
// check prints what it prints without a cache, and does not fail.
func TestCheckIndexCorruptCache(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	editFile(t, dir, "content/blog/b/index.md", "## Ancien titre", "## Nouveau titre")
	removeFile(t, dir, "content/blog/c.md")
	cache := filepath.Join(dir, ".cm", "cache")
	args := []string{"--changed-since", "HEAD"}

	if err := os.RemoveAll(cache); err != nil {
		t.Fatal(err)
	}
	want := checkJSON(t, dir, args...) // no cache; writes one
	if len(want.Findings) == 0 {
		t.Fatal("the fixture reports nothing")
	}
	good := map[string][]byte{}
	for _, name := range []string{"index", "trees"} {
		data, err := os.ReadFile(filepath.Join(cache, name))
		if err != nil || len(data) < 16 {
			t.Fatalf("no %s cache after a check: %v", name, err)
		}
		good[name] = data
	}
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	for _, name := range []string{"index", "trees"} {
		data := good[name]
		corrupt := map[string][]byte{
			"empty":            {},
			"truncated by one": data[:len(data)-1],
			"half":             data[:len(data)/2],
			"header only":      data[:12],
			"one byte more":    append(slices.Clone(data), 0),
			"random":           random(len(data)),
			"random, 1 byte":   random(1),
			"magic and random": append(slices.Clone(data[:9]), random(len(data)-9)...),
		}
		// One byte flipped, at places spread over the file, the header
		// and the checksum included.
		for _, i := range []int{0, 9, 20, len(data) / 3, len(data) / 2, 2 * len(data) / 3, len(data) - 5, len(data) - 1} {
			b := slices.Clone(data)
			b[i] ^= 0x20
			corrupt[fmt.Sprintf("byte %d flipped", i)] = b
		}
		for what, bad := range corrupt {
			for n, d := range good {
				if err := os.WriteFile(filepath.Join(cache, n), d, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(filepath.Join(cache, name), bad, 0o644); err != nil {
				t.Fatal(err)
			}
			sameRun(t, name+": "+what, checkJSON(t, dir, args...), want)
			// The index is written again, whole: the next run reads it.
			sameRun(t, name+": "+what+", run after", checkJSON(t, dir, args...), want)
		}
	}

	// A folder where a cache file should be, or where .cm/cache should be:
	// the check warns that it keeps no index and reports the same.
	for _, blocked := range []string{filepath.Join(cache, "index"), cache} {
		if err := os.RemoveAll(cache); err != nil {
			t.Fatal(err)
		}
		if blocked == cache {
			writeFile(t, dir, ".cm/cache", "not a folder")
		} else if err := os.MkdirAll(filepath.Join(blocked, "sub"), 0o755); err != nil {
			t.Fatal(err)
		}
		got := checkJSON(t, dir, args...)
		if got.code != want.code || got.stdout != want.stdout {
			t.Errorf("%s is not a file: exit %d\n%s\nwant exit %d\n%s", blocked, got.code, got.stdout, want.code, want.stdout)
		}
		if !strings.Contains(got.stderr, "warning") {
			t.Errorf("%s is not a file: no warning on stderr: %q", blocked, got.stderr)
		}
		if err := os.RemoveAll(cache); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCheckIndexChecksumIsNotTrust: an index whose checksum holds but whose
// content does not (a bug in a writer, not a disk error) may mislead the
// check about an unchanged file, but never crashes it nor fails it.
func TestCheckIndexChecksumIsNotTrust(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	editFile(t, dir, "content/blog/b/index.md", "## Ancien titre", "## Nouveau titre")
	removeFile(t, dir, "content/blog/c.md")
	checkJSON(t, dir, "--changed-since", "HEAD")
	data, err := os.ReadFile(content.IndexFile(dir))
	if err != nil {
		t.Fatal(err)
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, crc32c) != binary.LittleEndian.Uint32(data[len(data)-4:]) {
		t.Fatal("the index does not end with the CRC-32C of the rest: update this test to the new format")
	}
	const samples = 48
	for k := range samples {
		i := k * len(body) / samples
		flip := []byte{0x01, 0x80, 0xff}[k%3]
		b := slices.Clone(body)
		b[i] ^= flip
		b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, crc32c))
		if err := os.WriteFile(content.IndexFile(dir), b, 0o644); err != nil {
			t.Fatal(err)
		}
		r := run(t, "check", "--dir", dir, "--format", "json", "--changed-since", "HEAD")
		if (r.code != 0 && r.code != 1) || r.stderr != "" || !json.Valid([]byte(r.stdout)) {
			t.Errorf("byte %d ^ %#x: exit %d, stderr %q\n%s", i, flip, r.code, r.stderr, r.stdout)
		}
	}
}

// TestCheckIndexOtherConfig: an index written with another cm.yaml is not
// read. Changing the default language moves an article without lang to
// another address; changing the timezone moves a post written without an
// offset. A check that trusted the old index would get both wrong.
func TestCheckIndexOtherConfig(t *testing.T) {
	files := map[string]string{
		"cm.yaml": indexConfig,
		"content/blog/sans-langue.md": `---
title: "Un article sans langue déclarée, dans la langue du site"
date: 2026-10-06T12:15:00+02:00
---

Une introduction.
`,
		"content/blog/lien.md": `---
title: "Un article qui renvoie à celui qui n’a pas de langue"
date: 2026-10-06T12:15:00+02:00
lang: fr
---

Lisez [l’autre article](/fr/blog/sans-langue/).
`,
		"content/social/local.md": `---
channels: [mastodon]
lang: fr
publish_at: 2026-12-02 12:15
---
Un message à l’heure du site.
`,
		"content/social/fixe.md": `---
channels: [mastodon]
lang: fr
publish_at: 2026-12-02T12:45:00+01:00
---
Un message à une heure fixe.
`,
	}
	for _, tc := range []struct {
		name, old, new string
		file, rule     string
		appears        bool // whether the rule's finding appears or goes with the new cm.yaml
	}{
		{"default language", "default_language: fr", "default_language: en", "content/blog/lien.md", "seo.broken-link", true},
		{"timezone", "timezone: Europe/Paris", "timezone: America/New_York", "content/social/fixe.md", "schedule.spacing", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir, _ := newIndexRepo(t, files)
			arg := filepath.Join(dir, filepath.FromSlash(tc.file))
			before := checkJSON(t, dir, arg) // writes the index
			if got := len(before.on(tc.file, tc.rule)) > 0; got == tc.appears {
				t.Fatalf("before the change, %s on %s: %v\n%s", tc.rule, tc.file, got, findingLines(before.Findings))
			}
			editFile(t, dir, "cm.yaml", tc.old, tc.new)
			got := checkJSON(t, dir, arg)
			if has := len(got.on(tc.file, tc.rule)) > 0; has != tc.appears {
				t.Errorf("after the change, %s on %s: %v, want %v (the old index was used?)\n%s", tc.rule, tc.file, has, tc.appears, findingLines(got.Findings))
			}
			sameFindings(t, "PATH check against full check", got.on(tc.file), checkJSON(t, dir).on(tc.file))
			if err := os.RemoveAll(filepath.Join(dir, ".cm", "cache")); err != nil {
				t.Fatal(err)
			}
			sameRun(t, "with the old index against without an index", got, checkJSON(t, dir, arg))
		})
	}
}

// TestCheckIndexEditKeepingSizeAndTime: an edit that keeps the file's size
// and puts its modification time back is still seen (git's index has the
// same problem and the same answer: the inode's change time).
func TestCheckIndexEditKeepingSizeAndTime(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	const b = "content/blog/b/index.md"
	if r := checkJSON(t, dir, "--changed-since", "HEAD"); len(r.Findings) != 0 {
		t.Fatalf("nothing changed, yet:\n%s", findingLines(r.Findings))
	}
	p := filepath.Join(dir, b)
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	editFile(t, dir, b, "## Ancien titre", "## Ancien tirte")
	if err := os.Chtimes(p, longAgo, info.ModTime()); err != nil {
		t.Fatal(err)
	}
	if after, _ := os.Stat(p); after.Size() != info.Size() || !after.ModTime().Equal(info.ModTime()) {
		t.Fatal("the edit changed the size or the time")
	}
	got := checkJSON(t, dir, "--changed-since", "HEAD")
	if len(got.on(b)) == 0 || len(got.on("content/blog/a.md", "seo.broken-link")) != 1 {
		t.Errorf("the edit of %s was not seen:\n%s", b, findingLines(got.Findings))
	}
	if err := os.RemoveAll(filepath.Join(dir, ".cm", "cache")); err != nil {
		t.Fatal(err)
	}
	sameRun(t, "with the index against without", got, checkJSON(t, dir, "--changed-since", "HEAD"))
}

// TestCheckIndexStaysOutOfGit: the cache ignores itself, so that git
// status after a check shows what it showed before.
func TestCheckIndexStaysOutOfGit(t *testing.T) {
	dir, repo := newIndexRepo(t, indexSite())
	editFile(t, dir, "content/blog/e/index.md", "An introduction", "A new introduction")
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	status := func() string {
		t.Helper()
		st, err := wt.Status()
		if err != nil {
			t.Fatal(err)
		}
		return st.String()
	}
	before := status()
	if !strings.Contains(before, "content/blog/e/index.md") {
		t.Fatalf("git status does not show the edit:\n%s", before)
	}
	checkJSON(t, dir, "--changed-since", "HEAD")
	checkJSON(t, dir, filepath.Join(dir, "content", "blog", "a.md"))
	ignore, err := os.ReadFile(filepath.Join(dir, ".cm", "cache", ".gitignore"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(strings.Split(string(ignore), "\n"), "*") {
		t.Errorf(".cm/cache/.gitignore has no line *:\n%s", ignore)
	}
	for _, name := range []string{"index", "trees"} {
		if _, err := os.Stat(filepath.Join(dir, ".cm", "cache", name)); err != nil {
			t.Errorf("no %s cache: %v", name, err)
		}
	}
	if after := status(); after != before {
		t.Errorf("git status changed with the check:\n--- before\n%s--- after\n%s", before, after)
	}
}

// TestCheckIndexErrors: a ref that does not exist, or no git repository,
// is a usage error (exit 2) that says what is wrong, and prints no report.
func TestCheckIndexErrors(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	plain := checktest.WriteRepo(t, map[string]string{"content/blog/a.md": indexSite()["content/blog/a.md"]})
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"no such ref", []string{"check", "--dir", dir, "--changed-since", "nosuchref"}, []string{"nosuchref", "no such commit, branch or tag"}},
		{"no such ref, with a path", []string{"check", "--dir", dir, "--changed-since", "nosuchref", filepath.Join(dir, "content")}, []string{"nosuchref"}},
		{"not a git repository", []string{"check", "--dir", plain, "--changed-since", "main"}, []string{"--changed-since needs a git repository"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := run(t, tc.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q: %s", w, r.stderr)
				}
			}
			if r.stdout != "" {
				t.Errorf("a report was printed: %s", r.stdout)
			}
		})
	}
}
