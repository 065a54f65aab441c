package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

func commitAll(t *testing.T, repo *git.Repository, msg string) {
	t.Helper()
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	if err := wt.AddGlob("."); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "Test", Email: "test@example.org", When: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)}
	if _, err := wt.Commit(msg, &git.CommitOptions{Author: sig, All: true}); err != nil {
		t.Fatal(err)
	}
}

// TestChangedSince plays a pull request in a real git repository: a base
// commit, a branch commit, and uncommitted edits.
func TestChangedSince(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "cm.yaml", "site: {title: T, base_url: https://t.example, languages: [fr]}\nchannels: {mastodon: {type: mastodon}}\n")
	writeFile(t, dir, "content/blog/old-broken.md", "---\ntitel: broken before the pull request\ndate: 2026-01-01\n---\n")
	writeFile(t, dir, "content/blog/untouched.md", "---\ntitle: Fine\ndate: 2026-01-01\n---\n")
	commitAll(t, repo, "base")
	head, _ := repo.Head()
	base := head.Hash().String()

	writeFile(t, dir, "content/blog/committed.md", "---\ntitle: New\ndate: demain\n---\n")
	commitAll(t, repo, "pull request")
	writeFile(t, dir, "content/social/untracked.md", "---\nchannels: [mastodn]\n---\nHi\n")
	writeFile(t, dir, "content/blog/untouched.md", "---\ntitle: Fine\ndate: 2026-01-01\nfoo: modified, not committed\n---\n")

	r := run(t, "check", "--dir", dir, "--changed-since", base, "--format", "github")
	if r.code != 1 {
		t.Fatalf("exit %d: %s %s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		"file=content/blog/committed.md,line=3,col=7",
		"file=content/social/untracked.md,line=2,col=12",
		"file=content/blog/untouched.md,line=4,col=1",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("missing %s in:\n%s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "old-broken.md") {
		t.Errorf("reported a file the pull request did not change:\n%s", r.stdout)
	}
	r = run(t, "check", "--dir", dir, "--changed-since", "no-such-branch")
	if r.code != 2 || !strings.Contains(r.stderr, "no such commit, branch or tag") {
		t.Errorf("bad ref: exit %d, %s", r.code, r.stderr)
	}
	plain := t.TempDir()
	writeFile(t, plain, "cm.yaml", "site: {title: T, base_url: https://t.example}\n")
	r = run(t, "check", "--dir", plain, "--changed-since", "main")
	if r.code != 2 || !strings.Contains(r.stderr, "needs a git repository") {
		t.Errorf("not a repo: exit %d, %s", r.code, r.stderr)
	}
}

// TestFixChangedSince checks that --fix with --changed-since, which loads
// every file, fixes only what the pull request changed, committed or not.
func TestFixChangedSince(t *testing.T) {
	dir := t.TempDir()
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	const article = "---\ntitle: %s\ndate: 2026-01-01\n---\nC'est « bien » !\n"
	writeFile(t, dir, "cm.yaml", "site: {title: T, base_url: https://t.example, languages: [fr]}\nchannels: {mastodon: {type: mastodon}}\n")
	writeFile(t, dir, "content/blog/before.md", fmt.Sprintf(article, "Avant"))
	writeFile(t, dir, "content/blog/committed.md", fmt.Sprintf(article, "Ancien"))
	writeFile(t, dir, "content/blog/edited.md", fmt.Sprintf(article, "Ancien"))
	commitAll(t, repo, "base")
	head, _ := repo.Head()
	base := head.Hash().String()
	writeFile(t, dir, "content/blog/committed.md", fmt.Sprintf(article, "Nouveau"))
	commitAll(t, repo, "pull request")
	writeFile(t, dir, "content/blog/edited.md", fmt.Sprintf(article, "Modifié"))

	r := run(t, "check", "--dir", dir, "--changed-since", base, "--fix", "--rule", "typography")
	if r.code == 2 {
		t.Fatalf("exit 2: %s", r.stderr)
	}
	for name, wantFixed := range map[string]bool{"before.md": false, "committed.md": true, "edited.md": true} {
		data, err := os.ReadFile(filepath.Join(dir, "content/blog", name))
		if err != nil {
			t.Fatal(err)
		}
		if fixed := !strings.Contains(string(data), "« bien » !"); fixed != wantFixed {
			t.Errorf("%s: fixed %v, want %v:\n%s", name, fixed, wantFixed, data)
		}
	}
}
