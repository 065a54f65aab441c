package main

import (
	"github.com/cmhq/cm/pipeline/hunspell"
	"github.com/cmhq/cm/pipeline/rules/spelling"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

// TestCheckIndexPathCheckDoesNotDependOnTheCache: cm check PATH on the same
// files prints the same report and exits the same, whatever .cm/cache
// holds: the first run after an edit with an index from before it, the
// same command run again, and a run with no cache (CI, a fresh clone).
func TestCheckIndexPathCheckDoesNotDependOnTheCache(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	const b = "content/blog/b/index.md"
	arg := filepath.Join(dir, b)
	checkJSON(t, dir, arg) // the index, from before the edit
	editFile(t, dir, b, "## Ancien titre", "## Nouveau titre")
	first := checkJSON(t, dir, arg)
	again := checkJSON(t, dir, arg)
	if err := os.RemoveAll(filepath.Join(dir, ".cm")); err != nil {
		t.Fatal(err)
	}
	none := checkJSON(t, dir, arg)
	sameRun(t, "the same command run again", again, first)
	sameRun(t, "with no cache against an index from before the edit", none, first)
}

// TestCheckRemembersDictionaries checks the cache of the dictionaries a
// check of a few files needed (they load as the next check starts): it
// follows the files checked, and a damaged one changes nothing.
func TestCheckRemembersDictionaries(t *testing.T) {
	dir, _ := newIndexRepo(t, indexSite())
	file := filepath.Join(dir, ".cm", "cache", "dictionaries")
	french := func() string {
		t.Helper()
		base, _ := hunspell.Find(spelling.DefaultDictionaryDirs, "fr_FR", "fr")
		if base == "" {
			t.Fatal("no French dictionary: apt-get install hunspell-fr")
		}
		return base
	}()
	first := checkJSON(t, dir, filepath.Join(dir, "content/blog/a.md"))
	if data, err := os.ReadFile(file); err != nil || !strings.Contains(string(data), "\ndictionary "+french+"\n") || strings.Contains(string(data), "en_") {
		t.Fatalf("after checking a French article: %q, %v", data, err)
	}
	if err := os.WriteFile(file, []byte("dictionary /nowhere/xx\x00\nhunspell\ndictionary relative\nnot a line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	again := checkJSON(t, dir, filepath.Join(dir, "content/blog/a.md"))
	sameRun(t, "with a damaged dictionaries file", again, first)
	if data, _ := os.ReadFile(file); !strings.Contains(string(data), "\ndictionary "+french+"\n") || strings.Contains(string(data), "nowhere") {
		t.Errorf("the damaged file was not replaced: %q", data)
	}
}

// TestCheckSomeFilesRestoresTheCollector checks that a check of a few
// files, which tunes the garbage collector for itself, leaves it as it
// found it for whatever runs next in the process (cm serve, tests).
func TestCheckSomeFilesRestoresTheCollector(t *testing.T) {
	t.Setenv("GOGC", "") // restored after the test
	os.Unsetenv("GOGC")  // cm tunes the collector only when GOGC is not set
	before := debug.SetGCPercent(73)
	defer debug.SetGCPercent(before)
	dir, _ := newIndexRepo(t, indexSite())
	checkJSON(t, dir, filepath.Join(dir, "content/blog/a.md"))
	if got := debug.SetGCPercent(73); got != 73 {
		t.Errorf("after the check the GC percent is %d, want 73", got)
	}
}
