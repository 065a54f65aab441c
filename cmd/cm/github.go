package main

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"sort"
	"strings"
)

// githubActions is what a GitHub Actions step is told through its
// environment: where the job summary and the step's outputs go, and the
// commit being worked on. Outside Actions every field is empty and the
// --format github outputs only print.
type githubActions struct {
	// Summary and Output are the files behind $GITHUB_STEP_SUMMARY and
	// $GITHUB_OUTPUT.
	Summary, Output string
	// Server, Repository and SHA locate the commit on GitHub.
	Server, Repository, SHA string
}

func githubFromEnv() githubActions {
	return githubActions{
		Summary:    os.Getenv("GITHUB_STEP_SUMMARY"),
		Output:     os.Getenv("GITHUB_OUTPUT"),
		Server:     os.Getenv("GITHUB_SERVER_URL"),
		Repository: os.Getenv("GITHUB_REPOSITORY"),
		SHA:        os.Getenv("GITHUB_SHA"),
	}
}

// appendSummary adds Markdown to the job summary, when there is one.
func (g githubActions) appendSummary(write func(io.Writer) error) error {
	if g.Summary == "" {
		return nil
	}
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	b.WriteString("\n")
	return appendFile(g.Summary, b.Bytes(), "the job summary ($GITHUB_STEP_SUMMARY)")
}

// setOutputs records the step's outputs, read by later steps and jobs as
// steps.<id>.outputs.<name>.
func (g githubActions) setOutputs(outputs map[string]string) error {
	if g.Output == "" {
		return nil
	}
	names := make([]string, 0, len(outputs))
	for name := range outputs {
		names = append(names, name)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, name := range names {
		// Values are cm's own words and numbers: never a newline.
		fmt.Fprintf(&b, "%s=%s\n", name, strings.ReplaceAll(outputs[name], "\n", " "))
	}
	return appendFile(g.Output, b.Bytes(), "the step outputs ($GITHUB_OUTPUT)")
}

// link is the address of a file of the repository at a line, at the
// commit being checked; "" outside GitHub Actions.
func (g githubActions) link(file string, line int) string {
	if g.Server == "" || g.Repository == "" || g.SHA == "" {
		return ""
	}
	u := (&url.URL{Path: path.Join("/", g.Repository, "blob", g.SHA, file)}).EscapedPath()
	return fmt.Sprintf("%s%s#L%d", strings.TrimSuffix(g.Server, "/"), u, line)
}

func appendFile(name string, data []byte, what string) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", what, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", what, err)
	}
	return nil
}
