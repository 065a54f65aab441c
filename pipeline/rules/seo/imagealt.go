package seo

import (
	"fmt"
	"path"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
)

// ImageAlt reports images without alternative text.
type ImageAlt struct{}

func (ImageAlt) Meta() check.Meta {
	return check.Meta{
		ID: "seo.image-alt", Severity: check.Error, Kinds: articles,
		Summary: "An image without alternative text",
		Doc: "Screen readers read the alternative text aloud, and search engines read it to know what " +
			"an image shows. Every image of the body needs one (![what it shows](file.png), or an alt " +
			"attribute on an HTML <img>), and a cover image set with `image` needs `image_alt`.",
		Example: check.Example{
			Bad:  "image: cover.png\n---\n![](atelier.jpg)",
			Good: "image: cover.png\nimage_alt: Une gamelle en inox ouverte sur une table\n---\n![L’établi de l’atelier, brosses alignées](atelier.jpg)",
		},
	}
}

func (ImageAlt) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	if strings.TrimSpace(a.Image) != "" && strings.TrimSpace(a.ImageAlt) == "" {
		pos := a.KeyPos("image")
		if k, _ := a.Key("image_alt"); k != nil {
			pos = a.NodePos(k)
		}
		p.Report(pos,
			p.T("the cover image has no alternative text", "l’image de couverture n’a pas de texte alternatif"),
			p.T("add `image_alt:` that says what the image shows",
				"ajoutez `image_alt:` qui dit ce que montre l’image"))
	}
	for _, l := range linksOf(a.Document) {
		// alt="" on an HTML <img> says on purpose that the image is
		// decorative; Markdown has no way to say so.
		if !l.Image || strings.TrimSpace(l.Alt) != "" || (l.HTML && l.HasAlt) {
			continue
		}
		name := path.Base(l.Dest)
		if l.Dest == "" {
			name = "?"
		}
		if !l.HasAlt {
			p.Report(a.BodyPos(l.Offset),
				p.T(fmt.Sprintf("the image %s has no alt attribute", quote(p, name)),
					fmt.Sprintf("l’image %s n’a pas d’attribut alt", quote(p, name))),
				p.T(`add alt="…" that says what the image shows`, `ajoutez alt="…" qui dit ce que montre l’image`))
			continue
		}
		p.Report(a.BodyPos(l.Offset),
			p.T(fmt.Sprintf("the image %s has no alternative text", quote(p, name)),
				fmt.Sprintf("l’image %s n’a pas de texte alternatif", quote(p, name))),
			p.T(fmt.Sprintf("say what the image shows between the brackets: ![…](%s)", l.Dest),
				fmt.Sprintf("dites ce que montre l’image entre les crochets : ![…](%s)", l.Dest)))
	}
}
