package editorial

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/prose"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// Tone reports French texts that address the reader in the other register
// than the line's: tu where the brand says vous, or vous where it says tu.
type Tone struct{}

func (Tone) Meta() check.Meta {
	return check.Meta{
		ID: "editorial.tone", Severity: check.Warning,
		Kinds:     []content.Kind{content.KindArticle, content.KindPost},
		Languages: []string{"fr"},
		Summary:   "French text in the other register than the line's (tu or vous)",
		Doc: "cm.yaml sets the register per language (editorial.languages.fr.address: vous or tu) and per channel " +
			"(address_by_channel: {mastodon: tu}); articles follow the site channel's. Where the line says vous, " +
			"the rule reports tu, toi, te, t’, ton, ta, tes and the verb after tu (tu penses: vous pensez), also " +
			"after a hyphen (rends-toi, veux-tu); \"ton\" after an article (le ton, un ton) is the noun and left " +
			"alone. Where the line says tu, it reports vous, votre, vos and an imperative in -ez opening a " +
			"sentence (Découvrez), except in a sentence that addresses a group: one with tous, toutes, chacun, " +
			"chacune, ensemble, nombreux, nombreuses, vous deux (trois...), or a plural agreement after vous " +
			"êtes or vous étiez (vous êtes venus). Block quotes and text between quotation marks are someone " +
			"else's words and never reported.",
		Example: check.Example{
			Bad:  "Tu peux rapporter ta brosse à l’atelier.",
			Good: "Vous pouvez rapporter votre brosse à l’atelier.",
		},
	}
}

func (Tone) Check(p *check.Pass) {
	line := p.Repo.Config.Editorial.Languages[p.Lang()]
	for _, s := range text.Segments(p) {
		if s.Quoted {
			continue
		}
		for _, addr := range addresses(line, s) {
			checkRegister(p, s, addr)
		}
	}
}

// addresses are the registers a segment must follow: one per distinct
// register of the channels that publish it.
func addresses(line config.EditorialLanguage, s *text.Segment) []config.Address {
	var out []config.Address
	add := func(a config.Address) {
		if a == "" {
			return
		}
		for _, x := range out {
			if x == a {
				return
			}
		}
		out = append(out, a)
	}
	if len(s.Channels) == 0 {
		add(line.Address)
	}
	for _, c := range s.Channels {
		add(line.AddressFor(c))
	}
	return out
}

func checkRegister(p *check.Pass, s *text.Segment, addr config.Address) {
	quoted := quotedRanges(s.Text)
	sentences := s.Sentences()
	words := s.Words
	for i := 0; i < len(words); i++ {
		w := words[i]
		if inRanges(quoted, w.Start) {
			continue
		}
		lw := strings.ToLower(strings.ReplaceAll(w.Text, "’", "'"))
		var found, sugg string
		var end int
		if addr == config.Vous {
			found, sugg, end = tuForm(words, i, lw)
		} else {
			if groupSentence(words, sentenceOf(sentences, w.Start)) {
				continue
			}
			found, sugg, end = vousForm(sentences, words, i, lw)
		}
		if found == "" {
			continue
		}
		text := s.Text[w.Start:end]
		var msg string
		if addr == config.Vous {
			msg = p.T(quote(p, text)+" says tu to the reader; the line says vous", quote(p, text)+" tutoie le lecteur\u202f; la ligne éditoriale le vouvoie")
		} else {
			msg = p.T(quote(p, text)+" says vous to the reader; the line says tu", quote(p, text)+" vouvoie le lecteur\u202f; la ligne éditoriale le tutoie")
		}
		p.Report(s.Pos(w.Start), msg, matchCase(sugg, text))
		for i+1 < len(words) && words[i+1].Start < end {
			i++
		}
	}
}

// tuForms are the tu words and what vous writes instead.
var tuForms = map[string]string{
	"tu": "vous", "toi": "vous", "te": "vous", "t'": "vous ", "ton": "votre", "ta": "votre", "tes": "vos",
}

