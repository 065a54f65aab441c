package publish

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/plan"
)

// Options say how to apply plans.
type Options struct {
	Ledger *ledger.Ledger
	// Git, when not nil, is where the ledger is committed and pushed.
	Git *ledger.Git
	// Publishers are the channels, by name. A channel without one is
	// skipped.
	Publishers map[string]Publisher
	// Plan makes a plan from the ledger as it stands, with the identity
	// checks done so far (channel name -> error).
	Plan func(accounts map[string]error) (*plan.Plan, error)
	// Clock is the machine's clock, for the ledger's times; nil is time.Now.
	Clock func() time.Time
	// Event, when set, hears about each step (for progress and logs).
	Event func(Event)
	// Redact removes secrets from text that leaves the run (errors).
	Redact func(string) string
}

// Status is what happened to an action.
type Status string

const (
	Published Status = "published"
	Updated   Status = "updated"
	Deleted   Status = "deleted"
	// Found: an earlier attempt had gone through; recorded, not sent again.
	Found Status = "found"
	// Waiting: not done, and not a failure (the article is not deployed
	// yet, another runner is on it).
	Waiting Status = "waiting"
	Failed  Status = "failed"
	// Blocked: due but blocked (paused, failed check, secret, account).
	Blocked Status = "blocked"
)

// Event is one step of a run.
type Event struct {
	Action *plan.Action
	Status Status
	Remote Remote
	Err    error
	// Done and Total count the sends of the run so far.
	Done, Total int
}

// Report sums a run up.
type Report struct {
	Events []Event
	// Failed counts what failed: it is tried again on the next run.
	Failed int
	// Pushed says whether the ledger reached the remote.
	Pushed bool
}

// errReplan: the ledger changed under the run (another runner pushed): plan again.
var errReplan = errors.New("the remote ledger changed")

// maxRounds bounds the plan-apply rounds of a run: an article that goes
// live releases its announcements, a rejected push makes a new plan.
const maxRounds = 20

// Run applies plans until nothing due is left to send (or everything left
// failed this run).
func Run(ctx context.Context, opts Options) (*Report, error) {
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.Redact == nil {
		opts.Redact = func(s string) string { return s }
	}
	r := &runner{opts: opts, report: &Report{}, tried: map[string]bool{}, accounts: map[string]error{}, stopped: map[string]error{}}
	if opts.Git != nil {
		if _, err := opts.Git.Pull(ctx, opts.Ledger, opts.Clock()); err != nil {
			return r.report, err
		}
	}
	for round := 0; round < maxRounds; round++ {
		p, err := opts.Plan(r.accounts)
		if err != nil {
			return r.report, err
		}
		if round == 0 {
			r.blocked(p)
			if err := r.verify(ctx, p); err != nil {
				return r.report, err
			}
			if len(r.accounts) > 0 {
				if p, err = opts.Plan(r.accounts); err != nil {
					return r.report, err
				}
				r.blockedAccounts(p)
			}
		}
		progress, err := r.apply(ctx, p)
		if errors.Is(err, errReplan) {
			if _, err := opts.Git.Pull(ctx, opts.Ledger, opts.Clock()); err != nil {
				return r.report, err
			}
			continue
		}
		if err != nil {
			return r.report, err
		}
		if !progress {
			break
		}
	}
	if err := r.sync(ctx, true); err != nil {
		return r.report, err
	}
	return r.report, nil
}

type runner struct {
	opts     Options
	report   *Report
	tried    map[string]bool
	accounts map[string]error
	stopped  map[string]error
	done     int
}

func (r *runner) event(e Event) {
	if e.Err != nil {
		e.Err = errors.New(r.opts.Redact(e.Err.Error()))
	}
	e.Done = r.done
	r.report.Events = append(r.report.Events, e)
	if e.Status == Failed {
		r.report.Failed++
	}
	if r.opts.Event != nil {
		r.opts.Event(e)
	}
}

