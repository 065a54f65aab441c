package hunspell

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// requireFrench returns Debian's French dictionary, and fails (not skips)
// without it or libhunspell: CI installs them.
func requireFrench(t *testing.T) string {
	t.Helper()
	base, tried := Find([]string{"/usr/share/hunspell", "/usr/share/myspell/dicts"}, "fr_FR", "fr")
	if base == "" {
		t.Fatalf("no French dictionary (looked for %v): apt-get install libhunspell-1.7-0 hunspell-fr", tried)
	}
	if err := loadLibrary(""); err != nil {
		t.Fatalf("%v: apt-get install libhunspell-1.7-0", err)
	}
	return base
}

// useCacheDir points the lean copies at dir for the test.
func useCacheDir(t *testing.T, dir string, err error) {
	t.Helper()
	old := userCacheDir
	userCacheDir = func() (string, error) { return dir, err }
	t.Cleanup(func() { userCacheDir = old })
}

func TestStripMorphology(t *testing.T) {
	src := "9\n" +
		"abaissement/S. po:nom is:mas\n" + // fields after a space
		"- po:ponc po:sign\n" + // a word of one character
		"chat/S\n" + // no fields
		"chien\tpo:nom\n" + // the old tab separator
		"a priori/X  po:adv\n" + // a word with a space, two blanks before the fields
		"12:00/X\n" + // a colon in the word, not a field
		"   po:nom\n" + // no word before the field: kept whole, as Hunspell does
		"Paris/L'D'Q' po:npr is:epi is:inv\r\n" + // CRLF: the CR goes with the fields
		"fin/S"
	want := "9\n" +
		"abaissement/S.\n" +
		"-\n" +
		"chat/S\n" +
		"chien\n" +
		"a priori/X\n" +
		"12:00/X\n" +
		"   po:nom\n" +
		"Paris/L'D'Q'\n" +
		"fin/S"
	if got := string(stripMorphology([]byte(src))); got != want {
		t.Errorf("stripMorphology =\n%s\nwant\n%s", got, want)
	}
	// The count line is never touched, even if it looks like a field.
	if got := string(stripMorphology([]byte("1 xx:y\nmot\n"))); got != "1 xx:y\nmot\n" {
		t.Errorf("first line changed: %q", got)
	}
}

func FuzzStripMorphology(f *testing.F) {
	f.Add([]byte("2\nabaissement/S. po:nom is:mas\nchien\tpo:nom\n"))
	f.Add([]byte("1\n   po:nom\r\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		out := stripMorphology(src)
		in, got := bytes.Split(src, []byte("\n")), bytes.Split(out, []byte("\n"))
		if len(in) != len(got) {
			t.Fatalf("%d lines in, %d out", len(in), len(got))
		}
		for i := range in {
			if !bytes.HasPrefix(in[i], got[i]) {
				t.Fatalf("line %d: %q is not a prefix of %q", i+1, got[i], in[i])
			}
		}
		if again := stripMorphology(out); !bytes.Equal(again, out) {
			t.Fatalf("not idempotent: %q then %q", out, again)
		}
	})
}

