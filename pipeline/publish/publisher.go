// Package publish applies a plan: it records each attempt in the ledger
// (and pushes it) before calling a network, calls it through the one retry
// layer every channel shares, records the result, and resolves attempts
// whose outcome is unknown by asking the network what exists before
// sending again. The channels are packages under pipeline/channels, each
// implementing Publisher.
package publish

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cmhq/cm/pipeline/plan"
)

// Publisher is one channel: a network (or the blog) cm publishes to.
type Publisher interface {
	// Verify checks the credentials, and that they belong to the account
	// configured in cm.yaml, before anything is sent. A wrong account is
	// an error that names both.
	Verify(ctx context.Context) error
	// Create publishes m, carrying m.Key as the network's idempotency
	// mechanism where it has one.
	Create(ctx context.Context, m *plan.Message) (Remote, error)
	// Find asks the network whether an earlier attempt at m (same Key)
	// went through, and what it made. found is false when it surely did
	// not; an error when the network cannot tell.
	Find(ctx context.Context, m *plan.Message, since time.Time) (r Remote, found bool, err error)
}

// Editor is a Publisher that can change what it published.
type Editor interface {
	Update(ctx context.Context, m *plan.Message, r Remote) (Remote, error)
}

// Deleter is a Publisher that can remove what it published.
type Deleter interface {
	Delete(ctx context.Context, r Remote) error
}

// Remote is what a network made: its id and the public address.
type Remote struct {
	ID  string
	URL string
}

// ErrNotLive is returned by the site channel while the article is not on
// the deployed blog yet: not a failure, the plan waits.
var ErrNotLive = errors.New("not live yet")

// Outcome says what is known of a call that returned an error.
type Outcome int

const (
	// NotDone: the network surely did not act (it refused the request,
	// or it was never sent). The attempt can be made again.
	NotDone Outcome = iota
	// Unknown: the request may have been acted on (a timeout, a dropped
	// connection, a server error): ask the network before sending again.
	Unknown
)

// Error is a failed call.
type Error struct {
	// Call names the call ("POST /api/v1/statuses"), never with secrets.
	Call    string
	Status  int
	Outcome Outcome
	// Message is the network's own message, or the transport's.
	Message string
	// Stop: the channel cannot go on this run (the credentials were
	// refused, or the network stayed unreachable through the retries).
	Stop bool
}

func (e *Error) Error() string {
	s := e.Call
	if e.Status != 0 {
		s += fmt.Sprintf(": HTTP %d", e.Status)
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// OutcomeOf classifies an error returned by a channel.
func OutcomeOf(err error) Outcome {
	var e *Error
	if errors.As(err, &e) {
		return e.Outcome
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return Unknown
	}
	return NotDone
}
