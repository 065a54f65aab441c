package content_test

import (
	"testing"

	"github.com/yuin/goldmark/ast"

	"github.com/cmhq/cm/pipeline/check/checktest"
)

// ReleaseAST frees the tree; the next AST call parses the same body again,
// with the same heading ids.
func TestReleaseAST(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/un.md": "---\ntitle: Un\ndate: 2026-01-01\n---\n## Réseaux sociaux\n\n## Réseaux sociaux\n",
	})
	doc := checktest.Load(t, dir).Item("content/blog/un.md").Doc()
	ids := func(root ast.Node) []string {
		var out []string
		for n := root.FirstChild(); n != nil; n = n.NextSibling() {
			if id, ok := n.AttributeString("id"); ok {
				out = append(out, string(id.([]byte)))
			}
		}
		return out
	}
	first := doc.AST()
	if doc.AST() != first {
		t.Fatal("AST parsed twice without a release")
	}
	doc.ReleaseAST()
	second := doc.AST()
	if second == first {
		t.Fatal("ReleaseAST kept the old tree")
	}
	if a, b := ids(first), ids(second); len(b) != 2 || a[0] != b[0] || a[1] != b[1] {
		t.Errorf("heading ids after release = %v, want %v", b, a)
	}
}
