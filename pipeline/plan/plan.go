// Package plan says what publishing now would do, per item and channel:
// create, update or delete it there, wait (until when), or nothing can be
// done (blocked, and why). It reads the calendar (pipeline/schedule), the
// text each channel receives (pipeline/social) and the ledger; it sends
// nothing. pipeline/publish applies a plan.
package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/schedule"
	"github.com/cmhq/cm/pipeline/social"
)

// Kind is what an action does.
type Kind string

const (
	Create Kind = "create"
	Update Kind = "update"
	Delete Kind = "delete"
	// Wait: not due yet (At says until when), or waiting for something
	// else (Why): the article an announcement links to is not live yet, or
	// another runner's attempt is in progress.
	Wait Kind = "wait"
	// Blocked: due, but cannot go out: Why says why (publishing paused, a
	// failed check, a missing secret, the wrong account).
	Blocked Kind = "blocked"
	// Keep: a change that cannot be published, left as it is (Why says
	// what): an edit the network cannot make, a removed file while
	// publishing.delete is off.
	Keep Kind = "keep"
	// Done: published as it is; nothing to do.
	Done Kind = "done"
)

// Sends says whether the action calls the network.
func (k Kind) Sends() bool { return k == Create || k == Update || k == Delete }

// Caps are what a kind of channel can do besides creating.
type Caps struct {
	// Edit: a published post can be changed in place.
	Edit bool
	// Delete: a published post can be removed.
	Delete bool
	// Secrets are the cm.yaml keys naming the environment variables the
	// channel needs.
	Secrets func(config.Channel) []string
}

// Options are what a plan depends on besides the content.
type Options struct {
	// Now is the clock (cm's --at); zero is time.Now().
	Now time.Time
	// Ledger says what is published; nil is an empty ledger.
	Ledger *ledger.Ledger
	// Channel narrows the plan to one channel name.
	Channel string
	// Caps gives each channel type's capabilities. A channel whose type is
	// not there has no publisher: it is left out of the plan.
	Caps map[string]Caps
	// Getenv reads the environment (secrets are only checked for being
	// set); nil is os.Getenv.
	Getenv func(string) string
	// IgnoreSecrets plans as if every secret were set: a preview of what
	// merging a pull request will publish, made in a job that has none.
	IgnoreSecrets bool
	// Accounts holds, per channel name, the error of a failed identity
	// check (wrong account, refused token). Those channels are blocked.
	Accounts map[string]error
	// Check runs cm check on the given files and returns, per path with
	// errors, a one-line reason. Nil skips the check.
	Check func(paths []string) map[string]string
	// Runner is this clone's id and Lease how long another runner's
	// attempt counts as in progress.
	Runner string
	Lease  time.Duration
	// Clock is the machine's clock, which the ledger's times are on
	// (Now may be --at); nil is time.Now.
	Clock func() time.Time
}

// Action is one item on one channel.
type Action struct {
	Kind    Kind
	Item    string
	Channel string
	// Type is the channel's type (site, mastodon, ...).
	Type string
	// At is when it is due (the scheduled time or the queue's slot).
	At time.Time
	// Why explains a wait, a block, a keep or a note on a send.
	Why string
	// Cause names what blocks a Blocked action: paused, secret, account,
	// check or slot. Only paused is not a failure.
	Cause string
	// Version is the content version that would be published; Key the
	// idempotency key of the attempt.
	Version string
	Key     string
	// Resolve: an earlier attempt's outcome is unknown; ask the network
	// whether it went through before sending again.
	Resolve *ledger.Record
	// State is what the ledger holds for this item and channel, or nil.
	State *ledger.State
	// Message is what is sent (nil for a deletion).
	Message *Message
}

// Plan is every action, in the order they would be carried out: sites
// first (announcements wait for them), then by time, channel and item.
type Plan struct {
	Now     time.Time
	Paused  bool
	Reason  string
	Actions []*Action
}

// Count returns how many actions are of each kind.
func (p *Plan) Count() map[Kind]int {
	m := map[Kind]int{}
	for _, a := range p.Actions {
		m[a.Kind]++
	}
	return m
}

