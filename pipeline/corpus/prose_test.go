package corpus

import (
	"regexp"
	"strings"
	"testing"
)

func TestFixFrench(t *testing.T) {
	tests := []struct{ in, want string }{
		{"le rôle de le community manager", "le rôle du community manager"},
		{"le rôle de les abonnés", "le rôle des abonnés"},
		{"donne du sens à le blog", "donne du sens au blog"},
		{"donne du sens à les partages", "donne du sens aux partages"},
		{"difficile de animer la communauté", "difficile d’animer la communauté"},
		{"parce que une bonne publication", "parce qu’une bonne publication"},
		{"De une certaine façon", "D’une certaine façon"},
		{"le rôle de la marque", "le rôle de la marque"},
		{"le rôle de l’équipe", "le rôle de l’équipe"},
		{"le hashtag de la marque", "le hashtag de la marque"},
	}
	for _, tt := range tests {
		if got := fixFrench(tt.in); got != tt.want {
			t.Errorf("fixFrench(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tout savoir sur l’emballage réutilisable en 2025", "tout-savoir-sur-l-emballage-reutilisable-en-2025"},
		{"Poêle en fonte\u202f: 5 conseils pour les artisans", "poele-en-fonte-5-conseils-pour-les-artisans"},
		{"Why bet on the zero waste kitchen in 2024?", "why-bet-on-the-zero-waste-kitchen-in-2024"},
		{"Œufs & cœur", "oeufs-coeur"},
		{strings.Repeat("long ", 30), strings.TrimSuffix(strings.Repeat("long-", 14), "-")},
	}
	for _, tt := range tests {
		if got := slugify(tt.in); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCountWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"## Un titre", 2},
		{"- un\n- deux", 2},
		{"Vraiment\u202f! Oui\u202f?", 2},
		{"[un lien](/fr/blog/x/) ici", 3},
		{"l’engagement, 2025", 2},
	}
	for _, tt := range tests {
		if got := countWords(tt.in); got != tt.want {
			t.Errorf("countWords(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestUpperFirst(t *testing.T) {
	tests := []struct{ in, want string }{
		{"la marque", "La marque"},
		{"éditer", "Éditer"},
		{"«\u202fla marque", "«\u202fLa marque"},
		{"3 conseils", "3 conseils"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := upperFirst(tt.in); got != tt.want {
			t.Errorf("upperFirst(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// templateVars are the names the Go code provides as variables.
var templateVars = map[string]bool{
	"KP": true, "KPCap": true, "KPDef": true, "YR": true, "TITLE": true,
	"TKPDef": true, "TTITLE": true, "TURL": true, "OUT": true,
}

var slotRef = regexp.MustCompile(`\{([A-Za-z0-9]+)\^?\}`)

// TestVocabularies checks that each language defines the slots the code
// uses, that templates name only defined slots, and that keyphrases and
// tags line up across languages so translations share their topic.
func TestVocabularies(t *testing.T) {
	all := languages()
	for code, l := range all {
		for _, name := range requiredSlots {
			if len(l.slots[name]) == 0 {
				t.Errorf("%s: slot %s is missing", code, name)
			}
		}
		for name, alternatives := range l.slots {
			for _, alt := range alternatives {
				for _, m := range slotRef.FindAllStringSubmatch(alt, -1) {
					if len(l.slots[m[1]]) == 0 && !templateVars[m[1]] {
						t.Errorf("%s: slot %s names unknown {%s} in %q", code, name, m[1], alt)
					}
				}
			}
		}
		for _, kp := range l.keyphrases {
			if n := len(strings.Fields(kp.text)); n < 2 || n > 3 || !strings.Contains(kp.def, kp.text) {
				t.Errorf("%s: keyphrase %+v: want 2 or 3 words, inside its definite form", code, kp)
			}
		}
	}
	fr, en := all["fr"], all["en"]
	if len(fr.keyphrases) != len(en.keyphrases) || len(fr.tags) != len(en.tags) {
		t.Errorf("fr and en are not aligned: %d/%d keyphrases, %d/%d tags",
			len(fr.keyphrases), len(en.keyphrases), len(fr.tags), len(en.tags))
	}
}
