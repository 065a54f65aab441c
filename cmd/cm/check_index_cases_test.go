package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Cases a review of the site index found wrong, and fixed: the partial
// check must see what a full check sees, and git what git sees.

// brokenByChange runs a check that builds the index, applies change, and
// compares what --changed-since HEAD reports on page with what a full check
// reports there for seo.broken-link.
func brokenByChange(t *testing.T, files map[string]string, page string, change func(t *testing.T, dir string)) {
	t.Helper()
	dir, _ := newIndexRepo(t, files)
	checkJSON(t, dir, "--changed-since", "HEAD") // the index, from before the change
	change(t, dir)
	full := checkJSON(t, dir).on(page, "seo.broken-link")
	before := checkJSON(t, dir, "--changed-since", "HEAD")
	base, _ := newIndexRepo(t, files)
	if len(checkJSON(t, base).on(page, "seo.broken-link")) != 0 {
		t.Fatalf("the fixture's %s has broken links before the change", page)
	}
	if len(full) == 0 {
		t.Fatalf("the fixture: a full check finds no broken link on %s after the change", page)
	}
	sameFindings(t, "--changed-since HEAD: links the change broke on "+page, before.on(page, "seo.broken-link"), full)
}

const lien = "content/blog/lien.md"

func lienSite(body string) map[string]string {
	files := indexSite()
	files[lien] = "---\ntitle: \"Article qui renvoie ailleurs\"\ndate: 2026-10-06T12:15:00+02:00\nlang: fr\n---\n\n" + body + "\n"
	return files
}

// A link written relative to the page's address (../b/#anchor), which
// seo.broken-link resolves as a browser does, breaks when b's heading is
// renamed.
func TestCheckIndexRelativeURLLinkBrokenByRenamedHeading(t *testing.T) {
	brokenByChange(t, lienSite("Voir [la section de B](../b/#ancien-titre)."), lien, func(t *testing.T, dir string) {
		editFile(t, dir, "content/blog/b/index.md", "## Ancien titre", "## Nouveau titre")
	})
}

// The same link form breaks when the article's slug changes.
func TestCheckIndexRelativeURLLinkBrokenBySlugChange(t *testing.T) {
	brokenByChange(t, lienSite("Voir [C](../c/)."), lien, func(t *testing.T, dir string) {
		editFile(t, dir, "content/blog/c.md", "lang: fr\n", "lang: fr\nslug: c-nouveau\n")
	})
}

// Making an article a draft breaks the links of published pages to it
// (seo.broken-link: "a draft that the blog does not publish").
func TestCheckIndexArticleMadeDraftBreaksIncomingLinks(t *testing.T) {
	brokenByChange(t, lienSite("Voir [C](/fr/blog/c/)."), lien, func(t *testing.T, dir string) {
		editFile(t, dir, "content/blog/c.md", "lang: fr\n", "lang: fr\ndraft: true\n")
	})
}

// A bundle turned into a flat file with the same slug (same address),
// losing a heading on the way: links to that heading break.
func TestCheckIndexBundleToFlatFileLosesHeading(t *testing.T) {
	brokenByChange(t, lienSite("Voir [la section de B](/fr/blog/b/#ancien-titre)."), lien, func(t *testing.T, dir string) {
		old := filepath.Join(dir, "content/blog/b/index.md")
		data, err := os.ReadFile(old)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.RemoveAll(filepath.Join(dir, "content/blog/b")); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "content/blog/b.md"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		editFile(t, dir, "content/blog/b.md", "## Ancien titre", "## Nouveau titre")
	})
}

// A repo whose content/ is a symbolic link to a folder: cm check PATH
// reports on the file what a full check reports there.
func TestCheckIndexContentFolderIsASymlink(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	real := filepath.Join(dir, "real-content")
	if err := os.Rename(filepath.Join(dir, "content"), real); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real-content", filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	const x = "content/blog/x.md"
	full := checkJSON(t, dir)
	some := checkJSON(t, dir, filepath.Join(dir, x))
	sameFindings(t, "cm check "+x+" against a full check", some.on(x), full.on(x))
}

// git's end-of-line conversion (core.autocrlf true, the default of Git for
// Windows, or a .gitattributes eol=crlf): the work tree holds CRLF, the
// commit LF, and git says nothing changed. --changed-since must agree.
func TestCheckIndexAutoCRLFWorkTreeIsNotAChange(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	gitCLI(t, dir, "config", "core.autocrlf", "true")
	const c = "content/blog/c.md"
	if st := gitCLI(t, dir, "status", "--porcelain"); st != "" {
		t.Fatalf("git sees a change before: %s", st)
	}
	// What git writes on checkout with autocrlf.
	removeFile(t, dir, c)
	gitCLI(t, dir, "checkout", "--", c)
	if data, err := os.ReadFile(filepath.Join(dir, c)); err != nil || !strings.Contains(string(data), "\r\n") {
		t.Fatalf("git checked out %s without CRLF (%v)", c, err)
	}
	if st := gitCLI(t, dir, "status", "--porcelain"); st != "" {
		t.Fatalf("git sees a change: %s", st)
	}
	for _, run := range []string{"no index", "index"} {
		if got := checkJSON(t, dir, "--changed-since", "HEAD").files(); len(got) != 0 {
			t.Errorf("%s: --changed-since HEAD reports on %v, which git says did not change", run, got)
		}
	}
}

