// Package text is the prose an item publishes, as the editorial,
// typography and spelling rules read it: every paragraph, heading and list
// item of the body, an article's title, description and share texts, and a
// post's variant for each channel. Each segment maps its text back to the
// file, so diagnostics point at the right line and column and fixes edit
// exactly the bytes they mean to, in the body as in a frontmatter value.
package text

import (
	"bytes"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/prose"
)

// Segment is one stretch of published prose.
type Segment struct {
	// Field says where the text is: "body", "title", "description",
	// "variants.NAME" or "share.NAME".
	Field string
	// Channels are the channels that publish this text: the site channels
	// for an article's body, title and description, the post's channels
	// without a variant for its body, the one channel of a variant or a
	// share text.
	Channels []string
	// Text is the prose: for the body, prose.Block's text (code spans
	// blanked, typographic quotes applied); for a frontmatter value, the
	// value as YAML reads it.
	Text string
	// Masked is Text with inline code, URLs, e-mail addresses, domain and
	// file names, @mentions and #hashtags replaced by spaces of the same
	// byte length: what words are read from.
	Masked string
	// Words are the words of Masked, in the document's language.
	Words []prose.Word
	// Block is the body block, nil for a frontmatter value.
	Block *prose.Block
	// Quoted is true inside a block quote.
	Quoted bool

	doc   *content.Document
	node  *yaml.Node
	offs  []int  // frontmatter: offset in Src of each byte of Text, -1 unknown
	exact []bool // frontmatter: the byte directly follows the previous one in Src

	editable bool // frontmatter: edits are safe (see mapScalar)

	sentencesOnce sync.Once
	sentences     []prose.Span
}

// Sentences are the sentences of Masked, computed once for every rule.
func (s *Segment) Sentences() []prose.Span {
	s.sentencesOnce.Do(func() { s.sentences = prose.Sentences(s.Masked) })
	return s.sentences
}

// Doc is the document the segment belongs to.
func (s *Segment) Doc() *content.Document { return s.doc }

// IsBody says whether the segment is a block of the Markdown body.
func (s *Segment) IsBody() bool { return s.Block != nil }

// Heading says whether the segment is a heading of the body.
func (s *Segment) Heading() bool { return s.Block != nil && s.Block.Kind == prose.Heading }

// Offset is the byte offset in the file of Text[i]: exact for text read as
// is, the nearest place for text the typographer or YAML rewrote.
func (s *Segment) Offset(i int) int {
	if s.Block != nil {
		return s.doc.BodyStart + s.Block.BodyOffset(i)
	}
	if i >= len(s.offs) {
		if n := len(s.offs); n > 0 && s.offs[n-1] >= 0 {
			_, size := utf8.DecodeLastRuneInString(s.Text)
			return s.offs[n-1] + size
		}
		i = len(s.offs) - 1
	}
	for ; i >= 0; i-- {
		if s.offs[i] >= 0 {
			return s.offs[i]
		}
	}
	return s.doc.Offset(s.doc.NodePos(s.node))
}

// Pos is the file position of Text[i].
func (s *Segment) Pos(i int) content.Position { return s.doc.Pos(s.Offset(i)) }

// Exact says whether Text[i:j] is, byte for byte, the file's bytes at
// Offset(i), so that an edit of those bytes edits exactly that text.
func (s *Segment) Exact(i, j int) bool {
	if i < 0 || j > len(s.Text) || i > j {
		return false
	}
	if s.Block != nil {
		start := s.Offset(i)
		if start+(j-i) > len(s.doc.Src) || string(s.doc.Src[start:start+j-i]) != s.Text[i:j] {
			return false
		}
		for k := i + 1; k < j; k++ {
			if s.Offset(k) != start+k-i {
				return false
			}
		}
		return true
	}
	for k := i; k < j; k++ {
		if s.offs[k] < 0 || (k > i && !s.exact[k]) {
			return false
		}
	}
	return true
}

