package spelling_test

import (
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/rules/spelling"
)

// On a machine without the dictionaries the rule says so once, as a
// warning: the content is not at fault, and cm check must not fail on it.
func TestMissingDictionariesWarnOnce(t *testing.T) {
	empty := t.TempDir()
	got := checktest.Run(t, map[string]string{
		"cm.yaml":           checktest.Config + "editorial:\n  dictionaries: [" + empty + "]\n",
		"content/blog/a.md": "---\ntitle: Un\ndate: 2026-01-01\n---\nBonjour tout le monde.\n",
		"content/blog/b.md": "---\ntitle: Deux\ndate: 2026-01-01\n---\nBonsoir tout le monde.\n",
	}, spelling.Spelling{})
	if len(got) != 1 {
		t.Fatalf("got %d diagnostics, want one for the run: %+v", len(got), got)
	}
	if got[0].Severity != check.Warning || !strings.Contains(got[0].Message, "spelling is not checked in fr") {
		t.Errorf("diagnostic = %+v", got[0])
	}
}
