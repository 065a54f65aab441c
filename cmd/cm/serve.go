package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/serve"
)

type serveOptions struct {
	f      *Factory
	Addr   string
	Expose bool
	At     string

	// ctx ends the server (tests); nil means until Ctrl+C or SIGTERM.
	ctx context.Context
	// ready is told the address once the server accepts connections.
	ready func(addr string)
}

func newServeCmd(f *Factory, runF func(*serveOptions) error) *cobra.Command {
	opts := &serveOptions{f: f}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Preview the blog with live reload, diagnostics, social previews and the calendar",
		Long: `Serve previews the blog from memory, drafts and future articles included
(each with a banner), and follows your saves: when a file of content/ or
templates/, or cm.yaml, changes, only what changed is read and rendered
again and the open pages whose content changed reload by themselves.

Every page has a panel with the cm check diagnostics of its file. A file
that cannot be read, or a site that cannot be built, shows its errors in
the browser over the page instead of stopping the server; fixing the file
brings the page back.

cm's own pages sit beside the site's:
  /_cm/            every diagnostic of the site, filterable by rule and severity
  /_cm/calendar    the calendar of cm calendar, by week or month and channel,
                   posting windows shaded and conflicts highlighted
  /_cm/social      the exact text each network will receive for each post and
                   article announcement, counted against its limit, with where
                   it would be cut

The preview answers on 127.0.0.1 only. To show it to other machines (it
shows drafts and diagnostics), give a non-loopback --addr and --expose.
Dates shown are the frontmatter's: cm build also reads the last commit of
each article from git. --at previews the site as if it were that time
(RFC 3339).`,
		Example: `  cm serve                          # then open http://127.0.0.1:1313/
  cm serve --addr 127.0.0.1:8080
  cm serve --addr 0.0.0.0:1313 --expose    # reachable from the local network
  cm serve --at 2027-02-10T21:00:00+01:00`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runServe(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Addr, "addr", "127.0.0.1:1313", "the `host:port` to listen on")
	fl.BoolVar(&opts.Expose, "expose", false, "allow an --addr that other machines can reach")
	fl.StringVar(&opts.At, "at", "", "preview as if it were this `time` (RFC 3339) instead of now")
	return cmd
}

func runServe(opts *serveOptions) error {
	f := opts.f
	loopback, err := loopbackAddr(opts.Addr)
	if err != nil {
		return usageError{err}
	}
	if !loopback && !opts.Expose {
		return usageError{fmt.Errorf("--addr %s can be reached from other machines, and the preview shows drafts and diagnostics: add --expose if that is what you want, or use --addr 127.0.0.1:PORT", opts.Addr)}
	}
	now := f.Now
	if opts.At != "" {
		at, err := clockAt(f, opts.At)
		if err != nil {
			return err
		}
		now = func() time.Time { return at }
	}
	if _, err := f.Config(); err != nil {
		return err
	}
	c := f.IO.Colors()
	var hosts []string
	if !loopback {
		hosts = []string{"*"}
		fmt.Fprintf(f.IO.ErrOut, "%s cm serve answers to any machine that can reach %s: drafts, future articles and diagnostics included\n", c.Yellow("warning:"), opts.Addr)
	}
	start := time.Now()
	srv, err := serve.New(serve.Options{Dir: f.Dir, Now: now, Log: f.IO.ErrOut, Hosts: hosts})
	if err != nil {
		return usageError{err}
	}
	defer srv.Close()
	ctx := opts.ctx
	if ctx == nil {
		var stop context.CancelFunc
		ctx, stop = signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
	}
	err = srv.ListenAndServe(ctx, opts.Addr, func(a net.Addr) {
		shown := displayAddr(a.String())
		u := "http://" + shown + "/"
		fmt.Fprintf(f.IO.Out, "%s %s  (diagnostics %s_cm/, calendar %s_cm/calendar, social previews %s_cm/social)\n",
			c.Green("cm serve:"), c.Bold(u), u, u, u)
		if f.IO.IsTerminal() {
			fmt.Fprintf(f.IO.Out, "ready in %s; watching content/, templates/ and cm.yaml; Ctrl+C stops\n", time.Since(start).Round(time.Millisecond))
		}
		if opts.ready != nil {
			opts.ready(shown)
		}
	})
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "listen" {
		return fmt.Errorf("%w: is another cm serve running? Use --addr 127.0.0.1:PORT with another port", err)
	}
	return err
}

// loopbackAddr says whether host:port listens on this machine only.
func loopbackAddr(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--addr %s: write it host:port, like 127.0.0.1:1313", addr)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// displayAddr is the address to open in a browser: 0.0.0.0 and :: are
// this machine's every address, and 127.0.0.1 is one of them.
func displayAddr(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
