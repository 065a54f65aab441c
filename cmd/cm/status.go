package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/ledger"
)

type statusOptions struct {
	f      *Factory
	Format string
}

func newStatusCmd(f *Factory, runF func(*statusOptions) error) *cobra.Command {
	opts := &statusOptions{f: f}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the ledger: what is published where, with remote ids and URLs",
		Long: `Status reads the ledger (.cm/ledger/) and lists each item and channel it
knows: the state (published, deleted, pending: an attempt whose outcome is
not known yet, failed), the content version, the remote id, the URL and
the time.`,
		Example: `  cm status
  cm status --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(planFormats, opts.Format) {
				return usageError{fmt.Errorf("--format %s: use one of %s", opts.Format, strings.Join(planFormats, ", "))}
			}
			if runF != nil {
				return runF(opts)
			}
			return runStatus(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output `format`: text or json")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(planFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// statusJSON is one line of cm status --format json.
type statusJSON struct {
	Item     string `json:"item"`
	Channel  string `json:"channel"`
	State    string `json:"state"`
	Version  string `json:"version,omitempty"`
	RemoteID string `json:"remote_id,omitempty"`
	URL      string `json:"url,omitempty"`
	Time     string `json:"time,omitempty"`
	Error    string `json:"error,omitempty"`
}

// stateOf names a ledger state the way cm status shows it.
func stateOf(s *ledger.State) string {
	switch {
	case len(s.Pending) > 0:
		return "pending"
	case s.Live:
		return "published"
	case s.Deleted:
		return "deleted"
	case s.Failures > 0:
		return "failed"
	}
	return "not published"
}

func runStatus(opts *statusOptions) error {
	f := opts.f
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	l, err := ledger.Open(f.Dir)
	if err != nil {
		return err
	}
	var rows []statusJSON
	for _, s := range l.States() {
		r := statusJSON{Item: s.Item, Channel: s.Channel, State: stateOf(s), Version: s.Version, RemoteID: s.RemoteID, URL: s.URL, Error: s.Error}
		t := s.Last
		if r.State == "pending" {
			t = s.Pending[len(s.Pending)-1].At
		} else if r.State == "failed" {
			t = s.FailedAt
		}
		if !t.IsZero() {
			r.Time = t.In(cfg.Location).Format(time.RFC3339)
		}
		rows = append(rows, r)
	}
	out := f.IO.Out
	if opts.Format == "json" {
		if rows == nil {
			rows = []statusJSON{}
		}
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(map[string]any{"entries": rows, "records": l.Len()})
	}
	if len(rows) == 0 {
		fmt.Fprintf(out, "the ledger is empty: nothing was published yet (cm plan shows what is due)\n")
		return nil
	}
	c := f.IO.Colors()
	for _, r := range rows {
		state := fmt.Sprintf("%-9s", r.State)
		switch r.State {
		case "published":
			state = c.Green(state)
		case "failed", "pending":
			state = c.Red(state)
		}
		fmt.Fprintf(out, "%s %-10s %s\n", state, r.Channel, r.Item)
		var details []string
		if r.Time != "" {
			details = append(details, r.Time)
		}
		if r.Version != "" {
			details = append(details, "version "+r.Version)
		}
		if r.RemoteID != "" {
			details = append(details, "id "+r.RemoteID)
		}
		if r.URL != "" {
			details = append(details, r.URL)
		}
		if r.Error != "" && r.State != "published" {
			details = append(details, r.Error)
		}
		if len(details) > 0 {
			fmt.Fprintf(out, "          %s\n", c.Dim(strings.Join(details, "  ")))
		}
	}
	return nil
}
