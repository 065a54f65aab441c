package ledger_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/cmhq/cm/pipeline/ledger"
)

var t0 = time.Date(2027, 1, 10, 11, 0, 0, 0, time.UTC)

func rec(op ledger.Op, key string) ledger.Record {
	return ledger.Record{Op: op, Item: "content/social/a.md", Channel: "mastodon", Version: "v1", Action: ledger.Create, Key: key}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name    string
		ops     []ledger.Record
		live    bool
		pending int
		fails   int
		deleted bool
	}{
		{"intent only: unknown outcome", []ledger.Record{rec(ledger.Intent, "k1")}, false, 1, 0, false},
		{"published", []ledger.Record{rec(ledger.Intent, "k1"), withRemote(rec(ledger.Published, "k1"))}, true, 0, 0, false},
		{"failed", []ledger.Record{rec(ledger.Intent, "k1"), rec(ledger.Failed, "k1")}, false, 0, 1, false},
		{"unknown failure keeps the intent", []ledger.Record{rec(ledger.Intent, "k1"), rec(ledger.Failed, "")}, false, 1, 1, false},
		{"absent closes", []ledger.Record{rec(ledger.Intent, "k1"), rec(ledger.Absent, "k1")}, false, 0, 0, false},
		{"deleted", []ledger.Record{rec(ledger.Intent, "k1"), withRemote(rec(ledger.Published, "k1")), rec(ledger.Intent, "k2"), rec(ledger.Deleted, "k2")}, false, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ledger.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range tt.ops {
				if err := l.Append(t0.Add(time.Duration(i)*time.Second), r); err != nil {
					t.Fatal(err)
				}
			}
			s := l.State("content/social/a.md", "mastodon")
			if s.Live != tt.live || len(s.Pending) != tt.pending || s.Failures != tt.fails || s.Deleted != tt.deleted {
				t.Errorf("state = live %v, pending %d, failures %d, deleted %v", s.Live, len(s.Pending), s.Failures, s.Deleted)
			}
			_, ok := l.Published("content/social/a.md", "mastodon")
			if ok != tt.live {
				t.Errorf("Published = %v", ok)
			}
		})
	}
}

func withRemote(r ledger.Record) ledger.Record {
	r.RemoteID, r.URL = "110", "https://mastodon.example/@brindille/110"
	return r
}

func TestReopenAndTornLine(t *testing.T) {
	dir := t.TempDir()
	l, _ := ledger.Open(dir)
	if err := l.Append(t0, rec(ledger.Intent, "k1"), withRemote(rec(ledger.Published, "k1"))); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, ledger.Dir, "2027-01.jsonl")
	// A crash in the middle of a line: the reader skips it, and the next
	// record starts on a line of its own.
	f, _ := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"at":"2027-01-10T11:00:00Z","op":"publi`)
	f.Close()
	l2, err := ledger.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if l2.Len() != 2 || l2.Skipped != 1 {
		t.Fatalf("read %d records, skipped %d", l2.Len(), l2.Skipped)
	}
	if err := l2.Append(t0.Add(time.Minute), rec(ledger.Intent, "k2")); err != nil {
		t.Fatal(err)
	}
	l3, _ := ledger.Open(dir)
	if l3.Len() != 3 || l3.Skipped != 1 {
		t.Fatalf("after the torn line: %d records, skipped %d", l3.Len(), l3.Skipped)
	}
	s := l3.State("content/social/a.md", "mastodon")
	if !s.Live || s.RemoteID != "110" || len(s.Pending) != 1 {
		t.Errorf("state = %+v", s)
	}
}

