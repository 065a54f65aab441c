package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"
)

type runOptions struct {
	io         *streams
	runs       int
	dir        string
	format     string
	showOutput bool
	command    []string
}

func newRunCmd(io *streams, runF func(*runOptions) error) *cobra.Command {
	opts := &runOptions{io: io}
	cmd := &cobra.Command{
		Use:   "run [--runs N] [--dir DIR] [--format text|json] -- COMMAND [ARGS...]",
		Short: "Measure a command on a content repository",
		Long: `Run COMMAND several times in DIR and report, per run and as the median:
wall time, Markdown files per second (the .md files under DIR/content
divided by the wall time), CPU time, peak resident memory and exit code.

COMMAND runs with DIR as its working directory; a relative COMMAND path is
taken from the current directory. Its output is discarded unless
--show-output is given. Its exit code is reported, not treated as a failure:
cm check exits 1 when it finds errors, which is a normal benchmark run.

Peak memory is the kernel's maximum resident set size for the command. On
Linux it starts as a copy of cmbench, so it never reads below cmbench's
own footprint, about 10 MB.`,
		Example: `  cmbench run --dir /tmp/corpus -- ./cm check
  cmbench run --runs 5 --dir /tmp/corpus --format json -- ./cm build --out /tmp/public`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usageErrorf("no command to measure: cmbench run [flags] -- COMMAND [ARGS...]")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.command = args
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runBench(opts)
		},
	}
	// The measured command's own flags must not be read as cmbench's.
	cmd.Flags().SetInterspersed(false)
	f := cmd.Flags()
	f.IntVar(&opts.runs, "runs", 3, "number of runs")
	f.StringVar(&opts.dir, "dir", ".", "the content repository, the command's working directory")
	f.StringVar(&opts.format, "format", "text", "output format: text or json")
	f.BoolVar(&opts.showOutput, "show-output", false, "pass the command's output through to stderr")
	return cmd
}

func (o *runOptions) validate() error {
	if o.runs < 1 {
		return usageErrorf("--runs %d: at least one run", o.runs)
	}
	if o.format != "text" && o.format != "json" {
		return usageErrorf("--format %q: text or json", o.format)
	}
	return nil
}

// measurement is one run of the command.
type measurement struct {
	Run            int     `json:"run"`
	WallSeconds    float64 `json:"wall_seconds"`
	FilesPerSecond float64 `json:"files_per_second"`
	CPUSeconds     float64 `json:"cpu_seconds"`
	PeakRSSMB      float64 `json:"peak_rss_mb"`
	ExitCode       int     `json:"exit_code"`
}

// summary holds the medians. ExitCode is null when runs disagree.
type summary struct {
	WallSeconds    float64 `json:"wall_seconds"`
	FilesPerSecond float64 `json:"files_per_second"`
	CPUSeconds     float64 `json:"cpu_seconds"`
	PeakRSSMB      float64 `json:"peak_rss_mb"`
	ExitCode       *int    `json:"exit_code"`
}

type report struct {
	Command []string      `json:"command"`
	Dir     string        `json:"dir"`
	Files   int           `json:"files"`
	Runs    []measurement `json:"runs"`
	Median  summary       `json:"median"`
}

func runBench(opts *runOptions) error {
	dir, err := filepath.Abs(opts.dir)
	if err != nil {
		return fmt.Errorf("resolve --dir %s: %w", opts.dir, err)
	}
	files, err := countMarkdown(filepath.Join(dir, "content"))
	if err != nil {
		return err
	}
	path, err := resolveCommand(opts.command[0])
	if err != nil {
		return err
	}
	rep := report{Command: opts.command, Dir: dir, Files: files}
	var output io.Writer // discarded
	if opts.showOutput {
		output = opts.io.errOut
	}
	for i := 1; i <= opts.runs; i++ {
		if opts.io.errIsTerminal {
			fmt.Fprintf(opts.io.errOut, "\rrun %d/%d…", i, opts.runs)
		}
		m, err := measure(context.Background(), opts.command, path, dir, files, output)
		if err != nil {
			return err
		}
		m.Run = i
		rep.Runs = append(rep.Runs, m)
	}
	if opts.io.errIsTerminal {
		fmt.Fprint(opts.io.errOut, "\r\033[K")
	}
	rep.Median = summarize(rep.Runs)
	if opts.format == "json" {
		return writeJSON(opts.io.out, rep)
	}
	return writeText(opts.io.out, rep)
}

