package check_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/iostreams"
)

// marker reports every body line that contains its word.
type marker struct {
	id   string
	word string
}

type markerOptions struct {
	Word string `yaml:"word"`
}

func (m marker) Meta() check.Meta {
	return check.Meta{ID: m.id, Severity: check.Warning, Kinds: []content.Kind{content.KindArticle},
		Summary: "test", Doc: "test", Example: check.Example{Bad: "x", Good: "y"}}
}

func (m marker) DefaultOptions() any { return &markerOptions{Word: m.word} }

func (m marker) Check(p *check.Pass) {
	word := p.Options().(*markerOptions).Word
	body := p.Doc.Body()
	for off := 0; ; {
		i := bytes.Index(body[off:], []byte(word))
		if i < 0 {
			return
		}
		p.Report(p.Doc.BodyPos(off+i), p.T("found "+word, "trouvé "+word), "")
		off += i + len(word)
	}
}

func lines(ds []check.Diagnostic) string {
	var out []string
	for _, d := range ds {
		out = append(out, fmt.Sprintf("%d:%d %s %s", d.Line, d.Column, d.Rule, d.Severity))
	}
	return strings.Join(out, ", ")
}

func TestDisableDirectives(t *testing.T) {
	body := `---
title: T
date: 2026-01-01
---
BAD one
<!-- cm-disable test.bad -->
BAD silenced
<!-- cm-enable test.bad -->
BAD again

<!-- cm-disable test -->
BAD silenced by family
<!-- cm-enable -->

` + "```\n<!-- cm-disable -->\n```\n" + `BAD after a directive inside code, which does not count

Inline <!-- cm-disable --> BAD silenced from here
BAD still silenced
`
	got := checktest.Run(t, map[string]string{"content/blog/a.md": body}, marker{id: "test.bad", word: "BAD"})
	if want := "5:1 test.bad warning, 9:1 test.bad warning, 18:1 test.bad warning"; lines(got) != want {
		t.Errorf("got  %s\nwant %s", lines(got), want)
	}
}

func TestSeveritiesAndOptionsFromConfig(t *testing.T) {
	files := map[string]string{
		"cm.yaml": checktest.Config + `rules:
  test: error
  test.off: off
  test.word: {severity: info, word: MOT}
messages: fr
`,
		"content/blog/a.md": "---\ntitle: T\ndate: 2026-01-01\nlang: fr\n---\nBAD MOT\n",
		"content/blog/b.md": "---\ntitle: T\ndate: 2026-01-01\nlang: en\n---\nBAD MOT\n",
	}
	got := checktest.Run(t, files,
		marker{id: "test.bad", word: "BAD"}, marker{id: "test.off", word: "BAD"}, marker{id: "test.word", word: "BAD"})
	if want := "6:1 test.bad error, 6:5 test.word info, 6:1 test.bad error, 6:5 test.word info"; lines(got) != want {
		t.Errorf("got  %s\nwant %s", lines(got), want)
	}
	// messages: fr speaks French to French documents only.
	if got[0].Message != "trouvé BAD" || got[2].Message != "found BAD" {
		t.Errorf("messages: %q, %q", got[0].Message, got[2].Message)
	}
}

