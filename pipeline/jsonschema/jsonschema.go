// Package jsonschema derives JSON Schemas (draft 2020-12) for cm.yaml and
// each kind of frontmatter from the Go types that decode them, so editors
// running yaml-language-server complete and validate the same keys cm
// accepts, with the same documentation. `go generate ./...` writes them to
// .cm/schemas; a test fails when the committed files are stale.
package jsonschema

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/decode"
)

//go:generate go run ./gen ../../.cm/schemas

// Schema is a JSON Schema document.
type Schema = map[string]any

// Provider is a type that describes its own schema, because it decodes
// itself from YAML in more than one shape.
type Provider interface {
	JSONSchema() Schema
}

// datePattern accepts what decode.ParseTime accepts.
const datePattern = `^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?(Z|[+-]\d{2}:\d{2}))?)?$`

var (
	timeType     = reflect.TypeFor[time.Time]()
	durationType = reflect.TypeFor[time.Duration]()
	providerType = reflect.TypeFor[Provider]()
)

// Files are the schemas cm ships, by file name.
func Files() map[string]Schema {
	return map[string]Schema{
		"cm.schema.json":       For(reflect.TypeFor[config.Config](), "cm.yaml", "The settings of a cm content repository."),
		"article.schema.json":  For(reflect.TypeFor[content.ArticleMeta](), "Article frontmatter", "The frontmatter of an article in content/blog."),
		"post.schema.json":     For(reflect.TypeFor[content.PostMeta](), "Post frontmatter", "The frontmatter of a social post in content/social or a campaign folder."),
		"campaign.schema.json": For(reflect.TypeFor[content.CampaignMeta](), "Campaign frontmatter", "The frontmatter of content/campaigns/NAME/index.md."),
	}
}

// For returns the schema of a struct type.
func For(t reflect.Type, title, description string) Schema {
	s := of(t)
	s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
	s["title"] = title
	s["description"] = description
	return s
}

// Marshal renders a schema as indented JSON with a final newline; maps are
// sorted by encoding/json, so the output is stable.
func Marshal(s Schema) ([]byte, error) {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func of(t reflect.Type) Schema {
	if reflect.PointerTo(t).Implements(providerType) {
		return reflect.New(t).Interface().(Provider).JSONSchema()
	}
	switch t {
	case timeType:
		return Schema{"type": "string", "pattern": datePattern}
	case durationType:
		return Schema{"type": "string", "pattern": `^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$`}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return of(t.Elem())
	case reflect.String:
		return Schema{"type": "string"}
	case reflect.Bool:
		return Schema{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return Schema{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return Schema{"type": "number"}
	case reflect.Slice:
		return Schema{"type": "array", "items": of(t.Elem())}
	case reflect.Map:
		return Schema{"type": "object", "additionalProperties": of(t.Elem())}
	case reflect.Struct:
		return object(t)
	}
	return Schema{}
}

func object(t reflect.Type) Schema {
	props := Schema{}
	var required []string
	for _, f := range decode.Fields(t).List() {
		p := of(f.Type)
		if doc := f.Tag.Get("doc"); doc != "" {
			p["description"] = doc
		}
		if enum := f.Tag.Get("enum"); enum != "" {
			p["enum"] = strings.Split(enum, ",")
		}
		if pattern := f.Tag.Get("pattern"); pattern != "" {
			p["pattern"] = pattern
		}
		props[f.Key] = p
		if f.Required {
			required = append(required, f.Key)
		}
	}
	s := Schema{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}
