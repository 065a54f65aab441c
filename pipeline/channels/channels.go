// Package channels builds the publisher of each channel of cm.yaml: one
// package per network under this folder, each implementing
// publish.Publisher.
package channels

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/channels/bluesky"
	"github.com/cmhq/cm/pipeline/channels/mastodon"
	"github.com/cmhq/cm/pipeline/channels/site"
	"github.com/cmhq/cm/pipeline/channels/webhook"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
)

// Caps are what each kind of channel cm publishes to can do. Channel types
// missing here (x, linkedin...) are checked and planned by the calendar
// but not published to.
var Caps = map[string]plan.Caps{
	"site":     {Edit: true, Delete: true},
	"mastodon": {Edit: true, Delete: true, Secrets: mastodon.Secrets},
	"bluesky":  {Edit: true, Delete: true, Secrets: bluesky.Secrets},
	"webhook":  {Secrets: webhook.Secrets},
}

// New returns the publisher of a channel of cm.yaml.
func New(cfg *config.Config, name string, getenv func(string) string, client *publish.Client) (publish.Publisher, error) {
	ch, ok := cfg.Channels[name]
	if !ok {
		return nil, fmt.Errorf("no channel %q in cm.yaml", name)
	}
	switch ch.Type {
	case "site":
		return site.New(client), nil
	case "mastodon":
		return mastodon.New(name, ch, getenv, client)
	case "bluesky":
		return bluesky.New(name, ch, getenv, client)
	case "webhook":
		return webhook.New(name, ch, getenv, client)
	}
	return nil, fmt.Errorf("channel %s: cm cannot publish to %s yet", name, ch.Type)
}

// Secrets returns the values of every secret cm.yaml names that is set in
// the environment: what must never appear in output, logs or the ledger.
func Secrets(cfg *config.Config, getenv func(string) string) []string {
	var out []string
	for _, name := range cfg.ChannelNames() {
		ch := cfg.Channels[name]
		for _, env := range []string{ch.TokenEnv, ch.PasswordEnv, ch.URLEnv, ch.SecretEnv} {
			if env != "" {
				if v := getenv(env); v != "" {
					out = append(out, v)
				}
			}
		}
	}
	return out
}
