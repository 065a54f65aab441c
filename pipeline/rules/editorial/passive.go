package editorial

import (
	"fmt"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// PassiveVoice reports articles with too many sentences in the passive.
type PassiveVoice struct{}

func (PassiveVoice) Meta() check.Meta {
	return check.Meta{
		ID: "editorial.passive-voice", Severity: check.Warning,
		Kinds:     []content.Kind{content.KindArticle},
		Languages: []string{"fr", "en"},
		Summary:   "Too many sentences in the passive voice",
		Doc: "A sentence is passive when a form of be (English) or être (French) is followed, at most one adverb " +
			"apart, by a past participle: -ed and the irregular ones in English (is made, was written); in " +
			"French -é, -ée, -és, -ées, -u(e)(s) and the irregular ones (est fabriquée, sont faits, est " +
			"souvent conçu). French verbs that take être in the past tense (est allé, sont venus) and pronominal " +
			"verbs (s’est cassé) are not passive. The rule warns once per article, at the first passive " +
			"sentence, when their share is above editorial.languages.<lang>.readability.max_passive_share " +
			"(default 0.25) in an article of at least min_passive_sentences (default 8).",
		Example: check.Example{
			Bad:  "La brosse est fabriquée à Lyon. Les poils sont plantés à la main.",
			Good: "Nous fabriquons la brosse à Lyon. Nous plantons les poils à la main.",
		},
	}
}

func (PassiveVoice) Check(p *check.Pass) {
	lang := p.Lang()
	b := bounds(p.Repo.Config, lang)
	total, passive := 0, 0
	var lines []string
	var first content.Position
	norms := normalized(p)
	for _, s := range text.Segments(p) {
		if !proseSegment(s) {
			continue
		}
		words, lower := s.Words, norms[s]
		k := 0
		for _, sp := range s.Sentences() {
			from := k
			for k < len(words) && words[k].Start < sp.End {
				if words[k].Start < sp.Start {
					from = k + 1
				}
				k++
			}
			if k == from {
				continue
			}
			total++
			if isPassive(lower[from:k], lang) {
				passive++
				pos := s.Pos(sp.Start)
				if passive == 1 {
					first = pos
				}
				lines = append(lines, fmt.Sprint(pos.Line))
			}
		}
	}
	if total < b.MinPassiveSentences || passive == 0 {
		return
	}
	share := float64(passive) / float64(total)
	if share <= b.MaxPassiveShare {
		return
	}
	p.Report(first,
		p.T(fmt.Sprintf("%d of %d sentences (%.0f%%) are in the passive voice, above %.0f%% (lines %s)", passive, total, share*100, b.MaxPassiveShare*100, strings.Join(lines, ", ")),
			fmt.Sprintf("%d phrases sur %d (%.0f\u202f%%) sont au passif, au-delà de %.0f\u202f%% (lignes %s)", passive, total, share*100, b.MaxPassiveShare*100, strings.Join(lines, ", "))),
		p.T("say who does what: \"we make the brush\" rather than \"the brush is made\"",
			"dites qui fait quoi\u202f: «\u202fnous fabriquons la brosse\u202f» plutôt que «\u202fla brosse est fabriquée\u202f»"))
}

// isPassive says whether a sentence, given as its normalized words
// (lowercase, straight apostrophes), has a passive construction.
func isPassive(words []string, lang string) bool {
	for i, lw := range words {
		var adverb, participle func(string) bool
		switch lang {
		case "fr":
			if !etreForms[lw] || (i > 0 && reflexive(words, i)) {
				continue
			}
			adverb, participle = isAdverbFR, isParticipleFR
		case "en":
			if !beForms[lw] {
				continue
			}
			adverb, participle = isAdverbEN, isParticipleEN
		default:
			return false
		}
		j := i + 1
		if j < len(words) && adverb(words[j]) {
			j++
		}
		if j < len(words) && participle(words[j]) {
			return true
		}
	}
	return false
}

var beForms = map[string]bool{"am": true, "is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true}

var etreForms = map[string]bool{
	"suis": true, "es": true, "est": true, "sommes": true, "êtes": true, "sont": true,
	"étais": true, "était": true, "étions": true, "étiez": true, "étaient": true,
	"serai": true, "seras": true, "sera": true, "serons": true, "serez": true, "seront": true,
	"serais": true, "serait": true, "serions": true, "seriez": true, "seraient": true,
	"sois": true, "soit": true, "soyons": true, "soyez": true, "soient": true,
	"fus": true, "fut": true, "fûmes": true, "furent": true, "être": true, "été": true,
}

// reflexive says whether the être form at words[i] is the auxiliary of a
// pronominal verb: s’est cassé, nous nous sommes trompés.
func reflexive(words []string, i int) bool {
	switch prev := words[i-1]; prev {
	case "se", "s'", "me", "m'", "te", "t'":
		return true
	case "nous", "vous":
		return i > 1 && words[i-2] == prev
	}
	return false
}

func isAdverbEN(w string) bool {
	switch w {
	case "not", "also", "often", "always", "never", "just", "still", "already", "usually", "rarely", "then", "now", "being", "sometimes", "all":
		return true
	}
	return strings.HasSuffix(w, "ly") && len(w) > 4
}

func isAdverbFR(w string) bool {
	switch w {
	case "pas", "plus", "souvent", "toujours", "déjà", "bien", "mal", "jamais", "aussi", "encore", "parfois", "ensuite", "alors", "tous", "toutes", "tout":
		return true
	}
	return strings.HasSuffix(w, "ment") && len(w) > 6
}

// notParticiplesEN end in -ed without being participles.
var notParticiplesEN = map[string]bool{
	"need": true, "feed": true, "seed": true, "speed": true, "bleed": true, "breed": true, "indeed": true,
	"bed": true, "red": true, "shed": true, "wed": true, "hundred": true, "sacred": true, "naked": true,
	"wicked": true, "ragged": true, "rugged": true, "embed": true, "exceed": true, "proceed": true, "succeed": true,
}

var irregularEN = map[string]bool{
	"made": true, "done": true, "given": true, "taken": true, "written": true, "built": true, "known": true,
	"shown": true, "seen": true, "sold": true, "found": true, "held": true, "kept": true, "left": true, "lost": true,
	"paid": true, "put": true, "said": true, "sent": true, "set": true, "spent": true, "told": true, "thought": true,
	"brought": true, "bought": true, "caught": true, "taught": true, "worn": true, "torn": true, "born": true,
	"chosen": true, "driven": true, "eaten": true, "forgotten": true, "frozen": true, "hidden": true, "spoken": true,
	"stolen": true, "thrown": true, "broken": true, "drawn": true, "grown": true, "begun": true, "hung": true,
	"cut": true, "hit": true, "hurt": true, "shut": true, "spread": true, "bound": true, "fed": true, "led": true,
	"meant": true, "understood": true, "won": true, "sewn": true, "sown": true, "woven": true, "ground": true,
}

func isParticipleEN(w string) bool {
	if irregularEN[w] {
		return true
	}
	return strings.HasSuffix(w, "ed") && len(w) > 3 && !notParticiplesEN[w]
}

// withEtre are the French verbs whose past tense takes être: est allé is
// a past tense, not a passive.
var withEtre = []string{
	"allé", "arrivé", "entré", "rentré", "monté", "descendu", "né", "mort", "parti", "passé", "resté",
	"retourné", "sorti", "tombé", "venu", "devenu", "revenu", "parvenu", "intervenu", "redevenu", "reparti",
	"ressorti", "remonté", "redescendu", "décédé", "apparu",
}

var irregularFR = []string{
	"fait", "pris", "mis", "écrit", "dit", "produit", "construit", "offert", "ouvert", "couvert", "peint",
	"conçu", "reçu", "vendu", "rendu", "perdu", "tenu", "vu", "lu", "connu", "atteint", "détruit", "réduit",
	"traduit", "inclus", "compris", "permis", "promis", "soumis", "remis", "transmis", "admis", "conduit",
	"introduit", "recouvert", "découvert", "cousu", "moulu", "résolu", "battu", "cuit", "joint", "plaint",
}

// agreed are the forms of a participle agreeing in gender and number.
func agreed(stems []string) map[string]bool {
	m := map[string]bool{}
	for _, s := range stems {
		for _, e := range []string{"", "e", "s", "es"} {
			form := s + e
			if !(strings.HasSuffix(s, "s") && e == "s") {
				m[form] = true
			}
		}
	}
	return m
}

var (
	withEtreForms    = agreed(withEtre)
	irregularFRForms = agreed(irregularFR)
)

func isParticipleFR(w string) bool {
	if withEtreForms[w] {
		return false
	}
	if irregularFRForms[w] {
		return true
	}
	for _, e := range []string{"é", "ée", "és", "ées"} {
		if strings.HasSuffix(w, e) && len(w) > len(e)+2 {
			return true
		}
	}
	return false
}