// Fix is an edit replacing Text[i:j] with repl in the file, or nil when
// those bytes cannot be edited with certainty: rewritten by the typographer
// or by YAML quoting, spread over two lines, or inside a TOML frontmatter.
// With i == j it inserts repl before Text[i] (or after the last byte).
func (s *Segment) Fix(i, j int, repl string) *check.Fix {
	if bytes.ContainsAny([]byte(repl), "\r\n") || bytes.ContainsAny([]byte(s.Text[i:j]), "\r\n") {
		return nil
	}
	if s.node != nil && !s.safeInScalar(s.Text[i:j], repl) {
		return nil
	}
	if i == j {
		if i < len(s.Text) {
			_, size := utf8.DecodeRuneInString(s.Text[i:])
			if !s.Exact(i, i+size) {
				return nil
			}
			off := s.Offset(i)
			return &check.Fix{Start: off, End: off, New: repl}
		}
		if i == 0 {
			return nil
		}
		_, size := utf8.DecodeLastRuneInString(s.Text[:i])
		if !s.Exact(i-size, i) {
			return nil
		}
		off := s.Offset(i-size) + size
		return &check.Fix{Start: off, End: off, New: repl}
	}
	if !s.Exact(i, j) {
		return nil
	}
	off := s.Offset(i)
	return &check.Fix{Start: off, End: off + j - i, New: repl}
}

// safeInScalar says whether replacing old with repl inside the YAML scalar
// keeps it the same kind of scalar: no quote or escape of a quoted scalar
// is touched, and TOML frontmatter is never edited.
func (s *Segment) safeInScalar(old, repl string) bool {
	if !s.editable {
		return false
	}
	switch s.node.Style {
	case yaml.DoubleQuotedStyle:
		return !bytes.ContainsAny([]byte(old+repl), "\"\\")
	case yaml.SingleQuotedStyle:
		return !bytes.ContainsAny([]byte(old+repl), "'")
	case 0:
		// A plain scalar must not gain what would end it or start a comment.
		return !bytes.ContainsAny([]byte(repl), "#:")
	}
	return true
}

// Segments returns the published prose of a document, computed once and
// shared by every rule. A document that is not an article or a post has
// none.
func Segments(p *check.Pass) []*Segment {
	if p.Item == nil {
		return nil
	}
	cfg := p.Repo.Config
	return p.Doc.Memo(memoKey{}, func() any { return build(cfg, p.Doc, p.Item) }).([]*Segment)
}

type memoKey struct{}

func build(cfg *config.Config, d *content.Document, item content.Item) []*Segment {
	lang := item.Language()
	var out []*Segment
	add := func(s *Segment) {
		s.doc = d
		s.Masked = Mask(s.Text)
		s.Words = prose.Words(s.Masked, lang)
		out = append(out, s)
	}
	addValue := func(field string, channels []string, node *yaml.Node) {
		if node == nil || node.Kind != yaml.ScalarNode || node.Value == "" {
			return
		}
		s := &Segment{Field: field, Channels: channels, Text: node.Value, node: node}
		s.offs, s.exact, s.editable = mapScalar(d, node)
		add(s)
	}
	addBody := func(channels []string) {
		for _, b := range prose.Blocks(d) {
			add(&Segment{Field: "body", Channels: channels, Text: b.Text, Block: b, Quoted: b.Quoted})
		}
	}
	switch it := item.(type) {
	case *content.Article:
		site := siteChannels(cfg)
		_, title := d.Key("title")
		addValue("title", site, title)
		_, desc := d.Key("description")
		addValue("description", site, desc)
		_, share := d.Key("share")
		eachEntry(share, func(k, v *yaml.Node) { addValue("share."+k.Value, []string{k.Value}, v) })
		addBody(site)
	case *content.Post:
		_, variants := d.Key("variants")
		eachEntry(variants, func(k, v *yaml.Node) { addValue("variants."+k.Value, []string{k.Value}, v) })
		var bodyChannels []string
		for _, c := range it.Channels {
			if _, ok := it.Variants[c]; !ok {
				bodyChannels = append(bodyChannels, c)
			}
		}
		addBody(bodyChannels)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Offset(0) < out[j].Offset(0) })
	return out
}

func eachEntry(m *yaml.Node, f func(k, v *yaml.Node)) {
	if m == nil || m.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		f(m.Content[i], m.Content[i+1])
	}
}

// siteChannels are the channels of type site: where articles are published.
func siteChannels(cfg *config.Config) []string {
	var out []string
	for _, name := range cfg.ChannelNames() {
		if cfg.Channels[name].Type == "site" {
			out = append(out, name)
		}
	}
	return out
}

// Publishes says whether the segment is published on channel.
func (s *Segment) Publishes(channel string) bool { return slices.Contains(s.Channels, channel) }
