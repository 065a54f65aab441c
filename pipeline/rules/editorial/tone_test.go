package editorial

import "testing"

func TestTone(t *testing.T) {
	runCases(t, Tone{}, []ruleCase{
		{
			name: "vous line: tu forms reported",
			files: map[string]string{"content/blog/a.md": "---\ntitle: Tu peux réparer\ndate: 2026-01-01\nlang: fr\n---\n" +
				"Tu penses que ta brosse est finie ? Rends-toi à l’atelier, on t’aide avec tes outils et ton savon.\n" +
				"Le ton de la marque reste chaleureux. Il s’est tu. Elle a dit « tu verras » en riant.\n\n" +
				"> Tu es le bienvenu, dit l’affiche.\n"},
			want: `
content/blog/a.md:2:8 editorial.tone: "Tu peux" says tu to the reader; the line says vous | Vous pouvez
content/blog/a.md:6:1 editorial.tone: "Tu penses" says tu to the reader; the line says vous | Vous pensez
content/blog/a.md:6:15 editorial.tone: "ta" says tu to the reader; the line says vous | votre
content/blog/a.md:6:37 editorial.tone: "Rends-toi" says tu to the reader; the line says vous | Vous
content/blog/a.md:6:63 editorial.tone: "t’" says tu to the reader; the line says vous | vous
content/blog/a.md:6:75 editorial.tone: "tes" says tu to the reader; the line says vous | vos
content/blog/a.md:6:89 editorial.tone: "ton" says tu to the reader; the line says vous | votre
`,
		},
		{
			name: "tu channel: vous forms reported, groups left alone",
			files: map[string]string{"content/social/p.md": "---\nchannels: [mastodon]\nlang: fr\n---\n" +
				"Découvrez la brosse. Vous pouvez la réparer avec votre kit et vos mains.\n" +
				"Merci à vous tous ! Vous êtes venus nombreux. Vous deux, bravo. Chez nous, assez parlé.\n"},
			want: `
content/social/p.md:5:1 editorial.tone: "Découvrez" says vous to the reader; the line says tu | Découvre
content/social/p.md:5:22 editorial.tone: "Vous pouvez" says vous to the reader; the line says tu | Tu peux
content/social/p.md:5:50 editorial.tone: "votre" says vous to the reader; the line says tu | ton / ta
content/social/p.md:5:63 editorial.tone: "vos" says vous to the reader; the line says tu | tes
`,
		},
		{
			name: "vous body on bluesky, tu variant on mastodon",
			files: map[string]string{"content/social/p.md": "---\nchannels: [mastodon, bluesky]\nlang: fr\nvariants:\n  mastodon: Passe à l’atelier, tu verras.\n---\n" +
				"Passez à l’atelier, vous verrez.\n"},
		},
	})
}

func TestDisclosure(t *testing.T) {
	runCases(t, Disclosure{}, []ruleCase{
		{
			name: "articles and posts",
			files: map[string]string{
				"content/blog/ok.md": "---\ntitle: T\ndate: 2026-01-01\nlang: fr\nsponsored: true\nshare:\n  mastodon: \"Lisez-le. #Sponsorise\"\n---\nTexte. Partenariat rémunéré avec Lunii.\n",
				"content/blog/ko.md": "---\ntitle: T\ndate: 2026-01-01\nlang: en\nsponsored: true\nshare:\n  mastodon: Read it.\n---\nText without it.\n",
				"content/social/p.md": "---\nchannels: [mastodon, bluesky]\nlang: fr\nsponsored: true\nvariants:\n  bluesky: Notre brosse, en partenariat.\n---\n" +
					"Notre brosse. #sponsorisé\n",
				"content/social/q.md": "---\nchannels: [mastodon]\nlang: en\nsponsored: true\n---\nOur brush.\n",
				"content/social/r.md": "---\nchannels: [mastodon]\nlang: en\n---\nNot sponsored.\n",
			},
			want: `
content/blog/ko.md:5:12 editorial.disclosure: sponsored article without its disclosure in the body | add "#ad" (or "Paid partnership")
content/blog/ko.md:7:13 editorial.disclosure: sponsored: the announcement on mastodon lacks the disclosure | add "#ad" (or "Paid partnership")
content/social/p.md:6:12 editorial.disclosure: sponsored post without its disclosure in the bluesky variant | add "#sponsorisé" (or "Partenariat rémunéré")
content/social/q.md:6:1 editorial.disclosure: sponsored post without its disclosure in the text for mastodon | add "#ad" (or "Paid partnership")
`,
		},
	})
}
