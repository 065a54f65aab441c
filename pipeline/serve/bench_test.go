package serve

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/corpus"
)

// benchCorpus writes the site of `cmbench gen --articles 1000 --posts 200`.
func benchCorpus(b *testing.B) (string, *content.Repo) {
	b.Helper()
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, corpus.Options{Articles: 1000, Posts: 200, BundleShare: 0.2, Seed: 1}); err != nil {
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
	return dir, repo
}

// BenchmarkReload is the server's part of a save in a 1,000-article site:
// the file read again, the preview planned, the saved file checked, the
// open page rendered (the full check that follows runs in the
// background and is not counted).
func BenchmarkReload(b *testing.B) {
	dir, repo := benchCorpus(b)
	s, err := New(Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	a := repo.Articles[500]
	page := s.cur.Load().preview.URL(a.Path)
	c := &client{target: page, hash: s.respond(s.cur.Load(), page).hash, reload: make(chan struct{}, 1)}
	s.hub.add(c)
	file := filepath.Join(dir, filepath.FromSlash(a.Path))
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	s.bg.Wait()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		s.bg.Wait() // the previous save's full check
		data := append(bytes.Clone(src), fmt.Sprintf("\nÉdition %d.\n", i)...)
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		s.Reload([]string{a.Path})
		<-c.reload
		c.hash = s.respond(s.cur.Load(), page).hash
	}
}

// BenchmarkServe measures cm serve on the site of `cmbench gen --articles
// 1000 --posts 200`, as an editor sees it: the real binary, start-up to
// the first page served, then in a headless Chromium, from the write of an
// article's file to the moment its page, reloaded, shows the new text
// (DOMContentLoaded of the reloaded page), and the peak memory of the
// process. Each save waits for the previous one's background check to
// end, as saves seconds apart do. Run it with:
//
//	go test ./pipeline/serve -run '^$' -bench BenchmarkServe -benchtime 40x
func BenchmarkServe(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("the benchmark reads the server's CPU time and memory in /proc")
	}
	br := newBrowser(b)
	dir, repo := benchCorpus(b)
	bin := filepath.Join(b.TempDir(), "cm")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/cmhq/cm/cmd/cm").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()

	a := repo.Articles[500]
	start := time.Now()
	cmd := exec.Command(bin, "serve", "--addr", addr, "--dir", dir)
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(os.Interrupt)
		_ = cmd.Wait()
	}()
	site := "http://" + addr
	page := site + content.URLPath(repo.Config.Site, a)
	for {
		resp, err := http.Get(page)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Since(start) > 60*time.Second {
			b.Fatalf("cm serve did not start: %v\n%s", err, logs.String())
		}
		time.Sleep(2 * time.Millisecond)
	}
	startup := time.Since(start)

	file := filepath.Join(dir, filepath.FromSlash(a.Path))
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	br.open(page)
	var latencies []float64
	b.ResetTimer()
	for i := range b.N {
		br.waitFor("the page listening", `document.documentElement.dataset.cmLive === 'open'`)
		waitIdle(b, cmd.Process.Pid)
		word := fmt.Sprintf("relecture%d", i)
		data := append(bytes.Clone(src), "\n"+word+"\n"...)
		t0 := float64(time.Now().UnixNano()) / 1e6
		if err := os.WriteFile(file, data, 0o644); err != nil {
			b.Fatal(err)
		}
		br.waitFor("the new text, shown", fmt.Sprintf(`document.body.textContent.includes('%s') && Number(document.documentElement.dataset.cmShown) > %f`, word, t0))
		// live.js notes when the page shows a new version: the frame
		// after the new body is in place (or after a full reload).
		shown, err := eval[float64](br, `Number(document.documentElement.dataset.cmShown)`)
		if err != nil {
			b.Fatal(err)
		}
		latencies = append(latencies, shown-t0)

	}
	b.StopTimer()
	slices.Sort(latencies)
	b.ReportMetric(latencies[len(latencies)/2], "ms-median-save-to-reload")
	b.ReportMetric(latencies[len(latencies)*9/10], "ms-p90-save-to-reload")
	b.ReportMetric(float64(startup.Milliseconds()), "ms-startup")
	b.ReportMetric(float64(peakRSS(b, cmd.Process.Pid))/(1<<20), "MB-peak-RSS")
}

// waitIdle waits until a process uses no CPU for 300 ms: the background
// check of the last save is over.
func waitIdle(b *testing.B, pid int) {
	b.Helper()
	last, quiet := cpuTicks(b, pid), 0
	for quiet < 6 {
		time.Sleep(50 * time.Millisecond)
		now := cpuTicks(b, pid)
		if now == last {
			quiet++
		} else {
			quiet = 0
		}
		last = now
	}
}

// cpuTicks is the CPU time a process used, from /proc/PID/stat.
func cpuTicks(b *testing.B, pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	f := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+2:]))
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return utime + stime
}

// peakRSS is a process's peak resident memory (VmHWM), in bytes.
func peakRSS(b *testing.B, pid int) int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		b.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return kb << 10
		}
	}
	return 0
}
