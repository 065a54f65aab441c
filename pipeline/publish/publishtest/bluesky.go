package publishtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/rivo/uniseg"
)

// Bluesky is a strict fake PDS with one account.
type Bluesky struct {
	*httptest.Server
	Handle, Password, DID string
	Faults                *Faults
	// Handles resolves other accounts' handles (mentions) to DIDs.
	Handles map[string]string
	Unexpected

	mu      sync.Mutex
	tokens  map[string]bool
	blobs   map[string]string // cid -> mime type
	Records map[string]*FakeRecord
	// Created counts createRecord calls that made a record, per rkey.
	Created map[string]int
	Calls   map[string]int
}

// FakeRecord is a stored post.
type FakeRecord struct {
	RKey  string
	Value map[string]any
	CID   string
}

// NewBluesky starts a fake PDS for handle, whose app password is password.
func NewBluesky(handle, password string) *Bluesky {
	b := &Bluesky{Handle: handle, Password: password, DID: "did:plc:" + strings.Repeat("a", 24), Handles: map[string]string{},
		tokens: map[string]bool{}, blobs: map[string]string{}, Records: map[string]*FakeRecord{}, Created: map[string]int{}, Calls: map[string]int{}}
	b.Server = httptest.NewServer(http.HandlerFunc(b.serve))
	return b
}

// Posts returns the records by rkey.
func (b *Bluesky) Posts() map[string]*FakeRecord {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := map[string]*FakeRecord{}
	for k, v := range b.Records {
		out[k] = v
	}
	return out
}

func xerr(w http.ResponseWriter, code int, name, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": name, "message": msg})
}

var tidPattern = regexp.MustCompile(`^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$`)

func (b *Bluesky) serve(w http.ResponseWriter, r *http.Request) {
	nsid := strings.TrimPrefix(r.URL.Path, "/xrpc/")
	b.mu.Lock()
	b.Calls[nsid]++
	b.mu.Unlock()
	want := map[string]string{
		"com.atproto.server.createSession": http.MethodPost, "com.atproto.repo.uploadBlob": http.MethodPost,
		"com.atproto.repo.createRecord": http.MethodPost, "com.atproto.repo.putRecord": http.MethodPost,
		"com.atproto.repo.deleteRecord": http.MethodPost, "com.atproto.repo.getRecord": http.MethodGet,
		"com.atproto.identity.resolveHandle": http.MethodGet,
	}
	if m, ok := want[nsid]; !ok || r.Method != m {
		b.add("unexpected request: " + r.Method + " " + r.URL.Path)
		xerr(w, http.StatusNotImplemented, "MethodNotImplemented", "Method Not Implemented")
		return
	}
	if nsid != "com.atproto.server.createSession" {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		b.mu.Lock()
		ok := b.tokens[tok]
		b.mu.Unlock()
		if !ok {
			b.add(nsid + " without a valid session token")
			xerr(w, http.StatusUnauthorized, "AuthenticationRequired", "Authentication Required")
			return
		}
	}
	fault := b.Faults.next()
	if b.Faults.before(fault, w) {
		return
	}
	var body []byte
	if r.Method == http.MethodPost {
		body, _ = io.ReadAll(io.LimitReader(r.Body, 2<<20))
		if nsid != "com.atproto.repo.uploadBlob" && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			b.add(nsid + " without application/json")
			xerr(w, http.StatusBadRequest, "InvalidRequest", "wrong content type")
			return
		}
	}
	status, out := b.handle(nsid, r, body)
	if status < 300 && b.Faults.after(fault, w) {
		return
	}
	if status >= 400 {
		e := out.([2]string)
		xerr(w, status, e[0], e[1])
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("RateLimit-Limit", "5000")
	w.Header().Set("RateLimit-Remaining", "4999")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(out)
}

