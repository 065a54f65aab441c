package check

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/cmhq/cm/pipeline/iostreams"
)

// Formats are the values of `cm check --format`.
var Formats = []string{"text", "json", "github", "sarif", "markdown"}

// WriteText prints one line per diagnostic (file:line:col: severity:
// message [rule]) with its suggestion below, then a summary line.
func WriteText(w io.Writer, res *Result, c iostreams.Colors) error {
	ew := &errWriter{w: w}
	for _, d := range res.Diagnostics {
		sev := d.Severity.String()
		switch d.Severity {
		case Error:
			sev = c.Red(sev)
		case Warning:
			sev = c.Yellow(sev)
		case Info:
			sev = c.Blue(sev)
		}
		ew.printf("%s: %s: %s %s\n", c.Bold(fmt.Sprintf("%s:%d:%d", d.File, d.Line, d.Column)), sev, d.Message, c.Dim("["+d.Rule+"]"))
		if d.Suggestion != "" {
			ew.printf("    %s %s\n", c.Dim("fix:"), d.Suggestion)
		}
	}
	s := res.Summary
	line := fmt.Sprintf("%s checked: %s, %s", plural(s.Files, "file"), plural(s.Errors, "error"), plural(s.Warnings, "warning"))
	if s.Infos > 0 {
		line += ", " + plural(s.Infos, "info")
	}
	switch {
	case s.Errors > 0:
		line = c.Red(line)
	case s.Warnings > 0:
		line = c.Yellow(line)
	default:
		line = c.Green(line)
	}
	if len(res.Diagnostics) > 0 {
		ew.printf("\n")
	}
	ew.printf("%s\n", line)
	return ew.err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// WriteJSON prints the result as one JSON object (see the spec).
func WriteJSON(w io.Writer, res *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(res)
}

// WriteGitHub prints GitHub Actions workflow commands, which the runner
// turns into annotations on the pull request's lines.
func WriteGitHub(w io.Writer, res *Result) error {
	ew := &errWriter{w: w}
	for _, d := range res.Diagnostics {
		cmd := map[Severity]string{Error: "error", Warning: "warning", Info: "notice"}[d.Severity]
		msg := d.Message
		if d.Suggestion != "" {
			msg += "\n" + d.Suggestion
		}
		ew.printf("::%s file=%s,line=%d,col=%d,title=%s::%s\n", cmd,
			EscapeProperty(d.File), d.Line, d.Column, EscapeProperty(d.Rule), EscapeData(msg))
	}
	return ew.err
}

// EscapeData and EscapeProperty encode a workflow command's message and
// properties as the GitHub Actions runner decodes them (actions/toolkit,
// command.ts).
func EscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func EscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