// Build plans the repo.
func Build(repo *content.Repo, opts Options) *Plan {
	cfg := repo.Config
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	if opts.Clock == nil {
		opts.Clock = time.Now
	}
	if opts.Lease == 0 {
		opts.Lease = 10 * time.Minute
	}
	l := opts.Ledger
	published := func(string, string) (time.Time, bool) { return time.Time{}, false }
	if l != nil {
		published = l.Published
	}
	cal := schedule.Build(repo, schedule.Options{Now: opts.Now, Published: published})
	p := &Plan{Now: opts.Now, Paused: cfg.Publishing.Paused, Reason: cfg.Publishing.Reason}

	channelBlock, channelCause := map[string]string{}, map[string]string{}
	for _, name := range cfg.ChannelNames() {
		ch := cfg.Channels[name]
		caps, ok := opts.Caps[ch.Type]
		if !ok {
			continue
		}
		if caps.Secrets != nil && !opts.IgnoreSecrets {
			var missing []string
			for _, env := range caps.Secrets(ch) {
				if env == "" {
					missing = append(missing, "(no variable named in cm.yaml)")
				} else if opts.Getenv(env) == "" {
					missing = append(missing, env)
				}
			}
			if len(missing) > 0 {
				channelBlock[name] = "missing secret: set " + strings.Join(missing, " and ") + " in the environment"
				channelCause[name] = "secret"
			}
		}
		if err := opts.Accounts[name]; err != nil && channelBlock[name] == "" {
			channelBlock[name], channelCause[name] = err.Error(), "account"
		}
	}

	wanted := func(channel string) bool {
		if opts.Channel != "" && channel != opts.Channel {
			return false
		}
		_, ok := opts.Caps[cfg.Channels[channel].Type]
		return ok
	}
	siteLive := func(a *content.Article) (string, bool) {
		site := ""
		for _, name := range cfg.ChannelNames() {
			if cfg.Channels[name].Type != "site" {
				continue
			}
			site = name
			if l != nil {
				if s := l.State(a.Path, name); s != nil && s.Live {
					return name, true
				}
			}
		}
		return site, site == ""
	}

	// Rendering is most of a plan's work: it is spread over the cores.
	var entries []*schedule.Entry
	for _, e := range cal.Entries {
		if e.Channel != "" && wanted(e.Channel) {
			entries = append(entries, e)
		}
	}
	messages := make([]*Message, len(entries))
	parallel(len(entries), func(i int) { messages[i] = NewMessage(cfg, entries[i].Item, entries[i].Channel) })

	inRepo := map[ledger.Key]bool{}
	for i, e := range entries {
		inRepo[ledger.Key{Item: e.Path(), Channel: e.Channel}] = true
		a := &Action{Item: e.Path(), Channel: e.Channel, Type: cfg.Channels[e.Channel].Type, At: e.Time}
		if l != nil {
			a.State = l.State(a.Item, a.Channel)
		}
		a.Message = messages[i]
		if a.Message == nil {
			continue
		}
		a.Version = a.Message.Version
		switch s := a.State; {
		case s != nil && s.Live && s.Version == a.Version:
			a.Kind = Done
			a.At = s.Last
		case s != nil && s.Live:
			if opts.Caps[a.Type].Edit {
				a.Kind = Update
				a.Why = "changed since it was published"
			} else {
				a.Kind = Keep
				a.Why = fmt.Sprintf("changed since it was published, but a %s channel cannot edit what it sent: the published version stays (delete and post again by hand to change it)", a.Type)
			}
		case e.Time.IsZero():
			a.Kind, a.Cause = Blocked, "slot"
			a.Why = "no free slot in the schedule within a year"
		case !due(e, opts.Now):
			a.Kind = Wait
		default:
			a.Kind = Create
			if art, ok := e.Item.(*content.Article); ok && a.Type != "site" {
				if site, live := siteLive(art); !live {
					a.Kind = Wait
					a.Why = "the article is not live on the blog yet"
					if site != "" {
						a.Why = "the article is not live on " + site + " yet"
					}
				}
			}
		}
		p.Actions = append(p.Actions, a)
	}

	// Published items whose file is gone (or now a draft).
	if l != nil {
		for _, s := range l.States() {
			if !s.Live || inRepo[s.Key] || !wanted(s.Channel) {
				continue
			}
			if it := repo.Item(s.Item); it != nil && !isDraft(it) {
				continue // on a channel it no longer names: left as it is
			}
			ch := cfg.Channels[s.Channel]
			a := &Action{Item: s.Item, Channel: s.Channel, Type: ch.Type, State: s, At: opts.Now, Version: s.Version}
			switch {
			case !cfg.Publishing.Delete:
				a.Kind = Keep
				a.Why = "removed from the repo; publishing.delete is off in cm.yaml, so what was published stays online"
			case !opts.Caps[ch.Type].Delete:
				a.Kind = Keep
				a.Why = fmt.Sprintf("removed from the repo, but a %s channel cannot delete what it sent", ch.Type)
			default:
				a.Kind = Delete
				a.Why = "removed from the repo"
			}
			p.Actions = append(p.Actions, a)
		}
	}

	// Keys, earlier attempts, and what blocks a send.
	var toCheck []string
	for _, a := range p.Actions {
		if !a.Kind.Sends() {
			continue
		}
		remote := ""
		if a.State != nil {
			remote = a.State.RemoteID
		}
		a.Key = Key(a.Item, a.Channel, a.Version, string(a.Kind), remote)
		if a.Message != nil {
			a.Message.Key = a.Key
		}
		if a.State != nil {
			for i := range a.State.Pending {
				r := a.State.Pending[i]
				if r.Key != a.Key {
					continue
				}
				if r.Runner != opts.Runner && opts.Clock().Sub(r.At) < opts.Lease {
					a.Kind = Wait
					a.Why = fmt.Sprintf("another runner started this at %s (run %s)", r.At.UTC().Format(time.RFC3339), r.Run)
				} else {
					a.Resolve = &r
				}
				break
			}
			if a.Kind == Wait {
				continue
			}
			if a.State.Failures > 0 && a.Why == "" {
				a.Why = fmt.Sprintf("again: %d earlier attempt(s) failed, last: %s", a.State.Failures, a.State.Error)
			}
		}
		switch {
		case p.Paused:
			a.Kind, a.Cause, a.Why = Blocked, "paused", "publishing is paused in cm.yaml"
			if p.Reason != "" {
				a.Why += ": " + p.Reason
			}
		case channelBlock[a.Channel] != "":
			a.Kind, a.Why, a.Cause = Blocked, channelBlock[a.Channel], channelCause[a.Channel]
		case a.Kind != Delete:
			toCheck = append(toCheck, a.Item)
		}
	}
	if opts.Check != nil && len(toCheck) > 0 {
		slices.Sort(toCheck)
		failed := opts.Check(slices.Compact(toCheck))
		for _, a := range p.Actions {
			if why, bad := failed[a.Item]; bad && (a.Kind == Create || a.Kind == Update) {
				a.Kind, a.Why, a.Cause = Blocked, "fails cm check: "+why, "check"
			}
		}
	}
	sortActions(p.Actions, cfg)
	return p
}

