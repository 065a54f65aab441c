// Package ledger is the record of what cm published, where, as which
// version: an append-only log of JSON lines under .cm/ledger/ in the content
// repo, committed and pushed with git so that CI runners can come and go.
// FORMAT.md beside this file describes the format and the exactly-once
// promise built on it.
package ledger

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Dir is where the ledger lives, relative to the content repo's root.
const Dir = ".cm/ledger"

// Op is what a record says happened.
type Op string

const (
	// Intent is written (and pushed) before a call to a network that may
	// create, change or delete something there.
	Intent Op = "intent"
	// Published: the network has the item at Version, as RemoteID at URL.
	Published Op = "published"
	// Deleted: what was published is gone from the network.
	Deleted Op = "deleted"
	// Failed: the attempt named by Key did not go through (the network
	// refused it, or retries ran out with nothing created). It is tried
	// again on the next run.
	Failed Op = "failed"
	// Absent: asked after an attempt whose outcome was unknown, the
	// network said it had nothing for Key: the attempt can be made again.
	Absent Op = "absent"
)

// Action is what an intent is about to do.
type Action string

const (
	Create Action = "create"
	Update Action = "update"
	Delete Action = "delete"
)

// Record is one line of the ledger.
type Record struct {
	// At is when the record was written (the machine's clock, UTC).
	At time.Time `json:"at"`
	// Run identifies the cm publish run that wrote it, Seq its order there.
	Run string `json:"run"`
	Seq int    `json:"seq"`
	// Runner identifies the clone the run worked in: an attempt of a dead
	// run of the same clone is resolved at once, another runner's waits for
	// the lease.
	Runner string `json:"runner,omitempty"`
	Op     Op     `json:"op"`
	// Item is the repo-relative path of the article or post; Channel the
	// channel name from cm.yaml.
	Item    string `json:"item"`
	Channel string `json:"channel"`
	// Version is the content version: a hash of what the channel receives.
	Version string `json:"version,omitempty"`
	Action  Action `json:"action,omitempty"`
	// Key is the attempt's idempotency key, derived from the item, the
	// channel, the version and the action: the same attempt has the same
	// key on every runner.
	Key      string `json:"key,omitempty"`
	RemoteID string `json:"remote_id,omitempty"`
	URL      string `json:"url,omitempty"`
	Error    string `json:"error,omitempty"`
}

// Key of an item on a channel.
type Key struct{ Item, Channel string }

// State is what the ledger says about an item on a channel.
type State struct {
	Key
	// Live is true while a published version is on the network.
	Live bool
	// Version, RemoteID and URL are the last published ones.
	Version  string
	RemoteID string
	URL      string
	// First is when it was first published, Last when last published or
	// updated (or deleted).
	First, Last time.Time
	Deleted     bool
	// Pending are the intents that have no result yet, oldest first.
	Pending []Record
	// Failures counts failed attempts since the last success; Error is the
	// last failure's message.
	Failures  int
	Error     string
	FailedAt  time.Time
	LastOp    Op
	LastRunAt time.Time
}

// Ledger is the ledger of a content repo, read whole.
type Ledger struct {
	dir    string
	run    string
	runner string
	seq    int

	mu      sync.Mutex
	records []Record
	states  map[Key]*State
	// Skipped counts lines that could not be read (a torn last line).
	Skipped int
}

// Open reads the ledger of the content repo at root. A repo without one has
// an empty ledger; the folder is created on the first Append.
func Open(root string) (*Ledger, error) {
	l := &Ledger{dir: filepath.Join(root, Dir), run: newID()}
	files, err := l.files()
	if err != nil {
		return nil, err
	}
	parts := make([][]Record, len(files))
	skipped := make([]int, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, f := range files {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			data, err := os.ReadFile(f)
			if err != nil {
				errs[i] = fmt.Errorf("reading the ledger: %w", err)
				return
			}
			parts[i], skipped[i] = parseParallel(data)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	n := 0
	for i := range parts {
		n += len(parts[i])
		l.Skipped += skipped[i]
	}
	l.records = make([]Record, 0, n)
	for _, p := range parts {
		l.records = append(l.records, p...)
	}
	return l, nil
}

// files are the ledger's files, sorted.
func (l *Ledger) files() ([]string, error) {
	entries, err := os.ReadDir(l.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the ledger: %w", err)
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".jsonl") {
			out = append(out, filepath.Join(l.dir, e.Name()))
		}
	}
	return out, nil
}

// Run is the id of this process's run, written in its records.
func (l *Ledger) Run() string { return l.run }

// SetRunner sets the id of the clone this run works in.
func (l *Ledger) SetRunner(id string) { l.runner = id }

// Runner is the id of the clone this run works in.
func (l *Ledger) Runner() string { return l.runner }

// Records returns every record, in ledger order.
func (l *Ledger) Records() []Record {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fold()
	return slices.Clone(l.records)
}

// Len is the number of records.
func (l *Ledger) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.records)
}