// blocked reports the due actions that cannot go out (once, in the first plan).
func (r *runner) blocked(p *plan.Plan) {
	for _, a := range p.Actions {
		if a.Kind == plan.Blocked && !a.At.After(p.Now) {
			status := Failed // a missing secret, a failed check: someone must act
			if a.Cause == "paused" {
				status = Blocked
			}
			r.event(Event{Action: a, Status: status, Err: errors.New(a.Why)})
		}
	}
}

// blockedAccounts reports what the identity checks blocked.
func (r *runner) blockedAccounts(p *plan.Plan) {
	for _, a := range p.Actions {
		if err := r.accounts[a.Channel]; a.Kind == plan.Blocked && a.Cause == "account" && err != nil && !a.At.After(p.Now) {
			r.event(Event{Action: a, Status: Failed, Err: err})
		}
	}
}

// verify checks the identity of each channel that has something to send.
func (r *runner) verify(ctx context.Context, p *plan.Plan) error {
	seen := map[string]bool{}
	for _, a := range p.Actions {
		if !a.Kind.Sends() || seen[a.Channel] {
			continue
		}
		seen[a.Channel] = true
		pub := r.opts.Publishers[a.Channel]
		if pub == nil {
			continue
		}
		if err := pub.Verify(ctx); err != nil {
			r.accounts[a.Channel] = fmt.Errorf("%s: %s", a.Channel, r.opts.Redact(err.Error()))
		}
	}
	return nil
}

// apply carries out the sends of a plan. progress says whether anything
// was recorded that may change the next plan.
func (r *runner) apply(ctx context.Context, p *plan.Plan) (bool, error) {
	var sends []*plan.Action
	for _, a := range p.Actions {
		if a.Kind.Sends() && !r.tried[a.Key] {
			sends = append(sends, a)
		}
	}
	progress := false
	for _, a := range sends {
		if err := ctx.Err(); err != nil {
			return progress, err
		}
		pub := r.opts.Publishers[a.Channel]
		if pub == nil {
			continue
		}
		if err := r.stopped[a.Channel]; err != nil {
			r.tried[a.Key] = true
			r.event(Event{Action: a, Status: Failed, Err: fmt.Errorf("not sent: %w", err)})
			continue
		}
		changed, err := r.one(ctx, pub, a)
		if err != nil {
			return progress, err
		}
		progress = progress || changed
	}
	return progress, nil
}

