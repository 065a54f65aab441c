package config

import "fmt"

// Editorial is the brand's editorial line: its glossary, its register (tu
// or vous), its disclosure texts, its readability bounds and where the
// spelling dictionaries are. The editorial, typography and spelling rules
// read it.
type Editorial struct {
	Brands       []string                     `yaml:"brands" doc:"Brand and product names with their exact case, in every language (YouTube, LinkedIn). Other casings are reported; spelling accepts them as written."`
	WordList     string                       `yaml:"word_list" doc:"The repo's own word list for spelling, one word a line, # starts a comment. Default .cm/words.txt (a missing file is fine)."`
	Dictionaries []string                     `yaml:"dictionaries" doc:"Folders searched for Hunspell dictionaries (<name>.aff and <name>.dic). Default /usr/share/hunspell and /usr/share/myspell/dicts."`
	Hunspell     string                       `yaml:"hunspell" doc:"The Hunspell shared library to load. Default: libhunspell-1.7.so.0 (Debian's libhunspell-1.7-0) and the usual names on other systems."`
	Languages    map[string]EditorialLanguage `yaml:"languages" doc:"The line per language code (fr, en): glossary, register, disclosure, readability and dictionary."`
}

// EditorialLanguage is the editorial line in one language.
type EditorialLanguage struct {
	Address          Address            `yaml:"address" enum:"vous,tu" doc:"French register: vous or tu. The tone rule reports the other one. Empty: not checked."`
	AddressByChannel map[string]Address `yaml:"address_by_channel" doc:"Register per channel name when it differs from address, e.g. {mastodon: tu}. Articles use the blog's channel (type site)."`
	Brands           []string           `yaml:"brands" doc:"More brand names, for this language only."`
	Forbidden        []ForbiddenTerm    `yaml:"forbidden" doc:"Words and phrases the brand never uses, each with the reason shown to the writer."`
	Substitutes      []Substitute       `yaml:"substitutes" doc:"Words and phrases to replace, each with its replacement."`
	Words            []string           `yaml:"words" doc:"Words spelling accepts in this language, on top of the word list file."`
	Disclosure       []string           `yaml:"disclosure" doc:"Sponsored content must carry one of these texts (#sponsorisé, Partenariat rémunéré) in every text it publishes."`
	Dictionary       string             `yaml:"dictionary" doc:"Hunspell dictionary name (fr_FR, en_US) or path without extension. Default: the language code's usual names (fr: fr_FR, fr; en: en_US, en_GB)."`
	Readability      Readability        `yaml:"readability" doc:"Readability bounds for this language; zero keeps the default."`
}

// ForbiddenTerm is a word or phrase the brand never uses.
type ForbiddenTerm struct {
	Term   string `yaml:"term" cm:"required" doc:"The word or phrase; plural forms are matched too."`
	Reason string `yaml:"reason" doc:"Why it is forbidden, shown in the diagnostic."`
}

// Substitute is a word or phrase with the one the brand prefers.
type Substitute struct {
	Term    string `yaml:"term" cm:"required" doc:"The word or phrase to replace; plural forms (and the forms of a regular verb) are matched too."`
	Use     string `yaml:"use" cm:"required" doc:"What to write instead."`
	Autofix bool   `yaml:"autofix" doc:"cm check --fix replaces the exact term (not its other forms) by itself."`
}

// Readability are the bounds of the readability rules for one language.
type Readability struct {
	MinScore            float64 `yaml:"min_score" doc:"Lowest reading ease of an article: Flesch (English) or Kandel-Moles (French), 0-100. Default 50."`
	MinWords            int     `yaml:"min_words" doc:"Articles shorter than this many words get no reading ease score. Default 150."`
	MaxSentenceWords    int     `yaml:"max_sentence_words" doc:"Longest sentence, in words. Default 35 (French), 30 (English)."`
	MaxParagraphWords   int     `yaml:"max_paragraph_words" doc:"Longest paragraph, in words. Default 150."`
	MaxPassiveShare     float64 `yaml:"max_passive_share" doc:"Largest share of sentences in the passive voice, 0-1. Default 0.25."`
	MinPassiveSentences int     `yaml:"min_passive_sentences" doc:"Texts with fewer sentences are not measured for the passive voice. Default 8."`
}

// Address is the register a brand uses in French: vous or tu.
type Address string

// The registers.
const (
	Vous Address = "vous"
	Tu   Address = "tu"
)

// UnmarshalText accepts vous or tu.
func (a *Address) UnmarshalText(b []byte) error {
	switch s := Address(b); s {
	case Vous, Tu, "":
		*a = s
		return nil
	}
	return fmt.Errorf("unknown address %q: use vous or tu", b)
}

// AddressFor is the register of a text published on a channel ("" for
// the language's default).
func (l EditorialLanguage) AddressFor(channel string) Address {
	if a, ok := l.AddressByChannel[channel]; ok && a != "" {
		return a
	}
	return l.Address
}
