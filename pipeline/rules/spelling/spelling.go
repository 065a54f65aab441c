// Package spelling holds the spelling rule: every word an item publishes,
// looked up in the real Hunspell dictionaries of its language, with the
// brand's names and the repo's own word list accepted.
package spelling

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/hunspell"
	"github.com/cmhq/cm/pipeline/prose"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// DefaultWordList is the repo's own word list when cm.yaml names none.
const DefaultWordList = ".cm/words.txt"

// DefaultDictionaryDirs are where Debian's hunspell-* packages put their
// dictionaries.
var DefaultDictionaryDirs = []string{"/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell"}

// maxSuggested bounds the words per file that get Hunspell's suggestions,
// which cost tens of milliseconds each.
const maxSuggested = 10

// Spelling reports the words no dictionary of the language knows.
type Spelling struct{}

func (Spelling) Meta() check.Meta {
	return check.Meta{
		ID: "spelling", Severity: check.Error,
		Kinds:   []content.Kind{content.KindArticle, content.KindPost},
		Summary: "A word the language's dictionary does not know",
		Doc: "Every word of an article (body, title, description, share texts) and of a post (text and variants) " +
			"is looked up in the Hunspell dictionary of its language, read by libhunspell with its affix rules: " +
			"Debian's hunspell-fr and hunspell-en-us, found in /usr/share/hunspell (editorial.dictionaries and " +
			"editorial.languages.<lang>.dictionary in cm.yaml change where). French elisions (l’, d’, qu’, " +
			"jusqu’) are read as such, a hyphenated compound is right when each part is, and numbers, acronyms " +
			"in capitals, code, URLs, e-mail addresses, @mentions, #hashtags and the brand names of the glossary " +
			"are skipped. The repo's own words are accepted from .cm/words.txt (one a line; a lowercase entry " +
			"accepts any case) and editorial.languages.<lang>.words. Each unknown word is reported once per " +
			"file, with every place it appears and the dictionary's suggestions. When libhunspell or a " +
			"dictionary is missing, the rule says so once for the run instead of passing silently.",
		Example: check.Example{
			Bad:  "Nous réparrons votre brosse.",
			Good: "Nous réparons votre brosse.",
		},
	}
}

func (Spelling) Check(p *check.Pass) {
	st := p.Shared(func(r *content.Repo) any { return newState(r.Config) }).(*state)
	lang := p.Lang()
	ls := st.langs[lang]
	if ls == nil {
		return
	}
	// The text first: a check of one file often waits for the dictionary,
	// and meanwhile its words are found.
	segments := text.Segments(p)
	dict, err := ls.load(st.cfg, lang)
	if err != nil {
		if ls.reported.CompareAndSwap(false, true) {
			p.Warn(content.Position{Line: 1, Column: 1},
				p.T("spelling is not checked in "+lang+" (reported once for the run): ", "l’orthographe n’est pas vérifiée en "+lang+" (signalé une fois pour tout le contrôle)\u202f: ")+err.Error(),
				p.T("install libhunspell and the dictionaries (Debian: apt-get install libhunspell-1.7-0 hunspell-fr hunspell-en-us), or set editorial.dictionaries in cm.yaml",
					"installez libhunspell et les dictionnaires (Debian : apt-get install libhunspell-1.7-0 hunspell-fr hunspell-en-us), ou réglez editorial.dictionaries dans cm.yaml"))
		}
		return
	}
	if st.listErr != nil && st.listReported.CompareAndSwap(false, true) {
		p.Report(content.Position{Line: 1, Column: 1}, st.listErr.Error(), p.T("create the file or fix editorial.word_list in cm.yaml", "créez le fichier ou corrigez editorial.word_list dans cm.yaml"))
	}
	type unknown struct {
		word string
		at   []*text.Segment
		pos  []int
	}
	var order []string
	found := map[string]*unknown{}
	for _, s := range segments {
		for _, w := range s.Words {
			for _, part := range st.unknownParts(dict, lang, w) {
				u := found[part.Text]
				if u == nil {
					u = &unknown{word: part.Text}
					found[part.Text] = u
					order = append(order, part.Text)
				}
				u.at = append(u.at, s)
				u.pos = append(u.pos, part.Start)
			}
		}
	}
	for i, word := range order {
		u := found[word]
		msg := p.T("unknown word "+q(p, word), "mot inconnu "+q(p, word))
		if len(u.pos) > 1 {
			places := make([]string, len(u.pos))
			for k := range u.pos {
				pos := u.at[k].Pos(u.pos[k])
				places[k] = fmt.Sprintf("%d:%d", pos.Line, pos.Column)
			}
			msg += p.T(fmt.Sprintf(" (%d times: %s)", len(u.pos), strings.Join(places, ", ")),
				fmt.Sprintf(" (%d fois\u202f: %s)", len(u.pos), strings.Join(places, ", ")))
		}
		p.Report(u.at[0].Pos(u.pos[0]), msg, st.suggestion(p, dict, word, i < maxSuggested))
	}
}

