package prose

import (
	"strings"
	"testing"
	"unicode"
)

// TestIsWordRuneASCII checks the ASCII shortcut of isWordRune against the
// Unicode definition it stands for.
func TestIsWordRuneASCII(t *testing.T) {
	for r := rune(0); r < 0x250; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
		if got := isWordRune(r); got != want {
			t.Errorf("isWordRune(%q) = %v, want %v", r, got, want)
		}
	}
}

func BenchmarkWords(b *testing.B) {
	text := strings.Repeat("L’acier inoxydable résiste aux chocs, au lave-vaisselle et au temps. Il ne retient pas l’odeur du curry de la veille. ", 3)
	for b.Loop() {
		Words(text, "fr")
	}
}
