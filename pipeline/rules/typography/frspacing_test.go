package typography

import "testing"

const nn = "\u202f"

func TestFrSpacing(t *testing.T) {
	runCases(t, FrSpacing{}, []fixCase{
		{
			name: "body",
			files: map[string]string{"content/blog/a.md": "---\ntitle: Titre\ndate: 2026-01-01\nlang: fr\n---\n" +
				"Prêts ? C’est parti! Voici la liste : un, deux ; trois.\n" +
				"Il dit «bonjour» puis « au revoir » . Fin , vraiment.\n" +
				"Rendez-vous à 21:00 ?! Merci :) Voir `code: x` et https://x.example/a?b=c.\n" +
				"Bien" + nn + "! Déjà «" + nn + "fait" + nn + "» **Note**: ok.\n"},
			want: `
content/blog/a.md:6:6 typography.fr-spacing: a breaking space before "?": French puts a narrow no-break space (U+202F) there | replace it with a narrow no-break space (U+202F)
content/blog/a.md:6:20 typography.fr-spacing: no space before "!": French puts a narrow no-break space (U+202F) there | insert a narrow no-break space (U+202F) before "!"
content/blog/a.md:6:36 typography.fr-spacing: a breaking space before ":": French puts a narrow no-break space (U+202F) there | replace it with a narrow no-break space (U+202F)
content/blog/a.md:6:47 typography.fr-spacing: a breaking space before ";": French puts a narrow no-break space (U+202F) there | replace it with a narrow no-break space (U+202F)
content/blog/a.md:7:9 typography.fr-spacing: no space after "«": French puts a narrow no-break space (U+202F) there | insert a narrow no-break space (U+202F) after "«"
content/blog/a.md:7:16 typography.fr-spacing: no space before "»": French puts a narrow no-break space (U+202F) there | insert a narrow no-break space (U+202F) before "»"
content/blog/a.md:7:24 typography.fr-spacing: a breaking space after "«": French puts a narrow no-break space (U+202F) there | replace it with a narrow no-break space (U+202F)
content/blog/a.md:7:34 typography.fr-spacing: a breaking space before "»": French puts a narrow no-break space (U+202F) there | replace it with a narrow no-break space (U+202F)
content/blog/a.md:7:36 typography.fr-spacing: a space before ".": French writes none | remove the space
content/blog/a.md:7:42 typography.fr-spacing: a space before ",": French writes none | remove the space
content/blog/a.md:8:20 typography.fr-spacing: a breaking space before "?": French puts a narrow no-break space (U+202F) there | replace it with a narrow no-break space (U+202F)
content/blog/a.md:9:30 typography.fr-spacing: no space before ":": French puts a narrow no-break space (U+202F) there | insert a narrow no-break space (U+202F) before ":"
`,
			fixed: map[string]string{"content/blog/a.md": "---\ntitle: Titre\ndate: 2026-01-01\nlang: fr\n---\n" +
				"Prêts" + nn + "? C’est parti" + nn + "! Voici la liste" + nn + ": un, deux" + nn + "; trois.\n" +
				"Il dit «" + nn + "bonjour" + nn + "» puis «" + nn + "au revoir" + nn + "». Fin, vraiment.\n" +
				"Rendez-vous à 21:00" + nn + "?! Merci :) Voir `code: x` et https://x.example/a?b=c.\n" +
				"Bien" + nn + "! Déjà «" + nn + "fait" + nn + "» **Note**" + nn + ": ok.\n"},
		},
	})
}
