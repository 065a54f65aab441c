package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/site"
	"github.com/cmhq/cm/pipeline/vcs"
)

type buildOptions struct {
	f      *Factory
	Out    string
	Drafts bool
	Future bool
	At     string
}

func newBuildCmd(f *Factory, runF func(*buildOptions) error) *cobra.Command {
	opts := &buildOptions{f: f}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Render the blog into a static folder",
		Long: `Build renders the articles that are due into a static site: a home, an
archive and tag pages per language, hreflang links between translations,
Atom feeds (site, language, tag), sitemap.xml dated from git history,
robots.txt and a 404 page. Page bundles' images are copied beside their
articles; an image that is missing stops the build.

Drafts and articles dated after now (or --at) are left out unless --drafts
or --future is given; such a preview build asks search engines not to
index it. Layouts come from templates/, file by file over cm's built-in
theme.

The site is built in a temporary folder beside --out and replaces it only
when every page was written: a failed build leaves the previous site
intact. The same commit always gives byte-identical output.`,
		Example: `  cm build
  cm build --out /tmp/preview --drafts --future
  cm build --at 2026-12-01T09:00:00+01:00`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runBuild(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Out, "out", "public", "the `folder` to write the site to (relative to --dir)")
	fl.BoolVar(&opts.Drafts, "drafts", false, "build drafts too")
	fl.BoolVar(&opts.Future, "future", false, "build articles dated in the future too")
	fl.StringVar(&opts.At, "at", "", "build as if it were this `time` (RFC 3339) instead of now")
	return cmd
}

func runBuild(opts *buildOptions) error {
	f := opts.f
	at, err := clockAt(f, opts.At)
	if err != nil {
		return err
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	start := time.Now()
	repo, err := content.Load(cfg)
	if err != nil {
		return err
	}
	paths := make([]string, len(repo.Articles))
	for i, a := range repo.Articles {
		paths[i] = a.Path
	}
	lastmod, err := vcs.LastModified(f.Dir, paths)
	if err != nil && !errors.Is(err, vcs.ErrNoRepository) {
		return err
	}
	out := opts.Out
	if !filepath.IsAbs(out) {
		out = filepath.Join(f.Dir, out)
	}
	c := f.IO.Colors()
	stats, err := site.Build(repo, site.Options{
		Out: out, Drafts: opts.Drafts, Future: opts.Future, At: at, LastMod: lastmod,
		Warn: func(msg string) { fmt.Fprintf(f.IO.ErrOut, "%s %s\n", c.Yellow("warning:"), msg) },
	})
	if err != nil {
		return err
	}
	shown := out
	if rel, err := filepath.Rel(f.Dir, out); err == nil && !strings.HasPrefix(rel, "..") {
		shown = rel
	}
	fmt.Fprintf(f.IO.Out, "%s %s, %s, %s (%s) into %s", c.Green("built"),
		plural(stats.Articles, "article"), plural(stats.Pages, "page"), plural(stats.Feeds, "feed"), plural(stats.Files, "file"), shown)
	if f.IO.IsTerminal() {
		fmt.Fprintf(f.IO.Out, " in %s", time.Since(start).Round(time.Millisecond))
	}
	fmt.Fprintln(f.IO.Out)
	return nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
