package check

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/decode"
)

// Options narrow a check run.
type Options struct {
	// Only, when not nil, says which documents to report on (by path).
	// Every document is still loaded, so site-wide rules see the whole site.
	Only func(path string) bool
	// Extra are documents to check besides Only's, each with only the
	// rules named (path to rule ids): pages that a change can break
	// without changing them, such as an article linking to a heading that
	// a changed article renamed.
	Extra map[string][]string
	// Rules, when not empty, runs only these rule ids or families.
	Rules []string
	// Now is the clock of the run (cm's --at); zero means time.Now(). Rules
	// read it with Pass.Now.
	Now time.Time
	// Published says whether an item already went out on a channel, and
	// when: the ledger's answer. Nil means there is no ledger yet and
	// nothing counts as published.
	Published func(path, channel string) (at time.Time, ok bool)
	// Progress, when set, is called after each document is checked with the
	// number done and the total, from any goroutine.
	Progress func(done, total int)
	// Retain keeps each document's AST and derived values after its check,
	// for a caller that renders the same documents next (cm serve). By
	// default they are released, so memory follows the documents being
	// checked rather than the size of the repo.
	Retain bool
}

// Run checks the repo with every enabled rule and returns the diagnostics,
// sorted by file, line, column and rule. A bad rules section in cm.yaml
// (an unknown id, bad options) is returned as config.Errors.
func (r *Registry) Run(repo *content.Repo, opts Options) (*Result, error) {
	runs, err := r.configure(repo.Config, opts.Rules)
	if err != nil {
		return nil, err
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	env := &runEnv{opts: opts}
	// targets are the documents to check, each with its rules.
	var targets []*content.Document
	var targetRuns [][]*ruleRun
	for _, d := range repo.Documents {
		if d.Indexed() {
			continue // read from the site index, without its source
		}
		switch ids := opts.Extra[d.Path]; {
		case opts.Only == nil || opts.Only(d.Path):
			targets, targetRuns = append(targets, d), append(targetRuns, runs)
		case ids != nil:
			if rs := only(runs, ids); len(rs) > 0 {
				targets, targetRuns = append(targets, d), append(targetRuns, rs)
			}
		}
	}
	perDoc := make([][]Diagnostic, len(targets))
	var done atomic.Int64
	finished := func(i int) {
		if !opts.Retain {
			targets[i].Release()
		}
		if opts.Progress != nil {
			opts.Progress(int(done.Add(1)), len(targets))
		}
	}
	workers := runtime.GOMAXPROCS(0)
	if len(targets) < workers {
		// A few documents (a pull request's): their rules run side by
		// side, so that two site-wide indexes are built at once.
		for i, d := range targets {
			perDoc[i] = checkRulesApart(repo, d, targetRuns[i], env)
			finished(i)
		}
	} else {
		work := make(chan int)
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := range work {
					perDoc[i] = checkDocument(repo, targets[i], targetRuns[i], env)
					finished(i)
				}
			})
		}
		for i := range targets {
			work <- i
		}
		close(work)
		wg.Wait()
	}

	res := &Result{Diagnostics: []Diagnostic{}}
	for _, run := range runs {
		res.Rules = append(res.Rules, run.meta)
	}
	res.Summary.Files = len(targets)
	for _, ds := range perDoc {
		res.Diagnostics = append(res.Diagnostics, ds...)
	}
	res.count()
	return res, nil
}

// only keeps the runs of the rules named.
func only(runs []*ruleRun, ids []string) []*ruleRun {
	var out []*ruleRun
	for _, r := range runs {
		if slices.Contains(ids, r.id) {
			out = append(out, r)
		}
	}
	return out
}

// unreadable says whether a document's frontmatter could not be read at
// all: only the schema rules have anything useful to say about it then.
func unreadable(d *content.Document) bool {
	for _, p := range d.Problems {
		if p.Rule == "schema.yaml" || p.Rule == "schema.file" {
			return true
		}
	}
	return false
}

func checkDocument(repo *content.Repo, d *content.Document, runs []*ruleRun, env *runEnv) []Diagnostic {
	item := repo.Item(d.Path)
	var out []Diagnostic
	for _, run := range applicable(d, item, runs) {
		out = append(out, runOn(repo, d, item, run, env)...)
	}
	return finish(d, out)
}

// checkRulesApart is checkDocument with each rule in a goroutine of its
// own: with few documents, the cores share a document's rules. A rule that
// waits (the spelling rule for its dictionary) waits from the start rather
// than from its turn, and the others run meanwhile.
func checkRulesApart(repo *content.Repo, d *content.Document, runs []*ruleRun, env *runEnv) []Diagnostic {
	item := repo.Item(d.Path)
	rs := applicable(d, item, runs)
	per := make([][]Diagnostic, len(rs))
	var wg sync.WaitGroup
	for j, run := range rs {
		wg.Go(func() { per[j] = runOn(repo, d, item, run, env) })
	}
	wg.Wait()
	var out []Diagnostic
	for _, ds := range per {
		out = append(out, ds...)
	}
	return finish(d, out)
}

