package seo

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/prose"
)

// HeadingStructure reports a second H1, skipped heading levels and long
// stretches of text without a subheading.
type HeadingStructure struct{}

// HeadingStructureOptions tune the rule.
type HeadingStructureOptions struct {
	TitleIsH1       bool `yaml:"title_is_h1" doc:"The blog shows the title as the page's H1, so any H1 in the body is a second one."`
	MaxSectionWords int  `yaml:"max_section_words" doc:"Most words of text under one heading (or before the first) without a subheading; 0 turns the check off."`
}

func (HeadingStructure) DefaultOptions() any {
	return &HeadingStructureOptions{TitleIsH1: true, MaxSectionWords: 300}
}

func (HeadingStructure) Meta() check.Meta {
	return check.Meta{
		ID: "seo.heading-structure", Severity: check.Warning, Kinds: articles,
		Summary: "A second H1, a skipped heading level, or a long section without a subheading",
		Doc: "Headings are the outline that readers skim and search engines read. The blog shows the " +
			"title as the H1 (title_is_h1), so the body starts at H2 (##); levels go down one at a time (no H4 right " +
			"under an H2); and a stretch of more than max_section_words (300) words without a " +
			"subheading is hard to scan.",
		Example: check.Example{
			Bad:  "# Gamelle en inox\n\n#### Quelle taille ?",
			Good: "## Pourquoi l’inox ?\n\n### Quelle taille ?",
		},
	}
}

func (HeadingStructure) Check(p *check.Pass) {
	a := article(p)
	if a == nil {
		return
	}
	o := p.Options().(*HeadingStructureOptions)
	d := a.Document
	t := textOf(a)
	// The outline starts under the page's H1; whether the title is that
	// H1 decides whether the body may have one.
	prev, h1s := 1, 0
	if o.TitleIsH1 {
		h1s = 1
	}
	// The section being read: its heading (nil before the first) and words.
	var section *prose.Block
	words := 0
	endSection := func() {
		if o.MaxSectionWords <= 0 || words <= o.MaxSectionWords {
			return
		}
		if section == nil {
			p.Report(t.start(d),
				p.T(fmt.Sprintf("the text before the first subheading runs %d words, over %d", words, o.MaxSectionWords),
					fmt.Sprintf("le texte avant le premier intertitre compte %d mots, au-delà de %d", words, o.MaxSectionWords)),
				p.T(fmt.Sprintf("add a subheading (##) within the first %d words", o.MaxSectionWords),
					fmt.Sprintf("ajoutez un intertitre (##) dans les %d premiers mots", o.MaxSectionWords)))
			return
		}
		sub := strings.Repeat("#", min(section.Level+1, 6))
		p.Report(blockPos(d, section),
			p.T(fmt.Sprintf("the section %s runs %d words without a subheading, over %d", quote(p, section.Text), words, o.MaxSectionWords),
				fmt.Sprintf("la section %s compte %d mots sans intertitre, au-delà de %d", quote(p, section.Text), words, o.MaxSectionWords)),
			p.T(fmt.Sprintf("split it with a subheading (%s) every %d words or so", sub, o.MaxSectionWords),
				fmt.Sprintf("découpez-la avec un intertitre (%s) tous les %d mots environ", sub, o.MaxSectionWords)))
	}
	for i, b := range t.blocks {
		if b.Kind != prose.Heading {
			words += t.words[i]
			continue
		}
		endSection()
		section, words = b, 0
		if _, top := b.Node.Parent().(*ast.Document); !top {
			continue // a heading inside a list or a quote is not part of the outline
		}
		pos := blockPos(d, b)
		switch {
		case b.Level == 1 && h1s > 0:
			if o.TitleIsH1 {
				p.Report(pos,
					p.T("a second H1: the blog already shows the title as the page's H1",
						"un second titre de niveau 1 : le blog affiche déjà le titre de l’article en H1"),
					p.T("make this heading an H2 (##)", "passez cet intertitre en H2 (##)"))
			} else {
				p.Report(pos,
					p.T("a second H1: a page has only one", "un second titre de niveau 1 : une page n’en a qu’un"),
					p.T("make this heading an H2 (##)", "passez cet intertitre en H2 (##)"))
			}
		case b.Level > prev+1:
			want := strings.Repeat("#", prev+1)
			p.Report(pos,
				p.T(fmt.Sprintf("the heading jumps from H%d to H%d", prev, b.Level),
					fmt.Sprintf("l’intertitre saute du niveau H%d au niveau H%d", prev, b.Level)),
				p.T(fmt.Sprintf("make it an H%d (%s), or add the missing level above it", prev+1, want),
					fmt.Sprintf("passez-le en H%d (%s), ou ajoutez le niveau manquant au-dessus", prev+1, want)))
		}
		if b.Level == 1 {
			h1s++
		}
		prev = b.Level
	}
	endSection()
}