// fileHashes caches the hashes of media files by path, size and time:
// an article's cover is read once for all its announcements.
var fileHashes sync.Map

type fileStamp struct {
	path string
	size int64
	mod  time.Time
}

// fileHash is the SHA-256 of a file's bytes, zero when it cannot be read.
func fileHash(path string) [32]byte {
	st, err := os.Stat(path)
	if err != nil {
		return [32]byte{}
	}
	key := fileStamp{path, st.Size(), st.ModTime()}
	if v, ok := fileHashes.Load(key); ok {
		return v.([32]byte)
	}
	var sum [32]byte
	if f, err := os.Open(path); err == nil {
		h := sha256.New()
		if _, err := io.Copy(h, f); err == nil {
			copy(sum[:], h.Sum(nil))
		}
		f.Close()
	}
	fileHashes.Store(key, sum)
	return sum
}

// parallel calls do(0..n-1) on every core.
func parallel(n int, do func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				do(i)
			}
		})
	}
	wg.Wait()
}

// due says whether an entry's time has come. A queued post's slot is
// never before now by construction: it is due when it falls within the
// current minute (the queue rounds up to the next minute).
func due(e *schedule.Entry, now time.Time) bool {
	if e.State == schedule.Queued {
		return e.Time.Before(now.Add(time.Minute))
	}
	return !e.Time.After(now)
}

