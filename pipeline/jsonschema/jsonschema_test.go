package jsonschema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sjs "github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/jsonschema"
)

const schemaDir = "../../.cm/schemas"

// TestCommittedSchemasAreCurrent fails when a config or frontmatter type
// changed without `go generate ./pipeline/jsonschema`.
func TestCommittedSchemasAreCurrent(t *testing.T) {
	for name, s := range jsonschema.Files() {
		want, err := jsonschema.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(schemaDir, name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf(".cm/schemas/%s is stale: run go generate ./pipeline/jsonschema", name)
		}
	}
}

func compile(t *testing.T, name string) *sjs.Schema {
	t.Helper()
	c := sjs.NewCompiler()
	s, err := c.Compile(filepath.Join(schemaDir, name))
	if err != nil {
		t.Fatalf("%s does not compile: %v", name, err)
	}
	return s
}

// asJSON turns a YAML node into the value an editor's YAML 1.2 parser sees:
// dates stay strings.
func asJSON(t *testing.T, n *yaml.Node) any {
	t.Helper()
	if n == nil {
		return map[string]any{}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		return asJSON(t, n.Content[0])
	case yaml.AliasNode:
		return asJSON(t, n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = asJSON(t, n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, asJSON(t, c))
		}
		return l
	}
	switch n.Tag {
	case "!!int", "!!float", "!!bool", "!!null":
		var v any
		if err := json.Unmarshal([]byte(strings.ToLower(n.Value)), &v); err == nil {
			return v
		}
	}
	return n.Value
}

func TestSchemasAcceptTheExampleContent(t *testing.T) {
	cfg, err := config.Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	var root yaml.Node
	data, _ := os.ReadFile("../../cm.yaml")
	if err := yaml.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	if err := compile(t, "cm.schema.json").Validate(asJSON(t, &root)); err != nil {
		t.Errorf("cm.yaml: %v", err)
	}
	repo, err := content.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	schemas := map[content.Kind]*sjs.Schema{
		content.KindArticle:  compile(t, "article.schema.json"),
		content.KindPost:     compile(t, "post.schema.json"),
		content.KindCampaign: compile(t, "campaign.schema.json"),
	}
	for _, d := range repo.Documents {
		if err := schemas[d.Kind].Validate(asJSON(t, d.Front)); err != nil {
			t.Errorf("%s: %v", d.Path, err)
		}
	}
	if len(repo.Documents) < 20 {
		t.Errorf("only %d documents validated", len(repo.Documents))
	}
}

func TestSchemasRejectBrokenFixtures(t *testing.T) {
	tests := []struct {
		schema, path, src string
	}{
		{"article.schema.json", "content/blog/a.md", "---\ntitel: Typo\ndate: 2026-01-01\n---\n"},
		{"article.schema.json", "content/blog/a.md", "---\ntitle: T\ndate: demain\n---\n"},
		{"article.schema.json", "content/blog/a.md", "---\ntitle: T\ndate: 2026-01-01\ntags: cuisine\n---\n"},
		{"article.schema.json", "content/blog/a.md", "---\ndate: 2026-01-01\n---\n"},
		{"post.schema.json", "content/social/p.md", "---\npublish_at: soon\nchannels: [mastodon]\n---\n"},
		{"post.schema.json", "content/social/p.md", "---\nchannels: [mastodon]\nmedia: [{alt: no src}]\n---\n"},
		{"campaign.schema.json", "content/campaigns/c/index.md", "---\ntitle: C\nstarts: 2027-01-01\n---\n"},
		{"cm.schema.json", "", "site: {title: T, base_url: https://t.example}\nchannels: {m: {type: mastadon}}\n"},
		{"cm.schema.json", "", "site: {title: T, base_url: https://t.example}\nrules: {seo.slug: loud}\n"},
		{"cm.schema.json", "", "site: {title: T}\n"},
	}
	cfg, err := config.Parse([]byte(checktest.Config), "cm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		var doc *yaml.Node
		if tt.path == "" {
			var root yaml.Node
			if err := yaml.Unmarshal([]byte(tt.src), &root); err != nil {
				t.Fatal(err)
			}
			doc = &root
		} else {
			d, _ := content.Parse(cfg, tt.path, []byte(tt.src))
			doc = d.Front
		}
		if err := compile(t, tt.schema).Validate(asJSON(t, doc)); err == nil {
			t.Errorf("%s accepted %q", tt.schema, tt.src)
		}
	}
}
