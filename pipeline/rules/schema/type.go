package schema

import "github.com/cmhq/cm/pipeline/check"

// Type reports values of the wrong type: a date that is not a date, a list
// written as text, a language the site does not have.
type Type struct{}

func (Type) Meta() check.Meta {
	return check.Meta{
		ID: "schema.type", Severity: check.Error,
		Summary: "A frontmatter value has the wrong type or an impossible value",
		Doc: "Each key takes one type: text, true/false, a list, a map, or a date. Dates are written " +
			"2026-12-01, 2026-12-01 21:00 (in cm.yaml's timezone) or 2026-12-01T21:00:00+01:00. " +
			"`lang` must be one of site.languages, and a campaign must end after it starts.",
		Example: check.Example{
			Bad:  "---\ntitle: Réparer\ndate: demain\ntags: cuisine\n---",
			Good: "---\ntitle: Réparer\ndate: 2026-12-01\ntags: [cuisine]\n---",
		},
	}
}

func (Type) Check(p *check.Pass) { report(p, "schema.type") }
