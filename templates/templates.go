// Package templates is cm's built-in theme and archetypes: the files of this
// folder, embedded in the binary, so a content repo without its own
// templates/ still builds and scaffolds. A repo's templates/ folder overrides
// them file by file; this repo's folder is the default, kept in one place.
package templates

import "embed"

// Theme holds the layouts (*.html), partials/ and static/ of the blog.
//
//go:embed *.html partials static
var Theme embed.FS

// Archetypes holds what `cm new` starts from: article.md, post.md and
// campaign.md.
//
//go:embed archetypes
var Archetypes embed.FS
