// Command cmbench generates content repositories and measures cm on them.
//
//	cmbench gen --out /tmp/corpus --articles 10000 --posts 10000
//	cmbench run --dir /tmp/corpus -- ./cm check
//	cmbench changed --dir /tmp/corpus -- ./cm check --changed-since HEAD
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	// The generated dates are in Europe/Paris; embedding the zone database
	// lets the binary run on hosts without one.
	_ "time/tzdata"
)

// Exit codes, as cm's: 0 success, 1 failure, 2 bad usage.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

func main() {
	root := newRootCmd(systemStreams())
	err := root.Execute()
	if err != nil {
		fmt.Fprintln(os.Stderr, "cmbench:", err)
	}
	os.Exit(exitCode(err))
}

// streams are where commands write. errIsTerminal decides whether progress
// is shown: for people watching, not for logs and pipes.
type streams struct {
	out, errOut   io.Writer
	errIsTerminal bool
}

func systemStreams() *streams {
	return &streams{out: os.Stdout, errOut: os.Stderr, errIsTerminal: isTerminal(os.Stderr)}
}

// isTerminal reports whether f is a character device, which on the
// platforms cmbench runs on means a terminal.
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// usageError marks errors in the command line, which exit with 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

func exitCode(err error) int {
	var usage usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &usage):
		return exitUsage
	}
	return exitError
}

func newRootCmd(io *streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "cmbench",
		Short: "Generate content repositories and measure cm on them",
		Long: `cmbench writes realistic, reproducible content repositories (articles,
social posts and campaigns in French and English) and measures a command,
typically cm, running on them: wall time, files per second, peak memory.`,
		Example: `  cmbench gen --out /tmp/corpus --articles 10000 --posts 10000
  cmbench run --dir /tmp/corpus -- ./cm check
  cmbench changed --dir /tmp/corpus -- ./cm check --changed-since HEAD`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// Args and RunE turn a mistyped subcommand into a usage error
		// (exit 2) instead of cobra's plain error.
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unknown command %q: see cmbench --help", args[0])
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetOut(io.out)
	root.SetErr(io.errOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newGenCmd(io, nil), newRunCmd(io, nil))
	root.AddCommand(newHugoCmd(io, nil))
	root.AddCommand(newChangedCmd(io, nil))
	return root
}
