// Package rules lists every rule cm knows. A rule joins with one line here.
package rules

import (
	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/rules/editorial"
	"github.com/cmhq/cm/pipeline/rules/schedule"
	"github.com/cmhq/cm/pipeline/rules/schema"
	"github.com/cmhq/cm/pipeline/rules/seo"
	"github.com/cmhq/cm/pipeline/rules/social"
	"github.com/cmhq/cm/pipeline/rules/spelling"
	"github.com/cmhq/cm/pipeline/rules/typography"
)

// Registry returns a registry of every rule.
func Registry() *check.Registry {
	return check.NewRegistry(
		schema.File{},
		schema.YAML{},
		schema.Required{},
		schema.Type{},
		schema.UnknownKey{},
		seo.TitleLength{},
		seo.DescriptionLength{},
		seo.DescriptionMissing{},
		seo.KeyphraseMissing{},
		seo.KeyphraseLength{},
		seo.KeyphraseTitle{},
		seo.KeyphraseIntro{},
		seo.KeyphraseSlug{},
		seo.KeyphraseDensity{},
		seo.HeadingStructure{},
		seo.ImageAlt{},
		seo.InternalLink{},
		seo.OutboundLink{},
		seo.TextLength{},
		seo.Slug{},
		seo.DuplicateTitle{},
		seo.DuplicateDescription{},
		seo.DuplicateKeyphrase{},
		seo.BrokenLink{},
		editorial.ForbiddenTerm{},
		editorial.Substitute{},
		editorial.BrandCase{},
		editorial.Tone{},
		editorial.Disclosure{},
		editorial.Readability{},
		editorial.SentenceLength{},
		editorial.ParagraphLength{},
		editorial.PassiveVoice{},
		typography.FrSpacing{},
		typography.Quotes{},
		spelling.Spelling{},
		social.Length{},
		social.Hashtags{},
		social.MediaRequired{},
		social.AltText{},
		schedule.Window{},
		schedule.Spacing{},
		schedule.Past{},
		schedule.CampaignRange{},
	)
}
