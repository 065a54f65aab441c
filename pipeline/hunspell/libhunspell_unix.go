//go:build linux || darwin || freebsd

package hunspell

import (
	"fmt"
	"strings"
	"sync"
	"unsafe"

	"github.com/ebitengine/purego"
)

// lib is libhunspell's C API, opened at run time with purego: cm builds
// without cgo and without libhunspell's headers, and spelling works
// wherever the library is installed (Debian: libhunspell-1.7-0).
var lib struct {
	once     sync.Once
	err      error
	create   func(aff, dic string) uintptr
	spellC   func(h uintptr, word string) int32
	suggestC func(h uintptr, list ***byte, word string) int32
	freeList func(h uintptr, list ***byte, n int32)
}

// libNames are where libhunspell is on the usual systems.
var libNames = []string{
	"libhunspell-1.7.so.0", "libhunspell-1.7.so", "libhunspell.so",
	"libhunspell-1.7.0.dylib", "/opt/homebrew/lib/libhunspell-1.7.0.dylib", "/usr/local/lib/libhunspell-1.7.0.dylib",
}

func loadLibrary(name string) error {
	lib.once.Do(func() {
		names := libNames
		if name != "" {
			names = []string{name}
		}
		var h uintptr
		var err error
		for _, n := range names {
			if h, err = purego.Dlopen(n, purego.RTLD_NOW|purego.RTLD_GLOBAL); err == nil {
				break
			}
		}
		if h == 0 {
			lib.err = fmt.Errorf("%w (looked for %s)", ErrNoLibrary, strings.Join(names, ", "))
			return
		}
		purego.RegisterLibFunc(&lib.create, h, "Hunspell_create")
		purego.RegisterLibFunc(&lib.spellC, h, "Hunspell_spell")
		purego.RegisterLibFunc(&lib.suggestC, h, "Hunspell_suggest")
		purego.RegisterLibFunc(&lib.freeList, h, "Hunspell_free_list")
	})
	return lib.err
}

func hsCreate(aff, dic string) uintptr { return lib.create(aff, dic) }

func hsSpell(h uintptr, word string) bool { return lib.spellC(h, word) != 0 }

func hsSuggest(h uintptr, word string) []string {
	var list **byte
	n := lib.suggestC(h, &list, word)
	if n <= 0 || list == nil {
		return nil
	}
	out := make([]string, 0, n)
	for _, p := range unsafe.Slice(list, n) {
		out = append(out, cString(p))
	}
	lib.freeList(h, &list, n)
	return out
}

// cString copies a NUL-terminated C string.
func cString(p *byte) string {
	if p == nil {
		return ""
	}
	n := 0
	for *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	return string(unsafe.Slice(p, n))
}
