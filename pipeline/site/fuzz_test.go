package site

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/cmhq/cm/pipeline/content"
)

// FuzzRenderArticle renders any Markdown body the way an article page
// does: it must never panic, and since raw HTML is off, the HTML it makes
// must never run a script, whatever the author wrote.
func FuzzRenderArticle(f *testing.F) {
	for _, seed := range []string{
		"Du texte, un [lien](../brosse-bois.md#entretien) et ![une image](cover.png).",
		"<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
		"[clic](javascript:alert(1)) [x](JAVASCRIPT:alert(1)) ![y](data:text/html,<script>)",
		"| a | b |\n|---|---|\n| ~~c~~ | [d](</fr/tags/cuisine/>) |\n\n- [x] e\n\n[^1]\n\n[^1]: f",
		"![](../../media/schema.png \"titre\") ![]() [](#) [vide]()",
		"<!-- cm-disable seo.keyphrase-density -->\n# Titre\n\n```html\n<script>\n```",
		"[a](<b c>) [d](http://x.example/\"onmouseover=\"alert(1))",
	} {
		f.Add(seed)
	}
	repo := loadRepo(f, fixture)
	th, err := loadTheme(fixture)
	if err != nil {
		f.Fatal(err)
	}
	b, err := newBuilder(repo, Options{At: at}, th)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		src := "---\ntitle: Fuzz\ndate: 2026-01-01T10:00:00+01:00\n---\n" + body
		_, item := content.Parse(repo.Config, "content/blog/gamelle-inox/index.md", []byte(src))
		a, ok := item.(*content.Article)
		if !ok {
			return
		}
		art := &article{Article: a, url: "/fr/blog/gamelle-inox/"}
		rd, _ := b.readBody(art)
		var buf bytes.Buffer
		if err := render(&buf, a.Document, rd); err != nil {
			t.Fatal(err)
		}
		z := html.NewTokenizer(bytes.NewReader(buf.Bytes()))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tok := z.Token()
			switch tok.Data {
			case "script", "iframe", "object", "embed", "style":
				t.Fatalf("<%s> in the output of %q:\n%s", tok.Data, body, buf.String())
			}
			for _, at := range tok.Attr {
				v := strings.ToLower(strings.TrimSpace(at.Val))
				if strings.HasPrefix(at.Key, "on") ||
					((at.Key == "href" || at.Key == "src") && (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") || strings.HasPrefix(v, "data:text/html"))) {
					t.Fatalf("dangerous %s=%q in the output of %q:\n%s", at.Key, at.Val, body, buf.String())
				}
			}
		}
	})
}
