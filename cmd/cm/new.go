package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/scaffold"
)

type newOptions struct {
	f        *Factory
	Kind     string
	Title    string
	Lang     string
	Campaign string
}

func newNewCmd(f *Factory, runF func(*newOptions) error) *cobra.Command {
	opts := &newOptions{f: f}
	cmd := &cobra.Command{
		Use:   "new article|post|campaign TITLE",
		Short: "Create an article, a post or a campaign from its archetype",
		Long: `New creates a content file from templates/archetypes (or cm's built-in
archetype), with every frontmatter key ready to fill, today's date in the
site's timezone and draft: true. The file name is the slug of the title:
accents folded, lowercase, words joined by hyphens. An existing file is
never overwritten.`,
		Example: `  cm new article "Les réseaux sociaux après 21 h" --lang fr
  cm new post "Atelier réparation samedi"
  cm new campaign "Semaine de la réparation"
  cm new post "Jour 1" --campaign semaine-de-la-reparation`,
		Args:      usageArgs(cobra.MinimumNArgs(2)),
		ValidArgs: scaffold.Kinds,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Kind = args[0]
			opts.Title = strings.Join(args[1:], " ")
			if runF != nil {
				return runF(opts)
			}
			return runNew(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Lang, "lang", "", "language `code` of the new content (default: site.default_language)")
	cmd.Flags().StringVar(&opts.Campaign, "campaign", "", "create the post inside this campaign's `folder`")
	return cmd
}

func runNew(opts *newOptions) error {
	cfg, err := opts.f.Config()
	if err != nil {
		return err
	}
	if opts.Campaign != "" && opts.Kind != "post" {
		return usageError{fmt.Errorf("--campaign goes with cm new post")}
	}
	rel, err := scaffold.New(cfg, scaffold.Request{
		Kind: opts.Kind, Title: opts.Title, Lang: opts.Lang, Campaign: opts.Campaign, Now: opts.f.Now(),
	})
	if err != nil {
		return usageError{err}
	}
	c := opts.f.IO.Colors()
	fmt.Fprintf(opts.f.IO.Out, "%s %s\n", c.Green("created"), rel)
	return nil
}
