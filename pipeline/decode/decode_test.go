package decode

import (
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

type inner struct {
	Src string `yaml:"src" cm:"required"`
	Alt string `yaml:"alt"`
}

type target struct {
	Title string            `yaml:"title" cm:"required"`
	Count int               `yaml:"count"`
	Ratio float64           `yaml:"ratio"`
	On    bool              `yaml:"on"`
	When  time.Time         `yaml:"when"`
	Wait  time.Duration     `yaml:"wait"`
	Tags  []string          `yaml:"tags"`
	Media []inner           `yaml:"media"`
	Map   map[string]string `yaml:"map"`
	Ptr   *inner            `yaml:"ptr"`
}

func parse(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(src), &n); err != nil {
		t.Fatal(err)
	}
	return &n
}

func TestNodeDecodesEverything(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	var v target
	probs := Node(parse(t, "title: T\ncount: 3\nratio: 0.5\non: true\nwhen: 2026-10-25 02:30\nwait: 90m\ntags: [a, b]\nmedia: [{src: x.png, alt: X}]\nmap: {k: v}\nptr: {src: p}\n"), &v, Options{Location: paris})
	if len(probs) != 0 {
		t.Fatalf("problems: %v", probs)
	}
	// 02:30 on the night clocks go back happens twice; Go picks the first.
	if v.Title != "T" || v.Count != 3 || v.Ratio != 0.5 || !v.On || v.Wait != 90*time.Minute ||
		len(v.Tags) != 2 || v.Media[0].Alt != "X" || v.Map["k"] != "v" || v.Ptr.Src != "p" ||
		v.When.Location() != paris || v.When.Hour() != 2 {
		t.Errorf("decoded %+v", v)
	}
}

func TestNodeProblems(t *testing.T) {
	tests := []struct{ src, want string }{
		{"title: x\ntitel: x", `2:1: unknown key "titel" (did you mean "title"?)`},
		{"title: x\ncount: many", `2:8: count must be a whole number, not "many"`},
		{"title: x\non: yes please", `2:5: on must be true or false, not "yes please"`},
		{"title: x\ntags: a", `2:7: tags must be a list, not "a" (write [a])`},
		{"title: x\nmedia: [{alt: y}]", `2:9: media[0].src is required (add ` + "`src:`" + ` under media[0])`},
		{"title: x\nwhen: tomorrow", `2:7: when: "tomorrow" is not a date`},
		{"title: x\ntitle: y", `2:1: title is given twice (keep one of them)`},
		{"title: ''", `1:1: title is required`},
		{"title: [a]", `1:8: title must be text, not a list`},
		{"title: x\nmap: [a]", `2:6: map must be a map of keys to values, not a list`},
	}
	for _, tt := range tests {
		var v target
		probs := Node(parse(t, tt.src), &v, Options{})
		if len(probs) != 1 || !strings.HasPrefix(probs[0].Error(), tt.want) {
			t.Errorf("%q: got %v, want %q", tt.src, probs, tt.want)
		}
	}
}

func TestDidYouMean(t *testing.T) {
	keys := []string{"title", "description", "date", "tags", "image_alt"}
	for in, want := range map[string]string{
		"titel": `did you mean "title"?`, "Title": `did you mean "title"?`, "descripton": `did you mean "description"?`,
		"imagealt": `did you mean "image_alt"?`, "colour": "", "x": "",
	} {
		if got := DidYouMean(in, keys); got != want {
			t.Errorf("DidYouMean(%q) = %q, want %q", in, got, want)
		}
	}
}

// tree is a list of lists, so the decoder itself expands every alias.
type tree []tree

func TestAliasBombIsBounded(t *testing.T) {
	src := "a: &a [[], []]\n"
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p"} {
		src += name + ": &" + name + " [*" + prev + ", *" + prev + "]\n"
		prev = name
	}
	var v struct {
		A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P tree
	}
	probs := Node(parse(t, src), &v, Options{})
	if len(probs) != 1 || !strings.Contains(probs[0].Message, "too many YAML aliases") {
		t.Fatalf("want one alias problem, got %v", probs)
	}
}
