// Package decode turns a yaml.v3 node tree into Go structs strictly: every
// problem (an unknown key, a value of the wrong type, a missing required key)
// is collected with the position of the node that caused it, instead of
// stopping at the first one or losing the position the way yaml.Unmarshal
// does. cm.yaml and every kind of frontmatter go through it, so a user gets
// the same precise, fixable messages everywhere.
//
// Struct fields are matched by their `yaml` tag. A `cm:"required"` tag makes a
// key mandatory. time.Time accepts RFC 3339 and the usual "2006-01-02 15:04"
// forms; a time without offset is read in Options.Location.
package decode

import (
	"encoding"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"
)

// Kind says which of the schema rules a problem belongs to.
type Kind int

const (
	// Unknown is a key that the target does not have.
	Unknown Kind = iota
	// Type is a value that cannot become the field's type.
	Type
	// Required is a mandatory key that is missing.
	Required
)

func (k Kind) String() string {
	switch k {
	case Unknown:
		return "unknown-key"
	case Type:
		return "type"
	case Required:
		return "required"
	}
	return "problem"
}

// Problem is one thing wrong in the decoded YAML, at the node that shows it.
type Problem struct {
	Kind Kind
	// Path is the dotted key path, e.g. "channels.mastodon.instance".
	Path string
	// Line and Column are 1-based, relative to the YAML text.
	Line, Column int
	Message      string
	// Suggestion says how to fix it, e.g. `did you mean "title"?`.
	Suggestion string
}

func (p Problem) Error() string {
	s := fmt.Sprintf("%d:%d: %s", p.Line, p.Column, p.Message)
	if p.Suggestion != "" {
		s += " (" + p.Suggestion + ")"
	}
	return s
}

// Options tune decoding.
type Options struct {
	// Location is where times without an offset are read. Nil means UTC.
	Location *time.Location
}

// NodeDecoder is implemented by types that decode themselves from a node and
// need the options, such as a time that may be the word "next".
type NodeDecoder interface {
	DecodeNode(n *yaml.Node, opts Options) error
}

// Node decodes n into v, which must be a non-nil pointer, and returns every
// problem found. Fields whose value is wrong are left at their zero value;
// everything else is still decoded, so callers can go on with what is valid.
func Node(n *yaml.Node, v any, opts Options) []Problem {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		panic("decode.Node: v must be a non-nil pointer")
	}
	d := &decoder{opts: opts}
	if n != nil && n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			n = nil
		} else {
			n = n.Content[0]
		}
	}
	if n == nil {
		// An empty document: only the required keys can be wrong.
		d.checkRequired(&yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}, rv.Elem(), "", nil)
		return d.problems
	}
	d.value(n, rv.Elem(), "")
	return d.problems
}

type decoder struct {
	opts     Options
	problems []Problem
	aliases  int
}

// maxAliases bounds how many aliases one document may expand, so that a
// "billion laughs" file cannot make cm explode in time or memory.
const maxAliases = 1000

func (d *decoder) add(kind Kind, n *yaml.Node, path, msg, suggestion string) {
	d.problems = append(d.problems, Problem{
		Kind: kind, Path: path, Line: n.Line, Column: n.Column,
		Message: msg, Suggestion: suggestion,
	})
}

var (
	timeType        = reflect.TypeFor[time.Time]()
	durationType    = reflect.TypeFor[time.Duration]()
	nodeDecoderType = reflect.TypeFor[NodeDecoder]()
	textType        = reflect.TypeFor[encoding.TextUnmarshaler]()
	yamlNodeType    = reflect.TypeFor[yaml.Node]()
)

