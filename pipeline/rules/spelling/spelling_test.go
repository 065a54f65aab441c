package spelling

import (
	"github.com/cmhq/cm/pipeline/hunspell"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/rules/editorial/text/texttest"
)

// requireDictionaries fails (not skips) without libhunspell and the
// Debian dictionaries: CI must install them (see the spelling rule's doc).
func requireDictionaries(t *testing.T) {
	t.Helper()
	for _, lang := range []string{"fr", "en"} {
		base, tried := hunspell.Find(DefaultDictionaryDirs, dictionaryNames(lang)...)
		if base == "" {
			t.Fatalf("no %s dictionary (looked for %v): apt-get install libhunspell-1.7-0 hunspell-fr hunspell-en-us", lang, tried)
		}
		if _, err := hunspell.Open("", base); err != nil {
			t.Fatalf("%v: apt-get install libhunspell-1.7-0 hunspell-fr hunspell-en-us", err)
		}
	}
}

const editorialYAML = `editorial:
  brands: [Brindille, YouTube]
  word_list: words.txt
  languages:
    fr:
      words: [zérodéchet]
    en:
      words: [Makerspace]
`

func TestSpelling(t *testing.T) {
	requireDictionaries(t)
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name: "french",
			files: map[string]string{
				"cm.yaml":   editorialYAML,
				"words.txt": "# our words\nHaddad\ncroix-rousse\n",
				"content/blog/a.md": "---\ntitle: Réparer l’objet\ndescription: Une descripsion\ndate: 2026-01-01\nlang: fr\n---\n" +
					"L'école qu’on aime, jusqu’au soir : c’est aujourd’hui. Nous réparrons la brosse, porte-monnaie et peut-être zéro-déchet.\n" +
					"Inès Haddad, à la Croix-Rousse, le 21 h, 3e étage, SNCF, #réparrons @brindile https://x.example/reparrons `reparrons`.\n" +
					"Brindille et Youtube, Zérodéchet. Encore réparrons et une brindile-verte.\n",
			},
			want: `
content/blog/a.md:3:18 spelling: unknown word "descripsion" | did you mean "description", "rescription", "descension"? If the word is right, add it to words.txt
content/blog/a.md:7:61 spelling: unknown word "réparrons" (2 times: 7:61, 9:42) | did you mean "réparons", "réparerons", "réparions"? If the word is right, add it to words.txt
content/blog/a.md:9:59 spelling: unknown word "brindile" | did you mean "brindille"? If the word is right, add it to words.txt
`,
		},
		{
			name: "english",
			files: map[string]string{
				"cm.yaml":   editorialYAML,
				"words.txt": "",
				"content/social/p.md": "---\nchannels: [mastodon, bluesky]\nlang: en\nvariants:\n  bluesky: \"Visit our makerspace, it's recieved well\"\n---\n" +
					"Brindille's brushes don't break. We've repaired 1,200 of them in the Makerspace; e-mail us.\n",
			},
			want: `
content/social/p.md:5:23 spelling: unknown word "makerspace" | did you mean "maker space", "maker-space", "makers pace"? If the word is right, add it to words.txt
content/social/p.md:5:40 spelling: unknown word "recieved" | did you mean "received", "relieved", "reprieved"? If the word is right, add it to words.txt
`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := texttest.Lines(texttest.Run(t, tc.files, Spelling{}))
			if want := strings.TrimLeft(tc.want, "\n"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestSpellingWithoutDictionaries(t *testing.T) {
	files := map[string]string{
		"cm.yaml":           "editorial:\n  dictionaries: [nowhere]\n",
		"content/blog/a.md": texttest.Article("fr", "Un mot.\n"),
		"content/blog/b.md": texttest.Article("fr", "Un autre.\n"),
		"content/blog/c.md": texttest.Article("en", "A word.\n"),
	}
	diags := texttest.Run(t, files, Spelling{})
	if len(diags) != 2 {
		t.Fatalf("want one diagnostic per language for the run, got:\n%s", texttest.Lines(diags))
	}
	for _, d := range diags {
		if !strings.Contains(d.Message, "spelling is not checked in") || !strings.Contains(d.Message, "no Hunspell dictionary") {
			t.Errorf("message %q does not say the dictionary is missing", d.Message)
		}
		if !strings.Contains(d.Suggestion, "apt-get install") {
			t.Errorf("suggestion %q does not say how to install", d.Suggestion)
		}
	}
}
