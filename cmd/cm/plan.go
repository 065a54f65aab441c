package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/channels"
	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/iostreams"
	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
	"github.com/cmhq/cm/pipeline/rules"
)

// planFormats are the outputs of cm plan.
var planFormats = []string{"text", "json", "markdown", "github"}

type planOptions struct {
	f       *Factory
	At      string
	Format  string
	Channel string
	Offline bool
	// ChangedSince makes the plan a preview of merging: only the items
	// changed since this git ref, secrets and accounts not checked.
	ChangedSince string
}

func newPlanCmd(f *Factory, runF func(*planOptions) error) *cobra.Command {
	opts := &planOptions{f: f}
	cmd := &cobra.Command{
		Use:   "plan",
		Short: "Show what publishing now would do, per item and channel",
		Long: `Plan reads the content, the calendar and the ledger and says, for each
item and channel, what cm publish would do now: create, update or delete
it there, wait (until when, or for what), keep (a change the channel cannot
make), or blocked (why: publishing paused, a failed check, a missing
secret, the wrong account). Nothing is sent.

The accounts of the channels with something due are checked against
cm.yaml (a read-only call per channel); --offline skips it.

--changed-since REF previews what merging a branch will do: only the
items whose file (or campaign, or image) changed since REF are planned,
as the publish job will plan them, so secrets and accounts are not
checked (a pull request's job has none) and nothing is asked of the
networks.

--format markdown prints the plan as a Markdown table, with the text each
network receives. --format github prints the text plan and, in GitHub
Actions, adds the Markdown to the job summary ($GITHUB_STEP_SUMMARY) and
sets the step outputs ($GITHUB_OUTPUT): paused (true or false), sends
(how many actions call a network now), blocked (how many are due but
blocked) and deploy (true when the blog has an article due that the
deployed site does not show as it is yet, and publishing is not paused:
build and deploy the site).`,
		Example: `  cm plan
  cm plan --at 2027-02-10T21:00:00+01:00
  cm plan --channel mastodon --format json
  cm plan --changed-since origin/main --format markdown`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(planFormats, opts.Format) {
				return usageError{fmt.Errorf("--format %s: use one of %s", opts.Format, strings.Join(planFormats, ", "))}
			}
			if runF != nil {
				return runF(opts)
			}
			return runPlan(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.At, "at", "", "the `time` to take as now, RFC 3339 (default: the clock)")
	fl.StringVar(&opts.Format, "format", "text", "output `format`: text or json")
	fl.StringVar(&opts.Channel, "channel", "", "plan only this channel `name` from cm.yaml")
	fl.BoolVar(&opts.Offline, "offline", false, "do not check the channels' accounts over the network")
	fl.StringVar(&opts.ChangedSince, "changed-since", "", "preview merging: plan only the items changed since this git `REF`, without checking secrets or accounts")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(planFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// publishing is what cm plan and cm publish share: the loaded repo, the
// ledger, its git repository and the publishers.
type publishing struct {
	cfg     *config.Config
	repo    *content.Repo
	ledger  *ledger.Ledger
	git     *ledger.Git // nil without git
	now     time.Time
	channel string
	getenv  func(string) string
	secrets []string
	client  *publish.Client
	pubs    map[string]publish.Publisher
	// pubErrs are the channels whose publisher could not be made.
	pubErrs map[string]error
	// preview: plan as the publish job would, without its secrets.
	preview bool
}

// loadPublishing loads what plan and publish need. readOnly is for cm plan:
// git then only names this clone, so a checkout it cannot use (a pull
// request's detached merge commit) is planned without it.
func loadPublishing(f *Factory, at, channel string, readOnly bool) (*publishing, error) {
	now, err := clockAt(f, at)
	if err != nil {
		return nil, err
	}
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	if _, ok := cfg.Channels[channel]; channel != "" && !ok {
		return nil, usageError{fmt.Errorf("--channel %s: no such channel in cm.yaml (%s)", channel, strings.Join(cfg.ChannelNames(), ", "))}
	}
	repo, err := content.Load(cfg)
	if err != nil {
		return nil, err
	}
	l, err := ledger.Open(f.Dir)
	if err != nil {
		return nil, err
	}
	p := &publishing{cfg: cfg, repo: repo, ledger: l, now: now, channel: channel, getenv: os.Getenv,
		pubs: map[string]publish.Publisher{}, pubErrs: map[string]error{}}
	p.secrets = channels.Secrets(cfg, p.getenv)
	g, err := ledger.OpenGit(f.Dir, cfg.Publishing.Remote, firstEnv("CM_GIT_TOKEN", "GITHUB_TOKEN"))
	switch {
	case errors.Is(err, ledger.ErrNoRepository):
	case err != nil && readOnly:
	case err != nil:
		return nil, err
	default:
		p.git = g
		l.SetRunner(g.Runner())
		if push := cfg.Publishing.Push; push != nil && !*push {
			g.LocalOnly()
		}
	}
	pp := cfg.Publishing
	p.client = publish.NewClient(pp.Timeout, pp.Retries, pp.MaxWait)
	p.client.UserAgent = "cm/" + f.Version
	for _, name := range cfg.ChannelNames() {
		if _, ok := channels.Caps[cfg.Channels[name].Type]; !ok || (channel != "" && name != channel) {
			continue
		}
		pub, err := channels.New(cfg, name, p.getenv, p.client)
		if err != nil {
			p.pubErrs[name] = err
			continue
		}
		p.pubs[name] = pub
	}
	return p, nil
}

func firstEnv(names ...string) string {
	for _, n := range names {
		if v := os.Getenv(n); v != "" {
			return v
		}
	}
	return ""
}

// redact replaces the secrets' values in a text.
func (p *publishing) redact(s string) string {
	for _, v := range p.secrets {
		if len(v) >= 4 {
			s = strings.ReplaceAll(s, v, "***")
		}
	}
	return s
}

// plan builds the plan with the ledger as it is now.
func (p *publishing) plan(accounts map[string]error) *plan.Plan {
	lease := p.cfg.Publishing.Lease
	return plan.Build(p.repo, plan.Options{
		Now: p.now, Ledger: p.ledger, Channel: p.channel, Caps: channels.Caps, Getenv: p.getenv, IgnoreSecrets: p.preview,
		Accounts: accounts, Check: p.check, Runner: p.ledger.Runner(), Lease: lease,
	})
}

// check runs cm check on the files about to be published: one with errors
// is not published. schedule.past is left out: a post that is due has, by
// definition, a time that has passed.
func (p *publishing) check(paths []string) map[string]string {
	set := map[string]bool{}
	for _, path := range paths {
		set[path] = true
	}
	res, err := rules.Registry().Run(p.repo, check.Options{Only: func(path string) bool { return set[path] }, Now: p.now, Published: p.ledger.Published})
	out := map[string]string{}
	if err != nil {
		for path := range set {
			out[path] = err.Error()
		}
		return out
	}
	count := map[string]int{}
	for _, d := range res.Diagnostics {
		if d.Severity != check.Error || d.Rule == "schedule.past" {
			continue
		}
		count[d.File]++
		if count[d.File] == 1 {
			out[d.File] = fmt.Sprintf("%s:%d:%d: %s (%s)", d.File, d.Line, d.Column, d.Message, d.Rule)
		}
	}
	for path, n := range count {
		if n > 1 {
			out[path] += fmt.Sprintf(", and %d more error(s): run cm check %s", n-1, path)
		}
	}
	return out
}

// verify checks the accounts of the channels with something to send.
func (p *publishing) verify(ctx context.Context, pl *plan.Plan) map[string]error {
	accounts := map[string]error{}
	seen := map[string]bool{}
	for _, a := range pl.Actions {
		if !a.Kind.Sends() || seen[a.Channel] {
			continue
		}
		seen[a.Channel] = true
		if pub := p.pubs[a.Channel]; pub != nil {
			if err := pub.Verify(ctx); err != nil {
				accounts[a.Channel] = errors.New(p.redact(err.Error()))
			}
		}
	}
	return accounts
}

func runPlan(opts *planOptions) error {
	f := opts.f
	p, err := loadPublishing(f, opts.At, opts.Channel, true)
	if err != nil {
		return err
	}
	p.preview = opts.ChangedSince != ""
	pl := p.plan(nil)
	if p.preview {
		if err := keepChanged(f.Dir, opts.ChangedSince, p.repo, pl); err != nil {
			return err
		}
	} else if !opts.Offline {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		accounts := p.verify(ctx, pl)
		cancel()
		if len(accounts) > 0 {
			pl = p.plan(accounts)
		}
	}
	switch opts.Format {
	case "json":
		return writePlanJSON(f.IO.Out, p, pl)
	case "markdown":
		return writePlanMarkdown(f.IO.Out, p, pl, nil)
	case "github":
		writePlanText(f.IO.Out, p, pl, f.IO.Colors())
		gh := githubFromEnv()
		if err := gh.appendSummary(func(w io.Writer) error { return writePlanMarkdown(w, p, pl, gh.link) }); err != nil {
			return err
		}
		return gh.setOutputs(planOutputs(pl))
	}
	writePlanText(f.IO.Out, p, pl, f.IO.Colors())
	return nil
}

// keepChanged narrows a plan to the items a branch changed since ref: an
// item whose file, campaign or image changed.
func keepChanged(dir, ref string, repo *content.Repo, pl *plan.Plan) error {
	changed, err := changedSince(dir, ref, repo)
	if err != nil {
		return err
	}
	touched := func(a *plan.Action) bool {
		if changed(a.Item) {
			return true
		}
		if post, ok := repo.Item(a.Item).(*content.Post); ok && post.Campaign != nil && changed(post.Campaign.Path) {
			return true
		}
		if a.Message != nil {
			for _, m := range a.Message.Media {
				if changed(m.Name) {
					return true
				}
			}
		}
		return false
	}
	kept := pl.Actions[:0]
	for _, a := range pl.Actions {
		if touched(a) {
			kept = append(kept, a)
		}
	}
	pl.Actions = kept
	return nil
}

// planOutputs are the step outputs of cm plan --format github.
func planOutputs(pl *plan.Plan) map[string]string {
	sends, blocked, deploy := 0, 0, false
	for _, a := range pl.Actions {
		switch {
		case a.Kind.Sends():
			sends++
			deploy = deploy || a.Type == "site"
		case a.Kind == plan.Blocked && !a.At.After(pl.Now):
			blocked++
		}
	}
	return map[string]string{
		"paused":  strconv.FormatBool(pl.Paused),
		"sends":   strconv.Itoa(sends),
		"blocked": strconv.Itoa(blocked),
		"deploy":  strconv.FormatBool(deploy && !pl.Paused),
	}
}

// planJSON is one action in cm plan --format json.
type planJSON struct {
	Action  plan.Kind `json:"action"`
	Item    string    `json:"item"`
	Channel string    `json:"channel"`
	Type    string    `json:"type"`
	At      string    `json:"at,omitempty"`
	Why     string    `json:"why,omitempty"`
	Version string    `json:"version,omitempty"`
	Key     string    `json:"key,omitempty"`
	Remote  string    `json:"remote_id,omitempty"`
	URL     string    `json:"url,omitempty"`
	Text    string    `json:"text,omitempty"`
	Resolve bool      `json:"resolve,omitempty"`
}

func writePlanJSON(w io.Writer, p *publishing, pl *plan.Plan) error {
	out := struct {
		Now     string            `json:"now"`
		Paused  bool              `json:"paused"`
		Reason  string            `json:"reason,omitempty"`
		Actions []planJSON        `json:"actions"`
		Summary map[plan.Kind]int `json:"summary"`
	}{Now: pl.Now.In(p.cfg.Location).Format(time.RFC3339), Paused: pl.Paused, Reason: pl.Reason, Actions: []planJSON{}, Summary: pl.Count()}
	for _, a := range pl.Actions {
		j := planJSON{Action: a.Kind, Item: a.Item, Channel: a.Channel, Type: a.Type, Why: a.Why, Version: a.Version, Key: a.Key, Resolve: a.Resolve != nil}
		if !a.At.IsZero() {
			j.At = a.At.In(p.cfg.Location).Format(time.RFC3339)
		}
		if a.State != nil {
			j.Remote, j.URL = a.State.RemoteID, a.State.URL
		}
		if a.Message != nil && a.Kind != plan.Done {
			j.Text = a.Message.Text
		}
		out.Actions = append(out.Actions, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func writePlanText(w io.Writer, p *publishing, pl *plan.Plan, c iostreams.Colors) {
	if pl.Paused {
		reason := pl.Reason
		if reason == "" {
			reason = "no reason given"
		}
		fmt.Fprintf(w, "%s publishing is paused in cm.yaml: %s\n\n", c.Red("!"), reason)
	}
	done := 0
	shown := 0
	for _, a := range pl.Actions {
		if a.Kind == plan.Done {
			done++
			continue
		}
		shown++
		fmt.Fprintf(w, "%s  %-10s %s", kindLabel(a.Kind, c), a.Channel, a.Item)
		switch {
		case a.Kind == plan.Wait && a.Why == "":
			fmt.Fprintf(w, "  until %s", a.At.In(p.cfg.Location).Format("2006-01-02 15:04 MST"))
		case (a.Kind.Sends() || a.Kind == plan.Blocked) && !a.At.IsZero():
			fmt.Fprintf(w, "  due %s", a.At.In(p.cfg.Location).Format("2006-01-02 15:04 MST"))
		}
		if a.Resolve != nil {
			fmt.Fprintf(w, "  (asks %s first whether the attempt of %s went through)", a.Channel, a.Resolve.At.UTC().Format(time.RFC3339))
		}
		if a.Why != "" {
			fmt.Fprintf(w, "\n           %s", a.Why)
		}
		fmt.Fprintln(w)
	}
	if shown > 0 {
		fmt.Fprintln(w)
	}
	n := pl.Count()
	fmt.Fprintf(w, "%d to create, %d to update, %d to delete, %d waiting, %d blocked, %d kept, %d published as they are\n",
		n[plan.Create], n[plan.Update], n[plan.Delete], n[plan.Wait], n[plan.Blocked], n[plan.Keep], done)
}

func kindLabel(k plan.Kind, c iostreams.Colors) string {
	s := fmt.Sprintf("%-7s", k)
	switch k {
	case plan.Create, plan.Update:
		return c.Green(s)
	case plan.Delete, plan.Blocked:
		return c.Red(s)
	case plan.Keep:
		return c.Yellow(s)
	}
	return c.Dim(s)
}

// A job summary holds 1 MiB: the Markdown plan shows the first rows and
// texts (the next ones in time) and counts the others.
const (
	maxMarkdownRows  = 200
	maxMarkdownTexts = 40
)

// writePlanMarkdown prints the plan for a job summary or a pull request:
// one row per item and channel that is not yet published as it is, then
// the text each network receives. link, when set, links the items to
// their files.
func writePlanMarkdown(w io.Writer, p *publishing, pl *plan.Plan, link func(string, int) string) error {
	ew := &errorWriter{w: w}
	when := func(t time.Time) string { return t.In(p.cfg.Location).Format("Mon 2 Jan 2006 15:04 MST") }
	if p.preview {
		ew.printf("### 📣 cm plan: what merging this pull request will publish\n\n")
	} else {
		ew.printf("### 📣 cm plan at %s\n\n", when(pl.Now))
	}
	if pl.Paused {
		reason := pl.Reason
		if reason == "" {
			reason = "no reason given"
		}
		ew.printf("> [!WARNING]\n> Publishing is paused in cm.yaml: %s\n\n", check.MarkdownEscape(reason))
	}
	var rows, texts []*plan.Action
	for _, a := range pl.Actions {
		if a.Kind == plan.Done {
			continue
		}
		rows = append(rows, a)
		if a.Message != nil && a.Type != "site" && (a.Kind == plan.Create || a.Kind == plan.Update || a.Kind == plan.Wait) {
			texts = append(texts, a)
		}
	}
	if len(rows) == 0 {
		if p.preview {
			ew.printf("Merging this pull request publishes nothing.\n")
		} else {
			ew.printf("Nothing to publish.\n")
		}
		return ew.err
	}
	ew.printf("| action | channel | item | when |\n| --- | --- | --- | --- |\n")
	for i, a := range rows {
		if i == maxMarkdownRows {
			ew.printf("| … | | %d more | run `cm plan` to see them all |\n", len(rows)-i)
			break
		}
		action := string(a.Kind)
		var at string
		switch {
		case a.Kind.Sends() && p.preview:
			at = "when merged"
		case a.Kind.Sends():
			at = "now"
		case a.Kind == plan.Wait:
			action = string(plan.Create)
			if a.State != nil && a.State.Live {
				action = string(plan.Update)
			}
			at = when(a.At)
			if a.Why != "" {
				at = "waits: " + check.MarkdownEscape(a.Why)
			}
		case a.Kind == plan.Blocked:
			action = "**blocked**"
			at = check.MarkdownEscape(a.Why)
			if !a.At.IsZero() {
				at = "due " + when(a.At) + ": " + at
			}
		default:
			at = check.MarkdownEscape(a.Why)
		}
		if a.Kind.Sends() && a.Why != "" {
			at += ": " + check.MarkdownEscape(a.Why)
		}
		item := check.MarkdownEscape(a.Item)
		if link != nil && a.Kind != plan.Delete {
			if u := link(a.Item, 1); u != "" {
				item = "[" + item + "](" + u + ")"
			}
		}
		ew.printf("| %s | %s | %s | %s |\n", action, check.MarkdownEscape(a.Channel), item, at)
	}
	n := pl.Count()
	ew.printf("\n%d to create, %d to update, %d to delete, %d waiting, %d blocked, %d kept\n",
		n[plan.Create], n[plan.Update], n[plan.Delete], n[plan.Wait], n[plan.Blocked], n[plan.Keep])
	if len(texts) > 0 {
		ew.printf("\n<details><summary>What each network receives</summary>\n\n")
		for i, a := range texts {
			if i == maxMarkdownTexts {
				ew.printf("and %d more: run `cm plan --format markdown` to see them all.\n\n", len(texts)-i)
				break
			}
			fence := strings.Repeat("`", max(3, longestRun(a.Message.Text, '`')+1))
			ew.printf("**%s** · %s\n\n%stext\n%s\n%s\n\n", check.MarkdownEscape(a.Channel), check.MarkdownEscape(a.Item), fence, a.Message.Text, fence)
			for _, m := range a.Message.Media {
				ew.printf("- image %s, alt text: %s\n", check.MarkdownEscape(m.Name), check.MarkdownEscape(m.Alt))
			}
			if len(a.Message.Media) > 0 {
				ew.printf("\n")
			}
		}
		ew.printf("</details>\n")
	}
	return ew.err
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// errorWriter keeps the first write error, so a writer can print freely
// and report it once.
type errorWriter struct {
	w   io.Writer
	err error
}

func (e *errorWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}
