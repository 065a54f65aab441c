package prose

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

// The typographer's dashes and ellipses reach the prose as characters, not
// as the HTML entities goldmark renders (which spelling would read as the
// words "ndash" and "hellip").
func TestTypographerEntities(t *testing.T) {
	for _, tc := range []struct{ lang, src, want string }{
		{"fr", "Avant -- après... fin --- vraiment.", "Avant – après… fin — vraiment."},
		{"en", "Before -- after... <<quoted>>", "Before – after… «quoted»"},
	} {
		d := loadBody(t, tc.lang, tc.src)
		blocks := Blocks(d)
		if len(blocks) != 1 || blocks[0].Text != tc.want {
			t.Errorf("%s: %q: got %q, want %q", tc.lang, tc.src, blocksText(blocks), tc.want)
		}
	}
}

func blocksText(bs []*Block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Text)
	}
	return out
}

func loadBody(t *testing.T, lang, body string) *content.Document {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, dir+"/cm.yaml", "site: {title: T, base_url: https://x.example, languages: [fr, en]}\n")
	writeFile(t, dir+"/content/blog/a.md", "---\ntitle: T\ndate: 2026-01-01\nlang: "+lang+"\n---\n"+body+"\n")
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	repo, err := content.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return repo.Documents[0]
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A single capital after a lowercase word ends a sentence ("from A to E.");
// after a name or at the start it is an initial.
func TestSentencesAfterSingleLetter(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"Classes run from A to E. Supporters see a first step.", 2},
		{"J. Dupont repairs lamps. He likes it.", 2},
		{"Marie J. Dupont repairs lamps.", 1},
		{"De la classe A à la classe E. Les fabricants suivent.", 2},
	} {
		if got := len(Sentences(tc.text)); got != tc.want {
			t.Errorf("%q: %d sentences, want %d", tc.text, got, tc.want)
		}
	}
}
