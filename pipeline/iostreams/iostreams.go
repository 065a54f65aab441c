// Package iostreams is where commands read and write: standard streams that
// know whether they are a terminal, so colour and progress appear for people
// and not for pipes, and in-memory streams for tests.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are a command's input and outputs.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	outTTY, errTTY bool
	noColor        bool
}

// System returns the process's streams. Colour is on when stdout is a
// terminal, NO_COLOR is unset and TERM is not "dumb".
func System() *IOStreams {
	_, noColor := os.LookupEnv("NO_COLOR")
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		outTTY:  term.IsTerminal(int(os.Stdout.Fd())),
		errTTY:  term.IsTerminal(int(os.Stderr.Fd())),
		noColor: noColor || os.Getenv("TERM") == "dumb",
	}
}

// Test returns in-memory streams that are not terminals, and the buffers
// behind them.
func Test() (s *IOStreams, in, out, errOut *bytes.Buffer) {
	in, out, errOut = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// SetTerminal pretends (in tests) that stdout and stderr are terminals.
func (s *IOStreams) SetTerminal(tty bool) { s.outTTY, s.errTTY = tty, tty }

// SetNoColor turns colour off whatever the terminal, as NO_COLOR does.
func (s *IOStreams) SetNoColor(off bool) { s.noColor = off }

// IsTerminal says whether stdout is a terminal.
func (s *IOStreams) IsTerminal() bool { return s.outTTY }

// ProgressEnabled says whether progress may be drawn on stderr.
func (s *IOStreams) ProgressEnabled() bool { return s.errTTY }

// ColorEnabled says whether stdout gets colours.
func (s *IOStreams) ColorEnabled() bool { return s.outTTY && !s.noColor }

// Colors returns the palette for stdout: real colours or plain text.
func (s *IOStreams) Colors() Colors { return Colors{on: s.ColorEnabled()} }

// Colors wraps text in ANSI colours when on.
type Colors struct{ on bool }

func (c Colors) wrap(code, s string) string {
	if !c.on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (c Colors) Red(s string) string    { return c.wrap("31", s) }
func (c Colors) Yellow(s string) string { return c.wrap("33", s) }
func (c Colors) Blue(s string) string   { return c.wrap("34", s) }
func (c Colors) Green(s string) string  { return c.wrap("32", s) }
func (c Colors) Bold(s string) string   { return c.wrap("1", s) }
func (c Colors) Dim(s string) string    { return c.wrap("2", s) }
