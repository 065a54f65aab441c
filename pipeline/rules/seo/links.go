package seo

import "github.com/cmhq/cm/pipeline/content"

// link is a link or an image of a body, Markdown or HTML.
type link = content.Link

// linksOf lists the links and images of a document's body, in order.
func linksOf(d *content.Document) []link { return d.Links() }

// anchorsOf is the set of fragment ids a page has: its headings' ids (the
// ones the blog renders), ids and names in its raw HTML, and footnotes.
func anchorsOf(d *content.Document) map[string]bool { return d.Anchors() }
