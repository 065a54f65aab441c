package social

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// URLLength is what a link counts on X and Mastodon, whatever its length:
// both replace every link with a t.co-sized placeholder before counting.
const URLLength = 23

// WeightedLength counts a text the way X does (twitter-text v3, the
// configuration served as v3.json in twitter-text's config folder): the text
// is normalised to NFC; every link counts 23; an emoji, whatever its code
// points (skin tones, ZWJ families, flags, keycaps), counts 2; any other
// code point counts 1 in the ranges U+0000-U+10FF (Latin, Greek, Cyrillic,
// Arabic, Hebrew, Indic scripts...), U+2000-U+200D, U+2010-U+201F and
// U+2032-U+2037 (spaces, dashes, quotes, primes), and 2 elsewhere (CJK,
// Hangul, most symbols). A post may weigh 280.
func WeightedLength(text string) int {
	text = norm.NFC.String(text)
	weight := 0
	at := 0
	for _, u := range URLs(text, true) {
		weight += weightedRun(text[at:u.Start]) + URLLength
		at = u.End
	}
	return weight + weightedRun(text[at:])
}

// weightedRun weighs a text without links.
func weightedRun(s string) int {
	w := 0
	state := -1
	for len(s) > 0 {
		var cluster string
		cluster, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
		if isEmoji(cluster) {
			w += 2
			continue
		}
		for _, r := range cluster {
			w += codePointWeight(r)
		}
	}
	return w
}

func codePointWeight(r rune) int {
	switch {
	case r <= 4351, r >= 8192 && r <= 8205, r >= 8208 && r <= 8223, r >= 8242 && r <= 8247:
		return 1
	}
	return 2
}

// isEmoji says whether a grapheme cluster is an emoji sequence that X counts
// as one emoji: a pictograph with a presentation selector, a skin tone, a
// ZWJ, a keycap or tags, or a pair of regional indicators (a flag). A lone
// pictograph needs no special case: outside the 1-weight ranges it counts 2
// as any symbol does, and © or ® without a selector are text, weighing 1.
func isEmoji(cluster string) bool {
	first, size := utf8.DecodeRuneInString(cluster)
	if size == len(cluster) || unicode.IsLetter(first) || unicode.IsMark(first) {
		return false
	}
	for _, r := range cluster[size:] {
		switch {
		case r == 0xFE0F, r == 0x200D, r == 0x20E3,
			r >= 0x1F3FB && r <= 0x1F3FF, // skin tones
			r >= 0x1F1E6 && r <= 0x1F1FF, // regional indicators
			r >= 0xE0020 && r <= 0xE007F: // tags (subdivision flags)
			return true
		}
	}
	return false
}

// Graphemes counts user-perceived characters (Unicode grapheme clusters):
// "é" written as e + U+0301, 👍🏽 and 👨‍👩‍👧 each count 1. Bluesky and
// Mastodon count this way.
func Graphemes(text string) int {
	// Most posts are Latin text and punctuation, where every code point but
	// the LF of a CRLF is a cluster of its own; the full segmentation runs
	// only for the others (combining marks, emoji, ZWJ, Hangul...).
	n := 0
	for _, r := range text {
		if r >= 0x300 && (r < 0x2000 || r >= 0x2070 || r == 0x200C || r == 0x200D) {
			return uniseg.GraphemeClusterCount(text)
		}
		n++
	}
	return n - strings.Count(text, "\r\n")
}

// mention is Mastodon's account mention: @user or @user@domain.
var mention = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(^|[^=/\p{L}\p{N}_])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)@[\p{L}\p{N}_.-]*[\p{L}\p{N}_]`)
})

// MastodonLength counts a text the way Mastodon's StatusLengthValidator
// does: links with a scheme count 23, a remote mention @user@domain counts
// as @user (the domain is free), and the rest counts in grapheme clusters.
func MastodonLength(text string) int {
	n := 0
	at := 0
	for _, u := range URLs(text, false) {
		n += mastodonRun(text[at:u.Start]) + URLLength
		at = u.End
	}
	return n + mastodonRun(text[at:])
}

func mastodonRun(s string) int {
	if strings.IndexByte(s, '@') >= 0 {
		s = mention().ReplaceAllString(s, "$1@$2")
	}
	return Graphemes(s)
}

// UTF16Length counts UTF-16 code units, the "characters" of JavaScript and
// Java: an emoji outside the Basic Multilingual Plane counts 2.
func UTF16Length(text string) int {
	n := 0
	for _, r := range text {
		n += utf16.RuneLen(r)
	}
	return n
}

// Runes counts Unicode code points.
func Runes(text string) int { return utf8.RuneCountInString(text) }