func q(p *check.Pass, s string) string { return p.T("\""+s+"\"", "«\u202f"+s+"\u202f»") }

// suggestion offers the brand the word miscases, or the dictionary's
// words, and the word list.
func (st *state) suggestion(p *check.Pass, dict *hunspell.Dictionary, word string, withDictionary bool) string {
	if b, ok := st.brandsLower[strings.ToLower(word)]; ok {
		return p.T("did you mean "+q(p, b)+"?", "vouliez-vous dire "+q(p, b)+"\u202f?")
	}
	var sugg []string
	if withDictionary {
		sugg = dict.Suggest(hunspellForm(word))
	}
	if len(sugg) == 0 {
		return p.T("if the word is right, add it to "+st.listName, "si le mot est juste, ajoutez-le à "+st.listName)
	}
	if len(sugg) > 3 {
		sugg = sugg[:3]
	}
	quoted := make([]string, len(sugg))
	for i, s := range sugg {
		quoted[i] = q(p, s)
	}
	return p.T("did you mean "+strings.Join(quoted, ", ")+"? If the word is right, add it to "+st.listName,
		"vouliez-vous dire "+strings.Join(quoted, ", ")+"\u202f? Si le mot est juste, ajoutez-le à "+st.listName)
}

// state is what the rule shares across one run: the word lists, the
// brands and each language's dictionary, loaded on first use.
type state struct {
	cfg          *config.Config
	listName     string
	global       wordSet
	perLang      map[string]wordSet
	brands       map[string]bool
	brandsLower  map[string]string
	langs        map[string]*langState
	listErr      error
	listReported atomic.Bool
}

type langState struct {
	once     sync.Once
	dict     *hunspell.Dictionary
	err      error
	reported atomic.Bool
	// verdicts caches, per word, its unknown parts.
	verdicts sync.Map
}

func newState(cfg *config.Config) *state {
	ed := cfg.Editorial
	st := &state{cfg: cfg, perLang: map[string]wordSet{}, brands: map[string]bool{}, brandsLower: map[string]string{}, langs: map[string]*langState{}}
	st.listName = ed.WordList
	explicit := st.listName != ""
	if !explicit {
		st.listName = DefaultWordList
	}
	st.global = wordSet{}
	path := st.listName
	if !filepath.IsAbs(path) {
		path = filepath.Join(cfg.Root, path)
	}
	if err := st.global.readFile(path); err != nil && (explicit || !errors.Is(err, os.ErrNotExist)) {
		st.listErr = fmt.Errorf("the word list %s cannot be read: %w", st.listName, err)
	}
	addBrand := func(b string) {
		st.brands[b] = true
		st.brandsLower[strings.ToLower(b)] = b
	}
	for _, b := range ed.Brands {
		addBrand(b)
	}
	for _, lang := range cfg.Site.Languages {
		line := ed.Languages[lang]
		ws := wordSet{}
		for _, w := range line.Words {
			ws.add(w)
		}
		for _, b := range line.Brands {
			addBrand(b)
		}
		// The glossary's own words are the brand's vocabulary: a forbidden
		// term is reported by editorial.forbidden-term, not as a misspelling.
		for _, f := range line.Forbidden {
			ws.addWords(f.Term)
		}
		for _, sub := range line.Substitutes {
			ws.addWords(sub.Term)
			ws.addWords(sub.Use)
		}
		st.perLang[lang] = ws
		st.langs[lang] = &langState{}
	}
	return st
}