// Append writes records to the ledger's file of the month, each on one
// line, and syncs the file before returning: once Append returns, a crash
// does not lose them. At, Run, Seq and Runner are filled in.
func (l *Ledger) Append(now time.Time, recs ...Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := os.MkdirAll(l.dir, 0o755); err != nil {
		return fmt.Errorf("writing the ledger: %w", err)
	}
	// git merges the ledger's files by hand as the union of their lines.
	if attrs := filepath.Join(l.dir, ".gitattributes"); !exists(attrs) {
		if err := writeAtomic(attrs, []byte("*.jsonl merge=union\n")); err != nil {
			return fmt.Errorf("writing the ledger: %w", err)
		}
	}
	byFile := map[string][]byte{}
	var order []string
	for i := range recs {
		r := &recs[i]
		r.At = now.UTC()
		r.Run = l.run
		r.Runner = l.runner
		l.seq++
		r.Seq = l.seq
		line, err := Marshal(*r)
		if err != nil {
			return err
		}
		name := FileFor(r.At)
		if _, ok := byFile[name]; !ok {
			order = append(order, name)
		}
		byFile[name] = append(byFile[name], line...)
	}
	for _, name := range order {
		if err := appendFile(filepath.Join(l.dir, name), byFile[name]); err != nil {
			return fmt.Errorf("writing the ledger: %w", err)
		}
	}
	l.records = append(l.records, recs...)
	l.states = nil
	return nil
}

// FileFor is the ledger file of records written at t: one per month, so
// that files stay small and merges touch the newest only.
func FileFor(t time.Time) string { return t.UTC().Format("2006-01") + ".jsonl" }

// appendFile adds data at the end of a file and syncs it. A file whose last
// line was torn by a crash gets a newline first, so that the torn line stays
// alone (and is skipped by readers) instead of swallowing the next record.
func appendFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		last := make([]byte, 1)
		if _, err := f.ReadAt(last, st.Size()-1); err == nil && last[0] != '\n' {
			data = append([]byte{'\n'}, data...)
		}
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	return f.Sync()
}

// Merge adds records read elsewhere (another clone's ledger) that this one
// does not have. It returns how many were new.
func (l *Ledger) Merge(recs []Record) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	seen := make(map[recordID]bool, len(l.records))
	for _, r := range l.records {
		seen[idOf(r)] = true
	}
	n := 0
	for _, r := range recs {
		if !seen[idOf(r)] {
			seen[idOf(r)] = true
			l.records = append(l.records, r)
			n++
		}
	}
	if n > 0 {
		l.states = nil
	}
	return n
}

// recordID identifies a record: a run writes each Seq once.
type recordID struct {
	run string
	seq int
}

func idOf(r Record) recordID { return recordID{r.Run, r.Seq} }

// Rewrite writes the whole ledger back, one file per month, each sorted and
// without duplicates: what a merge of two ledgers leaves on disk. Files are
// replaced atomically.
func (l *Ledger) Rewrite() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fold()
	byFile := map[string]*bytes.Buffer{}
	for _, r := range l.records {
		name := FileFor(r.At)
		b := byFile[name]
		if b == nil {
			b = &bytes.Buffer{}
			byFile[name] = b
		}
		line, err := Marshal(r)
		if err != nil {
			return err
		}
		b.Write(line)
	}
	if err := os.MkdirAll(l.dir, 0o755); err != nil {
		return err
	}
	for name, b := range byFile {
		if err := writeAtomic(filepath.Join(l.dir, name), b.Bytes()); err != nil {
			return fmt.Errorf("writing the ledger: %w", err)
		}
	}
	return nil
}

// writeAtomic replaces a file with data: a crash leaves the old or the new.
func writeAtomic(path string, data []byte) error {
	return writeAtomicVia(filepath.Dir(path), path, data)
}

