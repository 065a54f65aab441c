package publish_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/publish"
)

// answers serves the given statuses in turn (the last one forever), with
// headers.
func answers(t *testing.T, steps ...func(w http.ResponseWriter)) (*httptest.Server, *atomic.Int32) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		steps[min(i, len(steps)-1)](w)
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

func status(code int, headers ...string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(headers); i += 2 {
			w.Header().Set(headers[i], headers[i+1])
		}
		w.WriteHeader(code)
		w.Write([]byte(`{"error":"nope"}`))
	}
}

func client(waits *[]time.Duration) *publish.Client {
	c := publish.NewClient(200*time.Millisecond, 3, time.Minute)
	c.Sleep = func(_ context.Context, d time.Duration) error { *waits = append(*waits, d); return nil }
	c.Now = func() time.Time { return time.Date(2027, 1, 1, 12, 0, 0, 0, time.UTC) }
	return c
}

func TestRetries(t *testing.T) {
	tests := []struct {
		name     string
		steps    []func(http.ResponseWriter)
		calls    int
		ok       bool
		minWaits []time.Duration // each wait at least this
		outcome  publish.Outcome
	}{
		{"503 then 200", []func(http.ResponseWriter){status(503), status(200)}, 2, true, []time.Duration{0}, 0},
		{"429 Retry-After seconds", []func(http.ResponseWriter){status(429, "Retry-After", "7"), status(200)}, 2, true, []time.Duration{7 * time.Second}, 0},
		{"429 Retry-After date", []func(http.ResponseWriter){status(429, "Retry-After", "Fri, 01 Jan 2027 12:00:30 GMT"), status(200)}, 2, true, []time.Duration{30 * time.Second}, 0},
		{"Mastodon rate limit reset", []func(http.ResponseWriter){status(429, "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "2027-01-01T12:00:12.000Z"), status(200)}, 2, true, []time.Duration{12 * time.Second}, 0},
		{"Bluesky rate limit reset", []func(http.ResponseWriter){status(429, "RateLimit-Remaining", "0", "RateLimit-Reset", "1798804820"), status(200)}, 2, true, []time.Duration{20 * time.Second}, 0},
		{"422 is not retried", []func(http.ResponseWriter){status(422)}, 1, false, nil, publish.NotDone},
		{"gives up after the bound", []func(http.ResponseWriter){status(502)}, 4, false, []time.Duration{0, 0, 0}, publish.Unknown},
		{"waits longer than max_wait give up", []func(http.ResponseWriter){status(429, "Retry-After", "3600")}, 1, false, nil, publish.NotDone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, n := answers(t, tt.steps...)
			var waits []time.Duration
			_, err := client(&waits).Do(context.Background(), publish.Request{Call: "POST /x", Method: "POST", URL: srv.URL + "/x", Body: []byte("{}")})
			if (err == nil) != tt.ok || int(n.Load()) != tt.calls {
				t.Fatalf("err %v after %d calls, want ok=%v after %d", err, n.Load(), tt.ok, tt.calls)
			}
			if len(waits) != len(tt.minWaits) {
				t.Fatalf("waits %v, want %d", waits, len(tt.minWaits))
			}
			for i, w := range waits {
				if w < tt.minWaits[i] || w > time.Minute {
					t.Errorf("wait %d = %s, want at least %s and at most max_wait", i, w, tt.minWaits[i])
				}
			}
			if err != nil && publish.OutcomeOf(err) != tt.outcome {
				t.Errorf("outcome %v, want %v", publish.OutcomeOf(err), tt.outcome)
			}
		})
	}
}

func TestBackoffGrowsAndStaysBounded(t *testing.T) {
	srv, _ := answers(t, status(500))
	var waits []time.Duration
	c := client(&waits)
	c.Retries, c.Base, c.MaxWait = 12, 100*time.Millisecond, 2*time.Second
	c.Do(context.Background(), publish.Request{Call: "GET /", Method: "GET", URL: srv.URL})
	if len(waits) != 12 {
		t.Fatalf("%d waits", len(waits))
	}
	for i, w := range waits {
		ceil := min(100*time.Millisecond<<i, 2*time.Second)
		if w <= 0 || w > ceil {
			t.Errorf("wait %d = %s, want in (0, %s]", i, w, ceil)
		}
	}
}

func TestTimeoutIsUnknownAndURLNeverShown(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { time.Sleep(300 * time.Millisecond) }))
	defer srv.Close()
	var waits []time.Duration
	c := client(&waits)
	c.Timeout, c.Retries = 50*time.Millisecond, 1
	_, err := c.Do(context.Background(), publish.Request{Call: "POST webhook team", Method: "POST", URL: srv.URL + "/hooks/5ecret"})
	if publish.OutcomeOf(err) != publish.Unknown || strings.Contains(err.Error(), "5ecret") || !strings.Contains(err.Error(), "POST webhook team") {
		t.Fatalf("err = %v (outcome %v)", err, publish.OutcomeOf(err))
	}
	// Nothing listens: the request never left, nothing was done.
	srv.Close()
	_, err = c.Do(context.Background(), publish.Request{Call: "POST webhook team", Method: "POST", URL: srv.URL + "/hooks/5ecret"})
	if publish.OutcomeOf(err) != publish.NotDone || strings.Contains(err.Error(), "5ecret") {
		t.Fatalf("err = %v", err)
	}
}
