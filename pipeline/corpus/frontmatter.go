package corpus

import "strings"

// frontmatter writes YAML frontmatter the way people do by hand: free text
// in double quotes, dates, slugs and language codes bare, short lists in
// flow style. Keys come out in the order they are written, which keeps the
// output deterministic.
type frontmatter struct {
	b strings.Builder
}

func newFrontmatter() *frontmatter {
	f := &frontmatter{}
	f.b.Grow(1024)
	f.b.WriteString("---\n")
	return f
}

// yamlEscaper escapes what a double-quoted YAML scalar cannot hold as is.
// Generated text never contains control characters.
var yamlEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

func quote(s string) string { return `"` + yamlEscaper.Replace(s) + `"` }

// text writes free text: titles, descriptions, alt texts.
func (f *frontmatter) text(key, value string) { f.plain(key, quote(value)) }

// plain writes a value that is valid YAML as is: a date, a slug, a URL.
func (f *frontmatter) plain(key, value string) {
	f.b.WriteString(key)
	f.b.WriteString(": ")
	f.b.WriteString(value)
	f.b.WriteByte('\n')
}

func (f *frontmatter) flag(key string, value bool) {
	if value {
		f.plain(key, "true")
		return
	}
	f.plain(key, "false")
}

// list writes a flow sequence of plain items (tags, channels, hashtags).
func (f *frontmatter) list(key string, items []string) {
	f.plain(key, "["+strings.Join(items, ", ")+"]")
}

// textMap writes a map of free text, keys in the given order: share and
// variants, channel -> text.
func (f *frontmatter) textMap(key string, keys, values []string) {
	f.b.WriteString(key)
	f.b.WriteString(":\n")
	for i, k := range keys {
		f.b.WriteString("  ")
		f.plain(k, quote(values[i]))
	}
}

// media writes a post's media list with one image.
func (f *frontmatter) media(src, alt string) {
	f.b.WriteString("media:\n  - src: ")
	f.b.WriteString(src)
	f.b.WriteString("\n    alt: ")
	f.b.WriteString(quote(alt))
	f.b.WriteByte('\n')
}

// document closes the frontmatter and appends the Markdown body.
func (f *frontmatter) document(body string) []byte {
	out := make([]byte, 0, f.b.Len()+len(body)+8)
	out = append(out, f.b.String()...)
	out = append(out, "---\n\n"...)
	out = append(out, body...)
	return append(out, '\n')
}
