// Package corpus writes realistic, reproducible content repositories: a
// cm.yaml, articles in French and English, social posts and campaigns, the
// way a brand's newsroom would hold them. Benchmarks and tests run cm on
// these trees instead of on hand-written fixtures.
//
// The same Options always produce byte-identical trees: every random choice
// comes from a source derived from Options.Seed and the file's index, never
// from the clock or map iteration order, so files can be generated in
// parallel without changing the result.
package corpus

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// Options describe the repository to generate.
type Options struct {
	Articles  int // articles under content/blog
	Posts     int // standalone posts under content/social
	Campaigns int // campaigns under content/campaigns, each with 5 to 20 posts of its own

	// Languages are the site's languages, among "fr" and "en"; the first
	// is the default language. Empty means fr and en.
	Languages []string

	Seed int64

	// BundleShare is the fraction of articles written as page bundles,
	// content/blog/<slug>/index.md with a cover.png beside it.
	BundleShare float64

	// Progress, when set, is called now and then with the number of files
	// written so far and the total. Calls never overlap.
	Progress func(done, total int)
}

// Stats count what Generate wrote.
type Stats struct {
	Articles      int
	Bundles       int // articles written as page bundles
	Posts         int // standalone posts
	Campaigns     int
	CampaignPosts int
	Images        int   // PNG files
	Files         int   // every file, cm.yaml included
	Bytes         int64 // total size of the files
}

// Generate writes a content repository into dir, creating it if needed, and
// overwriting the files it generates. It does not remove other files.
func Generate(dir string, opts Options) (Stats, error) {
	g, err := newGenerator(dir, opts)
	if err != nil {
		return Stats{}, err
	}
	if err := g.makeDirs(); err != nil {
		return Stats{}, err
	}
	if err := g.writeFile(file{path: "cm.yaml", data: configYAML(g.langs)}); err != nil {
		return Stats{}, err
	}
	if err := g.run(g.tasks()); err != nil {
		return Stats{}, err
	}
	return g.stats(), nil
}

// validate rejects options that cannot describe a repository.
func (o Options) validate() error {
	switch {
	case o.Articles < 0 || o.Posts < 0 || o.Campaigns < 0:
		return fmt.Errorf("counts must not be negative (articles %d, posts %d, campaigns %d)",
			o.Articles, o.Posts, o.Campaigns)
	case o.BundleShare < 0 || o.BundleShare > 1:
		return fmt.Errorf("bundle share %v is not a fraction between 0 and 1", o.BundleShare)
	}
	return nil
}

// file is one generated file, its path relative to the repository root.
type file struct {
	path string
	data []byte
}

// task renders the files of one item (an article and its image, a post...).
// stream identifies the item, so its random source is the same whichever
// worker runs it.
type task struct {
	stream uint64
	render func(g *generator, r *rand.Rand) []file
}

// generator holds one Generate call's plan and counters.
type generator struct {
	dir   string
	opts  Options
	langs []*language
	paris *time.Location
	png   []byte

	articles  []*articlePlan
	byLang    map[string][]*articlePlan // published articles, link targets
	posts     []*postPlan
	campaigns []*campaignPlan

	files   atomic.Int64
	bytes   atomic.Int64
	images  atomic.Int64
	done    atomic.Int64
	failed  atomic.Bool
	errOnce sync.Once
	err     error
	progMu  sync.Mutex
}

func newGenerator(dir string, opts Options) (*generator, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	if len(opts.Languages) == 0 {
		opts.Languages = []string{"fr", "en"}
	}
	langs, err := lookupLanguages(opts.Languages)
	if err != nil {
		return nil, err
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		return nil, fmt.Errorf("load the Europe/Paris time zone: %w", err)
	}
	png, err := coverPNG()
	if err != nil {
		return nil, err
	}
	g := &generator{dir: dir, opts: opts, langs: langs, paris: paris, png: png}
	g.plan()
	return g, nil
}

// makeDirs creates the shared folders up front, so workers only create
// the folder of their own bundle.
func (g *generator) makeDirs() error {
	dirs := []string{"content/blog", "content/social", "content/campaigns"}
	for _, c := range g.campaigns {
		dirs = append(dirs, c.dir)
	}
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(g.dir, d), 0o755); err != nil {
			return fmt.Errorf("create %s: %w", d, err)
		}
	}
	return nil
}

// tasks lists the work in a fixed order; each task's stream is unique.
func (g *generator) tasks() []task {
	const (
		kindArticle uint64 = iota + 1
		kindPost
		kindCampaign
	)
	var out []task
	for i, a := range g.articles {
		out = append(out, task{stream: kindArticle<<40 | uint64(i), render: a.render})
	}
	for i, p := range g.posts {
		out = append(out, task{stream: kindPost<<40 | uint64(i), render: p.render})
	}
	for i, c := range g.campaigns {
		out = append(out, task{stream: kindCampaign<<40 | uint64(i), render: c.render})
	}
	return out
}

// run renders and writes the tasks on all CPUs.
func (g *generator) run(tasks []task) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for !g.failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(tasks) {
					return
				}
				g.runTask(tasks[i], len(tasks))
			}
		})
	}
	wg.Wait()
	if g.err == nil && g.opts.Progress != nil {
		g.opts.Progress(len(tasks), len(tasks))
	}
	return g.err
}

// progressEvery spaces progress calls: often enough for a live counter,
// rarely enough to cost nothing.
const progressEvery = 250

func (g *generator) runTask(t task, total int) {
	for _, f := range t.render(g, newRand(g.opts.Seed, t.stream)) {
		if err := g.writeFile(f); err != nil {
			g.fail(err)
			return
		}
	}
	done := g.done.Add(1)
	if g.opts.Progress != nil && done%progressEvery == 0 && int(done) < total {
		// Read the count again under the lock so reports never go back.
		g.progMu.Lock()
		g.opts.Progress(int(g.done.Load()), total)
		g.progMu.Unlock()
	}
}

// fail records the first error and stops the workers.
func (g *generator) fail(err error) {
	g.errOnce.Do(func() {
		g.err = err
		g.failed.Store(true)
	})
}

// writeFile writes one file, creating its folder when it is a bundle's.
func (g *generator) writeFile(f file) error {
	path := filepath.Join(g.dir, filepath.FromSlash(f.path))
	err := os.WriteFile(path, f.data, 0o644)
	if errors.Is(err, os.ErrNotExist) {
		if err = os.MkdirAll(filepath.Dir(path), 0o755); err == nil {
			err = os.WriteFile(path, f.data, 0o644)
		}
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	g.files.Add(1)
	g.bytes.Add(int64(len(f.data)))
	if filepath.Ext(f.path) == ".png" {
		g.images.Add(1)
	}
	return nil
}

func (g *generator) stats() Stats {
	s := Stats{
		Articles:  len(g.articles),
		Posts:     len(g.posts),
		Campaigns: len(g.campaigns),
		Images:    int(g.images.Load()),
		Files:     int(g.files.Load()),
		Bytes:     g.bytes.Load(),
	}
	for _, a := range g.articles {
		if a.bundle {
			s.Bundles++
		}
	}
	for _, c := range g.campaigns {
		s.CampaignPosts += len(c.posts)
	}
	return s
}
