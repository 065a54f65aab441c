package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

// cmbench changed: how long cm takes to check one changed article of a
// large repo (cm check --changed-since), the measure that goes with the
// full check's files/s that cmbench run gives.

type changedOptions struct {
	io      *streams
	dir     string
	runs    int
	article string
	command []string
}

func newChangedCmd(io *streams, runF func(*changedOptions) error) *cobra.Command {
	opts := &changedOptions{io: io}
	cmd := &cobra.Command{
		Use:   "changed [--runs N] [--dir DIR] [--article PATH] -- COMMAND [ARGS...]",
		Short: "Measure a check of one changed article",
		Long: `Change one article of the content repository DIR, run COMMAND (typically
cm check --changed-since HEAD) on it, and put the article back as it was.

The article is --article (a path under DIR/content), else the middle one of
content/blog in path order. cmbench appends a sentence in its language (its
lang, else cm.yaml's site.default_language; French or English) as a new
paragraph, so that it differs from HEAD, and restores its bytes at the end,
also after an error or Ctrl-C. A run that was killed outright leaves the
sentence behind: the next one finds it and removes it first.

DIR must be a git repository whose content/ has no uncommitted change, which
a --changed-since check would count as changed too. A DIR that is not in a
git repository is made one: every file is committed as "base".

COMMAND first runs once cold, without the site index (cmbench deletes
DIR/.cm/cache/index, a cache), as it does after cm or cm.yaml changed: it
builds the index. After a warm-up run, it runs --runs times, measured as
cmbench run measures (wall time, CPU time, peak memory, exit code). Each run
must exit with 0 or 1 (findings) and print exactly what the cold run printed:
anything else is an error.`,
		Example: `  go build -o /tmp/cm ./cmd/cm
  cmbench changed --dir /tmp/corpus -- /tmp/cm check --changed-since HEAD
  cmbench changed --runs 20 --dir /tmp/corpus --article content/blog/mon-article.md -- /tmp/cm check --changed-since HEAD --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("no command to measure: cmbench changed [flags] -- COMMAND [ARGS...]")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.command = args
			if opts.runs < 1 {
				return usageErrorf("--runs %d: at least one run", opts.runs)
			}
			if runF != nil {
				return runF(opts)
			}
			return runChanged(opts)
		},
	}
	// The measured command's own flags must not be read as cmbench's.
	cmd.Flags().SetInterspersed(false)
	f := cmd.Flags()
	f.IntVar(&opts.runs, "runs", 10, "number of measured runs")
	f.StringVar(&opts.dir, "dir", ".", "the content repository, the command's working directory")
	f.StringVar(&opts.article, "article", "", "the article to change, a path under DIR/content (default: the middle one of content/blog)")
	return cmd
}

// sentences are what cmbench appends to the article it changes, by
// language: plain, correct prose, so that the check reports what it would
// on a real edit and nothing about the benchmark's sentence.
var sentences = map[string]string{
	"fr": "Une phrase de plus pour la relecture.",
	"en": "One more sentence for the review.",
}

// indexTrustDelay is how long after a run cmbench waits before the next
// one: more than the 2 s within which the site index does not trust a
// file's modification time (content.racyWindow).
const indexTrustDelay = 2500 * time.Millisecond

func runChanged(opts *changedOptions) (err error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	out, errOut := opts.io.out, opts.io.errOut

	dir, err := filepath.Abs(opts.dir)
	if err != nil {
		return fmt.Errorf("resolve --dir %s: %w", opts.dir, err)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		return usageError{fmt.Errorf("--dir %s is not a content repository: %w", dir, err)}
	}
	files, err := countMarkdown(filepath.Join(dir, content.Dir))
	if err != nil {
		return err
	}
	cm, err := resolveCommand(opts.command[0])
	if err != nil {
		return err
	}
	repo, err := openOrInitRepo(dir, errOut)
	if err != nil {
		return err
	}
	if err := checkCleanContent(repo, dir, errOut); err != nil {
		return err
	}
	article, err := pickArticle(dir, opts.article)
	if err != nil {
		return err
	}

	full := filepath.Join(dir, filepath.FromSlash(article))
	original, err := os.ReadFile(full)
	if err != nil {
		return fmt.Errorf("read the article to change: %w", err)
	}
	lang, err := sentenceLanguage(cfg, article, original)
	if err != nil {
		return err
	}
	if err := os.WriteFile(full, appendSentence(original, sentences[lang]), 0o644); err != nil {
		return fmt.Errorf("change %s: %w", article, err)
	}
	defer func() {
		// WriteFile keeps the file's mode: only its bytes come back.
		if rerr := os.WriteFile(full, original, 0o644); rerr != nil {
			err = errors.Join(err, fmt.Errorf("restore %s (git checkout -- %s puts it back): %w", article, article, rerr))
		}
	}()

	progress := func(format string, args ...any) {
		if opts.io.errIsTerminal {
			fmt.Fprintf(errOut, "\r\033[K"+format, args...)
		}
	}
	var cold []byte // what every run must print
	run := func(name string) (measurement, error) {
		var output bytes.Buffer
		m, err := measure(ctx, opts.command, cm, dir, files, &output)
		if err != nil {
			return m, err
		}
		if ctx.Err() != nil {
			return m, fmt.Errorf("interrupted during the %s: %w", name, ctx.Err())
		}
		if m.ExitCode != 0 && m.ExitCode != 1 {
			return m, fmt.Errorf("the %s exited with %d, not 0 or 1 (findings); its output ends with:\n%s", name, m.ExitCode, lastLines(output.String(), 20))
		}
		if cold == nil {
			cold = append([]byte{}, output.Bytes()...)
		} else if !bytes.Equal(output.Bytes(), cold) {
			return m, fmt.Errorf("the %s printed something else than the cold run, which the same files must not do: %s",
				name, firstDifference(cold, output.Bytes()))
		}
		return m, nil
	}

	// The cold run is the first check after cm or cm.yaml changed: no
	// index, which it builds.
	if err := os.Remove(content.IndexFile(dir)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove the site index for the cold run: %w", err)
	}
	progress("cold run (builds the site index)…")
	coldRun, err := run("cold run")
	if err != nil {
		return err
	}
	// The site index does not trust a file modified within 2 s of the
	// start of the run that wrote it (a file system with coarse times
	// cannot tell a later write from the indexed one) and reads it again
	// next time, rewriting the index. Right after the cold run that is the
	// changed article, and on a corpus just generated every file: runs
	// started now would each read them and rewrite the whole index. After
	// the wait, the warm-up run writes an index the measured runs trust, so
	// that they measure the check an editor makes again and again.
	progress("waiting %s for the index to trust the files…", indexTrustDelay)
	select {
	case <-ctx.Done():
		return fmt.Errorf("interrupted: %w", ctx.Err())
	case <-time.After(indexTrustDelay):
	}
	progress("warm-up run…")
	if _, err := run("warm-up run"); err != nil {
		return err
	}
	var runs []measurement
	for i := 1; i <= opts.runs; i++ {
		progress("run %d/%d…", i, opts.runs)
		m, err := run(fmt.Sprintf("run %d", i))
		if err != nil {
			return err
		}
		m.Run = i
		runs = append(runs, m)
	}
	progress("")
	med := summarize(runs)

	fmt.Fprintf(out, "command  %s\ndir      %s (%d Markdown files under content/)\n", strings.Join(opts.command, " "), dir, files)
	fmt.Fprintf(out, "article  %s (one sentence appended in %s, restored at the end)\n", article, lang)
	fmt.Fprintf(out, "cold     %.3fs, exit %d (no site index: the run builds it)\n\n", coldRun.WallSeconds, coldRun.ExitCode)
	if err := writeTable(out, runs, med, false); err != nil {
		return err
	}
	fmt.Fprintf(out, "\none changed article of %d files: median %.1f ms (cold: %.1f s, index build)\n",
		files, med.WallSeconds*1000, coldRun.WallSeconds)
	return nil
}

// baseAuthor signs the commit cmbench makes in a folder that was not a git
// repository, with a fixed date so that the same files make the same commit.
var baseAuthor = object.Signature{Name: "cmbench", Email: "cmbench@cm.invalid", When: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}

// openOrInitRepo opens the git repository dir is in, or makes dir one with
// every file committed.
func openOrInitRepo(dir string, errOut io.Writer) (*git.Repository, error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true})
	if err == nil {
		return repo, nil
	}
	if !errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("open the git repository of %s: %w", dir, err)
	}
	repo, err = git.PlainInitWithOptions(dir, &git.PlainInitOptions{InitOptions: git.InitOptions{DefaultBranch: plumbing.Main}})
	if err != nil {
		return nil, fmt.Errorf("make %s a git repository: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err == nil {
		err = wt.AddWithOptions(&git.AddOptions{All: true})
	}
	var commit plumbing.Hash
	if err == nil {
		commit, err = wt.Commit("base", &git.CommitOptions{Author: &baseAuthor, Committer: &baseAuthor})
	}
	if err != nil {
		return nil, fmt.Errorf("commit the files of %s: %w", dir, err)
	}
	fmt.Fprintf(errOut, "%s was not a git repository: made it one, its files committed as \"base\" (%s)\n", dir, commit.String()[:7])
	return repo, nil
}

// checkCleanContent refuses a repository whose content/ differs from HEAD,
// but first restores what a killed cmbench changed left behind.
func checkCleanContent(repo *git.Repository, dir string, errOut io.Writer) error {
	wt, err := repo.Worktree()
	if err != nil {
		return fmt.Errorf("read the work tree of %s: %w", dir, err)
	}
	root := wt.Filesystem.Root()
	prefix, err := contentPrefix(root, dir)
	if err != nil {
		return err
	}
	status, err := wt.Status()
	if err != nil {
		return fmt.Errorf("read the git status of %s: %w", dir, err)
	}
	var changed []string
	for name, s := range status {
		if strings.HasPrefix(name, prefix) && (s.Worktree != git.Unmodified || s.Staging != git.Unmodified) {
			changed = append(changed, name)
		}
	}
	slices.Sort(changed)
	var ours, theirs []string
	for _, name := range changed {
		s := status[name]
		if s.Staging == git.Unmodified && s.Worktree == git.Modified && leftByCmbench(repo, root, name) {
			ours = append(ours, name)
		} else {
			theirs = append(theirs, name)
		}
	}
	if len(theirs) > 0 {
		const shown = 10
		list := strings.Join(theirs[:min(len(theirs), shown)], ", ")
		if len(theirs) > shown {
			list += fmt.Sprintf(" and %d more", len(theirs)-shown)
		}
		return usageErrorf("%s has uncommitted changes under content/, which a --changed-since check would count as changed too: %s; commit or stash them first",
			dir, list)
	}
	for _, name := range ours {
		head, err := headContent(repo, name)
		if err == nil {
			err = os.WriteFile(filepath.Join(root, filepath.FromSlash(name)), head, 0o644)
		}
		if err != nil {
			return fmt.Errorf("restore %s, which an interrupted cmbench changed left changed: %w", name, err)
		}
		fmt.Fprintf(errOut, "restored %s, which an interrupted cmbench changed left changed\n", name)
	}
	return nil
}

// contentPrefix is the path of dir/content in the work tree at root, as
// git status names files: with slashes, ending with one.
func contentPrefix(root, dir string) (string, error) {
	resolve := func(p string) string {
		if r, err := filepath.EvalSymlinks(p); err == nil {
			return r
		}
		return p
	}
	rel, err := filepath.Rel(resolve(root), resolve(dir))
	if err != nil {
		return "", fmt.Errorf("find %s in the git work tree %s: %w", dir, root, err)
	}
	return path.Join(filepath.ToSlash(rel), content.Dir) + "/", nil
}

// leftByCmbench reports whether the file is its HEAD version with one of
// cmbench's sentences appended.
func leftByCmbench(repo *git.Repository, root, name string) bool {
	head, err := headContent(repo, name)
	if err != nil {
		return false
	}
	now, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
	if err != nil {
		return false
	}
	for _, s := range sentences {
		if bytes.Equal(now, appendSentence(head, s)) {
			return true
		}
	}
	return false
}

// headContent is the file's content in the HEAD commit; name is relative
// to the work tree, with slashes.
func headContent(repo *git.Repository, name string) ([]byte, error) {
	ref, err := repo.Head()
	if err != nil {
		return nil, err
	}
	commit, err := repo.CommitObject(ref.Hash())
	if err != nil {
		return nil, err
	}
	f, err := commit.File(name)
	if err != nil {
		return nil, err
	}
	s, err := f.Contents()
	return []byte(s), err
}

// pickArticle returns the article to change, relative to dir with
// slashes: the given one, else the middle one of content/blog in path
// order, the same one every time.
func pickArticle(dir, given string) (string, error) {
	if given != "" {
		full := given
		if !filepath.IsAbs(full) {
			full = filepath.Join(dir, full)
		}
		rel, err := filepath.Rel(dir, full)
		if err != nil {
			return "", usageErrorf("--article %s: %w", given, err)
		}
		rel = filepath.ToSlash(rel)
		if !strings.HasPrefix(rel, content.Dir+"/") || path.Ext(rel) != ".md" {
			return "", usageErrorf("--article %s: not a Markdown file under %s", given, filepath.Join(dir, content.Dir))
		}
		if info, err := os.Stat(full); err != nil || !info.Mode().IsRegular() {
			return "", usageErrorf("--article %s: no such file in %s", given, dir)
		}
		return rel, nil
	}
	var articles []string
	blog := filepath.Join(dir, content.Dir, "blog")
	err := filepath.WalkDir(blog, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && filepath.Ext(p) == ".md" {
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			articles = append(articles, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("list the articles of %s: %w", blog, err)
	}
	if len(articles) == 0 {
		return "", usageErrorf("no article under %s: pass --article", blog)
	}
	// WalkDir's order is per folder: sort the paths as a whole.
	slices.Sort(articles)
	return articles[len(articles)/2], nil
}

// sentenceLanguage is the language of the sentence to append to the
// article: its lang, else the site's default, as cm reads them.
func sentenceLanguage(cfg *config.Config, article string, src []byte) (string, error) {
	lang := cfg.Site.DefaultLanguage
	if _, item := content.Parse(cfg, article, src); item != nil && item.Language() != "" {
		lang = item.Language()
	}
	base := strings.ToLower(lang) // fr for fr-CA
	if i := strings.IndexAny(base, "-_"); i >= 0 {
		base = base[:i]
	}
	if _, ok := sentences[base]; !ok {
		return "", usageErrorf("%s is in %q: cmbench writes French and English only; pick another with --article", article, lang)
	}
	return base, nil
}

// appendSentence adds the sentence to the Markdown source as a paragraph
// of its own.
func appendSentence(src []byte, sentence string) []byte {
	out := slices.Clone(src)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(out, "\n"+sentence+"\n"...)
}

// firstDifference says where two outputs part.
func firstDifference(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range min(len(w), len(g)) {
		if w[i] != g[i] {
			return fmt.Sprintf("line %d is %q, was %q", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("%d lines, were %d", len(g), len(w))
}

// lastLines is the end of a command's output, where its error is.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}