// one carries out one action: resolve an earlier attempt, record the
// intent and push it, call the network, record the result.
func (r *runner) one(ctx context.Context, pub Publisher, a *plan.Action) (bool, error) {
	l := r.opts.Ledger
	rec := func(op ledger.Op, remote Remote, errText string) error {
		return l.Append(r.opts.Clock(), ledger.Record{Op: op, Item: a.Item, Channel: a.Channel, Version: a.Version,
			Action: ledger.Action(a.Kind), Key: a.Key, RemoteID: remote.ID, URL: remote.URL, Error: r.opts.Redact(errText)})
	}
	_, observer := pub.(Observer)
	// A deletion is safe to repeat: it needs no lookup first.
	if a.Resolve != nil && !observer && a.Kind != plan.Delete {
		remote, found, err := pub.Find(ctx, a.Message, a.Resolve.At)
		if err != nil {
			r.tried[a.Key] = true
			r.stop(a.Channel, err)
			r.event(Event{Action: a, Status: Failed, Err: fmt.Errorf("an earlier attempt's outcome is unknown and %s cannot tell whether it went through (tried again next run): %w", a.Channel, err)})
			return false, nil
		}
		if found {
			r.tried[a.Key] = true
			if err := rec(ledger.Published, remote, ""); err != nil {
				return false, err
			}
			r.done++
			r.event(Event{Action: a, Status: Found, Remote: remote})
			if err := r.sync(ctx, false); err != nil && !errors.Is(err, ledger.ErrRejected) {
				return true, err
			}
			return true, nil
		}
		if err := rec(ledger.Absent, Remote{}, ""); err != nil {
			return false, err
		}
	}
	if !observer {
		if err := rec(ledger.Intent, Remote{}, ""); err != nil {
			return false, err
		}
		if err := r.sync(ctx, false); err != nil {
			if errors.Is(err, ledger.ErrRejected) {
				// Not sent: say so, then plan again with the other
				// runner's records.
				if err := rec(ledger.Absent, Remote{}, ""); err != nil {
					return false, err
				}
				return false, errReplan
			}
			return false, err
		}
	}
	r.tried[a.Key] = true
	var remote Remote
	var err error
	status := Published
	switch a.Kind {
	case plan.Create:
		remote, err = pub.Create(ctx, a.Message)
	case plan.Update:
		status = Updated
		ed, ok := pub.(Editor)
		if !ok {
			err = &Error{Call: "update", Message: a.Channel + " cannot edit"}
			break
		}
		remote, err = ed.Update(ctx, a.Message, Remote{ID: a.State.RemoteID, URL: a.State.URL})
	case plan.Delete:
		status = Deleted
		del, ok := pub.(Deleter)
		if !ok {
			err = &Error{Call: "delete", Message: a.Channel + " cannot delete"}
			break
		}
		remote = Remote{ID: a.State.RemoteID, URL: a.State.URL}
		err = del.Delete(ctx, remote)
	}
	switch {
	case errors.Is(err, ErrNotLive):
		if !observer {
			if err := rec(ledger.Absent, Remote{}, ""); err != nil {
				return false, err
			}
		}
		r.event(Event{Action: a, Status: Waiting, Err: err})
		return false, nil
	case err != nil:
		r.stop(a.Channel, err)
		if OutcomeOf(err) == Unknown && !observer {
			// The intent stays open: the next run asks the network first.
			if e := l.Append(r.opts.Clock(), ledger.Record{Op: ledger.Failed, Item: a.Item, Channel: a.Channel, Version: a.Version,
				Action: ledger.Action(a.Kind), Error: r.opts.Redact("outcome unknown: " + err.Error())}); e != nil {
				return false, e
			}
		} else if e := rec(ledger.Failed, Remote{}, err.Error()); e != nil {
			return false, e
		}
		r.event(Event{Action: a, Status: Failed, Err: err})
		return true, nil
	}
	op := ledger.Published
	if a.Kind == plan.Delete {
		op = ledger.Deleted
	}
	if err := rec(op, remote, ""); err != nil {
		return false, err
	}
	r.done++
	r.event(Event{Action: a, Status: status, Remote: remote})
	return true, r.commit()
}

// stop ends a channel's run when its credentials were refused.
func (r *runner) stop(channel string, err error) {
	var e *Error
	if errors.As(err, &e) && e.Stop {
		r.stopped[channel] = err
	}
}

// Observer is a Publisher that only looks (the site: deployment is done
// elsewhere): it needs no intent, for it changes nothing.
type Observer interface{ Observes() }

// commit records the ledger locally.
func (r *runner) commit() error {
	if r.opts.Git == nil {
		return nil
	}
	_, err := r.opts.Git.Commit("cm publish: ledger", r.opts.Clock())
	return err
}

// sync commits the ledger and pushes it. At the end of a run (final), a
// rejected push pulls and merges, then pushes again; before a send, it is
// returned so that the run plans again.
func (r *runner) sync(ctx context.Context, final bool) error {
	g := r.opts.Git
	if g == nil {
		return nil
	}
	for try := 0; ; try++ {
		if err := r.commit(); err != nil {
			return err
		}
		err := g.Push(ctx)
		if err == nil {
			r.report.Pushed = g.HasRemote()
			return nil
		}
		if !errors.Is(err, ledger.ErrRejected) || !final || try >= 10 {
			return err
		}
		if _, err := g.Pull(ctx, r.opts.Ledger, r.opts.Clock()); err != nil {
			return err
		}
	}
}