func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.AliasNode {
		d.aliases++
		if n.Alias == nil || d.aliases > maxAliases {
			if d.aliases == maxAliases+1 || n.Alias == nil {
				d.add(Type, n, path, "too many YAML aliases (*name) to expand", "write the values out instead of using anchors and aliases")
			}
			return
		}
		n = n.Alias
	}
	if v.CanAddr() && v.Addr().Type().Implements(nodeDecoderType) {
		if isNull(n) {
			return
		}
		if err := v.Addr().Interface().(NodeDecoder).DecodeNode(n, d.opts); err != nil {
			d.add(Type, n, path, fmt.Sprintf("%s: %v", label(path), err), "")
		}
		return
	}
	switch v.Type() {
	case yamlNodeType:
		v.Set(reflect.ValueOf(*n))
		return
	case timeType:
		if isNull(n) {
			return
		}
		t, err := ParseTime(n.Value, d.opts.Location)
		if err != nil || n.Kind != yaml.ScalarNode {
			d.add(Type, n, path, fmt.Sprintf("%s: %q is not a date", label(path), n.Value),
				`write a date like 2026-12-01 or 2026-12-01T21:00:00+01:00`)
			return
		}
		v.Set(reflect.ValueOf(t))
		return
	case durationType:
		if isNull(n) {
			return
		}
		dur, err := time.ParseDuration(n.Value)
		if err != nil || n.Kind != yaml.ScalarNode {
			d.add(Type, n, path, fmt.Sprintf("%s: %q is not a duration", label(path), n.Value),
				`write a duration like 90m or 2h`)
			return
		}
		v.SetInt(int64(dur))
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(textType) && n.Kind == yaml.ScalarNode {
		if err := v.Addr().Interface().(encoding.TextUnmarshaler).UnmarshalText([]byte(n.Value)); err != nil {
			d.add(Type, n, path, fmt.Sprintf("%s: %v", label(path), err), "")
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if isNull(n) {
			return
		}
		p := reflect.New(v.Type().Elem())
		before := len(d.problems)
		d.value(n, p.Elem(), path)
		if len(d.problems) == before {
			v.Set(p)
		}
	case reflect.Struct:
		d.structure(n, v, path)
	case reflect.Map:
		d.mapping(n, v, path)
	case reflect.Slice:
		d.sequence(n, v, path)
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			d.add(Type, n, path, fmt.Sprintf("%s: %v", label(path), err), "")
			return
		}
		if x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		d.scalar(n, v, path)
	}
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// label names a key path in messages; the root has no name.
func label(path string) string {
	if path == "" {
		return "value"
	}
	return path
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (d *decoder) scalar(n *yaml.Node, v reflect.Value, path string) {
	want := typeName(v.Type())
	if isNull(n) {
		return
	}
	if n.Kind != yaml.ScalarNode {
		d.add(Type, n, path, fmt.Sprintf("%s must be %s, not %s", label(path), want, nodeName(n)), "")
		return
	}
	// Each case returns when the value fits; anything else falls through to
	// one message that says what was expected.
	switch v.Kind() {
	case reflect.String:
		// Quoted or not, a scalar is text; YAML's 1.1 booleans would surprise
		// people writing `title: yes`, so no tag is checked here.
		v.SetString(n.Value)
		return
	case reflect.Bool:
		if n.Tag == "!!bool" {
			if b, err := strconv.ParseBool(strings.ToLower(n.Value)); err == nil {
				v.SetBool(b)
				return
			}
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if n.Tag == "!!int" {
			if i, err := strconv.ParseInt(n.Value, 0, v.Type().Bits()); err == nil {
				v.SetInt(i)
				return
			}
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if n.Tag == "!!int" {
			if u, err := strconv.ParseUint(n.Value, 0, v.Type().Bits()); err == nil {
				v.SetUint(u)
				return
			}
		}
	case reflect.Float32, reflect.Float64:
		if n.Tag == "!!int" || n.Tag == "!!float" {
			if f, err := strconv.ParseFloat(n.Value, v.Type().Bits()); err == nil {
				v.SetFloat(f)
				return
			}
		}
	default:
		// A field type this decoder does not know is a bug in cm, reported
		// where the value is rather than crashing.
		d.add(Type, n, path, fmt.Sprintf("%s: cm cannot read a %s (a bug in cm)", label(path), v.Type()), "")
		return
	}
	d.add(Type, n, path, fmt.Sprintf("%s must be %s, not %q", label(path), want, n.Value), "")
}

func (d *decoder) sequence(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		if n.Kind == yaml.ScalarNode && v.Type().Elem().Kind() == reflect.String {
			d.add(Type, n, path, fmt.Sprintf("%s must be a list, not %s", label(path), nodeName(n)),
				fmt.Sprintf("write [%s]", n.Value))
			return
		}
		d.add(Type, n, path, fmt.Sprintf("%s must be a list, not %s", label(path), nodeName(n)), "")
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.value(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(s)
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		d.add(Type, n, path, fmt.Sprintf("%s must be a map of keys to values, not %s", label(path), nodeName(n)), "")
		return
	}
	if v.Type().Key().Kind() != reflect.String {
		panic("decode: only maps with string keys are supported")
	}
	m := reflect.MakeMapWithSize(v.Type(), len(n.Content)/2)
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			d.add(Type, k, join(path, k.Value), fmt.Sprintf("%s is given twice", join(path, k.Value)), "keep one of them")
			continue
		}
		seen[k.Value] = true
		e := reflect.New(v.Type().Elem()).Elem()
		d.value(val, e, join(path, k.Value))
		m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), e)
	}
	v.Set(m)
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) {
	if isNull(n) {
		d.checkRequired(n, v, path, nil)
		return
	}
	if n.Kind != yaml.MappingNode {
		d.add(Type, n, path, fmt.Sprintf("%s must be a map of keys to values, not %s", label(path), nodeName(n)), "")
		return
	}
	fields := Fields(v.Type())
	seen := map[string]bool{}
	misspelled := map[string]bool{} // keys an unknown key was probably meant to be
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		f, ok := fields.byKey[key]
		if !ok {
			meant := closest(key, fields.keys)
			suggestion := ""
			if meant != "" {
				suggestion = fmt.Sprintf("did you mean %q?", meant)
				misspelled[meant] = true
			}
			d.add(Unknown, k, join(path, key), fmt.Sprintf("unknown key %q", join(path, key)), suggestion)
			continue
		}
		if seen[key] {
			d.add(Type, k, join(path, key), fmt.Sprintf("%s is given twice", join(path, key)), "keep one of them")
			continue
		}
		seen[key] = true
		d.value(val, v.FieldByIndex(f.index), join(path, key))
	}
	d.checkRequired(n, v, path, misspelled)
}

