package site

// schema.org structured data, written as JSON-LD in the head of pages.
// Structs, not maps, so the keys come out in a stable, readable order.

type ldThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type ldImage struct {
	Type    string `json:"@type"`
	URL     string `json:"url"`
	Caption string `json:"caption,omitempty"`
	Width   int    `json:"width,omitempty"`
	Height  int    `json:"height,omitempty"`
}

type ldBlogPosting struct {
	Context          string   `json:"@context"`
	Type             string   `json:"@type"`
	Headline         string   `json:"headline"`
	Description      string   `json:"description,omitempty"`
	URL              string   `json:"url"`
	MainEntityOfPage string   `json:"mainEntityOfPage"`
	InLanguage       string   `json:"inLanguage"`
	DatePublished    string   `json:"datePublished"`
	DateModified     string   `json:"dateModified"`
	Author           ldThing  `json:"author"`
	Publisher        ldThing  `json:"publisher"`
	Image            *ldImage `json:"image,omitempty"`
	Keywords         []string `json:"keywords,omitempty"`
	WordCount        int      `json:"wordCount,omitempty"`
}

type ldBlog struct {
	Context     string  `json:"@context"`
	Type        string  `json:"@type"`
	Name        string  `json:"name"`
	Description string  `json:"description,omitempty"`
	URL         string  `json:"url"`
	InLanguage  string  `json:"inLanguage"`
	Publisher   ldThing `json:"publisher"`
}

func (b *builder) publisher() ldThing {
	return ldThing{Type: "Organization", Name: b.cfg.Site.Title, URL: b.cfg.Site.BaseURL + "/"}
}

func (b *builder) blogPosting(a *article, v *ArticleView) *ldBlogPosting {
	ld := &ldBlogPosting{
		Context: "https://schema.org", Type: "BlogPosting",
		Headline: a.Title, Description: a.Description,
		URL: v.Permalink, MainEntityOfPage: v.Permalink, InLanguage: a.Lang,
		DatePublished: v.DateISO, DateModified: v.UpdatedISO,
		Author:    ldThing{Type: "Person", Name: a.Author},
		Publisher: b.publisher(),
		Keywords:  a.Tags,
		WordCount: a.body.words,
	}
	if a.Author == b.cfg.Site.Author || a.Author == "" {
		ld.Author = b.publisher()
		if a.Author != "" {
			ld.Author.Name = a.Author
		}
	}
	if c := a.cover; c != nil {
		ld.Image = &ldImage{Type: "ImageObject", URL: c.Permalink, Caption: c.Alt, Width: c.Width, Height: c.Height}
	}
	return ld
}

func (b *builder) blog(p *Page) *ldBlog {
	return &ldBlog{
		Context: "https://schema.org", Type: "Blog",
		Name: p.Site.Title, Description: p.Site.Description,
		URL: p.Permalink, InLanguage: p.Lang, Publisher: b.publisher(),
	}
}
