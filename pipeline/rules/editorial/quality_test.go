package editorial_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/prose"
	"github.com/cmhq/cm/pipeline/rules/editorial"
	"github.com/cmhq/cm/pipeline/rules/editorial/text/texttest"
	"github.com/cmhq/cm/pipeline/rules/spelling"
	"github.com/cmhq/cm/pipeline/rules/typography"
)

// editorialRules are every rule of the editorial line.
func editorialRules() []check.Rule {
	return []check.Rule{
		editorial.ForbiddenTerm{}, editorial.Substitute{}, editorial.BrandCase{}, editorial.Tone{},
		editorial.Disclosure{}, editorial.Readability{}, editorial.SentenceLength{}, editorial.ParagraphLength{},
		editorial.PassiveVoice{}, typography.FrSpacing{}, typography.Quotes{}, spelling.Spelling{},
	}
}

// TestQuality runs every rule of the line on the corpus in
// testdata/quality: each seeded error must be found where the .golden
// file says, nothing else; the clean texts must give no finding at all,
// which keeps false positives under 1 per 1,000 words.
func TestQuality(t *testing.T) {
	cfg, err := os.ReadFile("testdata/editorial.yaml")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"cm.yaml": string(cfg)}
	names, _ := filepath.Glob("testdata/quality/*.md")
	words := map[string]int{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(n)
		files["content/blog/"+base] = string(b)
		lang := "fr"
		if strings.HasSuffix(base, "-en.md") {
			lang = "en"
		}
		words[base] = len(prose.Words(string(b), lang))
	}
	diags := texttest.Run(t, files, editorialRules()...)
	got := map[string][]string{}
	for _, d := range diags {
		got[filepath.Base(d.File)] = append(got[filepath.Base(d.File)], fmt.Sprintf("%d:%d %s", d.Line, d.Column, d.Rule))
	}
	for _, n := range names {
		base := filepath.Base(n)
		if strings.HasPrefix(base, "clean-") {
			fp := len(got[base])
			perK := float64(fp) * 1000 / float64(words[base])
			t.Logf("%s: %d words, %d false positives (%.2f per 1,000 words)", base, words[base], fp, perK)
			if perK >= 1 {
				t.Errorf("%s: %d false positives:\n%s", base, fp, texttest.Lines(only(diags, base)))
			}
			continue
		}
		golden, err := os.ReadFile(strings.TrimSuffix(n, ".md") + ".golden")
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Fields(strings.ReplaceAll(string(golden), " ", "_"))
		have := got[base]
		for i := range have {
			have[i] = strings.ReplaceAll(have[i], " ", "_")
		}
		sort.Strings(want)
		sort.Strings(have)
		if strings.Join(want, "\n") != strings.Join(have, "\n") {
			t.Errorf("%s: findings differ from the golden file.\ngot:\n%s\nwant:\n%s\nall:\n%s", base,
				strings.Join(have, "\n"), strings.Join(want, "\n"), texttest.Lines(only(diags, base)))
		}
	}
}

func only(diags []check.Diagnostic, base string) []check.Diagnostic {
	var out []check.Diagnostic
	for _, d := range diags {
		if filepath.Base(d.File) == base {
			out = append(out, d)
		}
	}
	return out
}
