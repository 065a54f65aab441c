package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/corpus"
)

// postsPerCampaign sets the default number of campaigns: one per 500
// standalone posts, as a brand running a campaign a month or so would have.
const postsPerCampaign = 500

type genOptions struct {
	io        *streams
	out       string
	force     bool
	campaigns int // negative: one per postsPerCampaign posts
	corpus    corpus.Options
}

func newGenCmd(io *streams, runF func(*genOptions) error) *cobra.Command {
	opts := &genOptions{io: io}
	cmd := &cobra.Command{
		Use:   "gen --out DIR",
		Short: "Write a generated content repository",
		Long: `Write a content repository into DIR: cm.yaml, articles under content/blog
(some as page bundles with a cover image), posts under content/social and
campaigns under content/campaigns. The same flags always write the same
bytes.

DIR must be empty or absent; --force replaces the cm.yaml and content/ of a
non-empty DIR and leaves its other files alone.`,
		Example: `  cmbench gen --out /tmp/corpus --articles 10000 --posts 10000 --lang fr,en --seed 1
  cmbench gen --out /tmp/small --articles 50 --posts 50 --lang en --force`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.out == "" {
				return usageErrorf("--out DIR is required")
			}
			if runF != nil {
				return runF(opts)
			}
			return runGen(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.out, "out", "", "the folder to write the repository into")
	f.BoolVar(&opts.force, "force", false, "replace cm.yaml and content/ in a non-empty folder")
	f.IntVar(&opts.corpus.Articles, "articles", 1000, "number of articles")
	f.IntVar(&opts.corpus.Posts, "posts", 1000, "number of standalone social posts")
	f.IntVar(&opts.campaigns, "campaigns", -1, "number of campaigns; -1 for one per 500 posts")
	f.StringSliceVar(&opts.corpus.Languages, "lang", []string{"fr", "en"}, "languages, the first being the default (fr, en)")
	f.Int64Var(&opts.corpus.Seed, "seed", 1, "seed of the generator: the same seed writes the same bytes")
	f.Float64Var(&opts.corpus.BundleShare, "bundles", 0.2, "fraction of articles written as page bundles")
	return cmd
}

// noArgs rejects positional arguments as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments, got %q", cmd.Name(), args)
	}
	return nil
}

func runGen(opts *genOptions) error {
	if err := prepareOut(opts.out, opts.force); err != nil {
		return err
	}
	c := opts.corpus
	c.Campaigns = opts.campaigns
	if c.Campaigns < 0 {
		c.Campaigns = c.Posts / postsPerCampaign
	}
	if opts.io.errIsTerminal {
		c.Progress = func(done, total int) {
			fmt.Fprintf(opts.io.errOut, "\rgenerating: %d/%d items", done, total)
		}
	}
	start := time.Now()
	stats, err := corpus.Generate(opts.out, c)
	if c.Progress != nil {
		fmt.Fprint(opts.io.errOut, "\r\033[K") // clear the progress line
	}
	if err != nil {
		return fmt.Errorf("generate %s: %w", opts.out, err)
	}
	printStats(opts, stats, time.Since(start))
	return nil
}

func printStats(opts *genOptions, s corpus.Stats, took time.Duration) {
	fmt.Fprintf(opts.io.out, "wrote %s: %d articles (%d bundles), %d posts, %d campaigns (%d posts)\n",
		opts.out, s.Articles, s.Bundles, s.Posts, s.Campaigns, s.CampaignPosts)
	fmt.Fprintf(opts.io.out, "%d files (%d images), %.1f MB in %s\n",
		s.Files, s.Images, float64(s.Bytes)/1e6, took.Round(time.Millisecond))
}

// prepareOut refuses to write into a non-empty folder unless forced; then
// it removes what a previous generation wrote, so that the tree holds only
// the new corpus.
func prepareOut(dir string, force bool) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	if !force {
		return fmt.Errorf("%s is not empty: pass --force to replace its cm.yaml and content/", dir)
	}
	for _, name := range []string{"cm.yaml", "content"} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("replace %s: %w", filepath.Join(dir, name), err)
		}
	}
	return nil
}
