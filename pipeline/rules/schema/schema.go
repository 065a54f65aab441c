// Package schema holds the rules that check the shape of content files: the
// frontmatter's syntax, its keys, their types and the required ones. The
// loader finds these problems while it decodes each file once; each rule
// here reports the ones of its id.
package schema

import (
	"github.com/cmhq/cm/pipeline/check"
)

// report emits the load problems of the pass's document that belong to id.
func report(p *check.Pass, id string) {
	for _, pr := range p.Doc.Problems {
		if pr.Rule == id {
			p.Report(pr.Pos, pr.Message, pr.Suggestion)
		}
	}
}
