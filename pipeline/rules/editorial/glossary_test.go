package editorial

import "testing"

var glossaryFiles = map[string]string{
	"content/blog/fr.md": "---\ntitle: Le low cost impacte tout\ndate: 2026-01-01\nlang: fr\n---\n" +
		"Nos prix low cost ont impacté nos ventes. Les réseaux sociaux aussi.\n" +
		"Envoyez un Mail. Voir `low cost`, https://low.example/low-cost, #lowcost et @impacter.\n" +
		"A l'heure d'aujourd'hui, le low-cost lasse. Une brindille sur Youtube.\n",
	"content/blog/en.md": "---\ntitle: Title\ndate: 2026-01-01\nlang: en\n---\n" +
		"We utilize cheap tools. Utilized daily, cheaper than ever.\n" +
		"Youtube's and linkedin, mastodon herds, BlueSky and Bluesky.\n",
	"content/social/p.md": "---\nchannels: [mastodon, bluesky]\nlang: fr\nvariants:\n  bluesky: \"Suivez-nous sur Youtube, sans mail !\"\n---\nSuivez-nous sur LinkedIn.\n",
}

func TestForbiddenTerm(t *testing.T) {
	runCases(t, ForbiddenTerm{}, []ruleCase{{name: "fr and en", files: glossaryFiles, want: `
content/blog/en.md:6:12 editorial.forbidden-term: "cheap" is not in the brand's vocabulary: we sell durable things | rephrase without "cheap"
content/blog/fr.md:2:11 editorial.forbidden-term: "low cost" is not in the brand's vocabulary: nos prix sont justes, pas bas | rephrase without "low cost"
content/blog/fr.md:6:10 editorial.forbidden-term: "low cost" is not in the brand's vocabulary: nos prix sont justes, pas bas | rephrase without "low cost"
content/blog/fr.md:8:1 editorial.forbidden-term: "A l’heure d’aujourd’hui" is not in the brand's vocabulary: pléonasme | rephrase without "A l’heure d’aujourd’hui"
content/blog/fr.md:8:29 editorial.forbidden-term: "low-cost" is not in the brand's vocabulary: nos prix sont justes, pas bas | rephrase without "low-cost"
`}})
}

func TestSubstitute(t *testing.T) {
	runCases(t, Substitute{}, []ruleCase{{name: "fr and en", files: glossaryFiles, want: `
content/blog/en.md:6:4 editorial.substitute: the brand writes "use", not "utilize" | use
content/blog/en.md:6:25 editorial.substitute: the brand writes "use", not "Utilized" | Use
content/blog/fr.md:2:20 editorial.substitute: the brand writes "avoir un effet sur", not "impacte" | avoir un effet sur
content/blog/fr.md:6:23 editorial.substitute: the brand writes "avoir un effet sur", not "impacté" | avoir un effet sur
content/blog/fr.md:6:47 editorial.substitute: the brand writes "média social", not "réseaux sociaux" | média social
content/blog/fr.md:7:12 editorial.substitute: the brand writes "courriel", not "Mail" | Courriel
content/social/p.md:5:43 editorial.substitute: the brand writes "courriel", not "mail" | courriel
`}})
}

func TestBrandCase(t *testing.T) {
	runCases(t, BrandCase{}, []ruleCase{{name: "fr and en", files: glossaryFiles, want: `
content/blog/en.md:7:1 editorial.brand-case: "Youtube" is written "YouTube" | YouTube
content/blog/en.md:7:15 editorial.brand-case: "linkedin" is written "LinkedIn" | LinkedIn
content/blog/en.md:7:41 editorial.brand-case: "BlueSky" is written "Bluesky" | Bluesky
content/blog/fr.md:8:63 editorial.brand-case: "Youtube" is written "YouTube" | YouTube
content/social/p.md:5:29 editorial.brand-case: "Youtube" is written "YouTube" | YouTube
`}})
}
