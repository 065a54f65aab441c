package seo

import (
	"os"
	"strings"
	"testing"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/corpus"
)

// benchDir is a generated repository: $CM_BENCH_CORPUS when set (a folder
// written by cmbench gen), else 1,000 articles and 1,000 posts generated
// into a temporary folder.
func benchDir(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("CM_BENCH_CORPUS"); dir != "" {
		return dir
	}
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Articles: 1000, Posts: 1000, Campaigns: 2, Seed: 1, BundleShare: 0.2}); err != nil {
		b.Fatal(err)
	}
	return dir
}

func loadRepo(b *testing.B, dir string) *content.Repo { return loadRepoT(b, dir) }

func loadRepoT(b testing.TB, dir string) *content.Repo {
	b.Helper()
	cfg, err := config.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	for id := range cfg.Rules {
		if !strings.HasPrefix(id, "seo") {
			delete(cfg.Rules, id) // rules of other packages: not in this registry
		}
	}
	repo, err := content.Load(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return repo
}

// BenchmarkCheckSite checks every file of a generated site with the SEO
// rules; files/s is the figure the issue bounds (3,000 on 2 cores).
func BenchmarkCheckSite(b *testing.B) {
	dir := benchDir(b)
	reg := check.NewRegistry(allRules...)
	files := 0
	for b.Loop() {
		// Documents keep what the rules derive from them (the parsed body,
		// its words): each run starts from a fresh load, not timed.
		b.StopTimer()
		repo := loadRepo(b, dir)
		files += len(repo.Documents)
		b.StartTimer()
		if _, err := reg.Run(repo, check.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(files)/b.Elapsed().Seconds(), "files/s")
}

// BenchmarkCheckOneArticle checks one article of a loaded site, as
// `cm check --changed-since` does for a pull request that changes it: the
// site-wide indexes (duplicate titles, descriptions and keyphrases) are
// still built over every article, so this is their cost too.
func BenchmarkCheckOneArticle(b *testing.B) {
	dir := benchDir(b)
	reg := check.NewRegistry(allRules...)
	for b.Loop() {
		b.StopTimer()
		repo := loadRepo(b, dir)
		one := repo.Articles[len(repo.Articles)/2].Path
		b.StartTimer()
		res, err := reg.Run(repo, check.Options{Only: func(p string) bool { return p == one }})
		if err != nil {
			b.Fatal(err)
		}
		if res.Summary.Files != 1 {
			b.Fatalf("checked %d files, want 1", res.Summary.Files)
		}
	}
}

// BenchmarkPhraseCount is the keyphrase matcher on a paragraph.
func BenchmarkPhraseCount(b *testing.B) {
	ph := NewPhrase("gamelle en inox", "fr")
	text := "Une gamelle en inox vous accompagne au bureau, sur un chantier ou en randonnée. Elle ne garde ni les odeurs ni les taches, et aucun plastique ne touche vos aliments. Encore faut-il choisir la bonne gamelle inox."
	for b.Loop() {
		if ph.Count(text) != 2 {
			b.Fatal("want 2")
		}
	}
}
