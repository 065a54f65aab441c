package publishtest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"sync"
)

// Webhook is a strict fake webhook receiver at a secret path. It checks
// the signature when it has a secret, and counts deliveries by id: a
// receiver keeps the first and drops the others, as cm asks.
type Webhook struct {
	*httptest.Server
	Path   string
	Secret string
	Faults *Faults
	Unexpected

	mu sync.Mutex
	// Deliveries counts the deliveries received per id (resends included);
	// Bodies keeps the first body of each id.
	Deliveries map[string]int
	Bodies     map[string][]byte
}

// NewWebhook starts a receiver at path, checking signatures with secret
// when it is not empty.
func NewWebhook(path, secret string) *Webhook {
	h := &Webhook{Path: path, Secret: secret, Deliveries: map[string]int{}, Bodies: map[string][]byte{}}
	h.Server = httptest.NewServer(http.HandlerFunc(h.serve))
	return h
}

// URL is the webhook's full address, the secret.
func (h *Webhook) HookURL() string { return h.Server.URL + h.Path }

// IDs returns the distinct ids received.
func (h *Webhook) IDs() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	for id := range h.Deliveries {
		out = append(out, id)
	}
	return out
}

func (h *Webhook) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != h.Path {
		h.add("unexpected request: " + r.Method + " (path not shown)")
		http.NotFound(w, r)
		return
	}
	fault := h.Faults.next()
	if h.Faults.before(fault, w) {
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		h.add("webhook delivery without application/json")
		http.Error(w, "bad content type", http.StatusBadRequest)
		return
	}
	body, _ := io.ReadAll(r.Body)
	if h.Secret != "" {
		mac := hmac.New(sha256.New, []byte(h.Secret))
		mac.Write(body)
		if r.Header.Get("X-CM-Signature-256") != "sha256="+hex.EncodeToString(mac.Sum(nil)) {
			h.add("bad or missing signature")
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
	}
	var payload struct {
		ID string `json:"id"`
	}
	if err := json.Unmarshal(body, &payload); err != nil {
		h.add("webhook body is not JSON")
		http.Error(w, "bad json", http.StatusBadRequest)
		return
	}
	id := r.Header.Get("X-CM-Delivery")
	if id == "" || (payload.ID != "" && payload.ID != id) {
		h.add("delivery id missing or different in the header and the payload")
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.Deliveries[id]++
	if h.Bodies[id] == nil {
		h.Bodies[id] = body
	}
	h.mu.Unlock()
	if h.Faults.after(fault, w) {
		return
	}
	w.Write([]byte("ok"))
}

// Site is a fake deployed blog: the pages in Live answer 200, any other
// GET 404.
type Site struct {
	*httptest.Server
	Unexpected
	mu   sync.Mutex
	live map[string]bool
}

// NewSite starts a fake blog.
func NewSite() *Site {
	s := &Site{live: map[string]bool{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			s.add("unexpected request: " + r.Method + " " + r.URL.Path)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		s.mu.Lock()
		ok := s.live[r.URL.Path]
		s.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("<!doctype html><title>article</title>"))
	}))
	return s
}

// Deploy makes pages live (or, with live false, removes them).
func (s *Site) Deploy(live bool, paths ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range paths {
		s.live[p] = live
	}
}
