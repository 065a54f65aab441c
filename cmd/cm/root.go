package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/iostreams"
)

// Exit codes, as the spec gives them.
const (
	exitOK     = 0
	exitFailed = 1 // check found errors, or publish left something failed
	exitUsage  = 2 // bad usage or unreadable configuration
)

// Factory holds what every command needs; tests build one with in-memory
// streams and a fixed clock.
type Factory struct {
	IO      *iostreams.IOStreams
	Now     func() time.Time
	Version string
	// Dir is the content repo, from the persistent --dir flag.
	Dir string
}

// Config loads cm.yaml from --dir.
func (f *Factory) Config() (*config.Config, error) {
	c, err := config.Load(f.Dir)
	if err != nil {
		return nil, usageError{err}
	}
	return c, nil
}

// usageError exits with code 2: bad flags, arguments or configuration.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// silentError exits with a code after the command has said what it had to.
type silentError struct{ code int }

func (e silentError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// Execute runs cm with args and returns the process exit code. A panic
// anywhere is a bug in cm: it is reported as one, with the stack trace only
// when CM_DEBUG is set, never as a raw crash.
func Execute(f *Factory, args []string) (code int) {
	defer func() {
		if v := recover(); v != nil {
			fmt.Fprintf(f.IO.ErrOut, "cm: internal error: %v\nThis is a bug in cm; please report it with the command you ran.\n", v)
			if os.Getenv("CM_DEBUG") != "" {
				fmt.Fprintf(f.IO.ErrOut, "%s\n", debug.Stack())
			}
			code = exitFailed
		}
	}()
	root := newRootCmd(f)
	root.SetArgs(args)
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	err := root.Execute()
	var silent silentError
	var usage usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &silent):
		return silent.code
	case errors.As(err, &usage):
		fmt.Fprintf(f.IO.ErrOut, "cm: %v\n", err)
		return exitUsage
	default:
		fmt.Fprintf(f.IO.ErrOut, "cm: %v\n", err)
		return exitFailed
	}
}

func newRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "cm",
		Short: "Run a brand's content as code",
		Long: `cm checks, schedules and publishes a brand's articles, social posts and
campaigns, written as Markdown files with frontmatter in a git repository.`,
		Example: `  cm check                      # check every file of the repo
  cm new article "Les réseaux sociaux après 21 h" --lang fr
  cm check --changed-since origin/main --format github`,
		Version:       f.Version,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			abs, err := filepath.Abs(f.Dir)
			if err != nil {
				return usageError{err}
			}
			f.Dir = abs
			return nil
		},
	}
	root.PersistentFlags().StringVar(&f.Dir, "dir", ".", "the content repository (the folder holding cm.yaml)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return usageError{fmt.Errorf("%w\nRun '%s --help' for usage", err, cmd.CommandPath())}
	})
	root.AddCommand(newCheckCmd(f, nil), newNewCmd(f, nil))
	root.AddCommand(newBuildCmd(f, nil))
	root.AddCommand(newCalendarCmd(f, nil))
	root.AddCommand(newPlanCmd(f, nil), newPublishCmd(f, nil), newStatusCmd(f, nil))
	root.AddCommand(newServeCmd(f, nil))
	return root
}

// buildVersion is the module version when installed with go install, or
// the VCS revision when built from a checkout.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			return "dev-" + s.Value[:12]
		}
	}
	return "dev"
}

// exactArgs is cobra.ExactArgs with a usage error.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{fmt.Errorf("%w\nRun '%s --help' for usage", err, cmd.CommandPath())}
		}
		return nil
	}
}
