// Package bluesky publishes to a Bluesky account through the AT Protocol's
// XRPC API: com.atproto.server.createSession (checking that the session's
// handle is cm.yaml's), com.atproto.repo.uploadBlob for images (with their
// alt text), and app.bsky.feed.post records written with
// com.atproto.repo.createRecord under a record key derived from the item
// and the channel: a second attempt at the same post finds the first
// instead of making another. Links, mentions and hashtags become facets at
// their UTF-8 byte offsets; a link gets an app.bsky.embed.external card.
package bluesky

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
	"github.com/cmhq/cm/pipeline/social"
)

// Collection is the collection of posts.
const Collection = "app.bsky.feed.post"

// MaxImageSize is the app.bsky.embed.images limit on one image, in bytes.
const MaxImageSize = 1000000

// Channel is a Bluesky account.
type Channel struct {
	name     string
	service  string
	handle   string
	password string
	client   *publish.Client
	// Now is the clock of createdAt; nil is time.Now.
	Now func() time.Time

	access string
	did    string
}

// New returns the channel name of cm.yaml, with the app password read from
// the environment variable it names.
func New(name string, ch config.Channel, getenv func(string) string, client *publish.Client) (*Channel, error) {
	if ch.Handle == "" {
		return nil, fmt.Errorf("channel %s: handle is missing in cm.yaml (the account's handle, e.g. brand.bsky.social)", name)
	}
	service := ch.Service
	if service == "" {
		service = "https://bsky.social"
	}
	pw := getenv(ch.PasswordEnv)
	if pw == "" {
		return nil, fmt.Errorf("channel %s: the app password is missing: set %s in the environment", name, ch.PasswordEnv)
	}
	return &Channel{name: name, service: strings.TrimRight(service, "/"), handle: strings.TrimPrefix(ch.Handle, "@"), password: pw, client: client}, nil
}

// Secrets are the cm.yaml keys naming the channel's secrets.
func Secrets(ch config.Channel) []string { return []string{ch.PasswordEnv} }

func (c *Channel) xrpc(ctx context.Context, method, nsid string, query url.Values, body any, contentType string, raw []byte) (*publish.Response, error) {
	u := c.service + "/xrpc/" + nsid
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	h := http.Header{"Accept": {"application/json"}}
	if c.access != "" {
		h.Set("Authorization", "Bearer "+c.access)
	}
	data := raw
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		data = b
		contentType = "application/json"
	}
	if contentType != "" {
		h.Set("Content-Type", contentType)
	}
	return c.client.Do(ctx, publish.Request{Call: method + " " + nsid, Method: method, URL: u, Header: h, Body: data})
}

// Verify opens a session with the handle and app password and checks that
// it belongs to the configured handle.
func (c *Channel) Verify(ctx context.Context) error {
	c.access = ""
	res, err := c.xrpc(ctx, http.MethodPost, "com.atproto.server.createSession", nil,
		map[string]string{"identifier": c.handle, "password": c.password}, "", nil)
	if err != nil {
		if e, ok := err.(*publish.Error); ok && e.Status == http.StatusUnauthorized {
			return fmt.Errorf("the app password in the environment was refused for %s: create an app password in Bluesky's settings", c.handle)
		}
		return err
	}
	var s struct {
		AccessJwt string `json:"accessJwt"`
		Handle    string `json:"handle"`
		DID       string `json:"did"`
	}
	if err := json.Unmarshal(res.Body, &s); err != nil || s.AccessJwt == "" || s.DID == "" {
		return fmt.Errorf("com.atproto.server.createSession: unexpected answer from %s", c.service)
	}
	if !strings.EqualFold(s.Handle, c.handle) {
		return fmt.Errorf("wrong account: the session belongs to @%s, but cm.yaml says %s: nothing was posted (use %s's app password, or fix handle in cm.yaml)", s.Handle, c.handle, c.handle)
	}
	c.access, c.did = s.AccessJwt, s.DID
	return nil
}

func (c *Channel) session(ctx context.Context) error {
	if c.access != "" {
		return nil
	}
	return c.Verify(ctx)
}

// RecordKey is the post's record key: a TID (the 13-character timestamp
// id the post collection requires) derived from the item and the channel,
// the same on every runner and every run.
func RecordKey(item, channel string) string {
	h := sha256.Sum256([]byte(item + "\x00" + channel))
	const start = 1672531200000000 // 2023-01-01, in microseconds
	const span = 2 * 365 * 24 * 3600 * 1000000
	micros := start + binary.BigEndian.Uint64(h[:8])%span
	clock := uint64(binary.BigEndian.Uint16(h[8:10]) & 1023)
	return tid(micros<<10 | clock)
}

const tidAlphabet = "234567abcdefghijklmnopqrstuvwxyz"

