package hunspell

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// A prefetch file names the dictionaries a command will likely load, so
// that they load before it asks (libhunspell takes tens of milliseconds
// to read one, a check of one file waits for nothing longer). cm check
// keeps the ones its last check of a few files used in the repo's cache
// (.cm/cache/dictionaries). Format, one entry per line:
//
//	# a comment
//	hunspell LIBRARY      the library, when not the default one
//	dictionary BASE       a dictionary, by its path without .aff or .dic
//
// It is a cache: an unreadable or odd file loads nothing, and a dictionary
// that is gone fails to load unnoticed (the command loading it says so).

// Prefetch starts loading, in the background, the dictionaries the
// prefetch file names. Open waits for a dictionary being loaded.
func Prefetch(file string) {
	lib, bases, err := readPrefetch(file)
	if err != nil {
		return
	}
	for _, base := range bases {
		go func() { _, _ = Open(lib, base) }()
	}
}

func readPrefetch(file string) (lib string, bases []string, err error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		key, value, _ := strings.Cut(strings.TrimSpace(sc.Text()), " ")
		value = strings.TrimSpace(value)
		switch {
		case key == "hunspell" && value != "":
			lib = value
		case key == "dictionary" && filepath.IsAbs(value) && !slices.Contains(bases, value):
			bases = append(bases, value)
		}
	}
	return lib, bases, sc.Err()
}

// SavePrefetch writes a prefetch file for the library lib ("" for the
// default) and the dictionaries bases, unless it already says so. The
// folder must exist: a cache is only kept where there is one.
func SavePrefetch(file, lib string, bases []string) error {
	oldLib, old, err := readPrefetch(file)
	if err == nil && oldLib == lib && slices.Equal(old, bases) {
		return nil
	}
	var b strings.Builder
	b.WriteString("# the Hunspell dictionaries cm check loads first (a cache, safe to delete)\n")
	if lib != "" {
		b.WriteString("hunspell " + lib + "\n")
	}
	for _, base := range bases {
		b.WriteString("dictionary " + base + "\n")
	}
	return os.WriteFile(file, []byte(b.String()), 0o644)
}