// applicable are the runs whose rules apply to a document: its kind, its
// language, and only the schema rules for a file that cannot be read.
func applicable(d *content.Document, item content.Item, runs []*ruleRun) []*ruleRun {
	skipContent := unreadable(d) || item == nil
	var out []*ruleRun
	for _, run := range runs {
		if len(run.meta.Kinds) > 0 && !slices.Contains(run.meta.Kinds, d.Kind) {
			continue
		}
		if skipContent && !strings.HasPrefix(run.id, "schema.") {
			continue
		}
		if len(run.meta.Languages) > 0 && (item == nil || !slices.Contains(run.meta.Languages, item.Language())) {
			continue
		}
		out = append(out, run)
	}
	return out
}

// runOn runs one rule on a document.
func runOn(repo *content.Repo, d *content.Document, item content.Item, run *ruleRun, env *runEnv) []Diagnostic {
	p := &Pass{Repo: repo, Doc: d, Item: item, run: run, env: env}
	runRule(p)
	return p.diag
}

// finish drops what directives silence and sorts a document's findings.
func finish(d *content.Document, out []Diagnostic) []Diagnostic {
	out = suppress(d, out)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return a.Rule < b.Rule
	})
	return out
}

// configure resolves each rule's severity and options from cm.yaml. An
// exact rule id wins over its family ("seo: warning").
func (r *Registry) configure(cfg *config.Config, only []string) ([]*ruleRun, error) {
	var errs config.Errors
	families := r.families()
	settingNames := make([]string, 0, len(cfg.Rules))
	for name := range cfg.Rules {
		settingNames = append(settingNames, name)
	}
	sort.Strings(settingNames)
	for _, name := range settingNames {
		if r.byID[name] == nil && !families[name] {
			s := cfg.Rules[name]
			fix := decode.DidYouMean(name, append(r.IDs(), keys(families)...))
			if fix == "" {
				fix = "cm check --list-rules lists every rule"
			}
			errs = append(errs, &config.Error{Path: cfg.Path, Line: s.Line, Column: s.Column,
				Message: fmt.Sprintf("rules: unknown rule %q", name), Suggestion: fix})
		}
	}
	for _, name := range only {
		if r.byID[name] == nil && !families[name] {
			return nil, fmt.Errorf("unknown rule %q: %s", name, orList(decode.DidYouMean(name, r.IDs()), "cm check --list-rules lists every rule"))
		}
	}
	var runs []*ruleRun
	for _, rule := range r.rules {
		meta := rule.Meta()
		family, _, _ := strings.Cut(meta.ID, ".")
		if len(only) > 0 && !slices.Contains(only, meta.ID) && !slices.Contains(only, family) {
			continue
		}
		run := &ruleRun{rule: rule, id: meta.ID, meta: meta, severity: meta.Severity}
		setting, ok := cfg.Rules[meta.ID]
		if !ok {
			setting, ok = cfg.Rules[family]
		}
		if ok && setting.Severity != "" {
			sev, err := ParseSeverity(setting.Severity)
			if err != nil {
				errs = append(errs, &config.Error{Path: cfg.Path, Line: setting.Line, Column: setting.Column, Message: err.Error()})
			}
			run.severity = sev
		}
		if c, isConfigurable := rule.(Configurable); isConfigurable {
			run.options = c.DefaultOptions()
			if s, has := cfg.Rules[meta.ID]; has && s.Options.Kind != 0 {
				for _, p := range decode.Node(&s.Options, run.options, decode.Options{Location: cfg.Location}) {
					errs = append(errs, &config.Error{Path: cfg.Path, Line: p.Line, Column: p.Column,
						Message: "rules." + meta.ID + ": " + p.Message, Suggestion: p.Suggestion})
				}
			}
		} else if s, has := cfg.Rules[meta.ID]; has && s.Options.Kind != 0 {
			errs = append(errs, &config.Error{Path: cfg.Path, Line: s.Line, Column: s.Column,
				Message: fmt.Sprintf("rules.%s: this rule has no options", meta.ID), Suggestion: "keep only its severity"})
		}
		if run.severity != Off {
			runs = append(runs, run)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return runs, nil
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func orList(s, fallback string) string {
	if s != "" {
		return s
	}
	return fallback
}

// runRule calls a rule, turning a panic into a diagnostic: a bug in one rule
// must not stop the check of everything else, nor reach the user as a crash.
func runRule(p *Pass) {
	defer func() {
		if v := recover(); v != nil {
			p.diag = append(p.diag[:0], Diagnostic{
				File: p.Doc.Path, Line: 1, Column: 1, Rule: p.run.id, Severity: Error,
				Message:    fmt.Sprintf("internal error in rule %s: %v", p.run.id, v),
				Suggestion: "this is a bug in cm: please report it with this file; silence the rule with <!-- cm-disable " + p.run.id + " --> meanwhile",
			})
		}
	}()
	p.run.rule.Check(p)
}
