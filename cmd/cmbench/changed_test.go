package main

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/corpus"
)

// buildCM builds the real cm binary for the test.
func buildCM(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build cm with")
	}
	bin := filepath.Join(t.TempDir(), "cm")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if out, err := exec.Command(goTool, "build", "-o", bin, "github.com/cmhq/cm/cmd/cm").CombinedOutput(); err != nil {
		t.Fatalf("build cm: %v\n%s", err, out)
	}
	return bin
}

// readTree returns every file under root with its bytes.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var (
	tableRun    = regexp.MustCompile(`(?m)^ +(\d+|median) +[0-9.]+s +[0-9.]+s +[0-9.]+ MB +[01]$`)
	summaryLine = regexp.MustCompile(`(?m)^one changed article of 100 files: median [0-9.]+ ms \(cold: [0-9.]+ s, index build\)$`)
	articleLine = regexp.MustCompile(`(?m)^article  (\S+) `)
)

func TestChanged(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cm and runs it for a few seconds")
	}
	cm := buildCM(t)
	dir := t.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Articles: 50, Posts: 50, Seed: 1, BundleShare: 0.2}); err != nil {
		t.Fatal(err)
	}
	contentDir := filepath.Join(dir, "content")
	before := readTree(t, contentDir)
	args := []string{"changed", "--runs", "2", "--dir", dir, "--", cm, "check", "--changed-since", "HEAD"}

	// measured runs cmbench changed and checks its report and that it left
	// the repository as it found it. It returns the changed article.
	measured := func(t *testing.T) (article, stderr string) {
		t.Helper()
		out, stderr, code := execute(t, args...)
		if code != exitOK {
			t.Fatalf("exit %d: %s\n%s", code, stderr, out)
		}
		var rows []string
		for _, m := range tableRun.FindAllStringSubmatch(out, -1) {
			rows = append(rows, m[1])
		}
		if strings.Join(rows, ",") != "1,2,median" {
			t.Errorf("table rows %q, want 1, 2 and median:\n%s", rows, out)
		}
		if !summaryLine.MatchString(out) {
			t.Errorf("no summary line:\n%s", out)
		}
		m := articleLine.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("the report does not name the article:\n%s", out)
		}
		if after := readTree(t, contentDir); !maps.EqualFunc(before, after, bytes.Equal) {
			t.Errorf("content/ is not as it was before")
		}
		repo, err := git.PlainOpen(dir)
		if err != nil {
			t.Fatal(err)
		}
		commits, err := repo.Log(&git.LogOptions{})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		_ = commits.ForEach(func(c *object.Commit) error { n++; return nil })
		if n != 1 {
			t.Errorf("%d commits, want the one base commit", n)
		}
		wt, err := repo.Worktree()
		if err != nil {
			t.Fatal(err)
		}
		status, err := wt.Status()
		if err != nil {
			t.Fatal(err)
		}
		if !status.IsClean() {
			t.Errorf("git status is not clean (the site index is ignored):\n%s", status)
		}
		if _, err := os.Stat(filepath.Join(dir, ".cm", "cache", "index")); err != nil {
			t.Errorf("no site index: %v", err)
		}
		return m[1], stderr
	}

	article, stderr := measured(t)
	if !strings.Contains(stderr, "was not a git repository") {
		t.Errorf("stderr does not say the folder was made a git repository: %q", stderr)
	}

	// Again, in the repository the first run made, after a run killed
	// outright left its sentence behind: it is removed first.
	full := filepath.Join(dir, filepath.FromSlash(article))
	if err := os.WriteFile(full, appendSentence(before[full], sentences["en"]), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr = measured(t)
	if strings.Contains(stderr, "git repository") || !strings.Contains(stderr, "restored "+article) {
		t.Errorf("second run: the sentence left behind is not said to be restored, or the repository is made again: %q", stderr)
	}

	// Somebody's changes are not cmbench's to touch.
	mine := append(bytes.Clone(before[full]), "\nUne phrase à moi.\n"...)
	if err := os.WriteFile(full, mine, 0o644); err != nil {
		t.Fatal(err)
	}
	draft := filepath.Join(contentDir, "blog", "brouillon.md")
	if err := os.WriteFile(draft, []byte("---\ntitle: Brouillon\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := execute(t, args...)
	if code != exitUsage || !strings.Contains(stderr, article) || !strings.Contains(stderr, "content/blog/brouillon.md") {
		t.Errorf("with uncommitted changes: exit %d, want %d naming both files: %s", code, exitUsage, stderr)
	}
	if got, _ := os.ReadFile(full); !bytes.Equal(got, mine) {
		t.Errorf("the uncommitted change to %s was touched", article)
	}
	if _, err := os.Stat(draft); err != nil {
		t.Errorf("the untracked draft: %v", err)
	}
}

func TestChangedUsageErrors(t *testing.T) {
	notARepo := t.TempDir()
	tests := [][]string{
		{"changed"},
		{"changed", "--runs", "0", "--", "true"},
		{"changed", "--dir", notARepo, "--", "true"},
	}
	for _, args := range tests {
		if _, stderr, code := execute(t, args...); code != exitUsage {
			t.Errorf("cmbench %s: exit %d, want %d (%s)", strings.Join(args, " "), code, exitUsage, stderr)
		}
	}
}

func TestPickArticle(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"content/blog/b.md", "content/blog/a/index.md", "content/blog/a-b.md", "content/blog/a/cover.png", "content/social/p.md"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		given, want string
		usage       bool
	}{
		// In path order: a-b.md, a/index.md, b.md ('-' sorts before '/').
		{"", "content/blog/a/index.md", false},
		{"content/social/p.md", "content/social/p.md", false},
		{filepath.Join(dir, "content", "blog", "b.md"), "content/blog/b.md", false},
		{"content/blog/nope.md", "", true},
		{"content/blog/a/cover.png", "", true},
		{"cm.yaml", "", true},
	}
	for _, tt := range tests {
		got, err := pickArticle(dir, tt.given)
		if got != tt.want || (err != nil) != tt.usage || (err != nil && exitCode(err) != exitUsage) {
			t.Errorf("pickArticle(%q) = %q, %v; want %q, usage error %v", tt.given, got, err, tt.want, tt.usage)
		}
	}
}

func TestSentenceLanguage(t *testing.T) {
	cfg, err := config.Parse([]byte("site: {title: T, base_url: https://t.example, languages: [fr, en, de], default_language: fr}\n"), "cm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	article := func(lang string) []byte {
		return []byte("---\ntitle: T\ndate: 2025-01-01T10:00:00Z\n" + lang + "---\n\nTexte.\n")
	}
	tests := []struct {
		src  []byte
		want string
	}{
		{article(""), "fr"},
		{article("lang: en\n"), "en"},
		{article("lang: fr\n"), "fr"},
		{[]byte("---\ntitle: [unclosed\n"), "fr"}, // unreadable: the site's default
		{article("lang: de\n"), ""},
	}
	for _, tt := range tests {
		got, err := sentenceLanguage(cfg, "content/blog/a.md", tt.src)
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("sentenceLanguage(%q) = %q, %v; want %q", tt.src, got, err, tt.want)
		}
	}
}