// checkRequired reports the required keys that are missing, except those
// already named by an unknown key's "did you mean": one typo, one message.
func (d *decoder) checkRequired(n *yaml.Node, v reflect.Value, path string, misspelled map[string]bool) {
	fields := Fields(v.Type())
	present := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		v := n.Content[i+1]
		// An empty value is as good as no value: `title: ""` has no title.
		present[n.Content[i].Value] = !isNull(v) && !(v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) == "")
	}
	for _, f := range fields.list {
		if f.Required && !present[f.Key] && !misspelled[f.Key] {
			where := "here"
			if path != "" {
				where = "under " + path
			}
			d.add(Required, n, join(path, f.Key), fmt.Sprintf("%s is required", join(path, f.Key)),
				fmt.Sprintf("add `%s:` %s", f.Key, where))
		}
	}
}

// Field describes one key of a struct as the YAML sees it.
type Field struct {
	Key      string
	Required bool
	Type     reflect.Type
	// Tag is the struct field's tag, for documentation (doc, enum, pattern).
	Tag   reflect.StructTag
	index []int
}

// FieldSet is the keys of a struct type.
type FieldSet struct {
	list  []Field
	byKey map[string]Field
	keys  []string
}

// fieldCache holds the FieldSet of each struct type: reflection is costly
// and every document of a kind has the same fields.
var fieldCache sync.Map // reflect.Type -> FieldSet

// Fields lists the YAML keys of a struct type, in declaration order, following
// embedded structs and `yaml:",inline"` fields.
func Fields(t reflect.Type) FieldSet {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.(FieldSet)
	}
	fs := fields(t)
	fieldCache.Store(t, fs)
	return fs
}

func fields(t reflect.Type) FieldSet {
	fs := FieldSet{byKey: map[string]Field{}}
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("yaml")
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(append([]int(nil), index...), i)
			if (sf.Anonymous && tag == "") || strings.Contains(opts, "inline") {
				if sf.Type.Kind() == reflect.Struct {
					walk(sf.Type, idx)
				}
				continue
			}
			if !sf.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = strings.ToLower(sf.Name)
			}
			f := Field{Key: name, Type: sf.Type, Tag: sf.Tag, index: idx,
				Required: strings.Contains(sf.Tag.Get("cm"), "required")}
			fs.list = append(fs.list, f)
			fs.byKey[name] = f
			fs.keys = append(fs.keys, name)
		}
	}
	walk(t, nil)
	return fs
}

// List returns the fields in declaration order.
func (fs FieldSet) List() []Field { return fs.list }

func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return t.String()
}

func nodeName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	}
	return fmt.Sprintf("%q", n.Value)
}

// DidYouMean suggests the closest of candidates to s, or "" when none is
// close enough to be a plausible typo.
func DidYouMean(s string, candidates []string) string {
	if c := closest(s, candidates); c != "" {
		return fmt.Sprintf("did you mean %q?", c)
	}
	return ""
}

// closest is the candidate within typo distance of s, or "".
func closest(s string, candidates []string) string {
	best, bestDist := "", 1<<30
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	ls := strings.ToLower(s)
	for _, c := range sorted {
		dist := levenshtein(ls, strings.ToLower(c))
		if dist < bestDist {
			best, bestDist = c, dist
		}
	}
	// Allow about one typo per three letters, and at least one.
	limit := max(1, len([]rune(s))/3)
	if best == "" || bestDist > limit {
		return ""
	}
	return best
}

// levenshtein is the optimal string alignment distance: insertions,
// deletions, substitutions and transpositions of neighbours ("titel") each
// count as one typo.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	rows := [3][]int{make([]int, len(rb)+1), make([]int, len(rb)+1), make([]int, len(rb)+1)}
	for j := range rows[1] {
		rows[1][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		pp, prev, cur := rows[0], rows[1], rows[2]
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], pp[j-2]+1)
			}
		}
		rows[0], rows[1], rows[2] = prev, cur, pp
	}
	return rows[1][len(rb)]
}