func isDraft(it content.Item) bool {
	switch x := it.(type) {
	case *content.Article:
		return x.Draft
	case *content.Post:
		return x.Draft
	}
	return false
}

func sortActions(as []*Action, cfg *config.Config) {
	rank := func(a *Action) int {
		if a.Type == "site" {
			return 0
		}
		return 1
	}
	sort.SliceStable(as, func(i, j int) bool {
		a, b := as[i], as[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		if a.Item != b.Item {
			return a.Item < b.Item
		}
		return a.Channel < b.Channel
	})
}

// Key is the idempotency key of an attempt: the same item, channel,
// version and action (and remote post, for an edit or a deletion) give the
// same key on every runner, so a network that keeps keys recognises a
// second attempt.
func Key(item, channel, version, action, remoteID string) string {
	h := sha256.Sum256([]byte(item + "\x00" + channel + "\x00" + version + "\x00" + action + "\x00" + remoteID))
	return "cm-" + hex.EncodeToString(h[:16])
}

// Media is a file attached to a message.
type Media struct {
	// Path is the file on disk; Name its repo-relative path.
	Path, Name string
	Alt        string
}

// Message is what a channel receives for an item: the text exactly as
// social.Render made it, the media, and what link cards need.
type Message struct {
	Item    string
	Channel string
	Kind    content.Kind
	Text    string
	Media   []Media
	// Link is the link appended to the text ("" when none); URL the
	// article's address for the site and for announcements.
	Link, URL string
	Lang      string
	// Title and Description describe the article (link cards).
	Title, Description string
	// Version is the hash of what is sent: text, media and their alt
	// texts (and, for the site, the article's file).
	Version string
	// Key is the attempt's idempotency key (set by the plan).
	Key string
	// Date is the article's date or the post's time.
	Date time.Time
}

// NewMessage renders what a channel receives for an item; nil when the
// item has nothing for it.
func NewMessage(cfg *config.Config, it content.Item, channel string) *Message {
	d := it.Doc()
	m := &Message{Item: d.Path, Channel: channel, Kind: d.Kind, Lang: it.Language()}
	h := sha256.New()
	if a, ok := it.(*content.Article); ok {
		m.URL = cfg.Site.BaseURL + content.URLPath(cfg.Site, a)
		m.Title, m.Description, m.Date = a.Title, a.Description, a.Date
	}
	if p, ok := it.(*content.Post); ok {
		m.Date = p.PublishAt.Time
	}
	if cfg.Channels[channel].Type == "site" {
		if m.URL == "" {
			return nil
		}
		m.Text = m.Title
		h.Write(d.Src)
	} else {
		r, ok := social.Render(cfg, it, channel)
		if !ok {
			return nil
		}
		m.Text, m.Link = r.Text, r.Link
		h.Write([]byte(m.Text))
		for _, md := range r.Media {
			name := md.Src
			if !strings.HasPrefix(name, "/") {
				name = path.Join(path.Dir(d.Path), name)
			} else {
				name = strings.TrimPrefix(name, "/")
			}
			file := filepath.Join(cfg.Root, filepath.FromSlash(name))
			m.Media = append(m.Media, Media{Path: file, Name: name, Alt: md.Alt})
			h.Write([]byte("\x00" + name + "\x00" + md.Alt + "\x00"))
			sum := fileHash(file)
			h.Write(sum[:])
		}
	}
	m.Version = hex.EncodeToString(h.Sum(nil)[:12])
	return m
}
