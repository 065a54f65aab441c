package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5"
)

// TestCheckIndexRefWithoutContent: --changed-since a commit that has no
// content/ yet (the site's first pull request) checks every file, and says
// of each what a full check says; cold and warm.
func TestCheckIndexRefWithoutContent(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "cm.yaml"), []byte(indexConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	repo, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	commitAll(t, repo, "config only")
	site, _ := newIndexRepo(t, indexSite())
	if err := os.RemoveAll(filepath.Join(site, ".git")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(site, "content"), filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	commitAll(t, repo, "the site")
	full := checkJSON(t, dir)
	if len(full.files()) < 3 {
		t.Fatalf("the fixture: findings on %v only", full.files())
	}
	for _, run := range []string{"cold", "warm"} {
		sameFindings(t, run+": --changed-since a commit without content/", checkJSON(t, dir, "--changed-since", "HEAD~1").Findings, full.Findings)
	}
}

// TestCheckIndexPathOutsideContent: a PATH of the repo outside content/
// (cm.yaml, a README) names no content file: nothing to report, as a full
// check restricted to it.
func TestCheckIndexPathOutsideContent(t *testing.T) {
	files := indexSite()
	files["README.md"] = "# Le site\n\nVoir [rien](/fr/blog/nulle-part/).\n"
	dir, _ := newIndexRepo(t, files)
	for _, p := range []string{"cm.yaml", "README.md"} {
		r := checkJSON(t, dir, filepath.Join(dir, p))
		if r.code != 0 || len(r.Findings) != 0 {
			t.Errorf("cm check %s: exit %d, findings on %v", p, r.code, r.files())
		}
	}
}
