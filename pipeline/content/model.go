package content

import (
	"fmt"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/decode"
)

// Item is an article, a post or a campaign.
type Item interface {
	// Doc is the parsed file.
	Doc() *Document
	// Language is the item's language code, resolved against cm.yaml.
	Language() string
}

// ArticleMeta is the frontmatter of an article.
type ArticleMeta struct {
	Title          string            `yaml:"title" cm:"required" doc:"The title, shown as the H1 and in search results."`
	Description    string            `yaml:"description" doc:"The meta description shown by search engines and link cards."`
	Slug           string            `yaml:"slug" doc:"The last part of the URL; defaults to the file or folder name."`
	Date           time.Time         `yaml:"date" cm:"required" doc:"Publication time, with an offset or in cm.yaml's timezone."`
	Draft          bool              `yaml:"draft" doc:"A draft is checked but neither built nor published."`
	Author         string            `yaml:"author" doc:"Who wrote it; defaults to site.author."`
	Tags           []string          `yaml:"tags" doc:"Tags, each with its own page and feed."`
	Keyphrase      string            `yaml:"keyphrase" doc:"The focus keyphrase the article targets in search."`
	Image          string            `yaml:"image" doc:"Cover image, relative to the article (page bundles)."`
	ImageAlt       string            `yaml:"image_alt" doc:"Alternative text of the cover image."`
	Lang           string            `yaml:"lang" doc:"Language code; defaults to site.default_language."`
	TranslationKey string            `yaml:"translation_key" doc:"The same value on each translation of one article."`
	Canonical      string            `yaml:"canonical" doc:"Canonical URL when the article was first published elsewhere."`
	Sponsored      bool              `yaml:"sponsored" doc:"Paid content: needs the configured disclosure."`
	Share          map[string]string `yaml:"share" doc:"Channel name to the text that announces the article there."`
}

// Article is a blog article: content/blog/SLUG.md or content/blog/SLUG/index.md.
type Article struct {
	*Document
	ArticleMeta
	// Bundle is true for content/blog/SLUG/index.md, whose images sit beside it.
	Bundle bool
}

// Doc implements Item.
func (a *Article) Doc() *Document { return a.Document }

// Language implements Item.
func (a *Article) Language() string { return a.Lang }

// Media is an image or video attached to a post.
type Media struct {
	Src string `yaml:"src" cm:"required" doc:"The file, relative to the post."`
	Alt string `yaml:"alt" doc:"Alternative text, read by screen readers."`
}

// PublishAt is when a post goes out: a time, or Queued for the next free
// slot of its channels' schedules (absent or `next`).
type PublishAt struct {
	Time   time.Time
	Queued bool
}

// DecodeNode implements decode.NodeDecoder.
func (p *PublishAt) DecodeNode(n *yaml.Node, opts decode.Options) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("must be a date and time or `next`")
	}
	if strings.EqualFold(strings.TrimSpace(n.Value), "next") {
		*p = PublishAt{Queued: true}
		return nil
	}
	t, err := decode.ParseTime(n.Value, opts.Location)
	if err != nil {
		return fmt.Errorf("%q is neither a date and time nor `next`: write 2026-12-01T21:00:00+01:00 or next", n.Value)
	}
	*p = PublishAt{Time: t}
	return nil
}

// PostMeta is the frontmatter of a social post.
type PostMeta struct {
	PublishAt PublishAt         `yaml:"publish_at" doc:"When to post: a time, or next (or absent) for the next free slot."`
	Channels  []string          `yaml:"channels" doc:"Channel names from cm.yaml; campaign posts inherit the campaign's."`
	Variants  map[string]string `yaml:"variants" doc:"Channel name to the text for that network, instead of the body."`
	Media     []Media           `yaml:"media" doc:"Images attached to the post."`
	Link      string            `yaml:"link" doc:"A link appended to the post."`
	Lang      string            `yaml:"lang" doc:"Language code; defaults to site.default_language."`
	Sponsored bool              `yaml:"sponsored" doc:"Paid content: needs the configured disclosure."`
	Draft     bool              `yaml:"draft" doc:"A draft is checked but never published."`
}

// Post is a social post: content/social/**.md, or a campaign's other files.
type Post struct {
	*Document
	PostMeta
	// Text is the body, trimmed: the default text for every channel.
	Text string
	// Campaign is the campaign the post belongs to, or nil.
	Campaign *Campaign
}

// Doc implements Item.
func (p *Post) Doc() *Document { return p.Document }

// Language implements Item.
func (p *Post) Language() string { return p.Lang }

// TextFor is the text written for a channel: its variant, else the body.
func (p *Post) TextFor(channel string) string {
	if v, ok := p.Variants[channel]; ok {
		return v
	}
	return p.Text
}

// Hashtags are the hashtags appended to the post: its campaign's.
func (p *Post) Hashtags() []string {
	if p.Campaign == nil {
		return nil
	}
	return p.Campaign.Hashtags
}

// CampaignMeta is the frontmatter of a campaign's index.md.
type CampaignMeta struct {
	Title    string    `yaml:"title" cm:"required" doc:"The campaign's name."`
	Starts   time.Time `yaml:"starts" cm:"required" doc:"When the campaign starts; its posts must not go out before."`
	Ends     time.Time `yaml:"ends" cm:"required" doc:"When the campaign ends; its posts must not go out after."`
	Goal     string    `yaml:"goal" doc:"What the campaign is for, in a sentence."`
	Channels []string  `yaml:"channels" doc:"Channels of the campaign's posts."`
	Hashtags []string  `yaml:"hashtags" doc:"Hashtags appended to each post of the campaign."`
	Lang     string    `yaml:"lang" doc:"Language code; defaults to site.default_language."`
}

// Campaign is content/campaigns/NAME/index.md and the posts beside it.
type Campaign struct {
	*Document
	CampaignMeta
	// Name is the campaign's folder name.
	Name string
	// Posts are the campaign's posts, in path order.
	Posts []*Post
}

// Doc implements Item.
func (c *Campaign) Doc() *Document { return c.Document }

// Language implements Item.
func (c *Campaign) Language() string { return c.Lang }

// JSONSchema describes publish_at for editors: a date and time, or "next".
func (*PublishAt) JSONSchema() map[string]any {
	return map[string]any{"anyOf": []any{
		map[string]any{"const": "next"},
		map[string]any{"type": "string", "pattern": `^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?(Z|[+-]\d{2}:\d{2}))?)?$`},
	}}
}
