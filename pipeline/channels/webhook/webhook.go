// Package webhook publishes to a URL that takes JSON: cm's own payload,
// or Slack's and Discord's incoming webhooks. Each delivery carries a
// stable id (the attempt's idempotency key) in the payload and in the
// X-CM-Delivery header, and is signed with HMAC-SHA256 in
// X-CM-Signature-256 when a secret is configured.
//
// A webhook cannot be asked what it received: a delivery whose outcome is
// unknown (timeout, dropped connection) is sent again with the same id,
// and receivers drop ids they have seen (Slack and Discord show both).
package webhook

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
)

// Header names.
const (
	DeliveryHeader  = "X-CM-Delivery"
	SignatureHeader = "X-CM-Signature-256"
)

// Channel is a webhook.
type Channel struct {
	name   string
	url    string
	secret string
	format string
	client *publish.Client
}

// New returns the webhook channel name of cm.yaml.
func New(name string, ch config.Channel, getenv func(string) string, client *publish.Client) (*Channel, error) {
	u := getenv(ch.URLEnv)
	if u == "" {
		return nil, fmt.Errorf("channel %s: the webhook URL is missing: set %s in the environment", name, ch.URLEnv)
	}
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
		return nil, fmt.Errorf("channel %s: %s does not hold an http(s) URL", name, ch.URLEnv)
	}
	c := &Channel{name: name, url: u, format: ch.Format, client: client}
	switch c.format {
	case "":
		c.format = "json"
	case "json", "slack", "discord":
	default:
		return nil, fmt.Errorf("channel %s: format %q: use json, slack or discord", name, c.format)
	}
	if ch.SecretEnv != "" {
		c.secret = getenv(ch.SecretEnv)
		if c.secret == "" {
			return nil, fmt.Errorf("channel %s: the signing secret is missing: set %s in the environment", name, ch.SecretEnv)
		}
	}
	return c, nil
}

// Secrets are the cm.yaml keys naming the channel's secrets.
func Secrets(ch config.Channel) []string {
	if ch.SecretEnv != "" {
		return []string{ch.URLEnv, ch.SecretEnv}
	}
	return []string{ch.URLEnv}
}

// Payload is cm's own JSON payload.
type Payload struct {
	// ID is stable across retries and runners: drop a second delivery.
	ID      string  `json:"id"`
	Event   string  `json:"event"`
	Item    string  `json:"item"`
	Channel string  `json:"channel"`
	Kind    string  `json:"kind"`
	Text    string  `json:"text"`
	Link    string  `json:"link,omitempty"`
	URL     string  `json:"url,omitempty"`
	Title   string  `json:"title,omitempty"`
	Lang    string  `json:"lang,omitempty"`
	Media   []Media `json:"media,omitempty"`
	Version string  `json:"version"`
}

// Media is an attached file, by its path in the repo.
type Media struct {
	Path string `json:"path"`
	Alt  string `json:"alt,omitempty"`
}

// Body is the payload sent for a message, in the channel's format.
func (c *Channel) Body(m *plan.Message) ([]byte, error) {
	var v any
	switch c.format {
	case "slack":
		v = map[string]any{"text": m.Text, "unfurl_links": true}
	case "discord":
		text := m.Text
		if r := []rune(text); len(r) > 2000 {
			text = string(r[:1999]) + "…"
		}
		v = map[string]any{"content": text, "allowed_mentions": map[string]any{"parse": []string{}}}
	default:
		p := Payload{ID: m.Key, Event: "published", Item: m.Item, Channel: m.Channel, Kind: m.Kind.String(), Text: m.Text,
			Link: m.Link, URL: m.URL, Title: m.Title, Lang: m.Lang, Version: m.Version}
		for _, md := range m.Media {
			p.Media = append(p.Media, Media{Path: md.Name, Alt: md.Alt})
		}
		v = p
	}
	return json.Marshal(v)
}

// Sign is the signature header's value for a body: sha256=<hex HMAC>.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Verify has nothing to ask: a webhook has no account.
func (c *Channel) Verify(context.Context) error { return nil }

// Create delivers the message.
func (c *Channel) Create(ctx context.Context, m *plan.Message) (publish.Remote, error) {
	body, err := c.Body(m)
	if err != nil {
		return publish.Remote{}, err
	}
	h := http.Header{"Content-Type": {"application/json"}, DeliveryHeader: {m.Key}}
	if c.secret != "" {
		h.Set(SignatureHeader, Sign(c.secret, body))
	}
	if _, err := c.client.Do(ctx, publish.Request{Call: "POST webhook " + c.name, Method: http.MethodPost, URL: c.url, Header: h, Body: body}); err != nil {
		return publish.Remote{}, err
	}
	return publish.Remote{ID: m.Key}, nil
}

// Find cannot ask a webhook: it answers "not found", and the delivery is
// sent again with the same id for the receiver to drop.
func (c *Channel) Find(context.Context, *plan.Message, time.Time) (publish.Remote, bool, error) {
	return publish.Remote{}, false, nil
}
