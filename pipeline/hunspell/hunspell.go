// Package hunspell loads Hunspell dictionaries with libhunspell, opened at
// run time (purego: no cgo, no headers), and answers whether a word is
// spelt right and what it might be instead. Dictionaries load once per
// process and are shared.
package hunspell

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Dictionary is a Hunspell dictionary loaded by libhunspell: the real
// thing, with its affix rules (French elisions, plurals, conjugations),
// compounds and suggestions. A handle is not safe for concurrent use, so
// calls go one at a time; answers are cached, so each distinct word costs
// one call per run.
type Dictionary struct {
	// Name is the dictionary's base path, without .aff or .dic.
	Name string
	// aff and dic are the files libhunspell reads: the .dic may be a lean
	// copy (see leanDictionary).
	aff, dic string
	// LoadTime is how long libhunspell took to read it.
	LoadTime time.Duration

	// handles holds idle libhunspell handles; up to GOMAXPROCS are
	// loaded, on demand, so that lookups and suggestions (tens of
	// milliseconds each) of several goroutines run side by side.
	handles chan uintptr
	loaded  atomic.Int32

	known   sync.Map // word -> bool
	suggest sync.Map // word -> []string
}

// acquire takes an idle handle, loads another one if all are busy and
// fewer than the limit exist, or waits.
func (d *Dictionary) acquire() uintptr {
	select {
	case h := <-d.handles:
		return h
	default:
	}
	if n := d.loaded.Add(1); int(n) <= cap(d.handles) {
		if h := hsCreate(d.aff, d.dic); h != 0 {
			return h
		}
	}
	d.loaded.Add(-1)
	return <-d.handles
}

func (d *Dictionary) release(h uintptr) { d.handles <- h }

// Spell says whether the dictionary knows word.
func (d *Dictionary) Spell(word string) bool {
	if v, ok := d.known.Load(word); ok {
		return v.(bool)
	}
	h := d.acquire()
	ok := hsSpell(h, word)
	d.release(h)
	d.known.Store(word, ok)
	return ok
}

// Suggest returns Hunspell's suggestions for a word, best first.
func (d *Dictionary) Suggest(word string) []string {
	if v, ok := d.suggest.Load(word); ok {
		return v.([]string)
	}
	h := d.acquire()
	s := hsSuggest(h, word)
	d.release(h)
	d.suggest.Store(word, s)
	return s
}

// Dictionaries are loaded once per process and kept: they are read-only
// data that every check run of a process (cm serve, tests) shares, and
// libhunspell takes tens of milliseconds to load one.
var (
	loadedMu sync.Mutex
	loaded   = map[string]*Dictionary{}
)

// ErrNoLibrary is returned when libhunspell cannot be loaded.
var ErrNoLibrary = errors.New("libhunspell is not installed")

// Open loads the dictionary base.aff and base.dic with libhunspell.
func Open(libName, base string) (*Dictionary, error) {
	loadedMu.Lock()
	defer loadedMu.Unlock()
	if d, ok := loaded[base]; ok {
		return d, nil
	}
	if err := loadLibrary(libName); err != nil {
		return nil, err
	}
	aff, err := os.ReadFile(base + ".aff")
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(base + ".dic"); err != nil {
		return nil, err
	}
	if enc := affEncoding(aff); enc != "UTF-8" {
		return nil, fmt.Errorf("%s.aff is encoded in %s: cm reads UTF-8 dictionaries (convert it with iconv)", base, enc)
	}
	start := time.Now()
	dic := leanDictionary(base + ".dic")
	h := hsCreate(base+".aff", dic)
	if h == 0 {
		return nil, fmt.Errorf("libhunspell could not read %s.aff and %s.dic", base, base)
	}
	d := &Dictionary{Name: base, aff: base + ".aff", dic: dic, LoadTime: time.Since(start), handles: make(chan uintptr, max(runtime.GOMAXPROCS(0), 1))}
	d.loaded.Store(1)
	d.handles <- h
	loaded[base] = d
	return d, nil
}

// affEncoding is the SET line of an .aff file (ISO8859-1 by default, as
// Hunspell reads it).
func affEncoding(aff []byte) string {
	for line := range strings.SplitSeq(string(aff), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "SET" {
			return strings.ToUpper(f[1])
		}
	}
	return "ISO8859-1"
}

// Find looks for a dictionary named name (a base path, or a name such as
// fr_FR looked up in dirs) and returns its base path, or "" with the
// places it looked.
func Find(dirs []string, names ...string) (string, []string) {
	var tried []string
	for _, name := range names {
		if filepath.IsAbs(name) || strings.ContainsRune(name, filepath.Separator) {
			tried = append(tried, name+".dic")
			if exists(name+".aff") && exists(name+".dic") {
				return name, tried
			}
			continue
		}
		for _, dir := range dirs {
			base := filepath.Join(dir, name)
			tried = append(tried, base+".dic")
			if exists(base+".aff") && exists(base+".dic") {
				return base, tried
			}
		}
	}
	return "", tried
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
