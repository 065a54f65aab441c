package config

// Blog is how cm build renders the site.
type Blog struct {
	// Languages gives each language its own title and description; a
	// language without one uses site.title and site.description.
	Languages map[string]BlogLanguage `yaml:"languages" doc:"Per language code: the blog's title and description in that language, for its home page, feeds and link cards."`
	PageSize  int                     `yaml:"page_size" doc:"Articles per page on the home and tag pages (default 10)."`
	FeedSize  int                     `yaml:"feed_size" doc:"Latest articles in each Atom feed (default 20)."`
}

// BlogLanguage is the blog's name and description in one language.
type BlogLanguage struct {
	Title       string `yaml:"title" doc:"The blog's name in this language."`
	Description string `yaml:"description" doc:"The blog's description in this language."`
}
