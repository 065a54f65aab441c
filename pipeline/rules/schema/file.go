package schema

import "github.com/cmhq/cm/pipeline/check"

// File reports Markdown files under content/ that cm cannot read or place.
type File struct{}

func (File) Meta() check.Meta {
	return check.Meta{
		ID: "schema.file", Severity: check.Error,
		Summary: "A content file that cannot be read or is in the wrong place",
		Doc: "Every .md file under content/ must be UTF-8 text under 8 MB, and sit where cm knows what it is: " +
			"content/blog/SLUG.md or content/blog/SLUG/index.md (articles), content/social/ (posts), " +
			"content/campaigns/NAME/index.md and the posts beside it. README.md files are documentation and skipped.",
		Example: check.Example{
			Bad:  "content/news.md",
			Good: "content/blog/news.md",
		},
	}
}

func (File) Check(p *check.Pass) { report(p, "schema.file") }
