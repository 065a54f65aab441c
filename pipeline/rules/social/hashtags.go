package social

import (
	"fmt"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
)

// Hashtags reports more hashtags than a network (or the brand) allows.
type Hashtags struct{}

// HashtagsOptions set the brand's own maxima.
type HashtagsOptions struct {
	Max map[string]int `yaml:"max" doc:"Most hashtags per post, by channel name or network (x, mastodon, bluesky, linkedin, instagram, threads); the network's own maximum applies when lower."`
}

func (Hashtags) DefaultOptions() any { return &HashtagsOptions{} }

func (Hashtags) Meta() check.Meta {
	return check.Meta{
		ID: "social.hashtags", Severity: check.Error, Kinds: kinds,
		Summary: "A post carries more hashtags than its network or the brand allows",
		Doc: "Instagram refuses a caption with more than 30 hashtags. " +
			"The hashtags counted are those of the text the network receives, including the campaign's " +
			"hashtags that cm appends. A brand can set its own maximum per channel or network with " +
			"`rules: {social.hashtags: {max: {mastodon: 3}}}`.",
		Example: check.Example{
			Bad:  "---\nchannels: [instagram]\nmedia: [{src: b.jpg, alt: Brushes.}]\n---\nNew brushes! #a #b … (31 hashtags)",
			Good: "---\nchannels: [instagram]\nmedia: [{src: b.jpg, alt: Brushes.}]\n---\nNew brushes! #ZeroWaste",
		},
	}
}

func (Hashtags) Check(p *check.Pass) {
	opts, _ := p.Options().(*HashtagsOptions)
	for _, m := range messages(p) {
		limit, whose := m.Network.MaxHashtags, m.Network.Name
		if opts != nil {
			for _, k := range []string{m.Network.ID, m.Channel} {
				if v, ok := opts.Max[k]; ok && (limit == 0 || v < limit) {
					limit, whose = v, "cm.yaml"
				}
			}
		}
		if count := len(m.Hashtags); limit > 0 && count > limit {
			tags := "#" + strings.Join(m.Hashtags, " #")
			p.Report(m.Pos, p.T(
				fmt.Sprintf("%s: %d hashtags (%s), over the maximum of %d (%s)", m.Channel, count, tags, limit, whose),
				fmt.Sprintf("%s : %d hashtags (%s), au-delà du maximum de %d (%s)", m.Channel, count, tags, limit, whose)),
				p.T(fmt.Sprintf("keep at most %d; the campaign's hashtags count too", limit),
					fmt.Sprintf("gardez-en %d au plus ; ceux de la campagne comptent aussi", limit)))
		}
	}
}
