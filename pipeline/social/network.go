// Package social knows the social networks cm writes for: each network's
// limits and the way it counts, and Render, the one function that turns a
// post or an article announcement into the exact text a channel receives.
// The check rules, the calendar, previews and publishing all read that text
// from here, so what is checked is what is sent.
package social

import (
	"github.com/cmhq/cm/pipeline/config"
)

// Network is the profile of a social network: its limits, each with the
// way the network counts it. A limit of 0 means the network has none (or
// documents none).
type Network struct {
	// ID is the channel type that names the network in cm.yaml.
	ID string
	// Name is how people write it.
	Name string
	// MaxLength is the default text limit, counted by Length in Unit.
	MaxLength int
	Length    func(text string) int
	Unit      string
	// MaxBytes is a limit on the UTF-8 size of the text.
	MaxBytes int
	// MaxHashtags is the most hashtags a post may carry.
	MaxHashtags int
	// MediaRequired is true where a post without an image is refused.
	MediaRequired bool
	// MaxAlt is the longest alternative text of an image, in code points.
	MaxAlt int
}

// The networks. Each limit names where it comes from.
var (
	// X: twitter-text v3 (config/v3.json in the twitter-text repository,
	// "maxWeightedTweetLength": 280, "transformedURLLength": 23) and the
	// X API's media metadata endpoint (alt_text up to 1,000 characters).
	X = &Network{ID: "x", Name: "X", MaxLength: 280, Length: WeightedLength, Unit: "weighted characters",
		MaxAlt: 1000}
	// Mastodon: 500 is the default of MAX_CHARS in Mastodon's
	// StatusLengthValidator (instances may raise it: channels.NAME.max_length);
	// every link counts 23 and @user@domain counts as @user there too.
	// MediaAttachment::MAX_DESCRIPTION_LENGTH is 1,500.
	Mastodon = &Network{ID: "mastodon", Name: "Mastodon", MaxLength: 500, Length: MastodonLength, Unit: "characters",
		MaxAlt: 1500}
	// Bluesky: the app.bsky.feed.post lexicon gives text maxGraphemes 300 and
	// maxLength 3000 (bytes); links count as written. The Bluesky app caps
	// an image's alt text at 2,000 characters.
	Bluesky = &Network{ID: "bluesky", Name: "Bluesky", MaxLength: 300, Length: Graphemes, Unit: "graphemes",
		MaxBytes: 3000, MaxAlt: 2000}
	// LinkedIn: the Posts API documents commentary up to 3,000 characters
	// without defining a character; cm counts UTF-16 code units, the unit
	// of its Java and JavaScript clients (an emoji counts 2).
	LinkedIn = &Network{ID: "linkedin", Name: "LinkedIn", MaxLength: 3000, Length: UTF16Length, Unit: "characters"}
	// Instagram: the Instagram Graph API's media endpoint documents
	// captions of at most 2,200 characters and 30 hashtags, and every post
	// is an image or a video. Characters counted as for LinkedIn.
	Instagram = &Network{ID: "instagram", Name: "Instagram", MaxLength: 2200, Length: UTF16Length, Unit: "characters",
		MaxHashtags: 30, MediaRequired: true}
	// Threads: the Threads API documents text of at most 500 characters.
	// Characters counted as for LinkedIn. Threads turns one word per post
	// into a topic tag, but a text with more "#words" is not refused, so
	// cm sets no maximum (a brand can: social.hashtags' max option).
	Threads = &Network{ID: "threads", Name: "Threads", MaxLength: 500, Length: UTF16Length, Unit: "characters"}
)

// Networks are every profile, by ID.
var Networks = map[string]*Network{
	X.ID: X, Mastodon.ID: Mastodon, Bluesky.ID: Bluesky,
	LinkedIn.ID: LinkedIn, Instagram.ID: Instagram, Threads.ID: Threads,
}

// For returns the network a channel posts to, or nil for channels that are
// not social networks (the blog, webhooks).
func For(ch config.Channel) *Network { return Networks[ch.Type] }

// Limit is a channel's text limit: its max_length from cm.yaml (a Mastodon
// instance that allows more), else the network's.
func (n *Network) Limit(ch config.Channel) int {
	if ch.MaxLength > 0 {
		return ch.MaxLength
	}
	return n.MaxLength
}
