// Package rules lists every rule cm knows. A rule joins with one line here.
package rules

import (
	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/rules/schema"
)

// Registry returns a registry of every rule.
func Registry() *check.Registry {
	return check.NewRegistry(
		schema.File{},
		schema.YAML{},
		schema.Required{},
		schema.Type{},
		schema.UnknownKey{},
	)
}
