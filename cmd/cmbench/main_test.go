package main

import (
	"bytes"
	"os"
	"strconv"
	"strings"
	"testing"
)

// helperExitEnv makes the test binary a stand-in for a measured command:
// started with it set, the binary exits at once with that code.
const helperExitEnv = "CMBENCH_HELPER_EXIT"

func TestMain(m *testing.M) {
	if code, ok := os.LookupEnv(helperExitEnv); ok {
		n, _ := strconv.Atoi(code)
		os.Exit(n)
	}
	os.Exit(m.Run())
}

// execute runs cmbench with args and in-memory streams, as a user would
// from a pipe.
func execute(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	root := newRootCmd(&streams{out: &out, errOut: &errOut})
	root.SetArgs(args)
	err := root.Execute()
	if err != nil {
		errOut.WriteString(err.Error())
	}
	return out.String(), errOut.String(), exitCode(err)
}

func TestHelpHasExamples(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"gen", "--help"}, {"run", "--help"}, {"changed", "--help"}} {
		out, _, code := execute(t, args...)
		if code != exitOK || !strings.Contains(out, "Examples:") || !strings.Contains(out, "cmbench ") {
			t.Errorf("cmbench %s: exit %d, no example in\n%s", strings.Join(args, " "), code, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	tests := [][]string{
		{"nope"},
		{"gen"},
		{"gen", "--out", t.TempDir(), "--articles", "many"},
		{"gen", "--out", t.TempDir(), "extra"},
		{"run"},
		{"run", "--format", "xml", "--", "true"},
		{"run", "--runs", "0", "--", "true"},
	}
	for _, args := range tests {
		if _, stderr, code := execute(t, args...); code != exitUsage {
			t.Errorf("cmbench %s: exit %d, want %d (%s)", strings.Join(args, " "), code, exitUsage, stderr)
		}
	}
}
