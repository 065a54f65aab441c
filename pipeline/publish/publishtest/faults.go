// Package publishtest has strict fake servers of the networks cm publishes
// to: each enforces the real API's documented shape (authentication,
// payloads, limits, status codes, idempotency), records anything it does
// not expect as a failure, and can inject faults (5xx, 429 with
// Retry-After, timeouts, dropped connections) into a share of the calls.
// Channel tests and the exactly-once harness use them.
package publishtest

import (
	"math/rand/v2"
	"net/http"
	"sync"
	"time"
)

// Fault is a failure injected into a call.
type Fault int

const (
	NoFault Fault = iota
	// ServerError: 503 before acting.
	ServerError
	// ServerErrorAfter: the call is acted on, then answered 502.
	ServerErrorAfter
	// RateLimited: 429 with Retry-After, before acting.
	RateLimited
	// Timeout: no answer until the client gives up, before acting.
	Timeout
	// TimeoutAfter: acted on, then no answer until the client gives up.
	TimeoutAfter
	// Drop: the connection is closed without an answer, before acting.
	Drop
	// DropAfter: acted on, then the connection is closed.
	DropAfter
)

// Faults injects faults into a share of the calls.
type Faults struct {
	// Rate is the share of calls that fail (0.3: 30%).
	Rate float64
	// Hang is how long a timeout lasts (longer than the client's timeout).
	Hang time.Duration
	// RetryAfter is the Retry-After value of 429s, in seconds.
	RetryAfter string

	mu  sync.Mutex
	rng *rand.Rand
	// Injected counts the faults by kind.
	Injected map[Fault]int
}

// NewFaults injects faults into rate of the calls, deterministically from seed.
func NewFaults(rate float64, seed uint64) *Faults {
	return &Faults{Rate: rate, Hang: 2 * time.Second, RetryAfter: "0", rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), Injected: map[Fault]int{}}
}

// next picks the fault of a call.
func (f *Faults) next() Fault {
	if f == nil || f.Rate == 0 {
		return NoFault
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rng.Float64() >= f.Rate {
		return NoFault
	}
	k := Fault(1 + f.rng.IntN(int(DropAfter)))
	f.Injected[k]++
	return k
}

// before applies a fault that strikes before the call is acted on. It
// returns true when the call must stop there.
func (f *Faults) before(k Fault, w http.ResponseWriter) bool {
	switch k {
	case ServerError:
		http.Error(w, `{"error":"Service Unavailable"}`, http.StatusServiceUnavailable)
	case RateLimited:
		w.Header().Set("Retry-After", f.RetryAfter)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"error":"Too many requests"}`))
	case Timeout:
		// A timeout never ends in an answer: hang, then drop the
		// connection, whatever the client's own timeout is. (Returning
		// from the handler would send an empty 200 OK, a success the
		// server never acted on.)
		time.Sleep(f.Hang)
		drop(w)
	case Drop:
		drop(w)
	default:
		return false
	}
	return true
}

// after applies a fault that strikes once the call was acted on, in place
// of the answer. It returns true when it did.
func (f *Faults) after(k Fault, w http.ResponseWriter) bool {
	switch k {
	case ServerErrorAfter:
		http.Error(w, `{"error":"Bad Gateway"}`, http.StatusBadGateway)
	case TimeoutAfter:
		time.Sleep(f.Hang)
		drop(w)
	case DropAfter:
		drop(w)
	default:
		return false
	}
	return true
}

func drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// Unexpected collects the requests a fake did not expect.
type Unexpected struct {
	mu   sync.Mutex
	list []string
}

func (u *Unexpected) add(s string) {
	u.mu.Lock()
	u.list = append(u.list, s)
	u.mu.Unlock()
}

// List returns what was unexpected.
func (u *Unexpected) List() []string {
	u.mu.Lock()
	defer u.mu.Unlock()
	return append([]string(nil), u.list...)
}

// Take returns what was unexpected and forgets it: for a test that sends a
// bad request on purpose.
func (u *Unexpected) Take() []string {
	u.mu.Lock()
	defer u.mu.Unlock()
	l := u.list
	u.list = nil
	return l
}
