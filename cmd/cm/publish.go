package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
)

type publishOptions struct {
	f       *Factory
	At      string
	DryRun  bool
	Channel string
	Format  string
}

// publishFormats are the outputs of cm publish.
var publishFormats = []string{"text", "github"}

func newPublishCmd(f *Factory, runF func(*publishOptions) error) *cobra.Command {
	opts := &publishOptions{f: f}
	cmd := &cobra.Command{
		Use:   "publish",
		Short: "Publish what is due, exactly once, and record it in the ledger",
		Long: `Publish applies the plan (see cm plan) for what is due: it checks each
channel's account, runs cm check on what is about to go out (a file with
errors is not published), and publishes on the blog, Mastodon, Bluesky and
webhooks. Each attempt is recorded in the ledger (.cm/ledger/) and pushed
to the git remote before the network is called, and its result after, so
that it is safe to run again at any time, to kill at any instant, and to
run on several machines at once: nothing is published twice, nothing is
lost. pipeline/ledger/FORMAT.md tells how.

Secrets come only from the environment variables cm.yaml names. The ledger
is pushed with CM_GIT_TOKEN (or GITHUB_TOKEN) for HTTPS remotes.

--format github prints the same lines, plus, in GitHub Actions, an error
annotation for each failure (on the item's file) and a table of what was
done in the job summary ($GITHUB_STEP_SUMMARY).

Exit status: 0 when everything due went out (or waits), 1 when something
failed (it is tried again on the next run), 2 on bad usage.`,
		Example: `  cm publish
  cm publish --dry-run
  cm publish --channel mastodon
  cm publish --at 2027-02-10T21:00:00+01:00
  cm publish --format github     # in a workflow: annotations and a job summary`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(publishFormats, opts.Format) {
				return usageError{fmt.Errorf("--format %s: use one of %s", opts.Format, strings.Join(publishFormats, ", "))}
			}
			if runF != nil {
				return runF(opts)
			}
			return runPublish(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.At, "at", "", "the `time` to take as now, RFC 3339 (default: the clock)")
	fl.BoolVar(&opts.DryRun, "dry-run", false, "say what would be sent, send nothing and record nothing")
	fl.StringVar(&opts.Channel, "channel", "", "publish only to this channel `name` from cm.yaml")
	fl.StringVar(&opts.Format, "format", "text", "output `format`: text, or github (annotations and a job summary in GitHub Actions)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(publishFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runPublish(opts *publishOptions) error {
	f := opts.f
	p, err := loadPublishing(f, opts.At, opts.Channel, false)
	if err != nil {
		return err
	}
	out := f.IO.Out
	c := f.IO.Colors()
	if opts.DryRun {
		pl := p.plan(p.pubErrs)
		n := 0
		for _, a := range pl.Actions {
			if a.Kind.Sends() {
				n++
				fmt.Fprintf(out, "would %-7s %-10s %s\n", a.Kind, a.Channel, a.Item)
			} else if a.Kind == plan.Blocked && !a.At.After(pl.Now) {
				fmt.Fprintf(out, "blocked       %-10s %s\n              %s\n", a.Channel, a.Item, a.Why)
			}
		}
		fmt.Fprintf(out, "dry run: %d to send, nothing sent\n", n)
		return nil
	}
	lockPath := filepath.Join(f.Dir, ledger.Dir, ".lock")
	if p.git != nil && p.git.GitDir() != "" {
		lockPath = filepath.Join(p.git.GitDir(), "cm-publish.lock")
	} else if err := os.MkdirAll(filepath.Dir(lockPath), 0o755); err != nil {
		return err
	}
	unlock, err := ledger.Lock(lockPath)
	if err != nil {
		return err
	}
	defer unlock()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	progress := f.IO.StartProgress("publishing")
	p.client.Log = func(msg string) {
		progress.Done()
		fmt.Fprintf(f.IO.ErrOut, "%s %s\n", c.Dim("retry:"), p.redact(msg))
	}
	total := 0
	report, err := publish.Run(ctx, publish.Options{
		Ledger: p.ledger, Git: p.git, Publishers: p.pubs, Redact: p.redact,
		Plan: func(accounts map[string]error) (*plan.Plan, error) {
			merged := map[string]error{}
			for k, v := range p.pubErrs {
				merged[k] = v
			}
			for k, v := range accounts {
				merged[k] = v
			}
			pl := p.plan(merged)
			total = 0
			for _, a := range pl.Actions {
				if a.Kind.Sends() {
					total++
				}
			}
			return pl, nil
		},
		Event: func(e publish.Event) {
			progress.Done()
			a := e.Action
			line := fmt.Sprintf("%-9s %-10s %s", e.Status, a.Channel, a.Item)
			switch e.Status {
			case publish.Published, publish.Updated, publish.Found:
				line = c.Green(line)
				if e.Remote.URL != "" {
					line += "  " + e.Remote.URL
				}
			case publish.Failed, publish.Blocked:
				line = c.Red(line)
			}
			if e.Err != nil {
				line += "\n          " + p.redact(e.Err.Error())
			}
			fmt.Fprintln(out, line)
			progress.Update(e.Done, max(total, e.Done))
		},
	})
	progress.Done()
	if err != nil {
		err = fmt.Errorf("%s", p.redact(err.Error()))
		if opts.Format == "github" {
			fmt.Fprintf(out, "::error title=cm publish::%s\n", check.EscapeData(err.Error()))
		}
		return err
	}
	sent := 0
	for _, e := range report.Events {
		if e.Status == publish.Published || e.Status == publish.Updated || e.Status == publish.Deleted || e.Status == publish.Found {
			sent++
		}
	}
	where := "the ledger stays in " + ledger.Dir + " (not a git repository)"
	if p.git != nil {
		where = "the ledger is committed"
		if report.Pushed {
			where += " and pushed to " + p.git.Remote()
		}
	}
	fmt.Fprintf(out, "%d done, %d failed; %s\n", sent, report.Failed, where)
	if opts.Format == "github" {
		if err := writePublishGitHub(out, p, report, sent, where); err != nil {
			return err
		}
	}
	if report.Failed > 0 {
		return silentError{exitFailed}
	}
	return nil
}

// writePublishGitHub annotates each failure (and a pause) and adds the run
// to the job summary.
func writePublishGitHub(out io.Writer, p *publishing, report *publish.Report, sent int, where string) error {
	paused := false
	for _, e := range report.Events {
		a := e.Action
		switch {
		case e.Status == publish.Failed:
			msg := string(e.Status)
			if e.Err != nil {
				msg += ": " + p.redact(e.Err.Error())
			}
			fmt.Fprintf(out, "::error file=%s,title=%s::%s\n", check.EscapeProperty(a.Item), check.EscapeProperty("cm publish: "+a.Channel), check.EscapeData(msg))
		case e.Status == publish.Blocked && a.Cause == "paused" && !paused:
			paused = true
			fmt.Fprintf(out, "::warning title=cm publish::%s\n", check.EscapeData(a.Why))
		}
	}
	gh := githubFromEnv()
	return gh.appendSummary(func(w io.Writer) error {
		ew := &errorWriter{w: w}
		mark := "✅"
		if report.Failed > 0 {
			mark = "❌"
		}
		ew.printf("### %s cm publish: %d done, %d failed\n\n%s.\n", mark, sent, report.Failed, check.MarkdownEscape(where))
		if len(report.Events) == 0 {
			return ew.err
		}
		ew.printf("\n| status | channel | item | result |\n| --- | --- | --- | --- |\n")
		for _, e := range report.Events {
			a := e.Action
			status := string(e.Status)
			if e.Status == publish.Failed {
				status = "**" + status + "**"
			}
			result := ""
			switch {
			case e.Err != nil:
				result = check.MarkdownEscape(p.redact(e.Err.Error()))
			case e.Remote.URL != "":
				result = check.MarkdownEscape(e.Remote.URL)
			}
			item := check.MarkdownEscape(a.Item)
			if u := gh.link(a.Item, 1); u != "" && e.Status != publish.Deleted {
				item = "[" + item + "](" + u + ")"
			}
			ew.printf("| %s | %s | %s | %s |\n", status, check.MarkdownEscape(a.Channel), item, result)
		}
		return ew.err
	})
}
