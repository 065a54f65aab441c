package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/iostreams"
)

// serveRepo is the repo cm serve's own tests preview.
var serveRepo = filepath.Join("..", "..", "pipeline", "serve", "testdata", "repo")

func TestServeHelp(t *testing.T) {
	r := run(t, "serve", "--help")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"Examples:", "cm serve --addr 0.0.0.0:1313 --expose", "--at time", "/_cm/calendar", "127.0.0.1:1313"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("cm serve --help does not say %q", want)
		}
	}
}

func TestServeUsageErrors(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--dir", serveRepo, "--addr", "0.0.0.0:1313"}, "--addr 0.0.0.0:1313 can be reached from other machines, and the preview shows drafts and diagnostics: add --expose"},
		{[]string{"serve", "--dir", serveRepo, "--addr", ":1313"}, "add --expose"},
		{[]string{"serve", "--dir", serveRepo, "--addr", "1313"}, "--addr 1313: write it host:port, like 127.0.0.1:1313"},
		{[]string{"serve", "--dir", serveRepo, "--at", "tomorrow"}, "--at tomorrow: not an RFC 3339 time"},
		{[]string{"serve", "--dir", serveRepo, "content"}, "unknown command \"content\" for \"cm serve\""},
		{[]string{"serve", "--dir", t.TempDir()}, "cm.yaml"},
	}
	for _, tt := range tests {
		r := run(t, tt.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("cm %s: exit %d, stderr %q; want exit 2 saying %q", strings.Join(tt.args, " "), r.code, r.stderr, tt.want)
		}
	}
}

// serveUntil runs cm serve in-process until the test is done with it.
func serveUntil(t *testing.T, opts *serveOptions) (site string, stop func() (stdout, stderr string, err error)) {
	t.Helper()
	streams, _, out, errOut := iostreams.Test()
	abs, err := filepath.Abs(serveRepo)
	if err != nil {
		t.Fatal(err)
	}
	opts.f = &Factory{IO: streams, Now: func() time.Time { return fixedNow }, Version: "test", Dir: abs}
	ctx, cancel := context.WithCancel(context.Background())
	opts.ctx = ctx
	ready := make(chan string, 1)
	opts.ready = func(addr string) { ready <- addr }
	done := make(chan error, 1)
	go func() { done <- runServe(opts) }()
	select {
	case addr := <-ready:
		return "http://" + addr, func() (string, string, error) {
			cancel()
			err := <-done
			return out.String(), errOut.String(), err
		}
	case err := <-done:
		cancel()
		t.Fatalf("cm serve stopped: %v\n%s", err, errOut)
	}
	return "", nil
}

func TestServeServes(t *testing.T) {
	site, stop := serveUntil(t, &serveOptions{Addr: "127.0.0.1:0", At: "2026-12-01T10:00:00+01:00"})
	resp, err := http.Get(site + "/fr/blog/atelier-reparation/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "cet article paraîtra le mer. 20 janvier 2027 à 12:15") {
		t.Errorf("GET the future article: %d, without its banner", resp.StatusCode)
	}
	stdout, stderr, err := stop()
	if err != nil {
		t.Errorf("cm serve ended with %v", err)
	}
	if !strings.HasPrefix(stdout, "cm serve: "+site+"/  (diagnostics "+site+"/_cm/, calendar "+site+"/_cm/calendar, social previews "+site+"/_cm/social)\n") {
		t.Errorf("stdout %q", stdout)
	}
	if stderr != "" {
		t.Errorf("stderr %q", stderr)
	}
}

func TestServeExpose(t *testing.T) {
	site, stop := serveUntil(t, &serveOptions{Addr: "0.0.0.0:0", Expose: true})
	if !strings.HasPrefix(site, "http://127.0.0.1:") {
		t.Errorf("the address to open is %s", site)
	}
	req, err := http.NewRequest(http.MethodGet, site+"/fr/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = "atelier.lan:1313"
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("another machine's name: %d", resp.StatusCode)
	}
	_, stderr, err := stop()
	if err != nil {
		t.Error(err)
	}
	if !strings.Contains(stderr, "warning: cm serve answers to any machine that can reach 0.0.0.0:0: drafts, future articles and diagnostics included") {
		t.Errorf("no warning: %q", stderr)
	}
}
