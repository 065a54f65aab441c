package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/decode"
	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/schedule"
)

// calendarFormats are the outputs of cm calendar.
var calendarFormats = []string{"text", "json", "ics"}

type calendarOptions struct {
	f       *Factory
	From    string
	To      string
	Channel string
	Format  string
	At      string
}

func newCalendarCmd(f *Factory, runF func(*calendarOptions) error) *cobra.Command {
	opts := &calendarOptions{f: f}
	cmd := &cobra.Command{
		Use:   "calendar",
		Short: "Show the publication calendar: articles, posts and queued posts in their slots",
		Long: `Calendar lists every article, post, article announcement and campaign, one
line per item and channel, with its time in the site's timezone, its state
(scheduled; queued: a post without publish_at placed in the next free slot
of its channel's windows; or published, at the time the ledger recorded)
and its conflicts with the posting policy of cm.yaml's schedule:, marked
with "!".

--from and --to take a date (2027-02-01, in the site's timezone) or a time
with an offset; --to is inclusive for a date. By default the calendar
starts today and has no end. --format ics writes an RFC 5545 calendar to
subscribe to: each item and channel keeps its event UID when it moves.

--at replaces the clock (RFC 3339): the queue starts there, and what is
before it is past.`,
		Example: `  cm calendar
  cm calendar --from 2027-02-01 --to 2027-02-28 --channel mastodon
  cm calendar --format ics > brindille.ics
  cm calendar --at 2027-02-10T21:00:00+01:00 --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(calendarFormats, opts.Format) {
				return usageError{fmt.Errorf("--format %s: use one of %s", opts.Format, strings.Join(calendarFormats, ", "))}
			}
			if runF != nil {
				return runF(opts)
			}
			return runCalendar(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.From, "from", "", "first `date` shown (default today)")
	fl.StringVar(&opts.To, "to", "", "last `date` shown (default: no end)")
	fl.StringVar(&opts.Channel, "channel", "", "show only this channel `name` from cm.yaml")
	fl.StringVar(&opts.Format, "format", "text", "output `format`: text, json or ics")
	fl.StringVar(&opts.At, "at", "", "the `time` to take as now, RFC 3339 (default: the clock)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(calendarFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runCalendar(opts *calendarOptions) error {
	f := opts.f
	now, err := clockAt(f, opts.At)
	if err != nil {
		return err
	}
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	if _, ok := cfg.Channels[opts.Channel]; opts.Channel != "" && !ok {
		return usageError{fmt.Errorf("--channel %s: no such channel in cm.yaml (%s)", opts.Channel, strings.Join(cfg.ChannelNames(), ", "))}
	}
	view := schedule.View{Channel: opts.Channel}
	today := now.In(cfg.Location)
	view.From = time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, cfg.Location)
	if opts.From != "" {
		if view.From, _, err = calendarDate("--from", opts.From, cfg.Location); err != nil {
			return err
		}
	}
	if opts.To != "" {
		to, dateOnly, err := calendarDate("--to", opts.To, cfg.Location)
		if err != nil {
			return err
		}
		if dateOnly {
			to = to.AddDate(0, 0, 1)
		}
		view.To = to
	}
	repo, err := content.Load(cfg)
	if err != nil {
		return err
	}
	l, err := ledger.Open(f.Dir)
	if err != nil {
		return err
	}
	cal := schedule.Build(repo, schedule.Options{Now: now, Published: l.Published})
	entries := cal.Select(view)
	out := f.IO.Out
	switch opts.Format {
	case "json":
		return schedule.WriteJSON(out, cfg, cal, entries)
	case "ics":
		return schedule.WriteICS(out, cfg, cal, entries)
	}
	return schedule.WriteText(out, cfg, cal, entries, f.IO.Colors())
}

// calendarDate reads --from or --to: a date in the site's timezone, or a
// time; dateOnly says which.
func calendarDate(flag, s string, loc *time.Location) (time.Time, bool, error) {
	t, err := decode.ParseTime(s, loc)
	if err != nil {
		return time.Time{}, false, usageError{fmt.Errorf("%s %s: write a date like 2027-02-01 or a time like 2027-02-01T21:00:00+01:00", flag, s)}
	}
	_, dateErr := time.Parse(time.DateOnly, strings.TrimSpace(s))
	return t, dateErr == nil, nil
}

// clockAt is the time a command takes as now: --at (RFC 3339) or the
// Factory's clock.
func clockAt(f *Factory, at string) (time.Time, error) {
	if at == "" {
		return f.Now(), nil
	}
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return time.Time{}, usageError{fmt.Errorf("--at %s: not an RFC 3339 time, write it like 2026-12-01T21:00:00+01:00", at)}
	}
	return t, nil
}
