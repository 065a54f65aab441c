package site

import (
	"path/filepath"
	"testing"

	"github.com/cmhq/cm/pipeline/corpus"
)

// BenchmarkBuild builds a generated blog of 500 articles in French and
// English, a fifth of them page bundles. Each iteration parses, renders
// and writes every page, as cm build does. For the comparison with Hugo on
// 10,000 articles, see cmbench hugo.
func BenchmarkBuild(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Articles: 500, Seed: 1, BundleShare: 0.2}); err != nil {
		b.Fatal(err)
	}
	repo := loadRepo(b, dir)
	out := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Build(repo, Options{Out: out, At: at}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(repo.Articles)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