func (b *Bluesky) handle(nsid string, r *http.Request, body []byte) (int, any) {
	bad := func(msg string) (int, any) {
		b.add(nsid + ": " + msg)
		return http.StatusBadRequest, [2]string{"InvalidRequest", msg}
	}
	switch nsid {
	case "com.atproto.server.createSession":
		var in struct{ Identifier, Password string }
		if err := json.Unmarshal(body, &in); err != nil || in.Identifier == "" {
			return bad("identifier and password are required")
		}
		if in.Password != b.Password {
			return http.StatusUnauthorized, [2]string{"AuthenticationRequired", "Invalid identifier or password"}
		}
		tok := fmt.Sprintf("jwt-%d", time.Now().UnixNano())
		b.mu.Lock()
		b.tokens[tok] = true
		b.mu.Unlock()
		return 200, map[string]any{"accessJwt": tok, "refreshJwt": tok + "-refresh", "handle": b.Handle, "did": b.DID, "active": true}
	case "com.atproto.identity.resolveHandle":
		if did, ok := b.Handles[r.URL.Query().Get("handle")]; ok {
			return 200, map[string]string{"did": did}
		}
		return http.StatusBadRequest, [2]string{"InvalidRequest", "Unable to resolve handle"}
	case "com.atproto.repo.uploadBlob":
		ct := r.Header.Get("Content-Type")
		if !strings.HasPrefix(ct, "image/") {
			return bad("uploadBlob needs the image's Content-Type, got " + ct)
		}
		if len(body) == 0 || len(body) > 1000000 {
			return bad("blob size out of bounds")
		}
		sum := sha256.Sum256(body)
		cid := "bafkrei" + hex.EncodeToString(sum[:])[:52]
		b.mu.Lock()
		b.blobs[cid] = ct
		b.mu.Unlock()
		return 200, map[string]any{"blob": map[string]any{"$type": "blob", "ref": map[string]string{"$link": cid}, "mimeType": ct, "size": len(body)}}
	case "com.atproto.repo.getRecord":
		q := r.URL.Query()
		if q.Get("repo") != b.DID && q.Get("repo") != b.Handle || q.Get("collection") != "app.bsky.feed.post" {
			return bad("getRecord: unknown repo or collection")
		}
		b.mu.Lock()
		rec := b.Records[q.Get("rkey")]
		b.mu.Unlock()
		if rec == nil {
			return http.StatusBadRequest, [2]string{"RecordNotFound", "Could not locate record"}
		}
		return 200, map[string]any{"uri": "at://" + b.DID + "/app.bsky.feed.post/" + rec.RKey, "cid": rec.CID, "value": rec.Value}
	}
	var in struct {
		Repo, Collection, RKey string
		Record                 map[string]any
		Validate               *bool
		SwapRecord, SwapCommit *string
	}
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		return bad("bad input: " + err.Error())
	}
	if in.Repo != b.DID && in.Repo != b.Handle {
		return bad("repo is not the session's")
	}
	if in.Collection != "app.bsky.feed.post" {
		return bad("unexpected collection " + in.Collection)
	}
	if !tidPattern.MatchString(in.RKey) {
		return bad("rkey is not a TID: " + in.RKey)
	}
	if nsid == "com.atproto.repo.deleteRecord" {
		b.mu.Lock()
		delete(b.Records, in.RKey)
		b.mu.Unlock()
		return 200, map[string]any{}
	}
	if msg := b.validPost(in.Record); msg != "" {
		return bad(msg)
	}
	data, _ := json.Marshal(in.Record)
	sum := sha256.Sum256(data)
	rec := &FakeRecord{RKey: in.RKey, Value: in.Record, CID: "bafyrei" + hex.EncodeToString(sum[:])[:52]}
	b.mu.Lock()
	defer b.mu.Unlock()
	if nsid == "com.atproto.repo.createRecord" {
		if _, exists := b.Records[in.RKey]; exists {
			return http.StatusBadRequest, [2]string{"InvalidRequest", "Record already exists"}
		}
		b.Created[in.RKey]++
	}
	b.Records[in.RKey] = rec
	return 200, map[string]any{"uri": "at://" + b.DID + "/app.bsky.feed.post/" + in.RKey, "cid": rec.CID}
}

