package schema

import "github.com/cmhq/cm/pipeline/check"

// Required reports keys an article, post or campaign cannot do without.
type Required struct{}

func (Required) Meta() check.Meta {
	return check.Meta{
		ID: "schema.required", Severity: check.Error,
		Summary: "A required frontmatter key is missing or empty",
		Doc: "Articles need a title and a date; campaigns a title, starts and ends; posts need channels " +
			"(their own or their campaign's) and a text. An empty value counts as missing.",
		Example: check.Example{
			Bad:  "---\ndate: 2026-12-01\n---\nBody.",
			Good: "---\ntitle: Réparer plutôt que jeter\ndate: 2026-12-01\n---\nBody.",
		},
	}
}

func (Required) Check(p *check.Pass) { report(p, "schema.required") }
