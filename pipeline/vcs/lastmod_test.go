package vcs

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// commitFiles writes files (path -> content, "" deletes) into the work tree
// at root and commits them at the given time.
func commitFiles(t *testing.T, repo *git.Repository, root string, when time.Time, files map[string]string) {
	t.Helper()
	wt, err := repo.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if text == "" {
			if _, err := wt.Remove(name); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := wt.Add(name); err != nil {
			t.Fatal(err)
		}
	}
	sig := &object.Signature{Name: "Camille", Email: "camille@brindille.example", When: when}
	if _, err := wt.Commit("edit", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
}

func TestLastModified(t *testing.T) {
	root := t.TempDir()
	repo, err := git.PlainInit(root, false)
	if err != nil {
		t.Fatal(err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	t1 := time.Date(2026, 9, 1, 10, 0, 0, 0, paris)
	t2 := time.Date(2026, 9, 15, 18, 30, 0, 0, paris)
	t3 := time.Date(2026, 10, 2, 8, 0, 0, 0, paris)
	commitFiles(t, repo, root, t1, map[string]string{
		"site/content/blog/brosse.md":        "v1",
		"site/content/blog/gamelle/index.md": "v1",
		"site/content/blog/old.md":           "v1",
		"README.md":                          "outside the content repo",
	})
	commitFiles(t, repo, root, t2, map[string]string{"site/content/blog/brosse.md": "v2 : la tête change"})
	commitFiles(t, repo, root, t3, map[string]string{"site/content/blog/old.md": "", "README.md": "v2"})
	// Uncommitted edits do not count: the answer is the same on every machine.
	if err := os.WriteFile(filepath.Join(root, "site/content/blog/gamelle/index.md"), []byte("v3"), 0o644); err != nil {
		t.Fatal(err)
	}

	got, err := LastModified(filepath.Join(root, "site"), []string{
		"content/blog/brosse.md", "content/blog/gamelle/index.md", "content/blog/new.md",
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"content/blog/brosse.md":        t2,
		"content/blog/gamelle/index.md": t1,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d dates %v, want %v", len(got), got, want)
	}
	for p, w := range want {
		if !got[p].Equal(w) {
			t.Errorf("%s: last modified %v, want %v", p, got[p], w)
		}
	}
}

func TestLastModifiedWithoutGit(t *testing.T) {
	dir := t.TempDir()
	_, err := LastModified(dir, []string{"content/blog/x.md"})
	if !errors.Is(err, ErrNoRepository) {
		t.Fatalf("error %v, want ErrNoRepository", err)
	}
	if _, err := git.PlainInit(dir, false); err != nil {
		t.Fatal(err)
	}
	_, err = LastModified(dir, []string{"content/blog/x.md"})
	if !errors.Is(err, ErrNoRepository) {
		t.Fatalf("repository without commits: error %v, want ErrNoRepository", err)
	}
}
