package typography

import (
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/rules/editorial/text/texttest"
)

type fixCase struct {
	name  string
	files map[string]string
	want  string            // texttest.Lines of the diagnostics
	fixed map[string]string // the files after --fix
}

func runCases(t *testing.T, rule check.Rule, cases []fixCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := texttest.Lines(texttest.Run(t, tc.files, rule))
			if want := strings.TrimLeft(tc.want, "\n"); got != want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
			}
			fixed := texttest.Fixed(t, tc.files, rule)
			for path, want := range tc.fixed {
				if fixed[path] != want {
					t.Errorf("%s after fixes:\n%q\nwant:\n%q", path, fixed[path], want)
				}
			}
			for path := range fixed {
				if _, ok := tc.fixed[path]; !ok {
					t.Errorf("%s changed by fixes, unexpectedly:\n%q", path, fixed[path])
				}
			}
		})
	}
}
