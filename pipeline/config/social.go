package config

// NetworkTypes are the channel types of social networks that cm checks and
// plans (social.* and schedule.* rules, cm calendar) but does not publish to
// yet: no publisher exists for them. A brand that also posts on Instagram by
// hand declares `instagram: {type: instagram}` under channels: and gets the
// network's limits checked and its posts in the calendar; cm publish leaves
// such channels alone.
var NetworkTypes = []string{"x", "linkedin", "instagram", "threads"}

// Social says how a post becomes the text each network receives.
type Social struct {
	UTM UTM `yaml:"utm" doc:"Tracking parameters added to links to the blog, so its analytics can tell which network brought a reader."`
}

// UTM is the tracking added to links that point to the blog (site.base_url):
// utm_source=<channel>, utm_medium=<medium> and utm_campaign=<campaign>.
// Links elsewhere are never touched, nor links that already carry utm_
// parameters.
type UTM struct {
	Enabled  *bool  `yaml:"enabled" doc:"Add UTM parameters to links to the blog (default true); false leaves every link as written."`
	Medium   string `yaml:"medium" doc:"The utm_medium value (default social)."`
	Campaign string `yaml:"campaign" doc:"The utm_campaign of posts outside a campaign and of article announcements; empty leaves it out. A campaign's posts use the campaign's folder name."`
}

// On says whether links to the blog get UTM parameters.
func (u UTM) On() bool { return u.Enabled == nil || *u.Enabled }

// MediumOrDefault is utm_medium: Medium, or "social".
func (u UTM) MediumOrDefault() string {
	if u.Medium == "" {
		return "social"
	}
	return u.Medium
}