// writeAtomicVia is writeAtomic with the temporary file in dir (on the
// same file system as path).
func writeAtomicVia(dir, path string, data []byte) error {
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Sort orders records the way they are folded: by time, then run and
// sequence, so every clone folds a merged ledger the same way.
func Sort(recs []Record) {
	slices.SortStableFunc(recs, func(a, b Record) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		if c := strings.Compare(a.Run, b.Run); c != 0 {
			return c
		}
		return a.Seq - b.Seq
	})
}

// fold computes the states, once per change. Callers hold mu.
func (l *Ledger) fold() {
	if l.states != nil {
		return
	}
	Sort(l.records)
	states := make(map[Key]*State, len(l.records)/4+1)
	for i := range l.records {
		r := &l.records[i]
		k := Key{r.Item, r.Channel}
		s := states[k]
		if s == nil {
			s = &State{Key: k}
			states[k] = s
		}
		s.apply(r)
	}
	l.states = states
}

func (s *State) apply(r *Record) {
	s.LastOp, s.LastRunAt = r.Op, r.At
	if r.Op != Intent && r.Key != "" {
		s.Pending = slices.DeleteFunc(s.Pending, func(p Record) bool { return p.Key == r.Key })
	}
	switch r.Op {
	case Intent:
		s.Pending = append(s.Pending, *r)
	case Published:
		s.Live, s.Deleted = true, false
		s.Version = r.Version
		if r.RemoteID != "" {
			s.RemoteID = r.RemoteID
		}
		if r.URL != "" {
			s.URL = r.URL
		}
		if s.First.IsZero() {
			s.First = r.At
		}
		s.Last = r.At
		s.Failures, s.Error = 0, ""
	case Deleted:
		s.Live, s.Deleted = false, true
		s.Last = r.At
		s.Failures, s.Error = 0, ""
	case Failed:
		s.Failures++
		s.Error, s.FailedAt = r.Error, r.At
	}
}

// State returns what the ledger says about an item on a channel, or nil
// when it has nothing.
func (l *Ledger) State(item, channel string) *State {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fold()
	return l.states[Key{item, channel}]
}

// States returns every item and channel the ledger knows, by item and
// channel.
func (l *Ledger) States() []*State {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.fold()
	out := make([]*State, 0, len(l.states))
	for _, s := range l.states {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Item != out[j].Item {
			return out[i].Item < out[j].Item
		}
		return out[i].Channel < out[j].Channel
	})
	return out
}

// Published says whether an item is live on a channel, and since when: the
// answer schedule.Options.Published and check.Options.Published ask for.
func (l *Ledger) Published(item, channel string) (time.Time, bool) {
	s := l.State(item, channel)
	if s == nil || !s.Live {
		return time.Time{}, false
	}
	return s.First, true
}

// newID is a random id for a run or a runner.
func newID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// NewID returns a fresh random id (for runners).
func NewID() string { return newID() }

// Marshal writes a record as one JSON line, newline included.
func Marshal(r Record) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return nil, fmt.Errorf("writing a ledger record: %w", err)
	}
	return b.Bytes(), nil
}

// parseParallel parses a large file in chunks cut at line ends, one per core.
func parseParallel(data []byte) ([]Record, int) {
	n := runtime.GOMAXPROCS(0)
	if n == 1 || len(data) < 1<<20 {
		return Parse(data)
	}
	var chunks [][]byte
	for len(data) > 0 {
		size := min(len(data), len(data)/n+1)
		if len(chunks) == n-1 {
			size = len(data)
		}
		if i := bytes.IndexByte(data[size-1:], '\n'); i >= 0 {
			size += i
		} else {
			size = len(data)
		}
		chunks = append(chunks, data[:size])
		data = data[size:]
	}
	recs := make([][]Record, len(chunks))
	skipped := make([]int, len(chunks))
	var wg sync.WaitGroup
	for i, c := range chunks {
		wg.Go(func() { recs[i], skipped[i] = Parse(c) })
	}
	wg.Wait()
	var out []Record
	total := 0
	for i := range recs {
		out = append(out, recs[i]...)
		total += skipped[i]
	}
	return out, total
}

// Parse reads JSON lines. Lines that cannot be read are counted, not
// returned: only a torn last line (a crash while writing) makes them.
func Parse(data []byte) ([]Record, int) {
	out := make([]Record, 0, bytes.Count(data, []byte{'\n'})+1)
	skipped := 0
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r Record
		if !parseFast(line, &r) {
			r = Record{}
			if err := json.Unmarshal(line, &r); err != nil || r.Op == "" {
				skipped++
				continue
			}
		}
		out = append(out, r)
	}
	return out, skipped
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
