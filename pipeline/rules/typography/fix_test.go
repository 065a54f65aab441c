package typography_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/rules/editorial"
	"github.com/cmhq/cm/pipeline/rules/editorial/text/texttest"
	"github.com/cmhq/cm/pipeline/rules/typography"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/fix")

const fixConfig = `editorial:
  brands: [YouTube]
  languages:
    en:
      substitutes:
        - {term: utilize, use: use, autofix: true}
`

func fixRules() *check.Registry {
	return check.NewRegistry(typography.FrSpacing{}, typography.Quotes{}, editorial.BrandCase{}, editorial.Substitute{})
}

// TestFixGolden runs cm check --fix on each testdata/fix/*.md and compares
// the file with its .golden (the fixed file) and the dry run with its
// .diff; a second --fix must change nothing.
func TestFixGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/fix/*.md")
	if len(inputs) == 0 {
		t.Fatal("no fix fixtures")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			path := "content/blog/" + filepath.Base(in)
			repo := texttest.Repo(t, map[string]string{"cm.yaml": fixConfig, path: string(src)})
			reg := fixRules()

			// The dry run writes nothing and prints the diff.
			res, err := reg.Run(repo, check.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var diff, log bytes.Buffer
			if _, err := reg.Fix(repo, res, check.Options{}, check.FixOptions{DryRun: true, Out: &diff, Log: &log}); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(repo.Config.Root, filepath.FromSlash(path))
			if now, _ := os.ReadFile(file); !bytes.Equal(now, src) {
				t.Fatal("--dry-run changed the file")
			}
			golden(t, strings.TrimSuffix(in, ".md")+".diff", diff.Bytes())

			// The fix writes the file; the result is the golden one.
			log.Reset()
			after, err := reg.Fix(repo, res, check.Options{}, check.FixOptions{Log: &log})
			if err != nil {
				t.Fatal(err)
			}
			fixed, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			golden(t, strings.TrimSuffix(in, ".md")+".golden", fixed)
			for _, d := range after.Diagnostics {
				if d.Fix != nil {
					t.Errorf("a fixable diagnostic is left: %d:%d %s %s", d.Line, d.Column, d.Rule, d.Message)
				}
			}
			if !strings.Contains(log.String(), "fixed ") {
				t.Errorf("--fix printed nothing of what it changed: %q", log.String())
			}

			// A second --fix changes nothing.
			repo2, err := content.Load(repo.Config)
			if err != nil {
				t.Fatal(err)
			}
			res2, err := reg.Run(repo2, check.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := reg.Fix(repo2, res2, check.Options{}, check.FixOptions{}); err != nil {
				t.Fatal(err)
			}
			again, _ := os.ReadFile(file)
			if !bytes.Equal(again, fixed) {
				t.Errorf("a second --fix changed the file:\n%q\nthen:\n%q", fixed, again)
			}
		})
	}
}

func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\ngot:\n%q\nwant:\n%q", path, got, want)
	}
}
