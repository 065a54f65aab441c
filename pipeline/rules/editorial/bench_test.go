package editorial_test

import (
	"os"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/corpus"
	"github.com/cmhq/cm/pipeline/rules"
)

// BenchmarkEditorialLine checks a generated repo (300 articles, 300 posts,
// French and English) with every rule of the editorial line, loading
// included, and reports files per second. The whole-site figure is
// cmbench's: cmbench run --dir CORPUS -- cm check --rule editorial
// --rule typography --rule spelling --rule seo.
func BenchmarkEditorialLine(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Articles: 300, Posts: 300, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfgYAML, err := os.ReadFile("testdata/editorial.yaml")
	if err != nil {
		b.Fatal(err)
	}
	f, err := os.OpenFile(dir+"/cm.yaml", os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.Write(append([]byte("\n"), cfgYAML...)); err != nil {
		b.Fatal(err)
	}
	f.Close()
	cfg, err := config.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	reg := rules.Registry()
	files := 0
	for b.Loop() {
		repo, err := content.Load(cfg)
		if err != nil {
			b.Fatal(err)
		}
		res, err := reg.Run(repo, check.Options{Rules: []string{"editorial", "typography", "spelling"}})
		if err != nil {
			b.Fatal(err)
		}
		files += res.Summary.Files
	}
	b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
}
