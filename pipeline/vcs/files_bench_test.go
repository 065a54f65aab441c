package vcs

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// benchRepo is the repository BenchmarkFilesAt lists: the one CM_BENCH_GIT
// names (listing CM_BENCH_UNDER in it, "" for everything), or a generated
// blog of 3,000 files in 1,000 folders, packed as a clone would be.
func benchRepo(b *testing.B) (dir, under string) {
	if dir := os.Getenv("CM_BENCH_GIT"); dir != "" {
		return dir, os.Getenv("CM_BENCH_UNDER")
	}
	dir, repo := initRepo(b)
	files := map[string]treeFile{"cm.yaml": {filemode.Regular, "brand: Brindille\n"}}
	for i := range 1000 {
		files[fmt.Sprintf("content/blog/article-%04d.md", i)] = treeFile{filemode.Regular, fmt.Sprintf("---\ntitle: Article %d\n---\n\nText.\n", i)}
		files[fmt.Sprintf("content/blog/article-%04d/index.md", i)] = treeFile{filemode.Regular, fmt.Sprintf("# Bundle %d\n", i)}
		files[fmt.Sprintf("content/blog/article-%04d/cover.png", i)] = treeFile{filemode.Regular, fmt.Sprintf("\x89PNG %d", i)}
	}
	buildCommit(b, repo, files)
	if err := repo.RepackObjects(&git.RepackConfig{}); err != nil {
		b.Fatal(err)
	}
	return dir, "content"
}

// BenchmarkFilesAt lists HEAD: "nocache" without a cache file, "cold" with
// an empty one (and writing it), "warm" with a cache file holding every tree.
// On /tmp/corpus10k:
//
//	CM_BENCH_GIT=/tmp/corpus10k CM_BENCH_UNDER=content go test -run '^$' -bench FilesAt ./pipeline/vcs
func BenchmarkFilesAt(b *testing.B) {
	dir, under := benchRepo(b)
	want, err := filesAt(dir, "HEAD", under, "")
	if err != nil {
		b.Fatal(err)
	}
	check := func(b *testing.B, cacheFile string) {
		files, err := filesAt(dir, "HEAD", under, cacheFile)
		if err != nil {
			b.Fatal(err)
		}
		if len(files) != len(want) {
			b.Fatalf("%d files, want %d", len(files), len(want))
		}
	}
	b.Run("nocache", func(b *testing.B) {
		for b.Loop() {
			check(b, "")
		}
		b.ReportMetric(float64(len(want)), "files")
	})
	b.Run("cold", func(b *testing.B) {
		tmp := b.TempDir()
		i := 0
		for b.Loop() {
			i++
			check(b, filepath.Join(tmp, fmt.Sprint(i)))
		}
	})
	b.Run("warm", func(b *testing.B) {
		cacheFile := filepath.Join(b.TempDir(), "trees")
		check(b, cacheFile)
		for b.Loop() {
			check(b, cacheFile)
		}
	})
}
