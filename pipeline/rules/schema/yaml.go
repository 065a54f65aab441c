package schema

import "github.com/cmhq/cm/pipeline/check"

// YAML reports frontmatter that cannot be parsed.
type YAML struct{}

func (YAML) Meta() check.Meta {
	return check.Meta{
		ID: "schema.yaml", Severity: check.Error,
		Summary: "Frontmatter that cannot be parsed",
		Doc: "The frontmatter between the `---` lines (or `+++` for TOML) must be valid YAML (or TOML) " +
			"holding a map of keys to values, and must be closed by a second delimiter line. " +
			"When it cannot be read, no other rule checks the file.",
		Example: check.Example{
			Bad:  "---\ntitle: Nos conseils: le tri\n---",
			Good: "---\ntitle: \"Nos conseils : le tri\"\n---",
		},
	}
}

func (YAML) Check(p *check.Pass) { report(p, "schema.yaml") }
