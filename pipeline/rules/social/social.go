// Package social holds the rules that check what each network will receive:
// its length counted the way the network counts, its hashtags, its images
// and their alternative text. They read the text from social.Render, the
// same function publishing uses, so posts and article announcements
// (share:) are checked as they will be sent: variant or body, with the
// campaign's hashtags and the link with its UTM parameters appended.
package social

import (
	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/social"
)

// kinds are what these rules read: posts and articles with share texts.
var kinds = []content.Kind{content.KindPost, content.KindArticle}

// messages are the rendered messages of the pass's item for channels that
// are social networks.
func messages(p *check.Pass) []social.Message {
	var out []social.Message
	for _, m := range social.Messages(p.Repo.Config, p.Item) {
		if m.Network != nil {
			out = append(out, m)
		}
	}
	return out
}

// unit names what a network counts, in the message's language.
func unit(p *check.Pass, n *social.Network) string {
	switch n.Unit {
	case "weighted characters":
		return p.T("weighted characters", "caractères pondérés")
	case "graphemes":
		return p.T("graphemes", "graphèmes")
	}
	return p.T("characters", "caractères")
}

// where names the text a message comes from, for suggestions.
func where(p *check.Pass, m social.Message) string {
	if m.Source != "" {
		return m.Source
	}
	return p.T("the body", "le corps du message")
}

// mediaNode is the node of the i-th entry of a post's media list, or nil.
func mediaNode(d *content.Document, i int) *yaml.Node {
	_, list := d.Key("media")
	if list == nil || list.Kind != yaml.SequenceNode || i >= len(list.Content) {
		return nil
	}
	return list.Content[i]
}

// field is the value node of key in a mapping node, or nil.
func field(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
