package editorial

import (
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/rules/editorial/text"
)

// Disclosure reports sponsored content without its disclosure.
type Disclosure struct{}

func (Disclosure) Meta() check.Meta {
	return check.Meta{
		ID: "editorial.disclosure", Severity: check.Error,
		Kinds:   []content.Kind{content.KindArticle, content.KindPost},
		Summary: "Sponsored content without its disclosure",
		Doc: "An article or a post marked sponsored: true must say so in every text it publishes, with one of the " +
			"disclosures cm.yaml lists for its language (editorial.languages.<lang>.disclosure, e.g. #sponsorisé, " +
			"Partenariat rémunéré, #ad): an article in its body and in each share text, a post in the text each " +
			"of its channels receives (its variant, or the body, with the campaign's hashtags). The match " +
			"ignores case and accents (#sponsorise counts).",
		Example: check.Example{
			Bad:  "---\nsponsored: true\nchannels: [mastodon]\n---\nNotre nouvelle brosse est là.",
			Good: "---\nsponsored: true\nchannels: [mastodon]\n---\nNotre nouvelle brosse est là. #sponsorisé",
		},
	}
}

func (Disclosure) Check(p *check.Pass) {
	var sponsored bool
	switch it := p.Item.(type) {
	case *content.Article:
		sponsored = it.Sponsored
	case *content.Post:
		sponsored = it.Sponsored
	}
	if !sponsored {
		return
	}
	want := p.Repo.Config.Editorial.Languages[p.Lang()].Disclosure
	if len(want) == 0 {
		p.Report(p.Doc.ValuePos("sponsored"),
			p.T("sponsored content, and cm.yaml lists no disclosure for "+p.Lang(), "contenu sponsorisé, et cm.yaml ne liste aucune mention pour "+p.Lang()),
			p.T("add editorial.languages."+p.Lang()+".disclosure to cm.yaml", "ajoutez editorial.languages."+p.Lang()+".disclosure à cm.yaml"))
		return
	}
	sugg := p.T("add "+quote(p, want[0]), "ajoutez "+quote(p, want[0]))
	if len(want) > 1 {
		sugg += p.T(" (or "+strings.Join(quoteAll(p, want[1:]), ", ")+")", " (ou "+strings.Join(quoteAll(p, want[1:]), ", ")+")")
	}
	segs := text.Segments(p)
	var body strings.Builder
	for _, s := range segs {
		if s.IsBody() {
			body.WriteString(s.Text)
			body.WriteByte('\n')
		}
	}
	switch it := p.Item.(type) {
	case *content.Article:
		if !discloses(body.String(), want) {
			p.Report(p.Doc.ValuePos("sponsored"),
				p.T("sponsored article without its disclosure in the body", "article sponsorisé sans sa mention dans le texte"), sugg)
		}
		for _, s := range segs {
			if strings.HasPrefix(s.Field, "share.") && !discloses(s.Text, want) {
				p.Report(s.Pos(0), p.T("sponsored: the announcement on "+s.Channels[0]+" lacks the disclosure",
					"sponsorisé\u202f: l’annonce sur "+s.Channels[0]+" n’a pas la mention"), sugg)
			}
		}
	case *content.Post:
		tags := strings.Join(it.Hashtags(), " ")
		var bodyMissing []string
		for _, ch := range it.Channels {
			if _, ok := it.Variants[ch]; ok {
				continue
			}
			if !discloses(body.String()+" "+tags, want) {
				bodyMissing = append(bodyMissing, ch)
			}
		}
		if len(bodyMissing) > 0 {
			p.Report(p.Doc.BodyPos(firstNonSpace(p.Doc.Body())),
				p.T("sponsored post without its disclosure in the text for "+strings.Join(bodyMissing, ", "),
					"publication sponsorisée sans sa mention dans le texte pour "+strings.Join(bodyMissing, ", ")), sugg)
		}
		for _, s := range segs {
			if strings.HasPrefix(s.Field, "variants.") && contains(it.Channels, s.Channels[0]) && !discloses(s.Text+" "+tags, want) {
				p.Report(s.Pos(0), p.T("sponsored post without its disclosure in the "+s.Channels[0]+" variant",
					"publication sponsorisée sans sa mention dans la variante "+s.Channels[0]), sugg)
			}
		}
	}
}

// discloses says whether text holds one of the disclosures, in any case,
// with or without accents.
func discloses(text string, want []string) bool {
	t := fold(normalize(text))
	for _, w := range want {
		if strings.Contains(t, fold(normalize(w))) {
			return true
		}
	}
	return false
}

func quoteAll(p *check.Pass, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = quote(p, s)
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func firstNonSpace(b []byte) int {
	for i, c := range b {
		if c != ' ' && c != '\n' && c != '\r' && c != '\t' {
			return i
		}
	}
	return 0
}
