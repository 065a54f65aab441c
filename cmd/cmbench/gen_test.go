package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGen(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	args := []string{"gen", "--out", dir, "--articles", "12", "--posts", "10", "--campaigns", "1", "--lang", "fr,en", "--seed", "3"}
	out, stderr, code := execute(t, args...)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"12 articles", "10 posts", "1 campaigns", "MB in"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if stderr != "" {
		t.Errorf("progress written to a pipe: %q", stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "cm.yaml")); err != nil {
		t.Error(err)
	}

	// A second run refuses the non-empty folder...
	if _, _, code := execute(t, args...); code != exitError {
		t.Errorf("gen into a non-empty folder: exit %d, want %d", code, exitError)
	}
	// ...and with --force replaces what the first one wrote, not the rest.
	keep := filepath.Join(dir, "notes.txt")
	stale := filepath.Join(dir, "content", "blog", "stale.md")
	for _, f := range []string{keep, stale} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, stderr, code := execute(t, append(args, "--force")...); code != exitOK {
		t.Fatalf("gen --force: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("--force removed a file it did not write: %v", err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("--force left a stale article behind: %v", err)
	}
}

func TestGenDefaultCampaigns(t *testing.T) {
	dir := t.TempDir()
	out, stderr, code := execute(t, "gen", "--out", dir, "--articles", "0", "--posts", "1000", "--lang", "en")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "2 campaigns") {
		t.Errorf("1000 posts should bring 2 campaigns:\n%s", out)
	}
}
