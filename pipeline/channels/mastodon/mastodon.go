// Package mastodon publishes to a Mastodon account through its REST API:
// verify_credentials checks the token's account before anything is sent,
// /api/v2/media uploads images with their alt text, /api/v1/statuses posts
// with an Idempotency-Key, and PUT /api/v1/statuses/:id edits.
package mastodon

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
)

// Channel is a Mastodon account.
type Channel struct {
	name     string
	instance string // https://mastodon.example, no trailing slash
	account  string // as configured: @brand or @brand@mastodon.example
	token    string
	client   *publish.Client
	// Visibility of new statuses.
	Visibility string
	// Poll is how long to wait between checks of a media still processing.
	Poll time.Duration

	accountID string
}

// New returns the channel name of cm.yaml, with the token read from the
// environment variable it names.
func New(name string, ch config.Channel, getenv func(string) string, client *publish.Client) (*Channel, error) {
	if ch.Instance == "" {
		return nil, fmt.Errorf("channel %s: instance is missing in cm.yaml (the Mastodon server, e.g. https://mastodon.social)", name)
	}
	if ch.Account == "" {
		return nil, fmt.Errorf("channel %s: account is missing in cm.yaml (the account the token must belong to, e.g. @brand)", name)
	}
	token := getenv(ch.TokenEnv)
	if token == "" {
		return nil, fmt.Errorf("channel %s: the access token is missing: set %s in the environment", name, ch.TokenEnv)
	}
	return &Channel{name: name, instance: strings.TrimRight(ch.Instance, "/"), account: ch.Account, token: token,
		client: client, Visibility: "public", Poll: time.Second}, nil
}

// Secrets are the cm.yaml keys naming the channel's secrets.
func Secrets(ch config.Channel) []string { return []string{ch.TokenEnv} }

func (c *Channel) header() http.Header {
	return http.Header{"Authorization": {"Bearer " + c.token}, "Accept": {"application/json"}}
}

// account is the part of Mastodon's Account entity cm reads.
type account struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	Acct     string `json:"acct"`
	URL      string `json:"url"`
}

// Verify checks that the token belongs to the configured account.
func (c *Channel) Verify(ctx context.Context) error {
	res, err := c.client.Do(ctx, publish.Request{Call: "GET /api/v1/accounts/verify_credentials", Method: http.MethodGet,
		URL: c.instance + "/api/v1/accounts/verify_credentials", Header: c.header()})
	if err != nil {
		if e, ok := err.(*publish.Error); ok && (e.Status == 401 || e.Status == 403) {
			return fmt.Errorf("the token in the environment was refused by %s (HTTP %d): create a new one with the write:statuses, write:media and read:accounts scopes", c.instance, e.Status)
		}
		return err
	}
	var a account
	if err := json.Unmarshal(res.Body, &a); err != nil || a.ID == "" {
		return fmt.Errorf("GET /api/v1/accounts/verify_credentials: unexpected answer from %s", c.instance)
	}
	if !c.isAccount(a) {
		return fmt.Errorf("wrong account: the token belongs to @%s on %s, but cm.yaml says %s: nothing was posted (use the token of %s, or fix account in cm.yaml)",
			a.Username, hostOf(c.instance), c.account, c.account)
	}
	c.accountID = a.ID
	return nil
}

// isAccount compares the token's account with cm.yaml's: @user, or
// @user@domain where domain is the instance's.
func (c *Channel) isAccount(a account) bool {
	want := strings.TrimPrefix(strings.TrimSpace(c.account), "@")
	user, domain, hasDomain := strings.Cut(want, "@")
	if !strings.EqualFold(user, a.Username) {
		return false
	}
	return !hasDomain || strings.EqualFold(domain, hostOf(c.instance)) || strings.EqualFold(want, a.Acct)
}

func hostOf(instance string) string {
	u, err := url.Parse(instance)
	if err != nil {
		return instance
	}
	return u.Hostname()
}

// status is the part of Mastodon's Status entity cm reads.
type status struct {
	ID        string    `json:"id"`
	URL       string    `json:"url"`
	URI       string    `json:"uri"`
	Content   string    `json:"content"`
	CreatedAt time.Time `json:"created_at"`
}

func (s status) remote() publish.Remote {
	u := s.URL
	if u == "" {
		u = s.URI
	}
	return publish.Remote{ID: s.ID, URL: u}
}

// Create uploads the media and posts the status with the attempt's
// Idempotency-Key: Mastodon answers a repeated key with the status it
// already made.
func (c *Channel) Create(ctx context.Context, m *plan.Message) (publish.Remote, error) {
	ids, err := c.uploadAll(ctx, m)
	if err != nil {
		return publish.Remote{}, err
	}
	form := c.statusForm(m, ids)
	form.Set("visibility", c.Visibility)
	h := c.header()
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	h.Set("Idempotency-Key", m.Key)
	res, err := c.client.Do(ctx, publish.Request{Call: "POST /api/v1/statuses", Method: http.MethodPost,
		URL: c.instance + "/api/v1/statuses", Header: h, Body: []byte(form.Encode())})
	if err != nil {
		return publish.Remote{}, err
	}
	return decodeStatus("POST /api/v1/statuses", res.Body)
}

// Update edits a published status in place (Mastodon 3.5 and later).
func (c *Channel) Update(ctx context.Context, m *plan.Message, r publish.Remote) (publish.Remote, error) {
	ids, err := c.uploadAll(ctx, m)
	if err != nil {
		return publish.Remote{}, err
	}
	h := c.header()
	h.Set("Content-Type", "application/x-www-form-urlencoded")
	call := "PUT /api/v1/statuses/:id"
	res, err := c.client.Do(ctx, publish.Request{Call: call, Method: http.MethodPut,
		URL: c.instance + "/api/v1/statuses/" + url.PathEscape(r.ID), Header: h, Body: []byte(c.statusForm(m, ids).Encode())})
	if err != nil {
		return publish.Remote{}, err
	}
	return decodeStatus(call, res.Body)
}