func TestParseFastMatchesJSON(t *testing.T) {
	lines := []string{
		`{"at":"2027-01-10T11:00:00.5Z","run":"r","seq":2,"runner":"x","op":"published","item":"content/blog/été.md","channel":"blog","version":"v","action":"create","key":"k","remote_id":"1","url":"https://b.example/fr/blog/été/"}`,
		`{"at":"2027-01-10T11:00:00Z","run":"r","seq":3,"op":"failed","item":"a","channel":"c","error":"HTTP 422: \"quoted\" message"}`,
		`{"at":"2027-01-10T11:00:00Z","run":"r","seq":4,"op":"intent","item":"a","channel":"c","future_field":{"x":1}}`,
	}
	recs, skipped := ledger.Parse([]byte(strings.Join(lines, "\n") + "\n"))
	if skipped != 0 || len(recs) != 3 {
		t.Fatalf("%d records, %d skipped", len(recs), skipped)
	}
	if recs[0].Item != "content/blog/été.md" || recs[0].Seq != 2 || !recs[0].At.Equal(t0.Add(500*time.Millisecond)) {
		t.Errorf("fast path: %+v", recs[0])
	}
	if recs[1].Error != `HTTP 422: "quoted" message` {
		t.Errorf("escaped: %+v", recs[1])
	}
	if recs[2].Op != ledger.Intent {
		t.Errorf("unknown field: %+v", recs[2])
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"at":"2027-01-10T11:00:00Z","run":"r","seq":1,"op":"intent","item":"a","channel":"c"}` + "\n"))
	f.Add([]byte(`{"op":"published","seq":-1}` + "\n{\n"))
	f.Add([]byte(`{"at":"x","op":"a\"b"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, _ := ledger.Parse(data)
		for _, r := range recs {
			line, err := ledger.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			again, skipped := ledger.Parse(line)
			if skipped != 0 || len(again) != 1 || again[0].Op != r.Op || again[0].Item != r.Item || again[0].Key != r.Key || !again[0].At.Equal(r.At) {
				t.Fatalf("%q does not read back: %+v", line, again)
			}
		}
	})
}

// TestGitMergeUnion: two clones record different attempts; the second
// push is rejected, the pull merges the union, the push then succeeds.
func TestGitMergeUnion(t *testing.T) {
	origin := filepath.Join(t.TempDir(), "origin.git")
	if _, err := git.PlainInit(origin, true); err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	os.WriteFile(filepath.Join(src, "cm.yaml"), []byte("site: {title: T, base_url: https://t.example}\n"), 0o644)
	repo, _ := git.PlainInit(src, false)
	wt, _ := repo.Worktree()
	wt.Add("cm.yaml")
	wt.Commit("init", &git.CommitOptions{Author: &object.Signature{Name: "e", Email: "e@e", When: t0}})
	repo.CreateRemote(&gitconfig.RemoteConfig{Name: "origin", URLs: []string{origin}})
	if err := repo.Push(&git.PushOptions{}); err != nil {
		t.Fatal(err)
	}
	clone := func() string {
		d := filepath.Join(t.TempDir(), "c")
		if _, err := git.PlainClone(d, false, &git.CloneOptions{URL: origin}); err != nil {
			t.Fatal(err)
		}
		return d
	}
	a, b := clone(), clone()
	ctx := t.Context()
	write := func(dir, item string) (*ledger.Ledger, *ledger.Git) {
		l, _ := ledger.Open(dir)
		g, err := ledger.OpenGit(dir, "", "")
		if err != nil {
			t.Fatal(err)
		}
		r := rec(ledger.Intent, "k-"+item)
		r.Item = item
		l.Append(t0, r)
		if _, err := g.Commit("ledger", t0); err != nil {
			t.Fatal(err)
		}
		return l, g
	}
	_, ga := write(a, "content/social/a.md")
	if err := ga.Push(ctx); err != nil {
		t.Fatal(err)
	}
	lb, gb := write(b, "content/social/b.md")
	if err := gb.Push(ctx); err == nil || !strings.Contains(err.Error(), ledger.ErrRejected.Error()) {
		t.Fatalf("second push: %v, want rejected", err)
	}
	n, err := gb.Pull(ctx, lb, t0)
	if err != nil || n != 1 {
		t.Fatalf("pull: %d new, %v", n, err)
	}
	if err := gb.Push(ctx); err != nil {
		t.Fatalf("push after the merge: %v", err)
	}
	// The first clone gets both by a fast-forward, even after a fetch
	// killed midway left a pack index without its pack.
	torn := filepath.Join(a, ".git", "objects", "pack", "pack-0123456789abcdef0123456789abcdef01234567.idx")
	os.MkdirAll(filepath.Dir(torn), 0o755)
	os.WriteFile(torn, []byte("\377tOc"), 0o644)
	la, _ := ledger.Open(a)
	if _, err := ga.Pull(ctx, la, t0); err != nil {
		t.Fatal(err)
	}
	la, _ = ledger.Open(a)
	if _, err := os.Stat(torn); !os.IsNotExist(err) {
		t.Error("the torn pack index is still there")
	}
	if la.Len() != 2 || la.State("content/social/b.md", "mastodon") == nil {
		t.Fatalf("clone a has %d records after the pull", la.Len())
	}
	// The work tree and the index agree with the commit: git status is clean.
	repoA, _ := git.PlainOpen(a)
	wtA, _ := repoA.Worktree()
	st, _ := wtA.Status()
	if !st.IsClean() {
		t.Errorf("git status after the pull:\n%s", st)
	}
}
