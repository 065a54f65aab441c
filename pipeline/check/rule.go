package check

import (
	"fmt"
	"sync"
	"time"

	"github.com/cmhq/cm/pipeline/content"
)

// Rule is one check. It is a value with no state of its own: the registry
// holds one and calls Check once per document to check, from several
// goroutines at once.
type Rule interface {
	Meta() Meta
	Check(p *Pass)
}

// Configurable is a rule with options in cm.yaml. DefaultOptions returns a
// pointer to a fresh options struct holding the defaults; cm.yaml's values
// are decoded into it (strictly) before the run, and Pass.Options returns it.
type Configurable interface {
	Rule
	DefaultOptions() any
}

// Meta documents a rule for `cm check --list-rules` and SARIF.
type Meta struct {
	// ID is stable and namespaced: "seo.title-length".
	ID string `json:"id"`
	// Severity is the default; cm.yaml can change it.
	Severity Severity `json:"severity"`
	// Kinds are the content kinds the rule reads; empty means all files.
	Kinds []content.Kind `json:"-"`
	// Languages the rule applies to; empty means all.
	Languages []string `json:"languages,omitempty"`
	// Summary is one line; Doc one paragraph.
	Summary string `json:"summary"`
	Doc     string `json:"doc"`
	// Example shows a file that triggers the rule and its fix.
	Example Example `json:"example"`
}

// Example is a before and after for the documentation.
type Example struct {
	Bad  string `json:"bad"`
	Good string `json:"good"`
}

// Pass is what a rule sees when it checks one document.
type Pass struct {
	// Repo is the whole site, for rules that compare documents.
	Repo *content.Repo
	// Doc is the document to check.
	Doc *content.Document
	// Item is its article, post or campaign; nil when it could not be read.
	Item content.Item

	run  *ruleRun
	env  *runEnv
	diag []Diagnostic
}

// runEnv is what every rule of one check run shares.
type runEnv struct {
	opts Options
	memo sync.Map // key -> *sharedEntry
}

type sharedEntry struct {
	once sync.Once
	v    any
}

// Now is the run's clock: Options.Now (cm's --at), else when the run began.
func (p *Pass) Now() time.Time { return p.env.opts.Now }

// Published is the ledger's answer for the run (Options.Published): nil
// when there is no ledger.
func (p *Pass) Published() func(path, channel string) (time.Time, bool) {
	return p.env.opts.Published
}

// SharedBy is Shared for a family of rules: the value is computed once per
// check run for every rule that asks with the same key, such as the
// calendar that the four schedule rules read. Keys should be unexported
// types of the asking package.
func (p *Pass) SharedBy(key any, build func(*content.Repo) any) any {
	e, _ := p.env.memo.LoadOrStore(key, &sharedEntry{})
	entry := e.(*sharedEntry)
	entry.once.Do(func() { entry.v = build(p.Repo) })
	return entry.v
}

// Options returns the rule's options (see Configurable), or nil.
func (p *Pass) Options() any { return p.run.options }

// Lang is the document's language ("" when unknown).
func (p *Pass) Lang() string {
	if p.Item == nil {
		return ""
	}
	return p.Item.Language()
}

// T picks the French message when cm.yaml asks for French messages
// (`messages: fr`) and the document is in French; English otherwise.
func (p *Pass) T(en, fr string) string {
	if p.Repo.Config.Messages == "fr" && p.Lang() == "fr" {
		return fr
	}
	return en
}

// Report records a finding at a position.
func (p *Pass) Report(pos content.Position, message, suggestion string) {
	p.ReportFix(pos, message, suggestion, nil)
}

// Reportf records a finding with a formatted message and no suggestion.
func (p *Pass) Reportf(pos content.Position, format string, args ...any) {
	p.ReportFix(pos, fmt.Sprintf(format, args...), "", nil)
}

// Warn records a problem of the machine rather than of the content (a
// missing dictionary, say): a warning at most, so that a check does not fail
// on a content repo that is fine.
func (p *Pass) Warn(pos content.Position, message, suggestion string) {
	p.ReportFix(pos, message, suggestion, nil)
	if d := &p.diag[len(p.diag)-1]; d.Severity > Warning {
		d.Severity = Warning
	}
}

// ReportFix records a finding with an edit that certainly repairs it.
func (p *Pass) ReportFix(pos content.Position, message, suggestion string, fix *Fix) {
	p.diag = append(p.diag, Diagnostic{
		File: p.Doc.Path, Line: pos.Line, Column: pos.Column,
		Rule: p.run.id, Severity: p.run.severity,
		Message: message, Suggestion: suggestion, Fix: fix,
	})
}

// Shared returns a value computed once per check run for this rule, such as
// an index of every title of the site, so that site-wide rules stay linear.
func (p *Pass) Shared(build func(*content.Repo) any) any {
	p.run.sharedOnce.Do(func() { p.run.shared = build(p.Repo) })
	return p.run.shared
}

// ruleRun is a rule as configured for one run.
type ruleRun struct {
	rule     Rule
	id       string
	meta     Meta
	severity Severity
	options  any

	sharedOnce sync.Once
	shared     any
}
