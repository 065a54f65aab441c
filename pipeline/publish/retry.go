package publish

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Client is the one retry layer every channel calls the network through:
// each call is tried again after a network error, a timeout, HTTP 408,
// 429 or 5xx, with exponential backoff and full jitter, waiting at least
// what Retry-After or an exhausted rate limit (X-RateLimit-Reset,
// RateLimit-Reset) asks, up to Retries times and never longer than
// MaxWait at once. Requests are sent again unchanged, idempotency keys
// included: a channel only sends requests that are safe to repeat.
type Client struct {
	HTTP *http.Client
	// Timeout bounds one attempt, body included.
	Timeout time.Duration
	Retries int
	// Base is the first backoff (doubled at each retry); MaxWait bounds one wait.
	Base    time.Duration
	MaxWait time.Duration
	// Sleep waits (tests replace it); Now is the clock for rate limit resets.
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time
	// Log, when set, hears about each retry.
	Log func(msg string)
	// UserAgent names cm to the networks.
	UserAgent string
}

// NewClient returns a Client with cm's defaults for what is zero.
func NewClient(timeout time.Duration, retries int, maxWait time.Duration) *Client {
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	if retries <= 0 {
		retries = 5
	}
	if maxWait <= 0 {
		maxWait = 2 * time.Minute
	}
	return &Client{HTTP: &http.Client{}, Timeout: timeout, Retries: retries, Base: 500 * time.Millisecond, MaxWait: maxWait, UserAgent: "cm"}
}

// Response is a complete response.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Request is a call: method, URL, headers and body. Call names it in
// errors and logs without the URL, which may hold a secret (a webhook's).
type Request struct {
	Call   string
	Method string
	URL    string
	Header http.Header
	Body   []byte
}

// Do sends a request until it gets an answer that is not worth retrying.
// A 2xx is returned as is; any other final status is an *Error (with the
// response when there is one). ok tells 2xx.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	sleep := c.Sleep
	if sleep == nil {
		sleep = sleepCtx
	}
	now := c.Now
	if now == nil {
		now = time.Now
	}
	var last *Error
	var resp *Response
	for attempt := 0; ; attempt++ {
		resp, last = c.once(ctx, r)
		if last == nil {
			return resp, nil
		}
		if !retryable(last) || attempt >= c.Retries || ctx.Err() != nil {
			// A network that stayed unreachable through every retry will
			// not answer the channel's next calls either.
			last.Stop = last.Stop || (last.Status == 0 && attempt >= c.Retries)
			return resp, last
		}
		wait := c.backoff(attempt)
		if resp != nil {
			if d, ok := asked(resp, now()); ok {
				if d > c.MaxWait {
					last.Message += fmt.Sprintf(" (the network asks to wait %s, more than publishing.max_wait %s)", d.Round(time.Second), c.MaxWait)
					return resp, last
				}
				wait = max(wait, d)
			}
		}
		if c.Log != nil {
			c.Log(fmt.Sprintf("%s: %s; trying again in %s", r.Call, last.shortReason(), wait.Round(time.Millisecond)))
		}
		if err := sleep(ctx, wait); err != nil {
			return resp, last
		}
	}
}

func (e *Error) shortReason() string {
	if e.Status != 0 {
		return fmt.Sprintf("HTTP %d", e.Status)
	}
	return e.Message
}

// backoff is the wait before retry n: full jitter over Base*2^n, capped.
func (c *Client) backoff(n int) time.Duration {
	ceil := c.Base << min(n, 16)
	if ceil > c.MaxWait || ceil <= 0 {
		ceil = c.MaxWait
	}
	return time.Duration(rand.Int64N(int64(ceil)) + 1)
}

func (c *Client) once(ctx context.Context, r Request) (*Response, *Error) {
	ctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, r.Method, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return nil, &Error{Call: r.Call, Outcome: NotDone, Message: "bad request: " + scrub(err)}
	}
	for k, vs := range r.Header {
		req.Header[k] = vs
	}
	if req.Header.Get("User-Agent") == "" && c.UserAgent != "" {
		req.Header.Set("User-Agent", c.UserAgent)
	}
	res, err := c.HTTP.Do(req)
	if err != nil {
		return nil, transportError(r.Call, err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, 8<<20))
	if err != nil {
		return nil, transportError(r.Call, err)
	}
	resp := &Response{Status: res.StatusCode, Header: res.Header, Body: body}
	if res.StatusCode >= 200 && res.StatusCode < 300 {
		return resp, nil
	}
	e := &Error{Call: r.Call, Status: res.StatusCode, Message: apiMessage(body)}
	switch {
	case res.StatusCode >= 500, res.StatusCode == 408:
		e.Outcome = Unknown
	default:
		e.Outcome = NotDone
		e.Stop = res.StatusCode == 401 || res.StatusCode == 403
	}
	return resp, e
}

// transportError classifies a failure to get a response. A request that
// never left (no connection) surely did nothing; one that left may have.
func transportError(call string, err error) *Error {
	e := &Error{Call: call, Outcome: Unknown, Message: scrub(err)}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		e.Outcome = NotDone
	}
	if errors.Is(err, context.DeadlineExceeded) {
		e.Message = "no answer in time (timeout)"
	}
	return e
}

// scrub drops the URL from net/http errors: a webhook's URL is a secret.
func scrub(err error) string {
	for {
		var ue interface{ Unwrap() error }
		if u, ok := err.(interface{ Timeout() bool }); ok && u.Timeout() {
			return "timeout"
		}
		if errors.As(err, &ue) {
			if s := err.Error(); strings.Contains(s, "://") {
				if inner := ue.Unwrap(); inner != nil {
					err = inner
					continue
				}
				return "request failed"
			}
		}
		s := err.Error()
		if strings.Contains(s, "://") {
			return "request failed"
		}
		return s
	}
}

func retryable(e *Error) bool {
	if e.Status == 0 {
		return true // network error or timeout
	}
	return e.Status == 408 || e.Status == 429 || e.Status >= 500
}

// asked is the wait a response asks for: Retry-After (seconds or an HTTP
// date), or the reset of an exhausted rate limit (Mastodon's
// X-RateLimit-Reset is a time, Bluesky's RateLimit-Reset Unix seconds).
func asked(r *Response, now time.Time) (time.Duration, bool) {
	if v := r.Header.Get("Retry-After"); v != "" {
		if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
			return time.Duration(s) * time.Second, true
		}
		if t, err := http.ParseTime(v); err == nil {
			return max(0, t.Sub(now)), true
		}
	}
	for _, prefix := range []string{"X-RateLimit-", "RateLimit-"} {
		if r.Header.Get(prefix+"Remaining") != "0" {
			continue
		}
		v := r.Header.Get(prefix + "Reset")
		if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
			return max(0, t.Sub(now)), true
		}
		if s, err := strconv.ParseInt(v, 10, 64); err == nil {
			if s > 1e9 { // Unix seconds
				return max(0, time.Unix(s, 0).Sub(now)), true
			}
			return time.Duration(s) * time.Second, true // seconds from now
		}
	}
	return 0, false
}

// apiMessage pulls a network's error message out of a JSON body (Mastodon
// {"error": ...}, XRPC {"error": ..., "message": ...}), short.
func apiMessage(body []byte) string {
	s := strings.TrimSpace(string(body))
	var v struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	if err := jsonUnmarshal(body, &v); err == nil && (v.Error != "" || v.Message != "") {
		s = strings.TrimSpace(v.Error + ": " + v.Message)
		s = strings.Trim(s, ": ")
	}
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