// Delete removes a status; one already gone counts as deleted.
func (c *Channel) Delete(ctx context.Context, r publish.Remote) error {
	_, err := c.client.Do(ctx, publish.Request{Call: "DELETE /api/v1/statuses/:id", Method: http.MethodDelete,
		URL: c.instance + "/api/v1/statuses/" + url.PathEscape(r.ID), Header: c.header()})
	if e, ok := err.(*publish.Error); ok && e.Status == http.StatusNotFound {
		return nil
	}
	return err
}

func (c *Channel) statusForm(m *plan.Message, mediaIDs []string) url.Values {
	form := url.Values{"status": {m.Text}}
	if m.Lang != "" {
		form.Set("language", m.Lang)
	}
	for _, id := range mediaIDs {
		form.Add("media_ids[]", id)
	}
	return form
}

func decodeStatus(call string, body []byte) (publish.Remote, error) {
	var s status
	if err := json.Unmarshal(body, &s); err != nil || s.ID == "" {
		return publish.Remote{}, &publish.Error{Call: call, Outcome: publish.Unknown, Message: "unexpected answer"}
	}
	return s.remote(), nil
}

// uploadAll uploads a message's images with their alt texts, waiting for
// the instance to process them.
func (c *Channel) uploadAll(ctx context.Context, m *plan.Message) ([]string, error) {
	var ids []string
	for _, md := range m.Media {
		id, err := c.upload(ctx, md)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (c *Channel) upload(ctx context.Context, md plan.Media) (string, error) {
	data, err := os.ReadFile(md.Path)
	if err != nil {
		return "", &publish.Error{Call: "POST /api/v2/media", Message: fmt.Sprintf("reading %s: %v", md.Name, err)}
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, err := w.CreateFormFile("file", filepath.Base(md.Path))
	if err != nil {
		return "", err
	}
	fw.Write(data)
	if md.Alt != "" {
		_ = w.WriteField("description", md.Alt)
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	h := c.header()
	h.Set("Content-Type", w.FormDataContentType())
	res, err := c.client.Do(ctx, publish.Request{Call: "POST /api/v2/media", Method: http.MethodPost,
		URL: c.instance + "/api/v2/media", Header: h, Body: body.Bytes()})
	if err != nil {
		return "", err
	}
	var a struct {
		ID  string  `json:"id"`
		URL *string `json:"url"`
	}
	if err := json.Unmarshal(res.Body, &a); err != nil || a.ID == "" {
		return "", &publish.Error{Call: "POST /api/v2/media", Message: "unexpected answer"}
	}
	// 202: still processing; a status can only carry it once it is done.
	for tries := 0; res.Status == http.StatusAccepted && tries < 60; tries++ {
		select {
		case <-ctx.Done():
			return "", ctx.Err()
		case <-time.After(c.Poll):
		}
		res, err = c.client.Do(ctx, publish.Request{Call: "GET /api/v1/media/:id", Method: http.MethodGet,
			URL: c.instance + "/api/v1/media/" + url.PathEscape(a.ID), Header: c.header()})
		if err != nil {
			return "", err
		}
		if res.Status == http.StatusOK {
			break
		}
	}
	return a.ID, nil
}

// Find looks for a status of the account with the message's text among
// those posted since the earlier attempt: Mastodon keeps idempotency keys
// for an hour only, so the text is what tells.
func (c *Channel) Find(ctx context.Context, m *plan.Message, since time.Time) (publish.Remote, bool, error) {
	if c.accountID == "" {
		if err := c.Verify(ctx); err != nil {
			return publish.Remote{}, false, err
		}
	}
	want := normalize(m.Text)
	maxID := ""
	for page := 0; page < 10; page++ {
		q := url.Values{"limit": {"40"}, "exclude_reblogs": {"true"}}
		if maxID != "" {
			q.Set("max_id", maxID)
		}
		res, err := c.client.Do(ctx, publish.Request{Call: "GET /api/v1/accounts/:id/statuses", Method: http.MethodGet,
			URL: c.instance + "/api/v1/accounts/" + url.PathEscape(c.accountID) + "/statuses?" + q.Encode(), Header: c.header()})
		if err != nil {
			return publish.Remote{}, false, err
		}
		var list []status
		if err := json.Unmarshal(res.Body, &list); err != nil {
			return publish.Remote{}, false, &publish.Error{Call: "GET /api/v1/accounts/:id/statuses", Message: "unexpected answer"}
		}
		older := false
		for _, s := range list {
			if normalize(textOf(s.Content)) == want {
				return s.remote(), true, nil
			}
			maxID = s.ID
			older = older || s.CreatedAt.Before(since.Add(-5*time.Minute))
		}
		if len(list) == 0 || older {
			break
		}
	}
	return publish.Remote{}, false, nil
}

var (
	breakTag = regexp.MustCompile(`(?i)<br\s*/?>`)
	paraTag  = regexp.MustCompile(`(?i)</p>\s*<p[^>]*>`)
	anyTag   = regexp.MustCompile(`<[^>]*>`)
)

// textOf turns a status's HTML content back into its text.
func textOf(content string) string {
	s := paraTag.ReplaceAllString(content, "\n\n")
	s = breakTag.ReplaceAllString(s, "\n")
	s = anyTag.ReplaceAllString(s, "")
	return html.UnescapeString(s)
}

// normalize compares texts whatever their spacing.
func normalize(s string) string { return strings.Join(strings.Fields(s), " ") }
