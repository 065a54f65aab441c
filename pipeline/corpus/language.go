package corpus

import (
	"fmt"
	"strings"
)

// keyphrase is an article's focus keyword. Keyphrases are aligned by index
// across languages so that the two versions of a translated article share
// their topic.
type keyphrase struct {
	text string // as written in titles and bodies: "calendrier éditorial"
	def  string // with its article, usable as subject or object: "le calendrier éditorial"
}

// language is everything the generator knows to write in one language: a
// grammar of slots (lists of alternatives, themselves templates) and the
// lists the frontmatter draws from.
type language struct {
	code       string
	slots      map[string][]string
	fix        func(string) string // post-processing of a sentence, e.g. French elisions
	keyphrases []keyphrase
	tags       []string // aligned by index across languages, like keyphrases
	hashtags   []string
}

// Slot names the generator's Go code relies on; each language defines all
// of them (the tests check it).
var requiredSlots = []string{
	"sentence", "intro", "kpSentence", "heading2", "heading3", "title",
	"desc", "descTail", "listIntro", "listItem", "internalLink",
	"outboundLink", "outSection", "codeSentence", "alt", "shareMastodon",
	"shareBluesky", "postSentence", "postShort", "postDisclosure",
	"campaignTitle", "goal", "disclosure",
}

// languages lists the vocabularies by code; Options.Languages picks from it.
func languages() map[string]*language {
	return map[string]*language{"fr": french(), "en": english()}
}

// lookupLanguages resolves language codes, in the order given.
func lookupLanguages(codes []string) ([]*language, error) {
	all := languages()
	out := make([]*language, 0, len(codes))
	seen := make(map[string]bool, len(codes))
	for _, code := range codes {
		l, ok := all[code]
		if !ok {
			return nil, fmt.Errorf("unknown language %q: the generator writes fr and en", code)
		}
		if seen[code] {
			return nil, fmt.Errorf("language %q listed twice", code)
		}
		seen[code] = true
		out = append(out, l)
	}
	return out, nil
}

// blogPath is an article's site path, the form internal links use.
func (l *language) blogPath(slug string) string {
	return "/" + l.code + "/blog/" + slug + "/"
}

// keyphraseVars are the template variables naming an article's keyphrase.
func keyphraseVars(kp keyphrase) vars {
	return vars{
		"KP":    kp.text,
		"KPCap": upperFirst(kp.text),
		"KPDef": kp.def,
	}
}

// words splits a space-separated list literal, to keep vocabularies terse.
func words(s string) []string { return strings.Fields(s) }

// lines splits a list literal with one entry per line, for entries that
// contain spaces.
func lines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}