// A Markdown file that is a symbolic link to another, committed as such.
func TestCheckIndexSymlinkedMarkdownIsNotAChange(t *testing.T) {
	files := indexSite()
	dir, repo := newIndexRepo(t, files)
	if err := os.Symlink("c.md", filepath.Join(dir, "content/blog/alias.md")); err != nil {
		t.Fatal(err)
	}
	commitAll(t, repo, "alias")
	if st := gitCLI(t, dir, "status", "--porcelain"); st != "" {
		t.Fatalf("git sees a change: %s", st)
	}
	if got := checkJSON(t, dir, "--changed-since", "HEAD").files(); len(got) != 0 {
		t.Errorf("--changed-since HEAD reports on %v, which git says did not change", got)
	}
}

func gitCLI(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// A committed Markdown file that cm refuses to read (binary, or over 8 MB)
// and that nobody touched: it did not change since HEAD.
func TestCheckIndexUnreadableFileUnchangedIsNotAChange(t *testing.T) {
	files := indexSite()
	files["content/blog/binaire.md"] = "---\ntitle: x\n---\n\x00\x01\x02"
	dir, _ := newIndexRepo(t, files)
	for _, run := range []string{"no index", "index"} {
		if got := checkJSON(t, dir, "--changed-since", "HEAD").files(); len(got) != 0 {
			t.Errorf("%s: --changed-since HEAD reports on %v, which did not change", run, got)
		}
	}
	// What the check that loads everything says (cm check --fix --changed-since).
	if got := checkJSON(t, dir, "--fix", "--dry-run", "--changed-since", "HEAD").files(); len(got) != 0 {
		t.Errorf("--fix --changed-since HEAD reports on %v", got)
	}
}

// A link written percent-encoded, as editors and browsers copy addresses
// with accents, to an article that is then deleted.
func TestCheckIndexPercentEncodedLinkToDeletedArticle(t *testing.T) {
	files := lienSite("Voir [le café](/fr/blog/caf%C3%A9/).")
	files["content/blog/café.md"] = "---\ntitle: \"Article sur le café en grains\"\ndate: 2026-10-06T12:15:00+02:00\nlang: fr\n---\n\nIntro.\n"
	brokenByChange(t, files, lien, func(t *testing.T, dir string) {
		removeFile(t, dir, "content/blog/café.md")
	})
}

// A work tree made with git worktree add: its .git is a file, its refs
// are the main repository's.
func TestCheckIndexGitWorktree(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	gitCLI(t, dir, "branch", "-M", "main")
	wt := filepath.Join(t.TempDir(), "wt")
	gitCLI(t, dir, "worktree", "add", "-b", "feature", wt, "main")
	editFile(t, wt, "content/blog/c.md", "Une introduction", "Une autre introduction")
	for _, ref := range []string{"main", "HEAD"} {
		r := run(t, "check", "--dir", wt, "--format", "json", "--changed-since", ref)
		if r.code != 0 && r.code != 1 {
			t.Errorf("--changed-since %s in a git worktree: exit %d\n%s", ref, r.code, r.stderr)
		}
	}
}

// A campaign's posts depend on its index.md (channels, hashtags, being a
// campaign at all): when it changes or goes, --changed-since checks them
// as a full check would.
func TestCheckIndexCampaignChangeChecksItsPosts(t *testing.T) {
	files := indexSite()
	var campaign, post string
	for p := range files {
		switch {
		case strings.HasPrefix(p, "content/campaigns/") && strings.HasSuffix(p, "/index.md"):
			campaign = p
		case strings.HasPrefix(p, "content/campaigns/"):
			post = p
		}
	}
	if campaign == "" || post == "" {
		t.Fatal("the test site has no campaign with a post")
	}
	dir, _ := newIndexRepo(t, files)
	checkJSON(t, dir, "--changed-since", "HEAD") // the index
	removeFile(t, dir, campaign)
	full := checkJSON(t, dir)
	some := checkJSON(t, dir, "--changed-since", "HEAD")
	if len(full.on(post)) == 0 {
		t.Fatalf("a full check finds nothing on %s once its campaign is gone", post)
	}
	sameFindings(t, "--changed-since after deleting the campaign", some.on(post), full.on(post))
}
