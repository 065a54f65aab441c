// Package check runs rules over a content repo and reports diagnostics: the
// rule registry, the rule interface, severities from cm.yaml, the
// cm-disable directives and the output formats (text, json, github, sarif).
package check

import (
	"fmt"
	"strings"
)

// Severity is how serious a diagnostic is.
type Severity int

const (
	// Off disables a rule.
	Off Severity = iota
	// Info is a hint; it never fails a check.
	Info
	// Warning fails a check only with --strict.
	Warning
	// Error fails a check.
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return "off"
}

// MarshalText writes the severity as in cm.yaml and the JSON output.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads error, warning, info or off.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	*s = v
	return err
}

// ParseSeverity reads error, warning, info or off.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	case "off":
		return Off, nil
	}
	return Off, fmt.Errorf("unknown severity %q: use error, warning, info or off", s)
}

// Diagnostic is one finding, in the shape of `cm check --format json`.
type Diagnostic struct {
	// File is relative to the repo root, with forward slashes.
	File string `json:"file"`
	// Line and Column are 1-based, as the editor shows them (frontmatter
	// lines count; columns count characters).
	Line       int      `json:"line"`
	Column     int      `json:"column"`
	Rule       string   `json:"rule"`
	Severity   Severity `json:"severity"`
	Message    string   `json:"message"`
	Suggestion string   `json:"suggestion"`
	// Fix, when set, is an edit that certainly repairs the finding; `cm
	// check --fix` applies it.
	Fix *Fix `json:"-"`
}

// Fix replaces the bytes [Start, End) of the file with New.
type Fix struct {
	Start, End int
	New        string
}

// Summary counts what a check found.
type Summary struct {
	Files    int `json:"files"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Infos    int `json:"infos"`
}

// Result is the outcome of a check.
type Result struct {
	Diagnostics []Diagnostic `json:"diagnostics"`
	Summary     Summary      `json:"summary"`
	// Rules are the rules that ran, sorted by id.
	Rules []Meta `json:"-"`
}

// Keep keeps the diagnostics that keep accepts and counts them again.
func (r *Result) Keep(keep func(Diagnostic) bool) {
	kept := r.Diagnostics[:0]
	for _, d := range r.Diagnostics {
		if keep(d) {
			kept = append(kept, d)
		}
	}
	r.Diagnostics = kept
	r.count()
}

// count sets the summary's counts from the diagnostics.
func (r *Result) count() {
	r.Summary.Errors, r.Summary.Warnings, r.Summary.Infos = 0, 0, 0
	for _, d := range r.Diagnostics {
		switch d.Severity {
		case Error:
			r.Summary.Errors++
		case Warning:
			r.Summary.Warnings++
		case Info:
			r.Summary.Infos++
		}
	}
}

// Failed says whether the check should exit non-zero: any error, or any
// warning when strict.
func (r *Result) Failed(strict bool) bool {
	return r.Summary.Errors > 0 || (strict && r.Summary.Warnings > 0)
}
