package seo

import (
	"fmt"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
)

// KeyphraseSlug reports slugs without the keyphrase.
type KeyphraseSlug struct{}

func (KeyphraseSlug) Meta() check.Meta {
	return check.Meta{
		ID: "seo.keyphrase-slug", Severity: check.Warning, Kinds: articles,
		Summary: "A slug without the focus keyphrase",
		Doc: "The address of the page shows in search results, and its words count. The slug (the " +
			"`slug` key, or the file or folder name) should hold the keyphrase's content words, in " +
			"order; stop words may be left out (gamelle-inox for « gamelle en inox »).",
		Example: check.Example{
			Bad:  "content/blog/conseils-boite-repas.md\nkeyphrase: gamelle en inox",
			Good: "content/blog/choisir-gamelle-inox.md\nkeyphrase: gamelle en inox",
		},
	}
}

func (KeyphraseSlug) Check(p *check.Pass) {
	a := article(p)
	if a == nil || a.Slug == "" {
		return
	}
	ph := keyphrase(a)
	if ph == nil || ph.Count(strings.ReplaceAll(a.Slug, "-", " ")) > 0 {
		return
	}
	pos, fromName := slugPos(a)
	want := content.Slugify(strings.Join(ph.Words, " "), a.Lang)
	msg := p.T(fmt.Sprintf("the slug %s does not contain the keyphrase %s", quote(p, a.Slug), quote(p, ph.Text)),
		fmt.Sprintf("le slug %s ne contient pas la requête cible %s", quote(p, a.Slug), quote(p, ph.Text)))
	if fromName {
		p.Report(pos, msg,
			p.T(fmt.Sprintf("rename the %s so that its slug holds the keyphrase, e.g. %s, or set `slug:`", slugSource(a, "file", "folder"), quote(p, want)),
				fmt.Sprintf("renommez le %s pour que son slug contienne la requête cible, par exemple %s, ou ajoutez `slug:`", slugSource(a, "fichier", "dossier"), quote(p, want))))
		return
	}
	p.Report(pos, msg,
		p.T(fmt.Sprintf("use a slug with the keyphrase, e.g. %s", quote(p, want)),
			fmt.Sprintf("choisissez un slug avec la requête cible, par exemple %s", quote(p, want))))
}

// slugPos is where the slug is written: its frontmatter key, or the top of
// the file when the file or folder name gives it.
func slugPos(a *content.Article) (pos content.Position, fromName bool) {
	if k, _ := a.Key("slug"); k != nil {
		return a.NodePos(k), false
	}
	return content.Position{Line: 1, Column: 1}, true
}

// slugSource names what gives an article without a `slug` key its slug: its
// file, or its folder for a page bundle.
func slugSource(a *content.Article, file, folder string) string {
	if a.Bundle {
		return folder
	}
	return file
}
