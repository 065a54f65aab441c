package content

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/adrg/frontmatter"
	"gopkg.in/yaml.v3"
)

const bom = "\uFEFF"

// split is where the frontmatter and the body of a file are.
type split struct {
	format     Format
	frontStart int // offset of the frontmatter text
	frontEnd   int // offset just past it
	bodyStart  int // offset of the body
	openLine   int // line of the opening delimiter, for errors
}

// errUnclosed is an opening delimiter with no closing one.
var errUnclosed = errors.New("unclosed frontmatter")

// splitFrontmatter finds the frontmatter of src with adrg/frontmatter, which
// accepts blank lines before the opening `---` or `+++`, and keeps the byte
// offsets so positions can be mapped back into the file.
func splitFrontmatter(src []byte) (split, error) {
	start := 0
	if bytes.HasPrefix(src, []byte(bom)) {
		start = len(bom)
	}
	// Find the first non-blank line: it decides whether there is frontmatter.
	off, line := start, 1
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		} else {
			end++
		}
		text := strings.TrimSpace(string(src[off : off+end]))
		if text != "" {
			var f Format
			switch text {
			case "---":
				f = YAML
			case "+++":
				f = TOML
			default:
				return split{bodyStart: start}, nil
			}
			return splitAt(src, start, off+end, line, f)
		}
		off += end
		line++
	}
	return split{bodyStart: start}, nil
}

func splitAt(src []byte, start, frontStart, openLine int, f Format) (split, error) {
	delim := "---"
	if f == TOML {
		delim = "+++"
	}
	var data []byte
	found := false
	capture := func(b []byte, _ any) error {
		data, found = b, true
		return nil
	}
	// adrg/frontmatter copies all it reads; give it the file only up to the
	// first closing delimiter line, which is all it needs to read.
	limit := closingLineEnd(src, frontStart, delim)
	rest, err := frontmatter.Parse(bytes.NewReader(src[start:limit]), nil, frontmatter.NewFormat(delim, delim, capture))
	if err != nil {
		return split{}, fmt.Errorf("reading frontmatter: %w", err)
	}
	if !found {
		return split{format: f, openLine: openLine, bodyStart: len(src)}, errUnclosed
	}
	s := split{
		format:     f,
		frontStart: frontStart,
		frontEnd:   frontStart + len(data),
		bodyStart:  limit - len(rest),
		openLine:   openLine,
	}
	if !bytes.Equal(src[s.frontStart:s.frontEnd], data) {
		// adrg/frontmatter and this function disagree on where the text
		// starts; that is a bug here, not in the user's file.
		return split{}, fmt.Errorf("internal error: frontmatter offsets do not match")
	}
	return s, nil
}

// parseFront decodes the frontmatter text into a YAML mapping node. A syntax
// error is returned as a problem with the file line.
func (d *Document) parseFront(s split) {
	text := d.Src[s.frontStart:s.frontEnd]
	var root yaml.Node
	switch s.format {
	case YAML:
		if err := yaml.Unmarshal(text, &root); err != nil {
			d.yamlProblem(err, text)
			return
		}
	case TOML:
		n, err := tomlToNode(text)
		if err != nil {
			d.Problems = append(d.Problems, Problem{Rule: "schema.yaml", Pos: Position{Line: d.FrontLine + tomlErrorLine(err) - 1, Column: 1},
				Message: "the TOML frontmatter cannot be read: " + err.Error(), Suggestion: "fix the TOML syntax (key = \"value\")"})
			return
		}
		root = *n
	}
	n := &root
	if n.Kind == 0 {
		return // only comments or blank lines: the required keys will say what is missing
	}
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return // empty frontmatter: the required keys will say what is missing
		}
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		d.Problems = append(d.Problems, Problem{Rule: "schema.type", Pos: d.NodePos(n),
			Message: "the frontmatter must be a map of keys to values", Suggestion: "write one `key: value` per line"})
		return
	}
	d.Front = n
}

func (d *Document) yamlProblem(err error, text []byte) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if _, scanErr := fmt.Sscanf(msg, "line %d:", &line); scanErr == nil {
		_, msg, _ = strings.Cut(msg, ": ")
	}
	fix := "fix the YAML syntax: one `key: value` per line, quotes around values that contain `: ` or start with a special character"
	lines := bytes.Split(text, []byte("\n"))
	if bytes.ContainsRune(text, '\t') {
		fix = "indent with spaces: YAML does not allow tabs"
	}
	if line >= 1 && line <= len(lines) && bytes.Contains(lines[line-1], []byte(": ")) && strings.Contains(msg, "mapping values") {
		fix = "quote the value: it contains `: `"
	}
	d.Problems = append(d.Problems, Problem{Rule: "schema.yaml", Pos: Position{Line: d.FrontLine + line - 1, Column: 1},
		Message: "the frontmatter is not valid YAML: " + msg, Suggestion: fix})
}

// closingLineEnd is the offset just past the first line from off that is the
// delimiter (surrounding spaces allowed), or len(src) when there is none.
func closingLineEnd(src []byte, off int, delim string) int {
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if end >= 0 {
			next = off + end + 1
		}
		if string(bytes.TrimSpace(src[off:next])) == delim {
			return next
		}
		off = next
	}
	return len(src)
}
