package check

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/cmhq/cm/pipeline/content"
)

// directive is a `<!-- cm-disable RULE... -->` or `<!-- cm-enable -->`
// comment in a body. No rule means every rule; a family ("seo") means all of
// its rules.
type directive struct {
	line    int
	disable bool
	rules   []string
}

var directiveRE = regexp.MustCompile(`<!--\s*cm-(disable|enable)((?:\s+[a-z0-9.\-]+)*)\s*-->`)

// directives finds the cm-disable and cm-enable comments of a document's
// body, as HTML in the Markdown AST (so an example inside a code block does
// not count).
func directives(d *content.Document) []directive {
	body := d.Body()
	if !bytes.Contains(body, []byte("cm-")) {
		return nil
	}
	var out []directive
	_ = ast.Walk(d.AST(), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var start, stop int
		switch h := n.(type) {
		case *ast.HTMLBlock:
			lines := h.Lines()
			if lines.Len() == 0 {
				return ast.WalkContinue, nil
			}
			start, stop = lines.At(0).Start, lines.At(lines.Len()-1).Stop
			if h.HasClosure() {
				stop = h.ClosureLine.Stop
			}
		case *ast.RawHTML:
			if h.Segments.Len() == 0 {
				return ast.WalkContinue, nil
			}
			start, stop = h.Segments.At(0).Start, h.Segments.At(h.Segments.Len()-1).Stop
		default:
			return ast.WalkContinue, nil
		}
		for _, m := range directiveRE.FindAllSubmatchIndex(body[start:stop], -1) {
			out = append(out, directive{
				line:    d.BodyPos(start + m[0]).Line,
				disable: string(body[start+m[2]:start+m[3]]) == "disable",
				rules:   strings.Fields(string(body[start+m[4] : start+m[5]])),
			})
		}
		return ast.WalkContinue, nil
	})
	return out
}

func (dv directive) matches(rule string) bool {
	if len(dv.rules) == 0 {
		return true
	}
	for _, r := range dv.rules {
		if r == rule || strings.HasPrefix(rule, r+".") {
			return true
		}
	}
	return false
}

// suppress drops the diagnostics that a cm-disable directive silences: from
// the directive's line to the next cm-enable for the same rule.
func suppress(d *content.Document, diags []Diagnostic) []Diagnostic {
	if len(diags) == 0 {
		return diags
	}
	dirs := directives(d)
	if len(dirs) == 0 {
		return diags
	}
	kept := diags[:0]
	for _, diag := range diags {
		disabled := false
		for _, dv := range dirs {
			if dv.line > diag.Line {
				break
			}
			if dv.matches(diag.Rule) {
				disabled = dv.disable
			}
		}
		if !disabled {
			kept = append(kept, diag)
		}
	}
	return kept
}
