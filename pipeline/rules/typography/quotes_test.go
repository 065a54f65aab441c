package typography

import "testing"

func TestQuotes(t *testing.T) {
	runCases(t, Quotes{}, []fixCase{
		{
			name: "french body and frontmatter",
			files: map[string]string{
				"content/blog/a.md": "---\ntitle: Le modèle \"Cuisine\"\ndate: 2026-01-01\nlang: fr\n---\n" +
					"Il dit \"oui\" puis \" non \" et \"**gras**\". Un écran 27\" et `\"code\"`.\n" +
					"Déjà «" + nn + "bien" + nn + "» et “imbriqué”. L'apostrophe reste.\n",
			},
			want: `
content/blog/a.md:2:18 typography.quotes: a straight quote | write « with a narrow no-break space after it
content/blog/a.md:2:26 typography.quotes: a straight quote | write » with a narrow no-break space before it
content/blog/a.md:6:8 typography.quotes: a straight quote | write « with a narrow no-break space after it
content/blog/a.md:6:12 typography.quotes: a straight quote | write » with a narrow no-break space before it
content/blog/a.md:6:19 typography.quotes: a straight quote | write « with a narrow no-break space after it
content/blog/a.md:6:25 typography.quotes: a straight quote | write » with a narrow no-break space before it
content/blog/a.md:6:30 typography.quotes: a straight quote | write « with a narrow no-break space after it
content/blog/a.md:6:39 typography.quotes: a straight quote | write » with a narrow no-break space before it
`,
			fixed: map[string]string{
				"content/blog/a.md": "---\ntitle: Le modèle «" + nn + "Cuisine" + nn + "»\ndate: 2026-01-01\nlang: fr\n---\n" +
					"Il dit «" + nn + "oui" + nn + "» puis «" + nn + "non" + nn + "» et «" + nn + "**gras**" + nn + "». Un écran 27\" et `\"code\"`.\n" +
					"Déjà «" + nn + "bien" + nn + "» et “imbriqué”. L'apostrophe reste.\n",
			},
		},
		{
			name: "english, apostrophes by option, quoted YAML left alone",
			files: map[string]string{
				"cm.yaml": "rules:\n  typography.quotes: {apostrophe: true}\n",
				"content/blog/a.md": "---\ntitle: \"The \\\"Kitchen\\\" model\"\ndescription: It's \"fine\"\ndate: 2026-01-01\nlang: en\n---\n" +
					"She said \"yes\" and it's done. Don’t worry.\n",
			},
			want: `
content/blog/a.md:2:14 typography.quotes: a straight quote | “
content/blog/a.md:2:23 typography.quotes: a straight quote | ”
content/blog/a.md:3:16 typography.quotes: a straight apostrophe | ’
content/blog/a.md:3:19 typography.quotes: a straight quote | “
content/blog/a.md:3:24 typography.quotes: a straight quote | ”
content/blog/a.md:7:10 typography.quotes: a straight quote | “
content/blog/a.md:7:14 typography.quotes: a straight quote | ”
content/blog/a.md:7:22 typography.quotes: a straight apostrophe | ’
`,
			fixed: map[string]string{
				"content/blog/a.md": "---\ntitle: \"The \\\"Kitchen\\\" model\"\ndescription: It’s “fine”\ndate: 2026-01-01\nlang: en\n---\n" +
					"She said “yes” and it’s done. Don’t worry.\n",
			},
		},
	})
}