func (ls *langState) load(cfg *config.Config, lang string) (*hunspell.Dictionary, error) {
	ls.once.Do(func() { ls.dict, ls.err = openFor(cfg, lang) })
	return ls.dict, ls.err
}

// openFor opens the dictionary that cm.yaml gives a language, or the
// usual one for it in the dictionary folders.
func openFor(cfg *config.Config, lang string) (*hunspell.Dictionary, error) {
	dirs := append([]string(nil), cfg.Editorial.Dictionaries...)
	if len(dirs) == 0 {
		dirs = DefaultDictionaryDirs
	}
	for i, d := range dirs {
		if !filepath.IsAbs(d) {
			dirs[i] = filepath.Join(cfg.Root, d)
		}
	}
	names := dictionaryNames(lang)
	if n := cfg.Editorial.Languages[lang].Dictionary; n != "" {
		if !filepath.IsAbs(n) && strings.ContainsRune(n, '/') {
			n = filepath.Join(cfg.Root, n)
		}
		names = []string{n}
	}
	base, tried := hunspell.Find(dirs, names...)
	if base == "" {
		return nil, fmt.Errorf("no Hunspell dictionary for %s (looked for %s)", lang, strings.Join(tried, ", "))
	}
	return hunspell.Open(cfg.Editorial.Hunspell, base)
}

// Dictionaries are the library cm.yaml names ("" for the default) and the
// base paths of the dictionaries of langs, for hunspell.SavePrefetch:
// those that load, each once.
func Dictionaries(cfg *config.Config, langs []string) (lib string, bases []string) {
	for _, lang := range langs {
		if d, err := openFor(cfg, lang); err == nil && !slices.Contains(bases, d.Name) {
			bases = append(bases, d.Name)
		}
	}
	return cfg.Editorial.Hunspell, bases
}

// Preload loads a language's dictionary ahead of the check, so that
// libhunspell reads it (tens of milliseconds) while cm does something
// else, such as reading the files. Errors are left for the check to report.
func Preload(cfg *config.Config, lang string) { _, _ = openFor(cfg, lang) }

// dictionaryNames are the usual dictionary names of a language code.
func dictionaryNames(lang string) []string {
	switch lang {
	case "fr":
		return []string{"fr_FR", "fr"}
	case "en":
		return []string{"en_US", "en_GB", "en"}
	case "de":
		return []string{"de_DE", "de"}
	case "es":
		return []string{"es_ES", "es"}
	}
	return []string{lang + "_" + strings.ToUpper(lang), lang}
}

// unknownParts returns the parts of a word that no dictionary or list
// knows: the word itself, or the unknown parts of a hyphenated compound.
func (st *state) unknownParts(dict *hunspell.Dictionary, lang string, w prose.Word) []prose.Word {
	if w.Elided {
		return nil
	}
	// Each distinct word is decided once per run: the parts are kept
	// relative to the word's start.
	verdicts := &st.langs[lang].verdicts
	v, ok := verdicts.Load(w.Text)
	if !ok {
		v, _ = verdicts.LoadOrStore(w.Text, st.decide(dict, lang, w.Text))
	}
	rel := v.([]prose.Word)
	if len(rel) == 0 {
		return nil
	}
	out := make([]prose.Word, len(rel))
	for i, r := range rel {
		out[i] = prose.Word{Span: prose.Span{Start: w.Start + r.Start, End: w.Start + r.End}, Text: r.Text}
	}
	return out
}

