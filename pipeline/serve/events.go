package serve

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// hub keeps the open pages' event streams. Each knows which page it is
// for and the hash of the content the page shows; after a reload, the
// pages whose content changed are told to reload, and only they.
type hub struct {
	mu      sync.Mutex
	clients map[*client]bool
	done    chan struct{}
	closed  bool
}

type client struct {
	target string // the page: path and query
	// hash is what the page shows; only notify changes it, under the
	// server's reload lock.
	hash   string
	reload chan struct{}
}

func newHub() *hub { return &hub{clients: map[*client]bool{}, done: make(chan struct{})} }

func (h *hub) add(c *client) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return false
	}
	h.clients[c] = true
	return true
}

func (h *hub) remove(c *client) {
	h.mu.Lock()
	delete(h.clients, c)
	h.mu.Unlock()
}

func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// Pages counts the open pages.
func (s *Server) Pages() int {
	s.hub.mu.Lock()
	defer s.hub.mu.Unlock()
	return len(s.hub.clients)
}

// notify tells each page whose content hash changed to reload; hash
// renders a page (once per distinct page).
func (h *hub) notify(hash func(target string) string) {
	h.mu.Lock()
	clients := make([]*client, 0, len(h.clients))
	for c := range h.clients {
		clients = append(clients, c)
	}
	h.mu.Unlock()
	hashes := map[string]string{}
	for _, c := range clients {
		v, ok := hashes[c.target]
		if !ok {
			v = hash(c.target)
			hashes[c.target] = v
		}
		if v != c.hash {
			// The page fetches itself again and shows v: the next
			// change is measured from there.
			c.hash = v
			select {
			case c.reload <- struct{}{}:
			default:
			}
		}
	}
}

// keepAlive is how often an idle stream sends a comment, so that proxies
// and browsers keep it open.
const keepAlive = 20 * time.Second

// serveEvents is the Server-Sent Events stream of one open page:
// /_cm/events?page=/fr/blog/x/&v=HASH. It sends "reload" when the page's
// content is no longer HASH, at once if it changed before the page
// connected.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	q := r.URL.Query()
	c := &client{target: normalizeTarget(q.Get("page")), hash: q.Get("v"), reload: make(chan struct{}, 1)}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	// A browser reconnects after this many milliseconds when the server
	// goes away (cm serve restarted).
	fmt.Fprint(w, "retry: 300\n\n")
	flusher.Flush()
	// Under the reload lock, no reload can slip between the page's
	// registration and the check of what it shows.
	s.mu.Lock()
	if !s.hub.add(c) {
		s.mu.Unlock()
		return
	}
	if v := s.respond(s.cur.Load(), c.target).hash; v != c.hash {
		c.hash = v
		c.reload <- struct{}{}
	}
	s.mu.Unlock()
	defer s.hub.remove(c)
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-c.reload:
			fmt.Fprint(w, "event: reload\ndata: {}\n\n")
			flusher.Flush()
		case <-tick.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-s.hub.done:
			return
		}
	}
}