// countMarkdown counts the .md files under root; no root means no files.
func countMarkdown(root string) (int, error) {
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && filepath.Ext(path) == ".md" {
			n++
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("count Markdown files under %s: %w", root, err)
	}
	return n, nil
}

// resolveCommand makes a relative command path absolute, since the command
// runs in --dir; a bare name is looked up in PATH.
func resolveCommand(name string) (string, error) {
	if !strings.ContainsRune(name, filepath.Separator) && !strings.ContainsRune(name, '/') {
		path, err := exec.LookPath(name)
		if err != nil {
			return "", fmt.Errorf("find command %s: %w", name, err)
		}
		return path, nil
	}
	path, err := filepath.Abs(name)
	if err != nil {
		return "", fmt.Errorf("resolve command %s: %w", name, err)
	}
	return path, nil
}

// measure runs command (found at path) once in dir, its stdout and stderr
// going to output (nil discards them). A non-zero exit is a result, not an
// error; failing to start is an error.
func measure(ctx context.Context, command []string, path, dir string, files int, output io.Writer) (measurement, error) {
	cmd := exec.CommandContext(ctx, path, command[1:]...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = output, output
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var exitErr *exec.ExitError
	if err != nil && !errors.As(err, &exitErr) {
		return measurement{}, fmt.Errorf("run %s: %w", strings.Join(command, " "), err)
	}
	ps := cmd.ProcessState
	m := measurement{
		WallSeconds: wall.Seconds(),
		CPUSeconds:  (ps.UserTime() + ps.SystemTime()).Seconds(),
		PeakRSSMB:   peakRSSMB(ps),
		ExitCode:    ps.ExitCode(),
	}
	if wall > 0 {
		m.FilesPerSecond = float64(files) / wall.Seconds()
	}
	return m, nil
}

// summarize computes the median of each measure.
func summarize(runs []measurement) summary {
	pickOut := func(f func(measurement) float64) []float64 {
		out := make([]float64, len(runs))
		for i, m := range runs {
			out[i] = f(m)
		}
		return out
	}
	s := summary{
		WallSeconds:    median(pickOut(func(m measurement) float64 { return m.WallSeconds })),
		FilesPerSecond: median(pickOut(func(m measurement) float64 { return m.FilesPerSecond })),
		CPUSeconds:     median(pickOut(func(m measurement) float64 { return m.CPUSeconds })),
		PeakRSSMB:      median(pickOut(func(m measurement) float64 { return m.PeakRSSMB })),
	}
	if len(runs) > 0 && slices.IndexFunc(runs, func(m measurement) bool { return m.ExitCode != runs[0].ExitCode }) < 0 {
		code := runs[0].ExitCode
		s.ExitCode = &code
	}
	return s
}

// median of the values; the mean of the two middle ones for an even count.
func median(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	v := slices.Clone(values)
	slices.Sort(v)
	mid := len(v) / 2
	if len(v)%2 == 1 {
		return v[mid]
	}
	return (v[mid-1] + v[mid]) / 2
}

func writeJSON(w io.Writer, rep report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(rep); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	return nil
}

func writeText(w io.Writer, rep report) error {
	fmt.Fprintf(w, "command  %s\ndir      %s (%d Markdown files under content/)\n\n",
		strings.Join(rep.Command, " "), rep.Dir, rep.Files)
	return writeTable(w, rep.Runs, rep.Median, true)
}

// writeTable prints one line per run and the medians; withRate adds the
// files/s column, which means something only when the command reads every
// file.
func writeTable(w io.Writer, runs []measurement, med summary, withRate bool) error {
	rate := func(v float64) string {
		if !withRate {
			return ""
		}
		return fmt.Sprintf("%.0f\t", v)
	}
	header := "run\twall\t"
	if withRate {
		header += "files/s\t"
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, header+"cpu\tpeak RSS\texit\t")
	for _, m := range runs {
		fmt.Fprintf(tw, "%d\t%.3fs\t%s%.2fs\t%.1f MB\t%d\t\n",
			m.Run, m.WallSeconds, rate(m.FilesPerSecond), m.CPUSeconds, m.PeakRSSMB, m.ExitCode)
	}
	exit := "mixed"
	if med.ExitCode != nil {
		exit = fmt.Sprint(*med.ExitCode)
	}
	fmt.Fprintf(tw, "median\t%.3fs\t%s%.2fs\t%.1f MB\t%s\t\n",
		med.WallSeconds, rate(med.FilesPerSecond), med.CPUSeconds, med.PeakRSSMB, exit)
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write the report: %w", err)
	}
	return nil
}
