//go:build unix

package schedule_test

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/corpus"
	"github.com/cmhq/cm/pipeline/iostreams"
	rschedule "github.com/cmhq/cm/pipeline/rules/schedule"
	rsocial "github.com/cmhq/cm/pipeline/rules/social"
	"github.com/cmhq/cm/pipeline/schedule"
)

// yearOfSlots replaces the generated cm.yaml's schedule with windows wide
// enough for 10,000 posts in a year on the two channels (about 29 slots a
// day each), so the queue plans instead of giving up.
const yearOfSlots = `schedule:
  channels:
    mastodon:
      windows: [{from: "08:00", to: "22:30"}]
      min_spacing: 30m
      max_per_day: 20
    bluesky:
      windows: [{from: "08:00", to: "22:30"}]
      min_spacing: 30m
      max_per_day: 20
  blackout: ["2027-12-25"]

publishing:`

// tenThousandPosts writes the corpus once per benchmark binary run.
func tenThousandPosts(b *testing.B) *config.Config {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "cm-bench-social-10k")
	if _, err := os.Stat(filepath.Join(dir, "cm.yaml")); err != nil {
		if _, err := corpus.Generate(dir, corpus.Options{Posts: 10000, Seed: 6}); err != nil {
			b.Fatal(err)
		}
		path := filepath.Join(dir, "cm.yaml")
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		data = regexp.MustCompile(`(?s)rules:.*publishing:`).ReplaceAll(data, []byte(yearOfSlots))
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	cfg, err := config.Load(dir)
	if err != nil {
		b.Fatal(err)
	}
	return cfg
}

var rules = []check.Rule{
	rsocial.Length{}, rsocial.Hashtags{}, rsocial.MediaRequired{}, rsocial.AltText{},
	rschedule.Window{}, rschedule.Spacing{}, rschedule.Past{}, rschedule.CampaignRange{},
}

// BenchmarkTenThousandPosts is the figure: 10,000 posts (a fifth
// queued) loaded, planned into a year of slots, checked by the social and
// schedule rules and printed as a text calendar.
//
//	go test ./pipeline/schedule -run '^$' -bench TenThousand -benchtime 5x
func BenchmarkTenThousandPosts(b *testing.B) {
	cfg := tenThousandPosts(b)
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, cfg.Location)
	var entries, queued int
	cpu0 := cpuTime()
	for b.Loop() {
		repo, err := content.Load(cfg)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := check.NewRegistry(rules...).Run(repo, check.Options{Now: now}); err != nil {
			b.Fatal(err)
		}
		cal := schedule.Build(repo, schedule.Options{Now: now})
		es := cal.Select(schedule.View{})
		if err := schedule.WriteText(io.Discard, cfg, cal, es, iostreams.Colors{}); err != nil {
			b.Fatal(err)
		}
		entries, queued = len(es), 0
		for _, e := range es {
			if e.State == schedule.Queued && !e.Time.IsZero() {
				queued++
			}
		}
	}
	// CPU time per run, user and system: on a shared machine the wall time
	// depends on the neighbours, this does not (much).
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(entries), "entries")
	b.ReportMetric(float64(queued), "queued-placed")
}

// The stages apart, on a loaded repo.
func BenchmarkTenThousandPostsStages(b *testing.B) {
	cfg := tenThousandPosts(b)
	now := time.Date(2027, 1, 1, 0, 0, 0, 0, cfg.Location)
	repo, err := content.Load(cfg)
	if err != nil {
		b.Fatal(err)
	}
	// Build uses every processor: cpu-s/op is the work, ns/op the wait.
	//
	//	go test ./pipeline/schedule -run '^$' -bench TenThousandPostsStages/plan -benchtime 10x -benchmem
	b.Run("plan", func(b *testing.B) {
		cpu0 := cpuTime()
		for b.Loop() {
			schedule.Build(repo, schedule.Options{Now: now})
		}
		b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	})
	b.Run("check", func(b *testing.B) {
		for b.Loop() {
			if _, err := check.NewRegistry(rules...).Run(repo, check.Options{Now: now}); err != nil {
				b.Fatal(err)
			}
		}
	})
	cal := schedule.Build(repo, schedule.Options{Now: now})
	es := cal.Select(schedule.View{})
	for _, f := range []struct {
		name  string
		write func() error
	}{
		{"text", func() error { return schedule.WriteText(io.Discard, cfg, cal, es, iostreams.Colors{}) }},
		{"json", func() error { return schedule.WriteJSON(io.Discard, cfg, cal, es) }},
		{"ics", func() error { return schedule.WriteICS(io.Discard, cfg, cal, es) }},
	} {
		b.Run("print-"+f.name, func(b *testing.B) {
			for b.Loop() {
				if err := f.write(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
