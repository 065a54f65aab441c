package hunspell

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// tinyDictionary writes a dictionary of a few words and returns its base.
func tinyDictionary(t *testing.T) string {
	t.Helper()
	base := filepath.Join(t.TempDir(), "xx_XX")
	if err := os.WriteFile(base+".aff", []byte("SET UTF-8\nSFX S Y 1\nSFX S 0 s .\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".dic", []byte("2\nchat/S po:nom\nchien/S\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return base
}

// A prefetch file written for some dictionaries loads them in the
// background; it is rewritten only when it would say something else.
func TestPrefetch(t *testing.T) {
	if err := loadLibrary(""); err != nil {
		t.Fatalf("%v: apt-get install libhunspell-1.7-0", err)
	}
	useCacheDir(t, t.TempDir(), nil)
	base := tinyDictionary(t)
	file := filepath.Join(t.TempDir(), "dictionaries")
	if err := SavePrefetch(file, "", []string{base}); err != nil {
		t.Fatal(err)
	}
	lib, bases, err := readPrefetch(file)
	if err != nil || lib != "" || !slices.Equal(bases, []string{base}) {
		t.Fatalf("read back %q %q %v", lib, bases, err)
	}
	Prefetch(file)
	deadline := time.Now().Add(10 * time.Second)
	for {
		loadedMu.Lock()
		_, ok := loaded[base]
		loadedMu.Unlock()
		if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Prefetch did not load the dictionary")
		}
		time.Sleep(time.Millisecond)
	}
	d, err := Open("", base)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Spell("chats") || d.Spell("chate") {
		t.Error("the prefetched dictionary does not spell as it should")
	}

	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(file, old, old); err != nil {
		t.Fatal(err)
	}
	if err := SavePrefetch(file, "", []string{base}); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Stat(file); !info.ModTime().Equal(old) {
		t.Error("an unchanged prefetch file was written again")
	}
	if err := SavePrefetch(file, "libhunspell.so", []string{base, "/usr/share/hunspell/en_US"}); err != nil {
		t.Fatal(err)
	}
	if lib, bases, _ := readPrefetch(file); lib != "libhunspell.so" || len(bases) != 2 {
		t.Errorf("rewritten file reads %q %q", lib, bases)
	}
	// Odd lines are ignored: relative paths, unknown keys.
	if err := os.WriteFile(file, []byte("dictionary relative/path\nfoo bar\ndictionary\n\n# note\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if lib, bases, _ := readPrefetch(file); lib != "" || len(bases) != 0 {
		t.Errorf("odd file reads %q %q", lib, bases)
	}
	Prefetch(filepath.Join(t.TempDir(), "missing")) // nothing, no panic
}