// determiners before "ton" make it the noun (le ton de la marque).
var determiners = map[string]bool{
	"le": true, "un": true, "du": true, "au": true, "ce": true, "cet": true, "son": true, "mon": true,
	"leur": true, "notre": true, "votre": true, "quel": true, "même": true, "bon": true, "nouveau": true,
	"autre": true, "chaque": true, "mauvais": true, "beau": true, "grand": true, "petit": true, "seul": true,
}

// tuForm finds a tu word at words[i] (or after a hyphen in it) and returns
// it, its vous form and where the finding ends.
func tuForm(words []prose.Word, i int, lw string) (string, string, int) {
	w := words[i]
	if k := strings.LastIndexByte(lw, '-'); k >= 0 && !w.Elided {
		// rends-toi, veux-tu, va-t'en
		for _, part := range strings.Split(lw, "-")[1:] {
			if part == "toi" || part == "tu" || part == "t'en" || part == "te" {
				return part, "vous", w.End
			}
		}
		return "", "", 0
	}
	v, ok := tuForms[lw]
	if !ok {
		return "", "", 0
	}
	prev := ""
	if i > 0 {
		prev = strings.ToLower(words[i-1].Text)
	}
	switch lw {
	case "ton":
		next := ""
		if i+1 < len(words) {
			next = strings.ToLower(words[i+1].Text)
		}
		if determiners[prev] || next == "" || next == "de" || next == "des" || next == "du" || next == "et" || next == "ou" {
			return "", "", 0
		}
	case "tu":
		if prev == "est" || prev == "a" || prev == "s'est" || prev == "s’est" {
			return "", "", 0 // il s'est tu: the participle of taire
		}
		if i+1 < len(words) {
			next := words[i+1]
			if conj, ok := vousVerb(strings.ToLower(next.Text)); ok {
				return lw, "vous " + conj, next.End
			}
		}
	}
	return lw, strings.TrimSpace(v), w.End
}

// vousVerbs are the verbs after tu whose vous form is irregular.
var vousVerbs = map[string]string{
	"es": "êtes", "as": "avez", "peux": "pouvez", "veux": "voulez", "fais": "faites", "vas": "allez",
	"dois": "devez", "sais": "savez", "dis": "dites", "viens": "venez", "prends": "prenez", "mets": "mettez",
	"vois": "voyez", "bois": "buvez", "écris": "écrivez", "lis": "lisez", "sors": "sortez", "pars": "partez",
	"connais": "connaissez", "crois": "croyez", "étais": "étiez", "avais": "aviez", "seras": "serez",
	"auras": "aurez", "pourras": "pourrez", "voudras": "voudrez", "feras": "ferez", "iras": "irez",
	"reçois": "recevez", "tiens": "tenez", "finis": "finissez", "choisis": "choisissez",
}

// vousVerb is the vous form of the verb after tu: irregular ones from the
// table, and the regular -es, -as and -ais endings.
func vousVerb(v string) (string, bool) {
	if c, ok := vousVerbs[v]; ok {
		return c, true
	}
	switch {
	case strings.HasSuffix(v, "ras") && len(v) > 4:
		return strings.TrimSuffix(v, "ras") + "rez", true
	case strings.HasSuffix(v, "ais") && len(v) > 4:
		return strings.TrimSuffix(v, "ais") + "iez", true
	case strings.HasSuffix(v, "es") && len(v) > 3:
		return strings.TrimSuffix(v, "es") + "ez", true
	}
	return "", false
}

// tuVerbs reverses vousVerbs.
var tuVerbs = func() map[string]string {
	m := map[string]string{}
	for tu, vous := range vousVerbs {
		m[vous] = tu
	}
	return m
}()

// notImperatives end in -ez without being a verb.
var notImperatives = map[string]bool{"chez": true, "assez": true, "nez": true, "rez": true}

