package config

import (
	"fmt"
	"slices"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/decode"
)

// Severities are the values a rule's severity can take in cm.yaml.
var Severities = []string{"error", "warning", "info", "off"}

// RuleSetting is one entry of cm.yaml's rules: either a bare severity
// (`seo.slug: off`) or a map with an optional severity and the rule's options
// (`seo.title-length: {severity: warning, max: 65}`).
type RuleSetting struct {
	// Severity is "", error, warning, info or off; "" keeps the default.
	Severity string
	// Options is the map without its severity key, for the rule to decode
	// into its own options type; Kind is 0 when there are none.
	Options yaml.Node
	// Line and Column locate the entry in cm.yaml.
	Line, Column int
}

// DecodeNode implements decode.NodeDecoder.
func (r *RuleSetting) DecodeNode(n *yaml.Node, _ decode.Options) error {
	r.Line, r.Column = n.Line, n.Column
	switch n.Kind {
	case yaml.ScalarNode:
		r.Severity = n.Value
	case yaml.MappingNode:
		opts := *n
		opts.Content = nil
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "severity" {
				r.Severity = n.Content[i+1].Value
				continue
			}
			opts.Content = append(opts.Content, n.Content[i], n.Content[i+1])
		}
		if len(opts.Content) > 0 {
			r.Options = opts
		}
	default:
		return fmt.Errorf("must be a severity (error, warning, info, off) or a map with severity and options")
	}
	if r.Severity != "" && !slices.Contains(Severities, r.Severity) {
		return fmt.Errorf("unknown severity %q: use error, warning, info or off", r.Severity)
	}
	return nil
}

// JSONSchema describes a rule setting for editors: a severity, or a map
// with a severity and the rule's options.
func (*RuleSetting) JSONSchema() map[string]any {
	sev := map[string]any{"enum": []any{"error", "warning", "info", "off"}}
	return map[string]any{"anyOf": []any{
		sev,
		map[string]any{"type": "object", "properties": map[string]any{"severity": sev}},
	}}
}
