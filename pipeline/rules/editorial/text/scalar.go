package text

import (
	"bytes"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/content"
)

// maxSkip is how far the scalar mapping looks ahead in the file for the
// next character of the value: past a quote, an escape, a line break and
// its indentation, never further.
const maxSkip = 64

// mapScalar maps each byte of a frontmatter scalar's value to its offset in
// the file. YAML rewrites text (quotes, escapes, folded lines), so the
// value is walked alongside the source: each character of the value is
// looked for a little ahead in the source. exact[i] is true when byte i
// directly follows the previous one in the source (nothing skipped), which
// is what an edit needs; offs[i] is -1 when the character was not found
// (an escape such as \u00e9).
//
// editable is false when the value cannot be edited with certainty: a
// double-quoted scalar with escapes, or a TOML frontmatter.
func mapScalar(d *content.Document, n *yaml.Node) (offs []int, exact []bool, editable bool) {
	val := n.Value
	offs = make([]int, len(val))
	exact = make([]bool, len(val))
	for i := range offs {
		offs[i] = -1
	}
	src := d.Src
	limit := d.BodyStart
	if limit > len(src) || limit == 0 {
		limit = len(src)
	}
	j := d.Offset(d.NodePos(n))
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		// The value starts on the line after the indicator.
		for j < limit && src[j] != '\n' {
			j++
		}
		j++
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		j++
	}
	start, first := j, true
	for i := 0; i < len(val); {
		_, size := utf8.DecodeRuneInString(val[i:])
		found := -1
		for k := j; k < limit && k-j <= maxSkip; {
			if k+size <= limit && string(src[k:k+size]) == val[i:i+size] {
				found = k
				break
			}
			_, s := utf8.DecodeRune(src[k:])
			k += s
		}
		if found >= 0 {
			for b := 0; b < size; b++ {
				offs[i+b] = found + b
				exact[i+b] = b > 0 || found == j || first
			}
			j = found + size
			first = false
		}
		i += size
	}
	if n.Style == yaml.DoubleQuotedStyle && bytes.IndexByte(src[start:j], '\\') >= 0 {
		// Escapes rewrite the text: a character found after one may not be
		// the one the value holds. Positions stay, edits are refused.
		return offs, exact, false
	}
	return offs, exact, d.Format == content.YAML
}
