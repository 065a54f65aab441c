package iostreams

import (
	"fmt"
	"sync"
	"time"
)

// Progress draws a one-line counter on stderr for people watching a
// terminal; it draws nothing when stderr is not one.
type Progress struct {
	s     *IOStreams
	label string

	mu    sync.Mutex
	last  time.Time
	drawn bool
}

// StartProgress begins a counter such as "checking 120/20277".
func (s *IOStreams) StartProgress(label string) *Progress {
	return &Progress{s: s, label: label}
}

// Update redraws the counter, at most ten times a second. Safe for
// concurrent use.
func (p *Progress) Update(done, total int) {
	if !p.s.errTTY {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := time.Now(); now.Sub(p.last) >= 100*time.Millisecond || done == total {
		p.last = now
		p.drawn = true
		fmt.Fprintf(p.s.ErrOut, "\r\x1b[K%s %d/%d", p.label, done, total)
	}
}

// Done erases the counter.
func (p *Progress) Done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.s.ErrOut, "\r\x1b[K")
		p.drawn = false
	}
}
