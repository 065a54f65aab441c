package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/iostreams"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// fixedNow is Monday 30 November 2026, 22:15 in Paris.
var fixedNow = time.Date(2026, 11, 30, 21, 15, 0, 0, time.UTC)

type result struct {
	stdout, stderr string
	code           int
}

// run executes cm in-process, as a user would from a shell.
func run(t *testing.T, args ...string) result {
	t.Helper()
	streams, _, out, errOut := iostreams.Test()
	f := &Factory{IO: streams, Now: func() time.Time { return fixedNow }, Version: "test"}
	code := Execute(f, args)
	return result{out.String(), errOut.String(), code}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/cm -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the golden file (go test ./cmd/cm -update to accept):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestCheckFormatsGolden(t *testing.T) {
	for _, format := range []string{"text", "json", "github", "sarif", "markdown"} {
		t.Run(format, func(t *testing.T) {
			r := run(t, "check", "--dir", "testdata/broken", "--rule", "schema", "--format", format)
			if r.code != 1 {
				t.Errorf("exit code %d, want 1 (errors found); stderr: %s", r.code, r.stderr)
			}
			golden(t, "check."+format, r.stdout)
		})
	}
}

func TestCheckJSONShape(t *testing.T) {
	r := run(t, "check", "--dir", "testdata/broken", "--rule", "schema", "--format", "json")
	var out struct {
		Diagnostics []map[string]any `json:"diagnostics"`
		Summary     map[string]int   `json:"summary"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Summary["files"] != 4 || out.Summary["errors"] != 2 || out.Summary["warnings"] != 1 {
		t.Errorf("summary = %v", out.Summary)
	}
	first := out.Diagnostics[0]
	for _, key := range []string{"file", "line", "column", "rule", "severity", "message", "suggestion"} {
		if _, ok := first[key]; !ok {
			t.Errorf("diagnostic has no %q: %v", key, first)
		}
	}
	// The frontmatter line counts: the date is on line 3 of the file.
	want := map[string]any{"file": "content/blog/evening.md", "line": 3.0, "column": 7.0, "rule": "schema.type", "severity": "warning"}
	for k, v := range want {
		if first[k] != v {
			t.Errorf("%s = %v, want %v", k, first[k], v)
		}
	}
}

func TestCheckExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		in   string // expected in stdout or stderr
	}{
		{"example content is clean", []string{"check", "--dir", "../..", "--rule", "schema"}, 0, "0 errors"},
		{"errors fail", []string{"check", "--dir", "testdata/broken", "--rule", "schema"}, 1, "2 errors, 1 warning"},
		{"warnings pass", []string{"check", "--dir", "testdata/broken", "--rule", "schema.type"}, 0, "1 warning"},
		{"warnings fail with --strict", []string{"check", "--dir", "testdata/broken", "--rule", "schema.type", "--strict"}, 1, "1 warning"},
		{"unknown format", []string{"check", "--dir", "../..", "--format", "xml"}, 2, "--format xml: use one of text, json, github, sarif, markdown"},
		{"unknown flag", []string{"check", "--bogus"}, 2, "unknown flag: --bogus"},
		{"unknown rule", []string{"check", "--dir", "../..", "--rule", "schema.requird"}, 2, `did you mean "schema.required"?`},
		{"no cm.yaml", []string{"check", "--dir", "testdata"}, 2, "cm.yaml not found"},
		{"a path outside the repo", []string{"check", "--dir", "testdata/broken", "cmd_test.go"}, 2, "outside the content repository"},
		{"one file", []string{"check", "--dir", "testdata/broken", "--rule", "schema", "testdata/broken/content/social/soir.md"}, 1, "1 file checked: 1 error"},
		{"a folder", []string{"check", "--dir", "testdata/broken", "--rule", "schema", "testdata/broken/content/blog"}, 1, "3 files checked: 1 error, 1 warning"},
		{"new needs a title", []string{"new", "article"}, 2, "requires at least 2 arg(s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(t, tt.args...)
			if r.code != tt.code {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", r.code, tt.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout+r.stderr, tt.in) {
				t.Errorf("output lacks %q\nstdout: %s\nstderr: %s", tt.in, r.stdout, r.stderr)
			}
		})
	}
}

func TestBadRulesConfigIsUsageError(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "cm.yaml", "site: {title: T, base_url: https://t.example}\nrules:\n  schema.requird: off\n  schema.type: {severity: warning, max: 3}\n")
	r := run(t, "check", "--dir", dir)
	if r.code != 2 {
		t.Fatalf("exit %d, want 2; stderr %s", r.code, r.stderr)
	}
	for _, want := range []string{`cm.yaml:3:19: rules: unknown rule "schema.requird": did you mean "schema.required"?`, `cm.yaml:4:16: rules.schema.type: this rule has no options`} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

func TestColorOnlyOnTerminal(t *testing.T) {
	for _, tc := range []struct {
		tty, noColor, want bool
	}{{false, false, false}, {true, false, true}, {true, true, false}} {
		streams, _, out, _ := iostreams.Test()
		streams.SetTerminal(tc.tty)
		streams.SetNoColor(tc.noColor)
		f := &Factory{IO: streams, Now: time.Now, Version: "test"}
		Execute(f, []string{"check", "--dir", "testdata/broken", "--rule", "schema"})
		if got := strings.Contains(out.String(), "\x1b["); got != tc.want {
			t.Errorf("tty=%v NO_COLOR=%v: colour %v, want %v", tc.tty, tc.noColor, got, tc.want)
		}
	}
}

func TestListRules(t *testing.T) {
	r := run(t, "check", "--list-rules")
	for _, id := range []string{"schema.required", "schema.type", "schema.unknown-key", "schema.yaml", "schema.file"} {
		if !strings.Contains(r.stdout, id) {
			t.Errorf("--list-rules lacks %s", id)
		}
	}
	r = run(t, "check", "--list-rules", "--format", "json")
	var out struct {
		Rules []struct {
			ID, Severity, Summary, Doc string
			Example                    struct{ Bad, Good string }
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	for _, rule := range out.Rules {
		if rule.Doc == "" || rule.Summary == "" || rule.Example.Bad == "" || rule.Example.Good == "" || rule.Severity == "" {
			t.Errorf("rule %s is not fully documented: %+v", rule.ID, rule)
		}
	}
}

func TestEveryCommandHasHelpWithExample(t *testing.T) {
	streams, _, _, _ := iostreams.Test()
	root := newRootCmd(&Factory{IO: streams, Now: time.Now, Version: "test"})
	for _, c := range append(root.Commands(), root) {
		if c.Hidden || c.Name() == "help" || c.Name() == "completion" {
			continue
		}
		if c.Example == "" || c.Short == "" {
			t.Errorf("cm %s has no example or short help", c.Name())
		}
	}
	r := run(t, "--version")
	if r.code != 0 || !strings.Contains(r.stdout, "test") {
		t.Errorf("--version: %+v", r)
	}
	r = run(t, "completion", "bash")
	if r.code != 0 || !strings.Contains(r.stdout, "bash completion") {
		t.Errorf("completion bash: code %d", r.code)
	}
}

func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

var _ = bytes.NewBuffer
