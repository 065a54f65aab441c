package schema

import "github.com/cmhq/cm/pipeline/check"

// UnknownKey reports keys cm does not know, and channel names (in channels,
// variants and share) that cm.yaml does not configure.
type UnknownKey struct{}

func (UnknownKey) Meta() check.Meta {
	return check.Meta{
		ID: "schema.unknown-key", Severity: check.Error,
		Summary: "A frontmatter key or channel name that cm does not know",
		Doc: "A misspelled key would be silently ignored, so every key must be one the content kind " +
			"has. A channel named in `channels`, `variants` or `share` must be configured in cm.yaml. " +
			"The suggestion names the closest known key or channel.",
		Example: check.Example{
			Bad:  "---\ntitel: Réparer\nchannels: [mastodn]\n---",
			Good: "---\ntitle: Réparer\nchannels: [mastodon]\n---",
		},
	}
}

func (UnknownKey) Check(p *check.Pass) { report(p, "schema.unknown-key") }