// The lean copy of the French dictionary, morphology gone, must answer as
// the original: the same verdict on every word tried (its words, their
// inflections, elisions, capitals, misspellings), and the same
// suggestions. Hunspell's suggestions are not always the same twice for
// one word (its search stops after a time), so a word counts only when
// the original gives the same list twice.
func TestLeanDictionarySpellsAsTheOriginal(t *testing.T) {
	useCacheDir(t, t.TempDir(), nil)
	base := requireFrench(t)
	lean := leanDictionary(base + ".dic")
	if lean == base+".dic" {
		t.Fatal("no lean copy was made")
	}
	info, _ := os.Stat(lean)
	orig, _ := os.Stat(base + ".dic")
	if info.Size() >= orig.Size()*3/4 {
		t.Errorf("lean copy %d bytes, original %d: the fields were not removed", info.Size(), orig.Size())
	}
	full, slim := hsCreate(base+".aff", base+".dic"), hsCreate(base+".aff", lean)
	if full == 0 || slim == 0 {
		t.Fatal("libhunspell could not load the dictionaries")
	}
	src, err := os.ReadFile(base + ".dic")
	if err != nil {
		t.Fatal(err)
	}
	var words []string
	for i, line := range strings.Split(string(src), "\n")[1:] {
		if i%23 != 0 {
			continue
		}
		w, _, _ := strings.Cut(line, "/")
		w, _, _ = strings.Cut(w, " ")
		if w == "" {
			continue
		}
		r := []rune(w)
		words = append(words, w, w+"s", w+"e", w+"es", w+"ent", w+"ait", "l’"+w, "d'"+w, "qu’"+w,
			strings.ToUpper(w), strings.ToUpper(string(r[:1]))+string(r[1:]), string(r[:len(r)/2])+string(r[len(r)/2+1:]))
	}
	known := 0
	for _, w := range words {
		a, b := hsSpell(full, w), hsSpell(slim, w)
		if a != b {
			t.Errorf("%q: original says %v, lean copy %v", w, a, b)
		}
		if a {
			known++
		}
	}
	if known < len(words)/5 || known > len(words)*4/5 {
		t.Errorf("%d of %d words known: the sample proves little", known, len(words))
	}
	// Misspellings a letter away from their word: Hunspell finds those
	// without its searches that stop on a clock (accents, n-grams), whose
	// answers depend on how busy the machine is. A word counts only when
	// the original gives one list, not empty, twice; the copy must give
	// it in one of three tries.
	compared := 0
	for _, w := range []string{"réparrons", "descripsion", "brindile", "connaisance", "developement", "addresse",
		"apeller", "boîtte", "chifre", "dévelloper", "environement", "occurence", "parmis", "recomander",
		"tranquile", "vraiement", "maisonn", "jardn", "fenêtrre", "cuisinne"} {
		want := hsSuggest(full, w)
		if len(want) == 0 || !slices.Equal(want, hsSuggest(full, w)) {
			continue // the original itself answers two ways
		}
		compared++
		got := hsSuggest(slim, w)
		for try := 1; try < 3 && !slices.Equal(got, want); try++ {
			got = hsSuggest(slim, w)
		}
		if !slices.Equal(got, want) {
			t.Errorf("suggestions for %q: original %q, lean copy %q", w, want, got)
		}
	}
	t.Logf("%d words, %d known; %d suggestion lists compared", len(words), known, compared)
	if compared < 12 {
		t.Errorf("only %d stable suggestion lists compared", compared)
	}
}

// The copy is made once per dictionary file, made again when the file
// changes, and the original is used when no copy can be kept.
func TestLeanDictionaryCache(t *testing.T) {
	cache := t.TempDir()
	useCacheDir(t, cache, nil)
	dic := filepath.Join(t.TempDir(), "xx.dic")
	if err := os.WriteFile(dic, []byte("2\nchat/S po:nom\nchien\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lean := leanDictionary(dic)
	if filepath.Dir(lean) != filepath.Join(cache, "cm", "dictionaries") {
		t.Fatalf("lean copy at %s, want it in the cache folder", lean)
	}
	if data, _ := os.ReadFile(lean); string(data) != "2\nchat/S\nchien\n" {
		t.Errorf("lean copy %q", data)
	}
	// Used again as it is.
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(lean, old, old); err != nil {
		t.Fatal(err)
	}
	if again := leanDictionary(dic); again != lean {
		t.Errorf("second call gave %s, want %s reused", again, lean)
	}
	if info, _ := os.Stat(lean); !info.ModTime().Equal(old) {
		t.Error("the copy was written again")
	}
	// The dictionary changes: a new copy.
	if err := os.WriteFile(dic, []byte("3\nchat/S po:nom\nchien\nloup po:nom\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	changed := leanDictionary(dic)
	if changed == lean {
		t.Fatal("a changed dictionary reused the old copy")
	}
	if data, _ := os.ReadFile(changed); string(data) != "3\nchat/S\nchien\nloup\n" {
		t.Errorf("new copy %q", data)
	}
	if _, err := os.Stat(lean); err == nil {
		t.Error("the copy of the older version was kept")
	}
	// No cache folder, or one that cannot be written: the original.
	useCacheDir(t, "", os.ErrNotExist)
	if got := leanDictionary(dic); got != dic {
		t.Errorf("no cache folder: %s, want the original %s", got, dic)
	}
	blocker := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	useCacheDir(t, blocker, nil)
	if got := leanDictionary(dic); got != dic {
		t.Errorf("unwritable cache: %s, want the original %s", got, dic)
	}
	// Another dictionary of the same name, elsewhere, has a copy of its own.
	useCacheDir(t, cache, nil)
	other := filepath.Join(t.TempDir(), "xx.dic")
	if err := os.WriteFile(other, []byte("1\nloup po:nom\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := leanDictionary(other); o == changed || o == other {
		t.Errorf("the other xx.dic got %s", o)
	}
	if _, err := os.Stat(changed); err != nil {
		t.Error("the first xx.dic lost its copy to the other")
	}
	if entries, _ := os.ReadDir(filepath.Join(cache, "cm", "dictionaries")); len(entries) != 2 {
		t.Errorf("cache folder holds %d files, want the two copies and no temporary file", len(entries))
	}
}
