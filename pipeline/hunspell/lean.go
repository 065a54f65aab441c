package hunspell

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cmhq/cm/pipeline/internal/atomicfile"
)

// A Hunspell .dic file may give its words morphological fields: the
// French dictionary does ("abaissement/S. po:nom is:mas"). Spelling and
// suggestions never read them (they serve analysis and generation), yet
// libhunspell parses and keeps every one: a fifth of the time it takes to
// load the French dictionary, the longest wait of a check of one file.
// So cm loads a copy of the .dic without them, made once per dictionary
// file in the user's cache folder and keyed by the file's path, size and
// modification time (a new version replaces the copy of the old one); the
// .aff is read where it is. Without a cache
// folder, or when the copy cannot be written, the original is loaded.

// userCacheDir is os.UserCacheDir; tests point it elsewhere.
var userCacheDir = os.UserCacheDir

// cacheDir is where lean copies are kept: the user's cache folder (on
// Linux $XDG_CACHE_HOME or ~/.cache), cm/dictionaries.
func cacheDir() (string, error) {
	dir, err := userCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "cm", "dictionaries"), nil
}

// leanDictionary returns the path of a copy of the .dic file dic without
// morphological fields, making it if needed, or dic itself.
func leanDictionary(dic string) string {
	info, err := os.Stat(dic)
	if err != nil {
		return dic
	}
	dir, err := cacheDir()
	if err != nil {
		return dic
	}
	abs, err := filepath.Abs(dic)
	if err != nil {
		return dic
	}
	// NAME-WHERE-VERSION.dic: WHERE hashes the file's path, VERSION its
	// size and time, so that a new version replaces the copy of the old.
	where := sha256.Sum256([]byte(abs))
	version := sha256.Sum256(fmt.Appendf(nil, "%d\x00%d", info.Size(), info.ModTime().UnixNano()))
	name := filepath.Base(dic)
	name = name[:len(name)-len(filepath.Ext(name))] + "-" + hex.EncodeToString(where[:6])
	lean := filepath.Join(dir, name+"-"+hex.EncodeToString(version[:6])+".dic")
	if _, err := os.Stat(lean); err == nil {
		return lean
	}
	src, err := os.ReadFile(dic)
	if err != nil {
		return dic
	}
	if err := atomicfile.Write(lean, stripMorphology(src)); err != nil {
		return dic
	}
	// The copy of an older version of the same file goes.
	if old, err := filepath.Glob(filepath.Join(dir, name+"-*.dic")); err == nil {
		for _, o := range old {
			if o != lean {
				os.Remove(o)
			}
		}
	}
	return lean
}

// stripMorphology removes the morphological fields of every word line of
// a .dic file (all lines but the first, the word count), where libhunspell
// finds them: from the first "xx:" field preceded by blanks, or from a tab
// (the older separator), whichever comes first. A word may hold spaces.
func stripMorphology(src []byte) []byte {
	out := make([]byte, 0, len(src))
	first := true
	for len(src) > 0 {
		line, rest, found := bytes.Cut(src, []byte("\n"))
		src = rest
		if !first {
			if end := morphologyStart(line); end >= 0 {
				line = line[:end]
			}
		}
		first = false
		out = append(out, line...)
		if found {
			out = append(out, '\n')
		}
	}
	return out
}

// morphologyStart is where the word part of a .dic line ends when the
// line has morphological fields, -1 when it has none, as HashMgr::
// load_tables of Hunspell 1.7 splits a line.
func morphologyStart(line []byte) int {
	start := -1
	for pos := 0; ; pos++ {
		i := bytes.IndexByte(line[pos:], ':')
		if i < 0 {
			break
		}
		pos += i
		if pos > 3 && isBlank(line[pos-3]) {
			q := pos - 3
			for q > 0 && isBlank(line[q-1]) {
				q--
			}
			if q > 0 {
				start = q
			}
			break
		}
	}
	if tab := bytes.IndexByte(line, '\t'); tab >= 0 && (start < 0 || tab < start) {
		start = tab
	}
	return start
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }
