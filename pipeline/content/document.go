// Package content is cm's model of a content repository: articles, social
// posts and campaigns, each read and parsed once into a Document that keeps
// its source and maps any byte offset to the line and column an editor shows.
package content

import (
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"gopkg.in/yaml.v3"
)

// Kind is the kind of a content file.
type Kind int

const (
	// KindUnknown is a file cm could not place or read.
	KindUnknown Kind = iota
	// KindArticle is a blog article under content/blog.
	KindArticle
	// KindPost is a social post under content/social or inside a campaign.
	KindPost
	// KindCampaign is a campaign's index.md under content/campaigns/NAME.
	KindCampaign
)

func (k Kind) String() string {
	switch k {
	case KindArticle:
		return "article"
	case KindPost:
		return "post"
	case KindCampaign:
		return "campaign"
	}
	return "file"
}

// Format is the frontmatter syntax of a document.
type Format int

const (
	// NoFrontmatter: the file has none.
	NoFrontmatter Format = iota
	// YAML is `---` delimited.
	YAML
	// TOML is `+++` delimited.
	TOML
)

// Position is a place in a file as an editor shows it: 1-based line and
// 1-based column counted in characters, frontmatter lines included.
type Position struct {
	Line, Column int
}

// Document is one content file, read and parsed once. Every later stage
// reads from it; none parses the file again.
type Document struct {
	// Path is relative to the repo root, with forward slashes.
	Path string
	// Kind says what the file is.
	Kind Kind
	// Src is the whole file as read from disk.
	Src []byte
	// Format is the frontmatter syntax.
	Format Format
	// Front is the frontmatter as a YAML mapping node (TOML is converted),
	// with lines and columns relative to FrontLine. Nil when absent or
	// unparsable.
	Front *yaml.Node
	// FrontStart is the byte offset of the frontmatter text (after the
	// opening delimiter line); FrontLine the file line it starts on.
	FrontStart, FrontLine int
	// BodyStart is the byte offset where the Markdown body begins.
	BodyStart int
	// Problems are what went wrong reading or decoding this file; the
	// schema rules report them.
	Problems []Problem

	linesOnce sync.Once
	lines     []int // byte offset of the start of each line, built on first use

	astMu  sync.Mutex
	ast    ast.Node
	lang   string
	memoMu sync.Mutex
	memo   map[any]*memoEntry

	// outline is set on a document read from the site index instead of
	// from disk: it has no source, only what other pages ask of it.
	outline *outline
}

type memoEntry struct {
	once sync.Once
	v    any
}

// Memo returns a value derived from the document, computed once by build
// and shared by every stage that asks with the same key (for example the
// prose of its body). Keys should be unexported types of the asking package.
func (d *Document) Memo(key any, build func() any) any {
	d.memoMu.Lock()
	entry := d.memo[key]
	if entry == nil {
		if d.memo == nil {
			d.memo = map[any]*memoEntry{}
		}
		entry = &memoEntry{}
		d.memo[key] = entry
	}
	d.memoMu.Unlock()
	entry.once.Do(func() { entry.v = build() })
	return entry.v
}

// Release forgets everything derived from the source (the AST and every
// memo) so that its memory can be reclaimed once a stage is done with the
// document: a check of 10,000 articles then holds the trees of the articles
// being checked, not of all of them. Later calls compute again; goroutines
// holding a released value keep a valid one.
func (d *Document) Release() {
	d.ReleaseAST()
	d.memoMu.Lock()
	d.memo = nil
	d.memoMu.Unlock()
}

// Problem is a defect found while loading a document, reported later by the
// schema rule with the same id.
type Problem struct {
	Rule       string
	Pos        Position
	Message    string
	Suggestion string
}

func newDocument(path string, src []byte) *Document {
	return &Document{Path: path, Src: src}
}

// lineTable returns the start offset of every line. Most documents of a
// large repo never report anything, so it is built on first use.
func (d *Document) lineTable() []int {
	d.linesOnce.Do(func() { d.lines = lineStarts(d.Src) })
	return d.lines
}

func lineStarts(src []byte) []int {
	starts := make([]int, 1, len(src)/40+1)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// Body is the Markdown after the frontmatter.
func (d *Document) Body() []byte { return d.Src[d.BodyStart:] }

// Pos maps a byte offset in Src to a line and column. A lone '\r' of a CRLF
// ending is not a column; an offset past the end maps to the end.
func (d *Document) Pos(offset int) Position {
	if offset < 0 {
		offset = 0
	}
	if offset > len(d.Src) {
		offset = len(d.Src)
	}
	lines := d.lineTable()
	line := sort.Search(len(lines), func(i int) bool { return lines[i] > offset }) - 1
	start := lines[line]
	col := utf8.RuneCount(d.Src[start:offset]) + 1
	if line == 0 && len(d.Src) >= 3 && string(d.Src[:3]) == "\uFEFF" && offset >= 3 {
		col-- // editors do not show the byte order mark
	}
	return Position{Line: line + 1, Column: col}
}

// BodyPos maps an offset in Body() to a file position.
func (d *Document) BodyPos(offset int) Position { return d.Pos(d.BodyStart + offset) }

// NodePos maps a frontmatter node to a file position.
func (d *Document) NodePos(n *yaml.Node) Position {
	if n == nil {
		return Position{Line: d.FrontLine, Column: 1}
	}
	return Position{Line: d.FrontLine + n.Line - 1, Column: n.Column}
}

// Offset maps a file position back to a byte offset in Src.
func (d *Document) Offset(p Position) int {
	if p.Line < 1 {
		return 0
	}
	lines := d.lineTable()
	if p.Line > len(lines) {
		return len(d.Src)
	}
	off := lines[p.Line-1]
	if p.Line == 1 && len(d.Src) >= 3 && string(d.Src[:3]) == "\uFEFF" {
		off += 3
	}
	for col := 1; col < p.Column && off < len(d.Src) && d.Src[off] != '\n'; col++ {
		_, size := utf8.DecodeRune(d.Src[off:])
		off += size
	}
	return off
}

// LineCount is the number of lines of the file.
func (d *Document) LineCount() int { return len(d.lineTable()) }

// Line returns the text of a 1-based line, without its line ending.
func (d *Document) Line(n int) []byte {
	lines := d.lineTable()
	if n < 1 || n > len(lines) {
		return nil
	}
	end := len(d.Src)
	if n < len(lines) {
		end = lines[n] - 1
	}
	line := d.Src[lines[n-1]:end]
	if len(line) > 0 && line[len(line)-1] == '\r' {
		line = line[:len(line)-1]
	}
	return line
}

// Key returns the key and value nodes of a top-level frontmatter key, or
// nils when it is absent.
func (d *Document) Key(name string) (key, value *yaml.Node) {
	if d.Front == nil || d.Front.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(d.Front.Content); i += 2 {
		if d.Front.Content[i].Value == name {
			return d.Front.Content[i], d.Front.Content[i+1]
		}
	}
	return nil, nil
}

// KeyPos is the position of a top-level frontmatter key, or of the start of
// the frontmatter when the key is absent (where one would add it).
func (d *Document) KeyPos(name string) Position {
	k, _ := d.Key(name)
	return d.NodePos(k)
}

// ValuePos is the position of a top-level frontmatter key's value, or of the
// start of the frontmatter when the key is absent.
func (d *Document) ValuePos(name string) Position {
	_, v := d.Key(name)
	return d.NodePos(v)
}
