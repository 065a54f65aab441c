// Package serve is cm serve: the editor's preview of a content repo. It
// serves the blog from memory, drafts and future articles included with a
// banner, and follows the editor's saves: fsnotify reports the files that
// changed, a short quiet period gathers an editor's save (atomic rename,
// several writes, swap files) into one reload, only the changed files are
// read and rendered again, and Server-Sent Events tell the open pages whose
// content changed to reload.
//
// Every served page carries a panel with its cm check diagnostics; a file
// that cannot be read or a site that cannot be built shows its errors in an
// overlay instead of stopping the server, and fixing it brings the page
// back. Under /_cm/ are the diagnostics of the whole site, the calendar and
// the social previews: the text each network receives, counted the way it
// counts, with where it would be cut.
//
// Nothing of this is in cm build's output: the panel and the script are
// added to pages as they are served.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cmhq/cm/pipeline/site"
)

// Prefix is where cm's own pages are served, beside the site's.
const Prefix = "/_cm/"

// DefaultDebounce is how long the watcher waits for the files to be quiet
// before it reloads: an editor's save (a temporary file renamed over the
// original, several writes, a backup) takes a few milliseconds.
const DefaultDebounce = 20 * time.Millisecond

// Options configure a preview server.
type Options struct {
	// Dir is the content repo, the folder holding cm.yaml.
	Dir string
	// Now is the clock; a fixed one previews the site "as if it were"
	// (cm serve --at). Nil means time.Now.
	Now func() time.Time
	// Log receives one line per reload and per problem; nil discards.
	Log io.Writer
	// Debounce is the watcher's quiet period; zero means DefaultDebounce.
	Debounce time.Duration
	// Hosts are the host names the server answers to besides loopback
	// ones; "*" answers to any (cm serve --expose). Checking the Host
	// header keeps other web sites from reading the preview through DNS
	// rebinding.
	Hosts []string
}

// Server is the preview of one content repo. Its handler is safe for
// concurrent use; Reload and Watch make new states, one at a time.
type Server struct {
	opts  Options
	cur   atomic.Pointer[state]
	hub   *hub
	cache *site.Cache

	mu      sync.Mutex // one reload at a time
	version int64
	// check is the generation of the full check running in the
	// background; a reload starts a new one and the old one gives up.
	check atomic.Int64
	bg    sync.WaitGroup
	ui    *ui
}

// New loads the repo and plans its preview. An unreadable cm.yaml is an
// error here; later, while serving, every problem is shown in the browser.
func New(opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	u, err := newUI()
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, hub: newHub(), cache: site.NewCache(), ui: u}
	// The background check may end before New does: it waits for the lock.
	s.mu.Lock()
	defer s.mu.Unlock()
	st, err := s.load(nil, nil)
	if err != nil {
		s.check.Add(1)
		return nil, err
	}
	s.publish(st)
	return s, nil
}

// Close stops the background work and disconnects the open pages.
func (s *Server) Close() {
	s.check.Add(1)
	s.hub.close()
	s.bg.Wait()
}

// Version counts the states the server went through: 1 after New, one
// more per reload and per finished full check.
func (s *Server) Version() int64 { return s.cur.Load().version }

// Checked says whether the current diagnostics come from a full check of
// the current files (a reload checks the saved files at once and the whole
// site in the background).
func (s *Server) Checked() bool { return s.cur.Load().checked }

// ListenAndServe serves on addr until ctx is done, watching the repo for
// saves. ready, when not nil, is called with the address once the server
// accepts connections.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	w, err := s.newWatcher()
	if err != nil {
		ln.Close()
		return err
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 2)
	go func() { errc <- w.run(ctx, s.Reload) }()
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr())
	}
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	cancel()
	s.hub.close() // event streams end, so that Shutdown does not wait for them
	shut, done := context.WithTimeout(context.Background(), 2*time.Second)
	defer done()
	_ = srv.Shutdown(shut)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, format+"\n", args...)
}

// ServeHTTP serves the site and cm's pages.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		http.Error(w, "cm serve: unknown host "+r.Host+"; use cm serve --expose to answer to other names", http.StatusForbidden)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// The path is cleaned before anything looks at it: no "..", no "//".
	// Files are looked up in the preview's index, never joined to a
	// folder, so no request reaches a file the site does not publish.
	clean := path.Clean("/" + r.URL.Path)
	if strings.HasSuffix(r.URL.Path, "/") && clean != "/" {
		clean += "/"
	}
	w.Header().Set("X-Content-Type-Options", "nosniff")
	st := s.cur.Load()
	if clean == "/_cm" || strings.HasPrefix(clean, Prefix) {
		s.serveUI(w, r, st, strings.TrimPrefix(clean, "/_cm"))
		return
	}
	s.serveSite(w, r, st)
}

// hostAllowed says whether a Host header names this server.
func (s *Server) hostAllowed(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.Trim(host, "[]")
	switch host {
	case "localhost", "127.0.0.1", "::1", "":
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, h := range s.opts.Hosts {
		if h == "*" || strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}
