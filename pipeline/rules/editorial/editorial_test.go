package editorial

import (
	"os"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/rules/editorial/text/texttest"
)

// run checks files with one rule under testdata/editorial.yaml's line and
// returns texttest.Lines of the diagnostics.
func run(t *testing.T, rule check.Rule, files map[string]string) string {
	t.Helper()
	return texttest.Lines(runDiags(t, rule, files))
}

func runDiags(t *testing.T, rule check.Rule, files map[string]string) []check.Diagnostic {
	t.Helper()
	cfg, err := os.ReadFile("testdata/editorial.yaml")
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]string{"cm.yaml": string(cfg) + files["cm.yaml"]}
	for k, v := range files {
		if k != "cm.yaml" {
			all[k] = v
		}
	}
	return texttest.Run(t, all, rule)
}

type ruleCase struct {
	name  string
	files map[string]string
	want  string
}

func runCases(t *testing.T, rule check.Rule, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := run(t, rule, tc.files)
			want := strings.TrimLeft(tc.want, "\n")
			if got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
