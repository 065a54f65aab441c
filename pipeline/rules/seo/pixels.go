package seo

import (
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// titleFontPixels is the size of a result title on a desktop search page.
const titleFontPixels = 20

// averageWidth stands for characters the table does not know (an average
// lowercase letter).
const averageWidth = 1139

// TitlePixels estimates how many pixels wide a title is in search results:
// Arial at 20 px, the way search engines show result titles.
func TitlePixels(title string) int {
	units := 0
	for _, r := range title {
		units += int(charWidth(r))
	}
	return (units*titleFontPixels + fontUnitsPerEm/2) / fontUnitsPerEm
}

func charWidth(r rune) uint16 {
	if r >= ' ' && r <= '~' {
		return asciiWidths[r-' ']
	}
	if w, ok := otherWidths[r]; ok {
		return w
	}
	if r == '\u202F' { // narrow no-break space, not in Arial: about half a space
		return asciiWidths[0] / 2
	}
	// An accented letter the table lacks: its base letter's width.
	if b, _ := utf8.DecodeRuneInString(norm.NFD.String(string(r))); b >= ' ' && b <= '~' {
		return asciiWidths[b-' ']
	}
	return averageWidth
}
