// Package site is the blog as a channel. cm build renders it and the
// repo's workflow deploys it; an article counts as published once the
// deployed site serves its page, and the ledger records its address. cm
// publish only looks: it asks the live site, so an article is never
// recorded before a build including it is deployed, and its announcements
// (share:) wait until then.
package site

import (
	"context"
	"net/http"
	"time"

	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
)

// Channel is the deployed blog.
type Channel struct {
	client *publish.Client
}

// New returns the blog channel.
func New(client *publish.Client) *Channel { return &Channel{client: client} }

// Observes marks the site as a channel that only looks.
func (*Channel) Observes() {}

// Verify has nothing to check.
func (*Channel) Verify(context.Context) error { return nil }

// Create records the article once its page is live.
func (c *Channel) Create(ctx context.Context, m *plan.Message) (publish.Remote, error) {
	live, err := c.live(ctx, m.URL)
	if err != nil {
		return publish.Remote{}, err
	}
	if !live {
		return publish.Remote{}, publish.ErrNotLive
	}
	return publish.Remote{URL: m.URL}, nil
}

// Update records a changed article once its page is live: the next
// deployment of the site carries the change.
func (c *Channel) Update(ctx context.Context, m *plan.Message, _ publish.Remote) (publish.Remote, error) {
	return c.Create(ctx, m)
}

// Delete records an article removed from the repo once its page is gone.
func (c *Channel) Delete(ctx context.Context, r publish.Remote) error {
	live, err := c.live(ctx, r.URL)
	if err != nil {
		return err
	}
	if live {
		return publish.ErrNotLive
	}
	return nil
}

// Find is Create: the site is its own answer.
func (c *Channel) Find(ctx context.Context, m *plan.Message, _ time.Time) (publish.Remote, bool, error) {
	r, err := c.Create(ctx, m)
	if err == publish.ErrNotLive {
		return publish.Remote{}, false, nil
	}
	return r, err == nil, err
}

// live asks whether the page answers.
func (c *Channel) live(ctx context.Context, u string) (bool, error) {
	_, err := c.client.Do(ctx, publish.Request{Call: "GET " + u, Method: http.MethodGet, URL: u})
	if e, ok := err.(*publish.Error); ok && (e.Status == http.StatusNotFound || e.Status == http.StatusGone) {
		return false, nil
	}
	return err == nil, err
}
