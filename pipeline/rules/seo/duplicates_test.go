package seo

import (
	"fmt"
	"sort"
	"testing"

	"github.com/cmhq/cm/pipeline/check/checktest"
)

// TestDuplicatesOnABigSite checks a site with more articles than are
// compared one by one before the index is built: whichever way an
// article's duplicates are found, each article with a twin names it.
func TestDuplicatesOnABigSite(t *testing.T) {
	const n = 3 * scansFirst
	files := map[string]string{}
	for i := range n {
		title := fmt.Sprintf("Réparer l’objet numéro %d", i)
		if i%3 == 0 {
			title = fmt.Sprintf("Réparer l’objet numéro %d", i+1) // the twin of article i+1
		}
		files[fmt.Sprintf("content/blog/a%02d.md", i)] = fmt.Sprintf("---\ntitle: %s\ndate: 2026-01-01\n---\nTexte.\n", title)
	}
	var got []string
	for _, d := range checktest.Run(t, files, DuplicateTitle{}) {
		got = append(got, fmt.Sprintf("%s: %s", d.File, d.Message))
	}
	var want []string
	for i := 0; i < n; i += 3 {
		a, b := fmt.Sprintf("content/blog/a%02d.md", i), fmt.Sprintf("content/blog/a%02d.md", i+1)
		want = append(want, a+": another article has the same title: "+b, b+": another article has the same title: "+a)
	}
	sort.Strings(got)
	sort.Strings(want)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got\n%v\nwant\n%v", got, want)
	}
}
