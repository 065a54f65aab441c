package text

import (
	"regexp"
	"strings"
	"sync"
)

// What is not prose, even inside a paragraph: no rule reads words there.
var (
	codeRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile("`[^`]*`") })
	urlRE  = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\b(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>"«»]*[^\s<>"«».,;:!?)\]’'”]`)
	})
	emailRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`)
	})
	// A mention starts a word: @brindille, @brindille@mastodon.example;
	// the @ of an e-mail address follows a letter.
	mentionRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[^\p{L}\p{N}_.])(@[\p{L}\p{N}_]+(?:[.@-][\p{L}\p{N}_]+)*)`)
	})
	hashtagRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`#[\p{L}\p{N}_]+`) })
	// A domain or file name: brindille.example, index.md, cm.yaml.
	domainRE = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\b[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.[a-z]{2,6}\b`)
	})
)

// Mask returns text with inline code, URLs, e-mail addresses, @mentions,
// #hashtags and domain or file names replaced by spaces of the same byte
// length, so that offsets stay valid and no rule reads them as words.
func Mask(text string) string {
	var b []byte
	blank := func(re *regexp.Regexp) {
		src := text
		if b != nil {
			src = string(b)
		}
		locs := re.FindAllStringSubmatchIndex(src, -1)
		if len(locs) == 0 {
			return
		}
		if b == nil {
			b = []byte(text)
		}
		for _, l := range locs {
			if len(l) >= 4 && l[2] >= 0 {
				l = l[2:4] // the pattern's group: what to blank
			}
			for k := l[0]; k < l[1]; k++ {
				b[k] = ' '
			}
		}
	}
	if strings.IndexByte(text, '`') >= 0 {
		blank(codeRE())
	}
	if strings.Contains(text, "://") || strings.Contains(text, "www.") {
		blank(urlRE())
	}
	if strings.IndexByte(text, '@') >= 0 {
		blank(mentionRE())
		blank(emailRE())
	}
	if strings.IndexByte(text, '#') >= 0 {
		blank(hashtagRE())
	}
	if hasDottedWord(text) {
		blank(domainRE())
	}
	if b == nil {
		return text
	}
	return string(b)
}

// hasDottedWord says whether a period sits between two ASCII letters or
// digits and a lowercase letter, the cheap test before domainRE.
func hasDottedWord(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] == '.' && isAlnum(s[i-1]) && s[i+1] >= 'a' && s[i+1] <= 'z' {
			return true
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