// validPost checks a record against the app.bsky.feed.post lexicon.
func (b *Bluesky) validPost(rec map[string]any) string {
	if rec["$type"] != "app.bsky.feed.post" {
		return "record $type must be app.bsky.feed.post"
	}
	for k := range rec {
		switch k {
		case "$type", "text", "createdAt", "langs", "facets", "embed", "reply", "labels", "tags":
		default:
			return "unknown record field " + k
		}
	}
	text, _ := rec["text"].(string)
	if n := uniseg.GraphemeClusterCount(text); n > 300 {
		return fmt.Sprintf("text has %d graphemes, over 300", n)
	}
	if len(text) > 3000 {
		return "text over 3000 bytes"
	}
	created, _ := rec["createdAt"].(string)
	if _, err := time.Parse(time.RFC3339Nano, created); err != nil {
		return "createdAt is not a datetime"
	}
	facets, _ := rec["facets"].([]any)
	for _, f := range facets {
		fm, _ := f.(map[string]any)
		idx, _ := fm["index"].(map[string]any)
		start, ok1 := idx["byteStart"].(float64)
		end, ok2 := idx["byteEnd"].(float64)
		if !ok1 || !ok2 || start < 0 || end <= start || int(end) > len(text) {
			return "facet index out of the text"
		}
		slice := text[int(start):int(end)]
		feats, _ := fm["features"].([]any)
		if len(feats) == 0 {
			return "facet without features"
		}
		for _, ft := range feats {
			m, _ := ft.(map[string]any)
			switch m["$type"] {
			case "app.bsky.richtext.facet#link":
				if m["uri"] != slice {
					return fmt.Sprintf("link facet covers %q, not its uri %v", slice, m["uri"])
				}
			case "app.bsky.richtext.facet#tag":
				if "#"+fmt.Sprint(m["tag"]) != slice && "＃"+fmt.Sprint(m["tag"]) != slice {
					return fmt.Sprintf("tag facet covers %q, not #%v", slice, m["tag"])
				}
			case "app.bsky.richtext.facet#mention":
				if !strings.HasPrefix(slice, "@") || !strings.HasPrefix(fmt.Sprint(m["did"]), "did:") {
					return fmt.Sprintf("mention facet covers %q", slice)
				}
			default:
				return fmt.Sprintf("unknown facet feature %v", m["$type"])
			}
		}
	}
	if embed, ok := rec["embed"].(map[string]any); ok {
		switch embed["$type"] {
		case "app.bsky.embed.images":
			images, _ := embed["images"].([]any)
			if len(images) == 0 || len(images) > 4 {
				return "images: 1 to 4"
			}
			for _, im := range images {
				m, _ := im.(map[string]any)
				if _, ok := m["alt"].(string); !ok {
					return "image without alt (required, may be empty)"
				}
				if !b.knownBlob(m["image"]) {
					return "image blob was not uploaded"
				}
			}
		case "app.bsky.embed.external":
			ext, _ := embed["external"].(map[string]any)
			for _, k := range []string{"uri", "title", "description"} {
				if _, ok := ext[k].(string); !ok {
					return "external embed needs uri, title and description"
				}
			}
			if th, ok := ext["thumb"]; ok && !b.knownBlob(th) {
				return "thumb blob was not uploaded"
			}
		default:
			return fmt.Sprintf("unknown embed %v", embed["$type"])
		}
	}
	return ""
}

func (b *Bluesky) knownBlob(v any) bool {
	m, _ := v.(map[string]any)
	ref, _ := m["ref"].(map[string]any)
	cid, _ := ref["$link"].(string)
	b.mu.Lock()
	defer b.mu.Unlock()
	_, ok := b.blobs[cid]
	return ok && m["$type"] == "blob"
}
