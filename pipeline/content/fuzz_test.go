package content

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/config"
)

var seeds = []string{
	"",
	"---\n---\n",
	"---\ntitle: x\ndate: 2026-01-01\n---\nBody\n",
	"\uFEFF---\r\ntitle: x\r\n---\r\nBody",
	"\n\n---\ntitle: x\n",
	"+++\ntitle = \"x\"\n+++\n",
	"+++\ntitle = \n+++\n",
	"---\n- a\n- b\n---\n",
	"---\ntitle: [unclosed\n---\n",
	"---\n\ttitle: x\n---\n",
	"---\ntitle: &a x\nslug: *a\n---\n",
	"---\nshare: {mastodon: « x », bluesky: y}\nvariants: 3\n---\n<!-- cm-disable -->\n# T\n",
	"no frontmatter at all\n---\n",
	"---",
	"+++",
	// A "billion laughs": each alias doubles what a naive decoder expands.
	"---\na: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: &d [*c, *c]\ne: &e [*d, *d]\nf: &f [*e, *e]\ng: &g [*f, *f]\nh: &h [*g, *g]\ni: &i [*h, *h]\nj: &j [*i, *i]\nk: &k [*j, *j]\ntags: [*k, *k, *k, *k]\n---\n",
}

func testConfig(t testing.TB) *config.Config {
	cfg, err := config.Parse([]byte("site: {title: T, base_url: https://t.example, languages: [fr, en], timezone: Europe/Paris}\nchannels: {mastodon: {type: mastodon}, bluesky: {type: bluesky}}\n"), "cm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// FuzzSplitFrontmatter checks that the splitter never panics and that its
// offsets always delimit the file.
func FuzzSplitFrontmatter(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := splitFrontmatter(src)
		if err != nil && err != errUnclosed {
			return
		}
		if s.bodyStart < 0 || s.bodyStart > len(src) || s.frontStart > s.frontEnd || s.frontEnd > len(src) {
			t.Fatalf("offsets out of the file: %+v (len %d)", s, len(src))
		}
		if s.format != NoFrontmatter && err == nil && s.frontEnd > s.bodyStart {
			t.Fatalf("frontmatter ends after the body starts: %+v", s)
		}
	})
}

// FuzzParse checks that any file, in any place, loads without panicking and
// that every problem points inside the file.
func FuzzParse(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s), "content/blog/a.md")
		f.Add([]byte(s), "content/social/p.md")
		f.Add([]byte(s), "content/campaigns/c/index.md")
	}
	cfg := testConfig(f)
	f.Fuzz(func(t *testing.T, src []byte, path string) {
		if !utf8.ValidString(path) {
			return
		}
		d, _ := Parse(cfg, path, src)
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, p := range d.Problems {
			if p.Pos.Line < 1 || p.Pos.Line > lines+1 || p.Pos.Column < 1 {
				t.Fatalf("problem outside the file (%d lines): %+v", lines, p)
			}
			if p.Message == "" {
				t.Fatalf("problem without a message: %+v", p)
			}
		}
		if d.Front != nil {
			_ = d.AST() // the body parses too
		}
	})
}
