package typography

import "testing"

func TestFrSpacingFrontmatterAndOptions(t *testing.T) {
	runCases(t, FrSpacing{}, []fixCase{
		{
			name: "frontmatter values",
			files: map[string]string{
				"content/blog/a.md":   "---\ntitle: Prêts? Partez\ndescription: \"Vraiment ? Oui\"\nshare:\n  mastodon: 'Déjà ? l''été'\ndate: 2026-01-01\nlang: fr\n---\nCorps.\n",
				"content/social/p.md": "---\nchannels: [mastodon, bluesky]\nlang: fr\nvariants:\n  bluesky: |\n    Ligne un !\n    Ligne deux:\n---\nTexte.\n",
			},
			want: `
content/blog/a.md:2:13 typography.fr-spacing: no space before "?": French puts a narrow no-break space (U+202F) there | insert a narrow no-break space (U+202F) before "?"
content/blog/a.md:3:23 typography.fr-spacing: a breaking space before "?": French puts a narrow no-break space (U+202F) there | replace it with a narrow no-break space (U+202F)
content/blog/a.md:5:18 typography.fr-spacing: a breaking space before "?": French puts a narrow no-break space (U+202F) there | replace it with a narrow no-break space (U+202F)
content/social/p.md:6:13 typography.fr-spacing: a breaking space before "!": French puts a narrow no-break space (U+202F) there | replace it with a narrow no-break space (U+202F)
content/social/p.md:7:15 typography.fr-spacing: no space before ":": French puts a narrow no-break space (U+202F) there | insert a narrow no-break space (U+202F) before ":"
`,
			fixed: map[string]string{
				"content/blog/a.md":   "---\ntitle: Prêts" + nn + "? Partez\ndescription: \"Vraiment" + nn + "? Oui\"\nshare:\n  mastodon: 'Déjà" + nn + "? l''été'\ndate: 2026-01-01\nlang: fr\n---\nCorps.\n",
				"content/social/p.md": "---\nchannels: [mastodon, bluesky]\nlang: fr\nvariants:\n  bluesky: |\n    Ligne un" + nn + "!\n    Ligne deux" + nn + ":\n---\nTexte.\n",
			},
		},
		{
			name: "english is not checked",
			files: map[string]string{
				"content/blog/a.md": "---\ntitle: Ready? Go\ndate: 2026-01-01\nlang: en\n---\nReady ? Set : go!\n",
			},
		},
		{
			name: "nbsp option, CRLF and code blocks",
			files: map[string]string{
				"cm.yaml":           "rules:\n  typography.fr-spacing: {space: nbsp}\n",
				"content/blog/a.md": "---\r\ntitle: Titre\r\ndate: 2026-01-01\r\nlang: fr\r\n---\r\nPrêts ?\r\n\r\n```\r\nx = a ? b : c;\r\n```\r\n\r\n    code : indenté\r\n\r\nFin" + nn + "!\r\n",
			},
			want: `
content/blog/a.md:6:6 typography.fr-spacing: a breaking space before "?": French puts a no-break space (U+00A0) there | replace it with a no-break space (U+00A0)
`,
			fixed: map[string]string{
				"content/blog/a.md": "---\r\ntitle: Titre\r\ndate: 2026-01-01\r\nlang: fr\r\n---\r\nPrêts\u00a0?\r\n\r\n```\r\nx = a ? b : c;\r\n```\r\n\r\n    code : indenté\r\n\r\nFin" + nn + "!\r\n",
			},
		},
		{
			name: "a line break before the mark is reported, not fixed",
			files: map[string]string{
				"content/blog/a.md": "---\ntitle: Titre\ndate: 2026-01-01\nlang: fr\n---\nUne ligne\n! qui commence mal.\n",
			},
			want: `
content/blog/a.md:6:10 typography.fr-spacing: a breaking space before "!": French puts a narrow no-break space (U+202F) there | replace it with a narrow no-break space (U+202F)
`,
		},
	})
}

func TestFrenchMessages(t *testing.T) {
	runCases(t, FrSpacing{}, []fixCase{{
		name: "messages: fr",
		files: map[string]string{
			"cm.yaml":           "messages: fr\n",
			"content/blog/a.md": "---\ntitle: Titre\ndate: 2026-01-01\nlang: fr\n---\nPrêts ? Oui .\n",
			"content/blog/b.md": "---\ntitle: Title\ndate: 2026-01-01\nlang: en\n---\nReady.\n",
		},
		want: "content/blog/a.md:6:6 typography.fr-spacing: espace sécable avant «\u202f?\u202f»\u202f: le français y met une espace fine insécable (U+202F) | remplacez-la par une espace fine insécable (U+202F)\n" +
			"content/blog/a.md:6:12 typography.fr-spacing: une espace avant «\u202f.\u202f»\u202f: le français n’en met pas | supprimez l’espace\n",
		fixed: map[string]string{"content/blog/a.md": "---\ntitle: Titre\ndate: 2026-01-01\nlang: fr\n---\nPrêts" + nn + "? Oui.\n"},
	}})
}
