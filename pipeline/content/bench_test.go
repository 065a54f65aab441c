package content_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/corpus"
)

// BenchmarkLoad reads and decodes a generated repo of 1,000 articles and
// 1,000 posts (frontmatter only: bodies are parsed on demand). The figure
// for the 10,000 + 10,000 corpus comes from `cmbench run`.
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Articles: 1000, Posts: 1000, Campaigns: 2, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	files := 0
	for b.Loop() {
		repo, err := content.Load(cfg)
		if err != nil {
			b.Fatal(err)
		}
		files = len(repo.Documents)
	}
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkAST parses the bodies of 1,000 generated articles.
func BenchmarkAST(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Articles: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		repo, err := content.Load(cfg)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		for _, a := range repo.Articles {
			a.AST()
		}
	}
	b.ReportMetric(1000*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkUpdate is cm serve's reload of one saved article in a repo of
// 1,000 articles and 1,000 posts (with campaigns, whose folders are not
// touched).
func BenchmarkUpdate(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Articles: 1000, Posts: 1000, Campaigns: 2, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfg, err := config.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	repo, err := content.Load(cfg)
	if err != nil {
		b.Fatal(err)
	}
	saved := []string{repo.Articles[500].Path}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := repo.Update(saved); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIndexed is the site-index side of a check of one changed file:
// scan a repo whose index is warm, then build the site from it (one file
// read from disk). $CM_BENCH_CORPUS names a generated repo (cmbench gen)
// to measure instead of 1,000 articles and 1,000 posts.
func BenchmarkIndexed(b *testing.B) {
	dir := os.Getenv("CM_BENCH_CORPUS")
	if dir == "" {
		dir = b.TempDir()
		if _, err := corpus.Generate(dir, corpus.Options{Articles: 1000, Posts: 1000, Campaigns: 2, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	cfg, err := config.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	if os.Getenv("CM_BENCH_CORPUS") == "" {
		// Files written a moment ago are read again every time (the index
		// does not trust what changed within two seconds of it).
		past := time.Now().Add(-time.Hour)
		err := filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Chtimes(p, past, past)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	opts := content.ScanOptions{File: filepath.Join(b.TempDir(), "index"), Key: "bench"}
	warm, err := content.ScanIndexed(cfg, opts)
	if err != nil {
		b.Fatal(err)
	}
	if err := warm.Save(); err != nil {
		b.Fatal(err)
	}
	one := warm.Paths()[len(warm.Paths())/2]
	b.ReportAllocs()
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			if _, err := content.ScanIndexed(cfg, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("scan+repo", func(b *testing.B) {
		for b.Loop() {
			s, err := content.ScanIndexed(cfg, opts)
			if err != nil {
				b.Fatal(err)
			}
			s.Repo([]string{one})
		}
	})
}
