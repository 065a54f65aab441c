package content

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	"gopkg.in/yaml.v3"
)

// tomlToNode reads TOML frontmatter into the same YAML node tree as YAML
// frontmatter, so every rule sees one shape. Top-level keys and table
// headers keep their line; values nested in inline tables share their key's
// line.
func tomlToNode(text []byte) (*yaml.Node, error) {
	var m map[string]any
	if _, err := toml.Decode(string(text), &m); err != nil {
		return nil, err
	}
	lines := topLevelLines(string(text))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// Keep the author's order: sort by line, then name.
	sort.SliceStable(keys, func(i, j int) bool {
		if lines[keys[i]] != lines[keys[j]] {
			return lines[keys[i]] < lines[keys[j]]
		}
		return keys[i] < keys[j]
	})
	root := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	for _, k := range keys {
		line := max(lines[k], 1)
		v, err := valueNode(m[k], line)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		root.Content = append(root.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: 1}, v)
	}
	return root, nil
}

var tomlKeyLine = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*(?:\[\s*)?"?([A-Za-z0-9_\-]+)"?\s*(?:=|\])`) })

// topLevelLines finds the line of each top-level key: `key = ...` before any
// table header, and `[key]` headers.
func topLevelLines(text string) map[string]int {
	out := map[string]int{}
	inTable := false
	for i, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		isHeader := strings.HasPrefix(trimmed, "[")
		if isHeader {
			inTable = true
		}
		if inTable && !isHeader {
			continue
		}
		if m := tomlKeyLine().FindStringSubmatch(line); m != nil {
			if _, seen := out[m[1]]; !seen {
				out[m[1]] = i + 1
			}
		}
	}
	return out
}

func valueNode(v any, line int) (*yaml.Node, error) {
	n := &yaml.Node{}
	switch x := v.(type) {
	case time.Time:
		// TOML's local dates and times carry a marker location; write them
		// without an offset so they are read in the site's timezone.
		s := x.Format(time.RFC3339Nano)
		switch x.Location().String() {
		case "date-local":
			s = x.Format("2006-01-02")
		case "datetime-local":
			s = x.Format("2006-01-02T15:04:05")
		}
		n = &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: s}
	default:
		if err := n.Encode(v); err != nil {
			return nil, err
		}
	}
	setLine(n, line)
	return n, nil
}

func setLine(n *yaml.Node, line int) {
	n.Line, n.Column = line, 1
	for _, c := range n.Content {
		setLine(c, line)
	}
}

func tomlErrorLine(err error) int {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return pe.Position.Line
	}
	return 1
}
