package schema_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/rules/schema"
)

var all = []check.Rule{schema.File{}, schema.YAML{}, schema.Required{}, schema.Type{}, schema.UnknownKey{}}

// want is one expected diagnostic: "path:line:col rule message-substring".
type want struct {
	at, rule, message, suggestion string
}

func TestSchemaRules(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []want
	}{
		{
			name: "valid article, post and campaign in French and English",
			files: map[string]string{
				"content/blog/reseaux.md":                   "---\ntitle: Les réseaux sociaux après 21 h\ndate: 2026-11-02 21:00\nlang: fr\ntags: [social]\nshare: {mastodon: Nouveau !}\n---\nTexte.\n",
				"content/blog/evening/index.md":             "---\ntitle: Posting after 9 pm\ndate: 2026-11-02T21:00:00+01:00\nlang: en\n---\nText.\n",
				"content/social/tip.md":                     "---\npublish_at: next\nchannels: [mastodon]\nvariants: {mastodon: Short}\nmedia: [{src: a.png, alt: An image}]\n---\nA tip.\n",
				"content/campaigns/repair/index.md":         "---\ntitle: Repair week\nstarts: 2027-02-08\nends: 2027-02-14\nchannels: [bluesky]\n---\nBrief.\n",
				"content/campaigns/repair/day-one.md":       "---\npublish_at: 2027-02-08 12:15\n---\nDay one.\n",
				"content/campaigns/repair/README.md":        "Notes for editors, not content.\n",
				"content/blog/evening/cover.png":            "PNG",
				"content/social/queued-without-publish.md":  "---\nchannels: [bluesky]\n---\nQueued.\n",
				"content/blog/toml.md":                      "+++\ntitle = \"TOML article\"\ndate = 2026-01-02T10:00:00\n+++\nBody\n",
				"content/blog/leading-blank-lines-front.md": "\n\n---\ntitle: Blank lines first\ndate: 2026-01-02\n---\nBody\n",
			},
		},
		{
			name: "unknown key with did you mean, in an article (en)",
			files: map[string]string{
				"content/blog/a.md": "---\ntitel: Hello\ndate: 2026-01-01\nlang: en\n---\nBody\n",
			},
			want: []want{

				{"content/blog/a.md:2:1", "schema.unknown-key", `unknown key "titel"`, `did you mean "title"?`},
			},
		},
		{
			name: "mistyped values: date, list, lang, boolean (fr)",
			files: map[string]string{
				"content/blog/b.md": "---\ntitle: Réparer\ndate: demain\ntags: cuisine\nlang: de\ndraft: peut-être\n---\nCorps\n",
			},
			want: []want{
				{"content/blog/b.md:3:7", "schema.type", `date: "demain" is not a date`, "2026-12-01"},
				{"content/blog/b.md:4:7", "schema.type", `tags must be a list, not "cuisine"`, "write [cuisine]"},
				{"content/blog/b.md:5:7", "schema.type", `lang "de" is not one of the site's languages (fr, en)`, "site.languages"},
				{"content/blog/b.md:6:8", "schema.type", `draft must be true or false, not "peut-être"`, ""},
			},
		},
		{
			name: "a channel that is not configured, in channels and variants",
			files: map[string]string{
				"content/social/p.md": "---\nchannels: [mastodn, bluesky]\nvariants:\n  blusky: Salut\npublish_at: bientôt\n---\nBonjour\n",
			},
			want: []want{
				{"content/social/p.md:2:12", "schema.unknown-key", `channel "mastodn" is not configured`, `did you mean "mastodon"?`},
				{"content/social/p.md:4:3", "schema.unknown-key", `"blusky" is not a channel`, `did you mean "bluesky"?`},
				{"content/social/p.md:5:13", "schema.type", `"bientôt" is neither a date and time nor`, ""},
			},
		},
		{
			name: "positions after a byte order mark and CRLF line endings",
			files: map[string]string{
				"content/blog/c.md": "\uFEFF---\r\ntitle: \"Réseaux\"\r\ndate: 2026-01-01\r\nfoo: 1\r\n---\r\nBody\r\n",
			},
			want: []want{{"content/blog/c.md:4:1", "schema.unknown-key", `unknown key "foo"`, ""}},
		},
		{
			name: "columns count characters, not bytes",
			files: map[string]string{
				"content/blog/d.md": "---\ntitle: Été\ndate: 2026-01-01\nshare: {mastodon: « Été », blusky: x}\n---\n",
			},
			want: []want{{"content/blog/d.md:4:28", "schema.unknown-key", `share.blusky`, `did you mean "bluesky"?`}},
		},
		{
			name: "YAML syntax error reported once, at its line",
			files: map[string]string{
				"content/blog/e.md": "---\ntitle: Nos conseils: le tri\ndate: 2026-01-01\n---\n",
			},
			want: []want{{"content/blog/e.md:2:1", "schema.yaml", "not valid YAML", "quote the value"}},
		},
		{
			name: "tabs in indentation",
			files: map[string]string{
				"content/blog/f.md": "---\ntitle: x\nshare:\n\tmastodon: y\ndate: 2026-01-01\n---\n",
			},
			want: []want{{"content/blog/f.md:4:1", "schema.yaml", "not valid YAML", "indent with spaces"}},
		},
		{
			name: "unclosed frontmatter",
			files: map[string]string{
				"content/blog/g.md": "\n---\ntitle: x\ndate: 2026-01-01\n\nBody without the closing line.\n",
			},
			want: []want{{"content/blog/g.md:2:1", "schema.yaml", "opened on line 2 is never closed", "add a line with --- after the last key"}},
		},
		{
			name: "empty file, and a file with only frontmatter",
			files: map[string]string{
				"content/blog/empty.md":      "",
				"content/blog/only-front.md": "---\ntitle: Only frontmatter\ndate: 2026-01-01\n---\n",
				"content/social/only.md":     "---\nchannels: [mastodon]\n---\n",
			},
			want: []want{
				{"content/blog/empty.md:1:1", "schema.required", "title is required", "start the file with frontmatter"},
				{"content/blog/empty.md:1:1", "schema.required", "date is required", "start the file with frontmatter"},
				{"content/social/only.md:4:1", "schema.required", "the post has no text", "write the post's text"},
			},
		},
		{
			name: "a post with no channel, and a campaign post without its campaign",
			files: map[string]string{
				"content/social/nowhere.md":       "---\npublish_at: next\n---\nHello\n",
				"content/campaigns/ghost/post.md": "---\nchannels: [mastodon]\n---\nHello\n",
			},
			want: []want{
				{"content/campaigns/ghost/post.md:1:1", "schema.file", "content/campaigns/ghost, which has no index.md", "cm new campaign"},
				{"content/social/nowhere.md:2:1", "schema.required", "channels is required", "channels: [name]"},
			},
		},
		{
			name: "a campaign that ends before it starts, and a missing key in media",
			files: map[string]string{
				"content/campaigns/x/index.md": "---\ntitle: X\nstarts: 2027-02-08\nends: 2027-02-01\n---\n",
				"content/social/m.md":          "---\nchannels: [mastodon]\nmedia:\n  - alt: no source\n---\nHi\n",
			},
			want: []want{
				{"content/campaigns/x/index.md:4:7", "schema.type", "ends before it starts", "set ends after starts"},
				{"content/social/m.md:4:5", "schema.required", "media[0].src is required", "under media[0]"},
			},
		},
		{
			name: "files that cannot be read or placed",
			files: map[string]string{
				"content/blog/bin.md":          "abc\x00def",
				"content/blog/latin1.md":       "---\ntitle: caf\xe9\n---\n",
				"content/news.md":              "---\ntitle: x\n---\n",
				"content/blog/bundle/notes.md": "notes",
				"content/blog/bundle/index.md": "---\ntitle: Bundle\ndate: 2026-01-01\n---\n",
			},
			want: []want{
				{"content/blog/bin.md:1:1", "schema.file", "binary file", ""},
				{"content/blog/bundle/notes.md:1:1", "schema.file", "a page bundle holds one article", "move or rename"},
				{"content/blog/latin1.md:2:11", "schema.file", "not valid UTF-8", "save it as UTF-8"},
				{"content/news.md:1:1", "schema.file", "cm reads content/blog", ""},
			},
		},
		{
			name: "TOML frontmatter errors keep their lines",
			files: map[string]string{
				"content/blog/t.md": "+++\ntitle = \"T\"\ndate = 2026-01-02\ntitl = 3\n+++\n",
			},
			want: []want{{"content/blog/t.md:4:1", "schema.unknown-key", `unknown key "titl"`, `did you mean "title"?`}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := checktest.Run(t, tt.files, all...)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%s", len(got), len(tt.want), dump(got))
			}
			for i, w := range tt.want {
				g := got[i]
				at := fmt.Sprintf("%s:%d:%d", g.File, g.Line, g.Column)
				if at != w.at || g.Rule != w.rule || !strings.Contains(g.Message, w.message) || !strings.Contains(g.Suggestion, w.suggestion) {
					t.Errorf("diagnostic %d:\n got  %s %s %q (fix %q)\n want %s %s %q (fix %q)", i, at, g.Rule, g.Message, g.Suggestion, w.at, w.rule, w.message, w.suggestion)
				}
				if g.Severity != check.Error {
					t.Errorf("diagnostic %d: severity %s, want error", i, g.Severity)
				}
			}
		})
	}
}

func dump(ds []check.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "  %s:%d:%d %s %s (fix: %s)\n", d.File, d.Line, d.Column, d.Rule, d.Message, d.Suggestion)
	}
	return b.String()
}
