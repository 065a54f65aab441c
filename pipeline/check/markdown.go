package check

import (
	"fmt"
	"io"
	"strings"
)

// MarkdownOptions shape WriteMarkdown's report.
type MarkdownOptions struct {
	// Link, when set, gives the address of a file at a line (the file on
	// GitHub, say); the location then links there.
	Link func(file string, line int) string
	// MaxRows bounds the table (GitHub keeps 1 MiB of a job summary); 0 is
	// DefaultMarkdownRows. The rows left out are counted below the table.
	MaxRows int
}

// DefaultMarkdownRows is the longest table WriteMarkdown writes by default.
const DefaultMarkdownRows = 500

// WriteMarkdown prints the result as GitHub Flavored Markdown: a heading
// with the counts, then a table of the findings with their fixes. It is
// what `cm check --format markdown` prints and what `--format github` adds
// to the job summary.
func WriteMarkdown(w io.Writer, res *Result, opts MarkdownOptions) error {
	if opts.MaxRows <= 0 {
		opts.MaxRows = DefaultMarkdownRows
	}
	ew := &errWriter{w: w}
	s := res.Summary
	counts := plural(s.Errors, "error") + ", " + plural(s.Warnings, "warning")
	if s.Infos > 0 {
		counts += ", " + plural(s.Infos, "info")
	}
	mark := "✅"
	switch {
	case s.Errors > 0:
		mark = "❌"
	case s.Warnings > 0:
		mark = "⚠️"
	}
	ew.printf("### %s cm check: %s\n\n", mark, counts)
	if len(res.Diagnostics) == 0 {
		ew.printf("%s checked, nothing to report.\n", plural(s.Files, "file"))
		return ew.err
	}
	ew.printf("%s checked.\n\n", plural(s.Files, "file"))
	ew.printf("| severity | where | rule | finding |\n| --- | --- | --- | --- |\n")
	for i, d := range res.Diagnostics {
		if i == opts.MaxRows {
			break
		}
		where := MarkdownEscape(fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column))
		if opts.Link != nil {
			if u := opts.Link(d.File, d.Line); u != "" {
				where = "[" + where + "](" + u + ")"
			}
		}
		sev := d.Severity.String()
		if d.Severity == Error {
			sev = "**" + sev + "**"
		}
		finding := MarkdownEscape(d.Message)
		if d.Suggestion != "" {
			finding += "<br>fix: " + MarkdownEscape(d.Suggestion)
		}
		ew.printf("| %s | %s | `%s` | %s |\n", sev, where, d.Rule, finding)
	}
	if n := len(res.Diagnostics) - opts.MaxRows; n > 0 {
		ew.printf("\n%s not shown: run `cm check` to see them all.\n", plural(n, "more finding"))
	}
	return ew.err
}

// MarkdownEscape makes text safe in a Markdown table cell: what would be
// read as markup is escaped, HTML shows as text, and line breaks stay
// inside the cell.
func MarkdownEscape(s string) string { return markdownEscaper.Replace(s) }

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "~", `\~`, "|", `\|`,
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	"\r\n", "<br>", "\n", "<br>", "\r", "<br>",
)
