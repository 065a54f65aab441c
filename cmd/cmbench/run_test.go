package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeRepo is a content repository with three Markdown files.
func fakeRepo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"content/blog/a.md", "content/blog/b/index.md", "content/social/c.md", "content/blog/b/cover.png"} {
		path := filepath.Join(dir, f)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRunReportsTheCommandsExitCode(t *testing.T) {
	t.Setenv(helperExitEnv, "3")
	dir := fakeRepo(t)
	out, stderr, code := execute(t, "run", "--runs", "2", "--dir", dir, "--format", "json", "--", os.Args[0], "-test.run=none")
	if code != exitOK {
		t.Fatalf("exit %d, want 0 whatever the command's exit: %s", code, stderr)
	}
	var rep report
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if rep.Files != 3 || len(rep.Runs) != 2 {
		t.Errorf("files %d, runs %d; want 3 and 2", rep.Files, len(rep.Runs))
	}
	for _, m := range rep.Runs {
		if m.ExitCode != 3 || m.WallSeconds <= 0 || m.FilesPerSecond <= 0 || m.PeakRSSMB <= 0 {
			t.Errorf("run %+v: want exit 3 and positive measures", m)
		}
	}
	if rep.Median.ExitCode == nil || *rep.Median.ExitCode != 3 {
		t.Errorf("median exit code = %v, want 3", rep.Median.ExitCode)
	}
}

func TestRunText(t *testing.T) {
	t.Setenv(helperExitEnv, "0")
	out, stderr, code := execute(t, "run", "--runs", "1", "--dir", fakeRepo(t), "--", os.Args[0])
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"3 Markdown files", "files/s", "peak RSS", "median"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRunFailsWhenTheCommandCannotStart(t *testing.T) {
	_, _, code := execute(t, "run", "--dir", fakeRepo(t), "--", "./no-such-command")
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
}

func TestSummarize(t *testing.T) {
	runs := []measurement{
		{WallSeconds: 3, FilesPerSecond: 10, PeakRSSMB: 100, ExitCode: 1},
		{WallSeconds: 1, FilesPerSecond: 30, PeakRSSMB: 120, ExitCode: 1},
		{WallSeconds: 2, FilesPerSecond: 15, PeakRSSMB: 90, ExitCode: 1},
	}
	s := summarize(runs)
	if s.WallSeconds != 2 || s.FilesPerSecond != 15 || s.PeakRSSMB != 100 || s.ExitCode == nil || *s.ExitCode != 1 {
		t.Errorf("summarize = %+v", s)
	}
	runs[0].ExitCode = 0
	if s := summarize(runs); s.ExitCode != nil {
		t.Errorf("mixed exit codes summarised as %d", *s.ExitCode)
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		in   []float64
		want float64
	}{
		{nil, 0},
		{[]float64{4}, 4},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	}
	for _, tt := range tests {
		if got := median(tt.in); got != tt.want {
			t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
