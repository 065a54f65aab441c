package social

import (
	"fmt"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
)

// MediaRequired reports a post without an image on a network that
// requires one.
type MediaRequired struct{}

func (MediaRequired) Meta() check.Meta {
	return check.Meta{
		ID: "social.media-required", Severity: check.Error, Kinds: kinds,
		Summary: "A post goes to a network that requires an image and has none",
		Doc: "Instagram publishes images and videos with a caption, never text alone. A post for an " +
			"Instagram channel needs media:, and an article announced there needs a cover image.",
		Example: check.Example{
			Bad:  "---\nchannels: [instagram]\n---\nNew brushes!",
			Good: "---\nchannels: [instagram]\nmedia:\n  - {src: brushes.jpg, alt: \"Three wooden brushes on a shelf.\"}\n---\nNew brushes!",
		},
	}
}

func (MediaRequired) Check(p *check.Pass) {
	for _, m := range messages(p) {
		if !m.Network.MediaRequired || len(m.Media) > 0 {
			continue
		}
		pos, fix := p.Doc.ValuePos("media"), p.T("add media: with an image and its alt text", "ajoutez media: avec une image et son texte alternatif")
		if _, isArticle := p.Item.(*content.Article); isArticle {
			pos = m.Pos
			fix = p.T("give the article a cover image (image: and image_alt:)", "donnez une image de couverture à l’article (image: et image_alt:)")
		} else if _, v := p.Doc.Key("media"); v == nil {
			pos = channelPos(p.Doc, m.Channel)
		}
		p.Report(pos, p.T(
			fmt.Sprintf("%s: %s requires an image and this post has none", m.Channel, m.Network.Name),
			fmt.Sprintf("%s : %s exige une image et ce message n’en a pas", m.Channel, m.Network.Name)), fix)
	}
}

// channelPos is where a post names a channel: its entry in channels:, or
// the start of the frontmatter when it inherits its campaign's.
func channelPos(d *content.Document, channel string) content.Position {
	_, list := d.Key("channels")
	if list != nil {
		for _, n := range list.Content {
			if n.Value == channel {
				return d.NodePos(n)
			}
		}
	}
	return d.ValuePos("channels")
}
