package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/hunspell"
	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/rules"
	"github.com/cmhq/cm/pipeline/rules/spelling"
	"github.com/cmhq/cm/pipeline/vcs"
)

type checkOptions struct {
	f            *Factory
	Paths        []string
	ChangedSince string
	Format       string
	Strict       bool
	ListRules    bool
	Rules        []string
	At           string
	Fix          bool
	DryRun       bool
	// SARIF is a file to write the findings to as SARIF too, whatever the
	// format (the check workflow uploads it to code scanning).
	SARIF string
}

func newCheckCmd(f *Factory, runF func(*checkOptions) error) *cobra.Command {
	opts := &checkOptions{f: f}
	cmd := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Check content against the schema and the editorial line",
		Long: `Check reads every content file (or the given files and folders) and reports
what breaks the frontmatter schema, the SEO rules, the editorial line and
the schedule policy, with the file, line and column and how to fix it.

--format github prints workflow commands, which GitHub Actions turns into
annotations on the lines of the pull request, and, when $GITHUB_STEP_SUMMARY
is set, adds the findings as a Markdown table to the job summary (the table
--format markdown prints). --sarif writes a SARIF 2.1.0 file besides, for
code scanning.

Exit status: 0 when nothing failed, 1 when errors were found (or warnings
with --strict), 2 on bad usage or an unreadable cm.yaml.`,
		Example: `  cm check
  cm check content/blog/mon-article.md --format json
  cm check --changed-since origin/main --format github --sarif cm.sarif
  cm check --format markdown > findings.md
  cm check --fix --dry-run
  cm check --list-rules`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			if !slices.Contains(check.Formats, opts.Format) {
				return usageError{fmt.Errorf("--format %s: use one of %s", opts.Format, strings.Join(check.Formats, ", "))}
			}
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.ChangedSince, "changed-since", "", "report only on files changed since this git `REF` (site-wide rules still read every file)")
	fl.StringVar(&opts.Format, "format", "text", "output `format`: text, json, github, sarif or markdown")
	fl.StringVar(&opts.SARIF, "sarif", "", "also write the findings to this `file` as SARIF 2.1.0 (for code scanning)")
	fl.BoolVar(&opts.Strict, "strict", false, "fail on warnings too")
	fl.BoolVar(&opts.ListRules, "list-rules", false, "list every rule with its documentation (text or --format json)")
	fl.StringSliceVar(&opts.Rules, "rule", nil, "run only these rule `ids` or families (repeatable)")
	fl.StringVar(&opts.At, "at", "", "the `time` to take as now for the schedule rules, RFC 3339 (default: the clock)")
	fl.BoolVar(&opts.Fix, "fix", false, "apply the fixes that are certain (typography, brand case, autofix substitutes) in place, then report what is left")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "with --fix: print the unified diff of the fixes instead of writing them")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(check.Formats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runCheck(opts *checkOptions) error {
	f := opts.f
	spell := opts.runs("spelling")
	partial := (len(opts.Paths) > 0 || opts.ChangedSince != "") && !opts.Fix
	if spell && partial && !opts.ListRules {
		// A pull request's files are checked again and again while it is
		// written, and a check of one file waits for its dictionary more
		// than for anything else: the dictionaries the last check needed
		// start loading first (before cm.yaml is read), while the files
		// are scanned.
		hunspell.Prefetch(dictionariesFile(f.Dir))
	}
	reg := rules.Registry()
	if opts.ListRules {
		return listRules(opts, reg)
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	now, err := clockAt(f, opts.At)
	if err != nil {
		return err
	}
	if spell && !partial {
		// The dictionary loads on the other core while the files are read.
		go spelling.Preload(cfg, cfg.Site.DefaultLanguage)
	}
	var (
		repo *content.Repo
		only func(string) bool
		some *someFiles
	)
	if partial {
		if some, err = opts.loadSome(cfg, reg, spell); err != nil {
			return err
		}
		defer some.restoreGC()
		repo, only = some.repo, some.only
	} else {
		if repo, err = content.Load(cfg); err != nil {
			return err
		}
		if only, err = opts.targets(repo); err != nil {
			return err
		}
	}
	l, err := ledger.Open(f.Dir)
	if err != nil {
		return err
	}
	progress := f.IO.StartProgress("checking")
	var extra map[string][]string
	if some != nil {
		extra = some.extra
	}
	res, err := reg.Run(repo, check.Options{Only: only, Extra: extra, Rules: opts.Rules, Now: now, Published: l.Published, Progress: progress.Update})
	progress.Done()
	if err != nil {
		return usageError{err}
	}
	if some != nil {
		if len(some.broken) > 0 {
			// On a page the change did not touch, only the links it broke.
			keepBrokenLinks(res, repo, only, some.broken)
		}
		if err := some.scan.Save(); err != nil {
			fmt.Fprintf(f.IO.ErrOut, "warning: %v (the next check reads every file again)\n", err)
		} else if spell {
			// A cache, next to the index: a failure only costs time.
			lib, bases := spelling.Dictionaries(cfg, some.langs)
			_ = hunspell.SavePrefetch(dictionariesFile(f.Dir), lib, bases)
		}
	}
	if opts.Fix {
		if res, err = reg.Fix(repo, res, check.Options{Only: only, Rules: opts.Rules, Now: now, Published: l.Published}, check.FixOptions{DryRun: opts.DryRun, Out: f.IO.Out, Log: f.IO.ErrOut}); err != nil {
			return err
		}
	} else if opts.DryRun {
		return usageError{fmt.Errorf("--dry-run goes with --fix: cm check --fix --dry-run")}
	}
	out := f.IO.Out
	switch opts.Format {
	case "json":
		err = check.WriteJSON(out, res)
	case "github":
		gh := githubFromEnv()
		if err = check.WriteGitHub(out, res); err == nil {
			err = gh.appendSummary(func(w io.Writer) error {
				return check.WriteMarkdown(w, res, check.MarkdownOptions{Link: gh.link})
			})
		}
	case "sarif":
		err = check.WriteSARIF(out, res, f.Version)
	case "markdown":
		err = check.WriteMarkdown(out, res, check.MarkdownOptions{})
	default:
		err = check.WriteText(out, res, f.IO.Colors())
	}
	if err != nil {
		return err
	}
	if opts.SARIF != "" {
		if err := writeSARIFFile(opts.SARIF, res, f.Version); err != nil {
			return err
		}
	}
	if res.Failed(opts.Strict) {
		return silentError{exitFailed}
	}
	return nil
}

// writeSARIFFile writes the SARIF log to a file, once it is complete.
func writeSARIFFile(name string, res *check.Result, version string) error {
	var b bytes.Buffer
	if err := check.WriteSARIF(&b, res, version); err != nil {
		return err
	}
	if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("--sarif: %w", err)
	}
	return nil
}

// someFiles is a check of some files (PATH or --changed-since): the site,
// with those files read from disk and the rest from the site index, and
// the pages a change breaks without changing them.
type someFiles struct {
	scan *content.Scan
	repo *content.Repo
	only func(string) bool
	// extra are the pages to check for the links the change broke (see
	// check.Options.Extra), broken those links by page.
	extra  map[string][]string
	broken map[string][]string
	// langs are the languages of the files checked.
	langs []string
	// restoreGC sets the collector back as it was before the check.
	restoreGC func()
}

// loadSome loads the site for a check of some files.
func (opts *checkOptions) loadSome(cfg *config.Config, reg *check.Registry, spell bool) (*someFiles, error) {
	// It holds far less than a whole load (about 60 MB for 20,000 files),
	// and little of what it allocates is garbage: a collection every 50%
	// of growth would run a dozen times for nothing. So the collector
	// waits for the soft memory limit, which still bounds a first check
	// (it reads every file to build the index), or for 5x growth when
	// there is no limit, until the check is done (restoreGC).
	restoreGC := func() {}
	if _, set := os.LookupEnv("GOGC"); !set {
		percent := -1
		if debug.SetMemoryLimit(-1) == math.MaxInt64 {
			percent = 400
		}
		old := debug.SetGCPercent(percent)
		restoreGC = func() { debug.SetGCPercent(old) }
	}
	// What the ref holds is read from git while the files are scanned.
	atRef := opts.filesAtRef()
	// Of the files it does not check, the site is made whole only of the
	// kinds the rules read (the SEO rules: articles; the schedule rules:
	// posts too).
	kinds, err := reg.Reads(cfg, opts.Rules)
	if err != nil {
		restoreGC()
		return nil, usageError{err}
	}
	scan, err := content.ScanIndexed(cfg, content.ScanOptions{File: content.IndexFile(opts.f.Dir), Key: buildKey(opts.f.Version), Facts: reg.Facts(), Kinds: kinds})
	if err != nil {
		restoreGC()
		return nil, err
	}
	some := &someFiles{scan: scan, restoreGC: restoreGC}
	only, before, err := opts.scanTargets(cfg, scan, atRef)
	if err != nil {
		restoreGC()
		return nil, err
	}
	some.only = only
	var targets []string
	for _, p := range scan.Paths() {
		if only(p) {
			targets = append(targets, p)
		}
	}
	if spell {
		// The dictionaries of the files to check load while the rest of
		// the site is put together.
		some.langs = preloadLanguages(cfg, scan, targets)
	}
	some.repo = scan.Repo(targets)
	// Pages the change breaks without changing them: their links into
	// what it removed (an article, a heading, an image).
	was, err := before()
	if err != nil {
		// A shallow or partial clone may lack the ref's versions: the
		// check goes on without looking for links broken in other pages.
		fmt.Fprintf(opts.f.IO.ErrOut, "warning: %v; links that the change breaks in other pages are not looked for\n", err)
		was = nil
	}
	if len(was) == 0 || !opts.runs("seo.broken-link") {
		return some, nil
	}
	some.broken = content.Broken(some.repo, was)
	if len(some.broken) > 0 {
		pages := make([]string, 0, len(some.broken))
		some.extra = map[string][]string{}
		for p := range some.broken {
			pages = append(pages, p)
			some.extra[p] = []string{"seo.broken-link"}
		}
		scan.Expand(some.repo, pages)
	}
	return some, nil
}

// runs says whether --rule lets a rule run (cm.yaml may still turn it off).
func (opts *checkOptions) runs(id string) bool {
	family, _, _ := strings.Cut(id, ".")
	return len(opts.Rules) == 0 || slices.Contains(opts.Rules, id) || slices.Contains(opts.Rules, family)
}

// scanTargets is targets for a check that reads the site index: the files
// changed since --changed-since are those whose content differs from the
// ref's, which the scan knows without asking git for the work tree's
// status. before returns the files the change touched, as they were at
// the ref, read from git meanwhile.
func (opts *checkOptions) scanTargets(cfg *config.Config, scan *content.Scan, filesAtRef func() (vcs.Listing, error)) (func(string) bool, func() ([]content.Before, error), error) {
	filters, err := opts.pathFilters()
	if err != nil {
		return nil, nil, err
	}
	before := func() ([]content.Before, error) { return nil, nil }
	if opts.ChangedSince != "" {
		atRef, err := filesAtRef()
		if err != nil {
			return nil, nil, usageError{err}
		}
		changedFiles, deleted := content.Changes(scan, atRef.Paths, atRef.Hashes)
		changed := make(map[string]bool, len(changedFiles))
		for _, p := range changedFiles {
			changed[p] = true
		}
		touched := append(changedFiles, deleted...)
		// A campaign's posts take its channels and hashtags, and are
		// nothing without its index.md: when that changes or goes, they
		// are checked too.
		for _, p := range campaignPosts(scan, touched) {
			changed[p] = true
		}
		type result struct {
			before []content.Before
			err    error
		}
		recorded := recordedAt(scan, touched, atRef)
		done := make(chan result, 1)
		go func() {
			b, err := beforeAt(cfg, opts.f.Dir, touched, atRef, recorded)
			done <- result{b, err}
		}()
		before = func() ([]content.Before, error) {
			r := <-done
			return r.before, r.err
		}
		filters = append(filters, func(path string) bool { return changed[path] })
	}
	// Without a ref there is no "before" to hold a change to: the files
	// named are checked, and other pages are not reported on, whatever the
	// index last saw.
	return func(path string) bool { return all(filters, path) }, before, nil
}

// recordedAt are the touched articles that the site index has as the ref
// has them: an article edited since the index read it (most often). Asked
// before the site is put together, which changes the scan.
func recordedAt(scan *content.Scan, touched []string, atRef vcs.Listing) map[string]content.Item {
	recorded := map[string]content.Item{}
	for _, p := range touched {
		if h, ok := atRef.Lookup(p); ok && strings.HasPrefix(p, content.Dir+"/blog/") {
			if it, ok := scan.Recorded(p, h); ok {
				recorded[p] = it
			}
		}
	}
	return recorded
}

// campaignPosts are the files of the campaigns whose index.md is among
// touched.
func campaignPosts(scan *content.Scan, touched []string) []string {
	var folders []string
	for _, p := range touched {
		if dir, name := path.Split(p); name == "index.md" && strings.HasPrefix(dir, content.Dir+"/campaigns/") && strings.Count(dir, "/") == 3 {
			folders = append(folders, dir)
		}
	}
	var out []string
	for _, dir := range folders {
		for _, p := range scan.Paths() {
			if strings.HasPrefix(p, dir) {
				out = append(out, p)
			}
		}
	}
	return out
}

// beforeAt reads the touched files as the ref has them: articles are
// parsed for what they were (their address and anchors), the only thing
// other pages link to. recorded are those the site index has as the ref
// has them (see recordedAt): they are not read from git.
func beforeAt(cfg *config.Config, dir string, touched []string, atRef vcs.Listing, recorded map[string]content.Item) ([]content.Before, error) {
	var ids []plumbing.Hash
	for _, p := range touched {
		if h, ok := atRef.Lookup(p); ok && recorded[p] == nil && strings.EqualFold(path.Ext(p), ".md") && strings.HasPrefix(p, content.Dir+"/blog/") {
			ids = append(ids, h)
		}
	}
	blobs, err := vcs.Blobs(dir, ids, filepath.Join(dir, ".cm", "cache", "blobs"))
	if err != nil {
		return nil, fmt.Errorf("--changed-since: %w", err)
	}
	before := make([]content.Before, 0, len(touched))
	for _, p := range touched {
		h, existed := atRef.Lookup(p)
		b := content.Before{Path: p, Existed: existed}
		if it, ok := recorded[p]; ok {
			b.Item = it
		} else if data, ok := blobs[h]; ok && existed {
			_, b.Item = content.Parse(cfg, p, data)
		}
		before = append(before, b)
	}
	return before, nil
}

// keepBrokenLinks drops the findings on pages checked only for the links
// a change broke, except on those links: their other findings are not the
// change's doing.
func keepBrokenLinks(res *check.Result, repo *content.Repo, only func(string) bool, broken map[string][]string) {
	at := map[string]map[content.Position]bool{}
	for p, dests := range broken {
		if only(p) {
			continue // checked in full anyway
		}
		at[p] = map[content.Position]bool{}
		if a, ok := repo.Item(p).(*content.Article); ok {
			for _, pos := range a.LinkPositions(dests) {
				at[p][pos] = true
			}
		}
	}
	res.Keep(func(d check.Diagnostic) bool {
		positions, extra := at[d.File]
		return !extra || positions[content.Position{Line: d.Line, Column: d.Column}]
	})
}

// preloadLanguages loads the dictionaries of the languages of the files
// to check while the rest of the check runs.
// It returns them, sorted.
func preloadLanguages(cfg *config.Config, scan *content.Scan, targets []string) []string {
	var langs []string
	for _, p := range targets {
		if lang := scan.Language(p); lang != "" && !slices.Contains(langs, lang) {
			langs = append(langs, lang)
			go spelling.Preload(cfg, lang)
		}
	}
	slices.Sort(langs)
	return langs
}

// dictionariesFile is the prefetch file (see hunspell.Prefetch) of the
// repo at dir: the dictionaries of the files the last check of a few files
// checked, next to the site index.
func dictionariesFile(dir string) string {
	return filepath.Join(filepath.Dir(content.IndexFile(dir)), "dictionaries")
}

// filesAtRef starts listing the content files at --changed-since's ref,
// with their blob hashes, and returns a function that waits for the list.
func (opts *checkOptions) filesAtRef() func() (vcs.Listing, error) {
	if opts.ChangedSince == "" {
		return nil
	}
	type listing struct {
		files vcs.Listing
		err   error
	}
	done := make(chan listing, 1)
	go func() {
		dir := opts.f.Dir
		files, err := vcs.ListAt(dir, opts.ChangedSince, content.Dir, filepath.Join(dir, ".cm", "cache", "trees"))
		done <- listing{files, err}
	}()
	return func() (vcs.Listing, error) {
		l := <-done
		return l.files, l.err
	}
}

func all(filters []func(string) bool, path string) bool {
	for _, keep := range filters {
		if !keep(path) {
			return false
		}
	}
	return true
}

// buildKey names this build of cm for the site index: an index written by
// another build is not read.
func buildKey(version string) string {
	exe, err := os.Executable()
	if err != nil {
		return version
	}
	info, err := os.Stat(exe)
	if err != nil {
		return version
	}
	return fmt.Sprintf("%s %s %d %d", version, exe, info.Size(), info.ModTime().UnixNano())
}

// targets turns the PATH arguments and --changed-since into a filter on
// repo-relative paths; nil means every file.
func (opts *checkOptions) targets(repo *content.Repo) (func(string) bool, error) {
	filters, err := opts.pathFilters()
	if err != nil {
		return nil, err
	}
	if opts.ChangedSince != "" {
		changed, err := changedSince(opts.f.Dir, opts.ChangedSince, repo)
		if err != nil {
			return nil, err
		}
		filters = append(filters, changed)
	}
	if len(filters) == 0 {
		return nil, nil
	}
	return func(path string) bool { return all(filters, path) }, nil
}

// pathFilters are the filters the PATH arguments make.
func (opts *checkOptions) pathFilters() ([]func(string) bool, error) {
	var filters []func(string) bool
	if len(opts.Paths) > 0 {
		var prefixes []string
		for _, p := range opts.Paths {
			abs, err := filepath.Abs(p)
			if err != nil {
				return nil, usageError{err}
			}
			if _, err := os.Stat(abs); err != nil {
				return nil, usageError{fmt.Errorf("%s: no such file or folder", p)}
			}
			rel, err := filepath.Rel(opts.f.Dir, abs)
			if err != nil || strings.HasPrefix(rel, "..") {
				return nil, usageError{fmt.Errorf("%s is outside the content repository %s", p, opts.f.Dir)}
			}
			prefixes = append(prefixes, filepath.ToSlash(rel))
		}
		filters = append(filters, func(path string) bool {
			for _, pre := range prefixes {
				if pre == "." || path == pre || strings.HasPrefix(path, pre+"/") {
					return true
				}
			}
			return false
		})
	}
	return filters, nil
}

func listRules(opts *checkOptions, reg *check.Registry) error {
	out := opts.f.IO.Out
	metas := make([]check.Meta, 0, len(reg.Rules()))
	for _, r := range reg.Rules() {
		metas = append(metas, r.Meta())
	}
	if opts.Format == "json" {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(map[string]any{"rules": metas})
	}
	c := opts.f.IO.Colors()
	for i, m := range metas {
		if i > 0 {
			fmt.Fprintln(out)
		}
		langs := ""
		if len(m.Languages) > 0 {
			langs = " (" + strings.Join(m.Languages, ", ") + ")"
		}
		fmt.Fprintf(out, "%s  %s%s\n  %s\n\n", c.Bold(m.ID), m.Severity, langs, m.Summary)
		fmt.Fprintf(out, "%s\n", indent(wrap(m.Doc, 76), "  "))
		if m.Example.Bad != "" {
			fmt.Fprintf(out, "\n  %s\n%s\n  %s\n%s\n", c.Dim("Example:"), indent(m.Example.Bad, "    "), c.Dim("Fixed:"), indent(m.Example.Good, "    "))
		}
	}
	return nil
}

func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = prefix + l
	}
	return strings.Join(lines, "\n")
}

// wrap breaks text into lines of at most width characters at spaces.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for i, w := range strings.Fields(s) {
		l := len([]rune(w))
		if i > 0 && n+1+l > width {
			b.WriteByte('\n')
			n = 0
		} else if i > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += l
	}
	return b.String()
}