func tid(v uint64) string {
	v &^= 1 << 63
	var b [13]byte
	for i := 12; i >= 0; i-- {
		b[i] = tidAlphabet[v&31]
		v >>= 5
	}
	return string(b[:])
}

func (c *Channel) remote(rkey string) publish.Remote {
	return publish.Remote{ID: "at://" + c.did + "/" + Collection + "/" + rkey, URL: "https://bsky.app/profile/" + c.handle + "/post/" + rkey}
}

// Create writes the post record under its derived key. A key already
// taken means an earlier attempt went through: that post is the answer.
func (c *Channel) Create(ctx context.Context, m *plan.Message) (publish.Remote, error) {
	if err := c.session(ctx); err != nil {
		return publish.Remote{}, err
	}
	rkey := RecordKey(m.Item, m.Channel)
	rec, err := c.record(ctx, m)
	if err != nil {
		return publish.Remote{}, err
	}
	_, err = c.xrpc(ctx, http.MethodPost, "com.atproto.repo.createRecord", nil,
		map[string]any{"repo": c.did, "collection": Collection, "rkey": rkey, "record": rec}, "", nil)
	if e, ok := err.(*publish.Error); ok && e.Status == http.StatusBadRequest {
		if r, found, ferr := c.Find(ctx, m, time.Time{}); ferr == nil && found {
			return r, nil
		}
	}
	if err != nil {
		return publish.Remote{}, err
	}
	return c.remote(rkey), nil
}

// Update rewrites the record in place (com.atproto.repo.putRecord).
func (c *Channel) Update(ctx context.Context, m *plan.Message, _ publish.Remote) (publish.Remote, error) {
	if err := c.session(ctx); err != nil {
		return publish.Remote{}, err
	}
	rkey := RecordKey(m.Item, m.Channel)
	rec, err := c.record(ctx, m)
	if err != nil {
		return publish.Remote{}, err
	}
	if _, err := c.xrpc(ctx, http.MethodPost, "com.atproto.repo.putRecord", nil,
		map[string]any{"repo": c.did, "collection": Collection, "rkey": rkey, "record": rec}, "", nil); err != nil {
		return publish.Remote{}, err
	}
	return c.remote(rkey), nil
}

// Delete removes the record (deleting one already gone succeeds).
func (c *Channel) Delete(ctx context.Context, r publish.Remote) error {
	if err := c.session(ctx); err != nil {
		return err
	}
	rkey := r.ID[strings.LastIndexByte(r.ID, '/')+1:]
	_, err := c.xrpc(ctx, http.MethodPost, "com.atproto.repo.deleteRecord", nil,
		map[string]any{"repo": c.did, "collection": Collection, "rkey": rkey}, "", nil)
	return err
}

// Find asks the repository for the record under the post's key.
func (c *Channel) Find(ctx context.Context, m *plan.Message, _ time.Time) (publish.Remote, bool, error) {
	if err := c.session(ctx); err != nil {
		return publish.Remote{}, false, err
	}
	rkey := RecordKey(m.Item, m.Channel)
	_, err := c.xrpc(ctx, http.MethodGet, "com.atproto.repo.getRecord",
		url.Values{"repo": {c.did}, "collection": {Collection}, "rkey": {rkey}}, nil, "", nil)
	if e, ok := err.(*publish.Error); ok && e.Status == http.StatusBadRequest && strings.Contains(e.Message, "RecordNotFound") {
		return publish.Remote{}, false, nil
	}
	if err != nil {
		return publish.Remote{}, false, err
	}
	return c.remote(rkey), true, nil
}

// Post is an app.bsky.feed.post record.
type Post struct {
	Type      string   `json:"$type"`
	Text      string   `json:"text"`
	CreatedAt string   `json:"createdAt"`
	Langs     []string `json:"langs,omitempty"`
	Facets    []Facet  `json:"facets,omitempty"`
	Embed     any      `json:"embed,omitempty"`
}

// Facet annotates a byte range of the text.
type Facet struct {
	Index    ByteSlice `json:"index"`
	Features []any     `json:"features"`
}

// ByteSlice is a range of UTF-8 bytes, end exclusive.
type ByteSlice struct {
	ByteStart int `json:"byteStart"`
	ByteEnd   int `json:"byteEnd"`
}

// Blob is an uploaded file's reference.
type Blob = json.RawMessage