// vousForm finds a vous word at words[i] and returns it, its tu form and
// where the finding ends.
func vousForm(sentences []prose.Span, words []prose.Word, i int, lw string) (string, string, int) {
	w := words[i]
	if strings.Contains(lw, "-") {
		for _, part := range strings.Split(lw, "-")[1:] {
			if part == "vous" {
				return part, "toi", w.End // inscrivez-vous
			}
		}
	}
	switch lw {
	case "vous":
		if i+1 < len(words) {
			next := words[i+1]
			nl := strings.ToLower(next.Text)
			if tu, ok := tuVerbs[nl]; ok {
				return lw, "tu " + tu, next.End
			}
			if strings.HasSuffix(nl, "ez") && !notImperatives[nl] && len(nl) > 3 {
				return lw, "tu " + strings.TrimSuffix(nl, "ez") + "es", next.End
			}
		}
		return lw, "tu", w.End
	case "votre":
		return lw, "ton / ta", w.End
	case "vos":
		return lw, "tes", w.End
	}
	// Découvrez nos brosses: an imperative opening a sentence.
	if strings.HasSuffix(lw, "ez") && !notImperatives[lw] && utf8.RuneCountInString(lw) > 3 {
		if sp := sentenceOf(sentences, w.Start); sp.Start == w.Start {
			r, _ := utf8.DecodeRuneInString(w.Text)
			if unicode.IsUpper(r) {
				if tu, ok := tuVerbs[lw]; ok {
					return lw, tu, w.End
				}
				return lw, strings.TrimSuffix(lw, "ez") + "e", w.End
			}
		}
	}
	return "", "", 0
}

// groupWords mark a sentence addressed to several people.
var groupWords = map[string]bool{
	"tous": true, "toutes": true, "chacun": true, "chacune": true, "ensemble": true,
	"nombreux": true, "nombreuses": true,
}

var numbers = map[string]bool{"deux": true, "trois": true, "quatre": true, "cinq": true}

// groupSentence says whether the sentence at sp addresses a group, where
// vous is a plural, not the polite singular.
func groupSentence(words []prose.Word, sp prose.Span) bool {
	var prev, prev2 string
	for _, w := range words {
		if w.Start < sp.Start || w.End > sp.End {
			continue
		}
		lw := strings.ToLower(w.Text)
		if groupWords[lw] || (prev == "vous" && numbers[lw]) {
			return true
		}
		// vous êtes venus, vous étiez nombreux: a plural agreement.
		if prev2 == "vous" && (prev == "êtes" || prev == "étiez" || prev == "serez") && strings.HasSuffix(lw, "s") {
			return true
		}
		prev2, prev = prev, lw
	}
	return false
}

func sentenceOf(sentences []prose.Span, at int) prose.Span {
	for _, sp := range sentences {
		if at >= sp.Start && at < sp.End {
			return sp
		}
	}
	return prose.Span{Start: at, End: at}
}

// quotedRanges are the stretches of text between quotation marks: « »,
// “ ” and straight double quotes.
func quotedRanges(t string) []prose.Span {
	var out []prose.Span
	depth, start := 0, 0
	straight := -1
	for i, r := range t {
		switch r {
		case '«', '“':
			if depth == 0 {
				start = i
			}
			depth++
		case '»', '”':
			if depth > 0 {
				depth--
				if depth == 0 {
					out = append(out, prose.Span{Start: start, End: i})
				}
			}
		case '"':
			if straight < 0 {
				straight = i
			} else {
				out = append(out, prose.Span{Start: straight, End: i})
				straight = -1
			}
		}
	}
	if depth > 0 {
		out = append(out, prose.Span{Start: start, End: len(t)})
	}
	return out
}

func inRanges(rs []prose.Span, at int) bool {
	for _, r := range rs {
		if at >= r.Start && at < r.End {
			return true
		}
	}
	return false
}
