package plan_test

import (
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/channels"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/corpus"
	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/plan"
)

// BenchmarkPlan is cm plan on 10,000 items with a 50,000-record ledger:
// reading the ledger and planning, the content already loaded (its
// loading has its own benchmark in pipeline/content).
//
//	go test ./pipeline/plan -run '^$' -bench Plan -benchtime 20x
func BenchmarkPlan(b *testing.B) {
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Articles: 3000, Posts: 6200, Campaigns: 60, Seed: 1}); err != nil {
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
	now := time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)
	getenv := func(string) string { return "set" }
	opts := plan.Options{Now: now, Caps: channels.Caps, Getenv: getenv}
	// The ledger: every entry published (an intent and its result), then
	// failed attempts until 50,000 records.
	l, err := ledger.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	var recs []ledger.Record
	for _, a := range plan.Build(repo, opts).Actions {
		if len(recs) >= 50000 {
			break
		}
		recs = append(recs,
			ledger.Record{Op: ledger.Intent, Item: a.Item, Channel: a.Channel, Version: a.Version, Action: ledger.Create, Key: a.Key},
			ledger.Record{Op: ledger.Published, Item: a.Item, Channel: a.Channel, Version: a.Version, Action: ledger.Create, Key: a.Key, RemoteID: "113456789012345678", URL: "https://mastodon.example/@brindille/113456789012345678"})
	}
	for i := 0; len(recs) < 50000; i++ {
		a := recs[i%len(recs)]
		recs = append(recs, ledger.Record{Op: ledger.Failed, Item: a.Item, Channel: a.Channel, Version: a.Version, Action: ledger.Update, Error: "HTTP 503: Service Unavailable"})
	}
	if err := l.Append(now, recs...); err != nil {
		b.Fatal(err)
	}
	items := len(repo.Items)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	var p *plan.Plan
	for b.Loop() {
		l, err := ledger.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		o := opts
		o.Ledger = l
		p = plan.Build(repo, o)
		if l.Len() != 50000 {
			b.Fatalf("%d records", l.Len())
		}
	}
	b.StopTimer()
	b.ReportMetric(float64((cpuTime()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op")
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(items), "items")
	b.ReportMetric(float64(len(p.Actions)), "actions")
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-MB")
}

// cpuTime is the CPU time of the process so far (user and system): on a
// busy machine it says what wall time cannot.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