func (c *Channel) record(ctx context.Context, m *plan.Message) (*Post, error) {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	p := &Post{Type: Collection, Text: m.Text, CreatedAt: now().UTC().Format("2006-01-02T15:04:05.000Z")}
	if m.Lang != "" {
		p.Langs = []string{m.Lang}
	}
	p.Facets = Facets(m.Text, func(handle string) string { return c.resolve(ctx, handle) })
	var blobs []Blob
	for _, md := range m.Media {
		b, err := c.upload(ctx, md)
		if err != nil {
			return nil, err
		}
		blobs = append(blobs, b)
	}
	link := m.Link
	if link == "" && m.Kind == content.KindArticle {
		link = m.URL
	}
	switch {
	case m.Kind == content.KindArticle && link != "":
		// An announcement: a card of the article, its cover as the thumb.
		ext := map[string]any{"uri": link, "title": m.Title, "description": m.Description}
		if len(blobs) > 0 {
			ext["thumb"] = blobs[0]
		}
		p.Embed = map[string]any{"$type": "app.bsky.embed.external", "external": ext}
	case len(blobs) > 0:
		var images []map[string]any
		for i, b := range blobs {
			if i == 4 {
				break
			}
			images = append(images, map[string]any{"alt": m.Media[i].Alt, "image": b})
		}
		p.Embed = map[string]any{"$type": "app.bsky.embed.images", "images": images}
	case link != "":
		p.Embed = map[string]any{"$type": "app.bsky.embed.external", "external": map[string]any{"uri": link, "title": link, "description": ""}}
	}
	return p, nil
}

func (c *Channel) upload(ctx context.Context, md plan.Media) (Blob, error) {
	data, err := os.ReadFile(md.Path)
	if err != nil {
		return nil, &publish.Error{Call: "POST com.atproto.repo.uploadBlob", Message: fmt.Sprintf("reading %s: %v", md.Name, err)}
	}
	if len(data) > MaxImageSize {
		return nil, &publish.Error{Call: "POST com.atproto.repo.uploadBlob", Message: fmt.Sprintf("%s is %d bytes; Bluesky takes images up to %d bytes: make it smaller", md.Name, len(data), MaxImageSize)}
	}
	res, err := c.xrpc(ctx, http.MethodPost, "com.atproto.repo.uploadBlob", nil, nil, http.DetectContentType(data), data)
	if err != nil {
		return nil, err
	}
	var out struct {
		Blob json.RawMessage `json:"blob"`
	}
	if err := json.Unmarshal(res.Body, &out); err != nil || len(out.Blob) == 0 {
		return nil, &publish.Error{Call: "POST com.atproto.repo.uploadBlob", Message: "unexpected answer"}
	}
	return out.Blob, nil
}

// resolve returns the DID of a handle, "" when it cannot be resolved (the
// mention then stays plain text).
func (c *Channel) resolve(ctx context.Context, handle string) string {
	res, err := c.xrpc(ctx, http.MethodGet, "com.atproto.identity.resolveHandle", url.Values{"handle": {handle}}, nil, "", nil)
	if err != nil {
		return ""
	}
	var out struct {
		DID string `json:"did"`
	}
	_ = json.Unmarshal(res.Body, &out)
	return out.DID
}

var mention = regexp.MustCompile(`(^|[\s(])@([a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)+)`)

// Facets finds the links, mentions and hashtags of a text, at their UTF-8
// byte offsets. resolve turns a handle into a DID ("" leaves it out).
func Facets(text string, resolve func(handle string) string) []Facet {
	var out []Facet
	spans := social.URLs(text, false)
	for _, s := range spans {
		out = append(out, Facet{Index: ByteSlice{s.Start, s.End}, Features: []any{
			map[string]string{"$type": "app.bsky.richtext.facet#link", "uri": text[s.Start:s.End]}}})
	}
	inURL := func(i int) bool {
		for _, s := range spans {
			if i >= s.Start && i < s.End {
				return true
			}
		}
		return false
	}
	for _, m := range mention.FindAllStringSubmatchIndex(text, -1) {
		start, end := m[4]-1, m[5]
		if inURL(start) || resolve == nil {
			continue
		}
		if did := resolve(text[start+1 : end]); did != "" {
			out = append(out, Facet{Index: ByteSlice{start, end}, Features: []any{
				map[string]string{"$type": "app.bsky.richtext.facet#mention", "did": did}}})
		}
	}
	from := 0
	for _, tag := range social.HashtagsOf(text) {
		for from < len(text) {
			i := strings.Index(text[from:], tag)
			if i < 0 {
				from = len(text)
				break
			}
			i += from
			from = i + len(tag)
			// The '#' (or the full-width '＃', 3 bytes) before the tag.
			hash := -1
			if i >= 1 && text[i-1] == '#' {
				hash = i - 1
			} else if i >= 3 && text[i-3:i] == "＃" {
				hash = i - 3
			}
			end := i + len(tag)
			next, _ := utf8.DecodeRuneInString(text[end:])
			whole := end == len(text) || !(next == '_' || unicode.IsLetter(next) || unicode.IsDigit(next) || unicode.IsMark(next))
			if hash >= 0 && whole && !inURL(hash) {
				out = append(out, Facet{Index: ByteSlice{hash, i + len(tag)}, Features: []any{
					map[string]string{"$type": "app.bsky.richtext.facet#tag", "tag": tag}}})
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Index.ByteStart < out[j].Index.ByteStart })
	return out
}
