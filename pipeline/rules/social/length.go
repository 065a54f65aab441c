package social

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
)

// Length reports a text longer than its network accepts.
type Length struct{}

func (Length) Meta() check.Meta {
	return check.Meta{
		ID: "social.length", Severity: check.Error, Kinds: kinds,
		Summary: "A post or announcement is longer than its network accepts",
		Doc: "Each network counts in its own way: X weighs characters (twitter-text v3: 280, most Latin " +
			"characters 1, CJK and emoji 2, every link 23), Mastodon counts 500 characters by default " +
			"(channels.NAME.max_length for an instance that allows more) with every link 23 and @user@domain " +
			"as @user, Bluesky 300 graphemes and 3,000 bytes with links as written, LinkedIn 3,000, " +
			"Instagram 2,200 and Threads 500 characters. The text counted is the one the network receives: " +
			"the variant or the body, plus the campaign's hashtags and the link with its UTM parameters.",
		Example: check.Example{
			Bad:  "---\nchannels: [bluesky]\n---\nA text of 320 characters…",
			Good: "---\nchannels: [bluesky]\nvariants:\n  bluesky: \"A shorter text for Bluesky.\"\n---\nA text of 320 characters…",
		},
	}
}

func (Length) Check(p *check.Pass) {
	cfg := p.Repo.Config
	for _, m := range messages(p) {
		n := m.Network
		limit := n.Limit(cfg.Channels[m.Channel])
		appended := ""
		if m.Text != m.Written {
			appended = p.T(" with what cm appends (hashtags, link)", " avec ce que cm ajoute (hashtags, lien)")
		}
		if count := n.Length(m.Text); limit > 0 && count > limit {
			fix := p.T(fmt.Sprintf("shorten %s by %d", where(p, m), count-limit),
				fmt.Sprintf("raccourcissez %s de %d", where(p, m), count-limit))
			if m.Source == "" {
				fix += p.T(", or write a shorter variant under variants."+m.Channel,
					", ou écrivez une variante plus courte sous variants."+m.Channel)
			}
			p.Report(m.Pos, p.T(
				fmt.Sprintf("%s: %d %s%s, over the %s limit of %d", m.Channel, count, unit(p, n), appended, n.Name, limit),
				fmt.Sprintf("%s : %d %s%s, au-delà de la limite de %d de %s", m.Channel, count, unit(p, n), appended, limit, n.Name)),
				fix)
		}
		if size := len(m.Text); n.MaxBytes > 0 && size > n.MaxBytes {
			p.Report(m.Pos, p.T(
				fmt.Sprintf("%s: %d bytes%s, over the %s limit of %d bytes", m.Channel, size, appended, n.Name, n.MaxBytes),
				fmt.Sprintf("%s : %d octets%s, au-delà de la limite de %d octets de %s", m.Channel, size, appended, n.MaxBytes, n.Name)),
				p.T("shorten "+where(p, m), "raccourcissez "+where(p, m)))
		}
	}
}
