package check

import (
	"strings"
	"testing"
)

func TestWriteMarkdown(t *testing.T) {
	diag := func(file string, line int, sev Severity, msg, sugg string) Diagnostic {
		return Diagnostic{File: file, Line: line, Column: 3, Rule: "editorial.tone", Severity: sev, Message: msg, Suggestion: sugg}
	}
	tests := []struct {
		name string
		res  Result
		opts MarkdownOptions
		want string
	}{
		{"nothing found", Result{Summary: Summary{Files: 2}}, MarkdownOptions{},
			"### ✅ cm check: 0 errors, 0 warnings\n\n2 files checked, nothing to report.\n"},
		{"French and English, escaped, linked",
			Result{Summary: Summary{Files: 1, Errors: 1, Warnings: 1}, Diagnostics: []Diagnostic{
				diag("content/social/a_b.md", 7, Error, "« tu » alors que la ligne dit « vous » | *deux* fois", "écrivez <vous>\net & accordez"),
				diag("content/blog/x.md", 2, Warning, "use `use`, not [utilize]", ""),
			}},
			MarkdownOptions{Link: func(file string, line int) string {
				return "https://example.com/" + file + "#L" + string(rune('0'+line))
			}},
			"### ❌ cm check: 1 error, 1 warning\n\n1 file checked.\n\n| severity | where | rule | finding |\n| --- | --- | --- | --- |\n" +
				"| **error** | [content/social/a\\_b.md:7:3](https://example.com/content/social/a_b.md#L7) | `editorial.tone` | « tu » alors que la ligne dit « vous » \\| \\*deux\\* fois<br>fix: écrivez &lt;vous&gt;<br>et &amp; accordez |\n" +
				"| warning | [content/blog/x.md:2:3](https://example.com/content/blog/x.md#L2) | `editorial.tone` | use \\`use\\`, not \\[utilize\\] |\n"},
		{"warnings and infos, rows bounded",
			Result{Summary: Summary{Files: 1, Warnings: 2, Infos: 1}, Diagnostics: []Diagnostic{
				diag("a.md", 1, Warning, "one", ""), diag("a.md", 2, Warning, "two", ""), diag("a.md", 3, Info, "three", ""),
			}},
			MarkdownOptions{MaxRows: 1},
			"### ⚠️ cm check: 0 errors, 2 warnings, 1 info\n\n1 file checked.\n\n| severity | where | rule | finding |\n| --- | --- | --- | --- |\n" +
				"| warning | a.md:1:3 | `editorial.tone` | one |\n\n2 more findings not shown: run `cm check` to see them all.\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := WriteMarkdown(&b, &tt.res, tt.opts); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tt.want)
			}
		})
	}
}