// decide returns the unknown parts of a word, at offsets relative to it.
func (st *state) decide(dict *hunspell.Dictionary, lang, word string) []prose.Word {
	if st.skip(word) || st.miscasedBrand(word) || st.known(dict, lang, word) {
		return nil
	}
	if !strings.Contains(word, "-") {
		return []prose.Word{{Span: prose.Span{Start: 0, End: len(word)}, Text: word}}
	}
	var out []prose.Word
	start := 0
	for part := range strings.SplitSeq(word, "-") {
		pw := prose.Word{Span: prose.Span{Start: start, End: start + len(part)}, Text: part}
		start += len(part) + 1
		if part == "" || st.skip(part) || st.known(dict, lang, part) {
			continue
		}
		out = append(out, pw)
	}
	return out
}

// skip says whether a word is not for the dictionary: a number, a single
// letter, an acronym in capitals.
func (st *state) skip(w string) bool {
	if utf8.RuneCountInString(w) < 2 {
		return true
	}
	upper := true
	for _, r := range w {
		if unicode.IsDigit(r) {
			return true
		}
		if unicode.IsLower(r) {
			upper = false
		}
	}
	return upper
}

// miscasedBrand says whether a word is a brand in another case, which
// editorial.brand-case reports (and fixes): Youtube, linkedin. The
// lowercase form of a one-word Title-case brand (bluesky) is not one of
// them; the dictionary decides.
func (st *state) miscasedBrand(w string) bool {
	b, ok := st.brandsLower[strings.ToLower(w)]
	if !ok || b == w {
		return false
	}
	return !(titleCase(b) && w == strings.ToLower(w))
}

// titleCase says whether a brand is one word with only its first letter in
// capitals (editorial.brand-case leaves its lowercase form alone).
func titleCase(s string) bool {
	if strings.ContainsAny(s, " -’'") {
		return false
	}
	for i, r := range s {
		if (i == 0) != unicode.IsUpper(r) {
			return false
		}
	}
	return s != ""
}

// known says whether the brands, the word lists or the dictionary accept
// a word (an English possessive is looked up without its 's).
func (st *state) known(dict *hunspell.Dictionary, lang, w string) bool {
	if st.brands[w] || st.global.has(w) || st.perLang[lang].has(w) {
		return true
	}
	if lang == "en" {
		for _, poss := range []string{"'s", "’s"} {
			if base, ok := strings.CutSuffix(w, poss); ok && (st.brands[base] || st.global.has(base) || st.perLang[lang].has(base)) {
				return true
			}
		}
	}
	if dict.Spell(hunspellForm(w)) {
		return true
	}
	// English writes café and naïve with or without their accents.
	if lang == "en" {
		if f := foldAccents(w); f != w {
			return dict.Spell(hunspellForm(f))
		}
	}
	return false
}

// foldAccents removes the accents of a word: café -> cafe.
func foldAccents(w string) string {
	var b strings.Builder
	changed := false
	for _, r := range norm.NFD.String(w) {
		if unicode.Is(unicode.Mn, r) {
			changed = true
			continue
		}
		b.WriteRune(r)
	}
	if !changed {
		return w
	}
	return norm.NFC.String(b.String())
}

// hunspellForm writes the apostrophe the dictionaries expect ('); both
// Debian dictionaries map ’ to it anyway, others may not.
func hunspellForm(w string) string { return strings.ReplaceAll(w, "’", "'") }

// wordSet is a word list: an entry with capitals matches as written (or
// in capitals), a lowercase entry in any case.
type wordSet map[string]bool

func (ws wordSet) add(w string) {
	w = strings.TrimSpace(w)
	if w != "" {
		ws[hunspellForm(w)] = true
	}
}

// addWords adds each word of a phrase.
func (ws wordSet) addWords(phrase string) {
	for _, w := range strings.FieldsFunc(phrase, func(r rune) bool { return unicode.IsSpace(r) || r == '’' || r == '\'' }) {
		ws.add(strings.ToLower(w))
	}
}

func (ws wordSet) has(w string) bool {
	if len(ws) == 0 {
		return false
	}
	w = hunspellForm(w)
	return ws[w] || ws[strings.ToLower(w)]
}

func (ws wordSet) readFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		ws.add(line)
	}
	return sc.Err()
}