func TestBadRuleOptionsAreConfigErrors(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{"cm.yaml": checktest.Config + "rules:\n  test.bad: {wrod: X}\n  tst: off\n"})
	repo := checktest.Load(t, dir)
	_, err := check.NewRegistry(marker{id: "test.bad", word: "BAD"}).Run(repo, check.Options{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{`:12:14: rules.test.bad: unknown key "wrod": did you mean "word"?`, `rules: unknown rule "tst": did you mean "test"?`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

// counting checks that Shared builds its index once per run, whatever the
// number of documents and goroutines.
type counting struct{ builds *atomic.Int32 }

func (c counting) Meta() check.Meta {
	return check.Meta{ID: "test.shared", Severity: check.Error, Summary: "s", Doc: "d"}
}

func (c counting) Check(p *check.Pass) {
	idx := p.Shared(func(r *content.Repo) any {
		c.builds.Add(1)
		return len(r.Documents)
	}).(int)
	if idx != 30 {
		p.Reportf(content.Position{Line: 1, Column: 1}, "index saw %d documents", idx)
	}
}

func TestSharedIsBuiltOncePerRun(t *testing.T) {
	files := map[string]string{}
	for i := range 30 {
		files[fmt.Sprintf("content/blog/a%02d.md", i)] = "---\ntitle: T\ndate: 2026-01-01\n---\n"
	}
	var builds atomic.Int32
	got := checktest.Run(t, files, counting{&builds})
	if len(got) != 0 || builds.Load() != 1 {
		t.Errorf("%d diagnostics, %d builds", len(got), builds.Load())
	}
}

func TestOnlyReportsOnTargets(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/a.md": "---\ntitle: T\ndate: 2026-01-01\n---\nBAD\n",
		"content/blog/b.md": "---\ntitle: T\ndate: 2026-01-01\n---\nBAD\n",
	})
	repo := checktest.Load(t, dir)
	res, err := check.NewRegistry(marker{id: "test.bad", word: "BAD"}).Run(repo, check.Options{Only: func(p string) bool { return p == "content/blog/b.md" }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diagnostics) != 1 || res.Diagnostics[0].File != "content/blog/b.md" || res.Summary.Files != 1 || res.Summary.Warnings != 1 {
		t.Errorf("result = %+v", res)
	}
	if !res.Failed(true) || res.Failed(false) {
		t.Errorf("a warning fails only with --strict")
	}
}

func TestTextFormatColors(t *testing.T) {
	res := &check.Result{
		Diagnostics: []check.Diagnostic{{File: "a.md", Line: 1, Column: 2, Rule: "x.y", Severity: check.Error, Message: "m", Suggestion: "s"}},
		Summary:     check.Summary{Files: 1, Errors: 1},
	}
	streams, _, _, _ := iostreams.Test()
	var plain, colored bytes.Buffer
	if err := check.WriteText(&plain, res, streams.Colors()); err != nil {
		t.Fatal(err)
	}
	if want := "a.md:1:2: error: m [x.y]\n    fix: s\n\n1 file checked: 1 error, 0 warnings\n"; plain.String() != want {
		t.Errorf("plain:\n%q\nwant\n%q", plain.String(), want)
	}
	streams.SetTerminal(true)
	_ = check.WriteText(&colored, res, streams.Colors())
	if !strings.Contains(colored.String(), "\x1b[31merror\x1b[0m") {
		t.Errorf("no red error on a terminal: %q", colored.String())
	}
}

func TestGitHubEscaping(t *testing.T) {
	res := &check.Result{Diagnostics: []check.Diagnostic{{File: "a,b:c.md", Line: 3, Column: 4, Rule: "x", Severity: check.Info, Message: "50% off\nnow", Suggestion: ""}}}
	var b bytes.Buffer
	_ = check.WriteGitHub(&b, res)
	if want := "::notice file=a%2Cb%3Ac.md,line=3,col=4,title=x::50%25 off%0Anow\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

type panicky struct{}

func (panicky) Meta() check.Meta {
	return check.Meta{ID: "test.panic", Severity: check.Warning, Summary: "s", Doc: "d"}
}

func (panicky) Check(p *check.Pass) {
	if strings.Contains(p.Doc.Path, "boom") {
		panic("index out of range")
	}
}

func TestAPanickingRuleIsReportedNotFatal(t *testing.T) {
	got := checktest.Run(t, map[string]string{
		"content/blog/boom.md": "---\ntitle: T\ndate: 2026-01-01\n---\nBAD\n",
		"content/blog/fine.md": "---\ntitle: T\ndate: 2026-01-01\n---\nBAD\n",
	}, panicky{}, marker{id: "test.bad", word: "BAD"})
	if want := "1:1 test.panic error, 5:1 test.bad warning, 5:1 test.bad warning"; lines(got) != want {
		t.Fatalf("got %s, want %s", lines(got), want)
	}
	if !strings.Contains(got[0].Message, "internal error in rule test.panic: index out of range") {
		t.Errorf("message = %q", got[0].Message)
	}
}
