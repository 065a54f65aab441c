package social

import (
	"fmt"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/social"
)

// AltText reports images without alternative text, or with one longer than
// a network accepts.
type AltText struct{}

func (AltText) Meta() check.Meta {
	return check.Meta{
		ID: "social.alt-text", Severity: check.Error, Kinds: kinds,
		Summary: "An image sent to a network has no alt text, or one longer than the network accepts",
		Doc: "Screen readers read an image's alternative text aloud; without it the image is lost to the " +
			"people who use them. Every image of a post (media:) and the cover of an announced article needs " +
			"one, within the limit of each network it goes to: X 1,000 characters, Mastodon 1,500, Bluesky 2,000.",
		Example: check.Example{
			Bad:  "---\nchannels: [mastodon]\nmedia:\n  - {src: atelier.jpg}\n---\nAt the workshop.",
			Good: "---\nchannels: [mastodon]\nmedia:\n  - {src: atelier.jpg, alt: \"Louis sands a beech handle at the workbench.\"}\n---\nAt the workshop.",
		},
	}
}

func (AltText) Check(p *check.Pass) {
	msgs := messages(p)
	if len(msgs) == 0 {
		return
	}
	_, isArticle := p.Item.(*content.Article)
	for i, media := range msgs[0].Media {
		missingPos, altPos := p.Doc.NodePos(mediaNode(p.Doc, i)), p.Doc.NodePos(field(mediaNode(p.Doc, i), "alt"))
		if isArticle {
			missingPos, altPos = p.Doc.ValuePos("image"), p.Doc.ValuePos("image_alt")
		}
		alt := strings.TrimSpace(media.Alt)
		if alt == "" {
			var names []string
			for _, m := range msgs {
				names = append(names, m.Channel)
			}
			p.Report(missingPos, p.T(
				fmt.Sprintf("image %s, sent to %s, has no alt text", media.Src, strings.Join(names, ", ")),
				fmt.Sprintf("l’image %s, envoyée sur %s, n’a pas de texte alternatif", media.Src, strings.Join(names, ", "))),
				p.T("describe what the image shows in "+altKey(isArticle), "décrivez ce que montre l’image dans "+altKey(isArticle)))
			continue
		}
		// One report per image, against the strictest network it goes to.
		var strictest *social.Message
		for j, m := range msgs {
			if max := m.Network.MaxAlt; max > 0 && social.Runes(alt) > max && (strictest == nil || max < strictest.Network.MaxAlt) {
				strictest = &msgs[j]
			}
		}
		if strictest != nil {
			n := strictest.Network
			p.Report(altPos, p.T(
				fmt.Sprintf("alt text of %s: %d characters, over the %s limit of %d (%s)", media.Src, social.Runes(alt), n.Name, n.MaxAlt, strictest.Channel),
				fmt.Sprintf("texte alternatif de %s : %d caractères, au-delà de la limite de %d de %s (%s)", media.Src, social.Runes(alt), n.MaxAlt, n.Name, strictest.Channel)),
				p.T(fmt.Sprintf("shorten it by %d", social.Runes(alt)-n.MaxAlt), fmt.Sprintf("raccourcissez-le de %d", social.Runes(alt)-n.MaxAlt)))
		}
	}
}

func altKey(article bool) string {
	if article {
		return "image_alt:"
	}
	return "alt:"
}
