package typography_test

import (
	"bytes"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/rules/editorial"
	"github.com/cmhq/cm/pipeline/rules/editorial/text/texttest"
	"github.com/cmhq/cm/pipeline/rules/typography"
)

// FuzzFrontmatterFix: whatever a title holds and however YAML quotes it,
// the fixes of the typography and brand rules leave a frontmatter that
// parses, with the other keys untouched and the title still a string.
func FuzzFrontmatterFix(f *testing.F) {
	for _, s := range []string{`Prêts ? "Oui" !`, `l'été : «fin»`, `Youtube et "linkedin" ; x`, `a\"b ?`, "x\ty :", `'quoted' ?`, "multi\nline ?"} {
		for style := range 4 {
			f.Add(s, style)
		}
	}
	styles := []yaml.Style{0, yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle, yaml.LiteralStyle}
	reg := check.NewRegistry(typography.FrSpacing{}, typography.Quotes{}, editorial.BrandCase{})
	f.Fuzz(func(t *testing.T, title string, style int) {
		if strings.ContainsAny(title, "\x00\r") || !utf8Valid(title) {
			return
		}
		n := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Value: "title"},
			{Kind: yaml.ScalarNode, Value: title, Style: styles[(style%4+4)%4]},
			{Kind: yaml.ScalarNode, Value: "date"}, {Kind: yaml.ScalarNode, Value: "2026-01-01"},
			{Kind: yaml.ScalarNode, Value: "lang"}, {Kind: yaml.ScalarNode, Value: "fr"},
		}}
		front, err := yaml.Marshal(n)
		if err != nil {
			return
		}
		var check0 map[string]any
		if yaml.Unmarshal(front, &check0) != nil || check0["title"] != title {
			return // yaml.v3 could not write it faithfully: not our concern
		}
		src := "---\n" + string(front) + "---\nCorps.\n"
		repo := texttest.Repo(t, map[string]string{"cm.yaml": "editorial: {brands: [YouTube]}\n", "content/blog/a.md": src})
		res, err := reg.Run(repo, check.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, ff := range check.PlanFixes(repo, res.Diagnostics) {
			body := bytes.TrimPrefix(ff.After, []byte("---\n"))
			end := bytes.Index(body, []byte("\n---\n"))
			if end < 0 {
				t.Fatalf("the fixes broke the frontmatter delimiters:\n%s", ff.After)
			}
			var got map[string]any
			if err := yaml.Unmarshal(body[:end+1], &got); err != nil {
				t.Fatalf("the fixes broke the YAML: %v\nbefore:\n%s\nafter:\n%s", err, src, ff.After)
			}
			if _, ok := got["title"].(string); !ok || got["lang"] != "fr" {
				t.Fatalf("the fixes changed the keys: %v\nbefore:\n%s\nafter:\n%s", got, src, ff.After)
			}
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }
