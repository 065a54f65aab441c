package mastodon_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/channels/mastodon"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
	"github.com/cmhq/cm/pipeline/publish/publishtest"
)

const token = "tok-5ecret"

func setup(t *testing.T, account string) (*mastodon.Channel, *publishtest.Mastodon) {
	t.Helper()
	fake := publishtest.NewMastodon(token, "brindille")
	t.Cleanup(func() {
		fake.Close()
		for _, u := range fake.List() {
			t.Errorf("unexpected: %s", u)
		}
	})
	client := publish.NewClient(300*time.Millisecond, 4, 50*time.Millisecond)
	client.Base = time.Millisecond
	getenv := func(k string) string {
		if k == "CM_MASTODON_TOKEN" {
			return token
		}
		return ""
	}
	ch, err := mastodon.New("mastodon", config.Channel{Type: "mastodon", Instance: fake.URL, Account: account, TokenEnv: "CM_MASTODON_TOKEN"}, getenv, client)
	if err != nil {
		t.Fatal(err)
	}
	ch.Poll = time.Millisecond
	return ch, fake
}

func TestVerifyAccount(t *testing.T) {
	tests := []struct {
		account string
		wantErr string
	}{
		{"@brindille", ""},
		{"brindille", ""},
		{"@Brindille@127.0.0.1", ""},
		{"@quelquun", "wrong account: the token belongs to @brindille on 127.0.0.1, but cm.yaml says @quelquun: nothing was posted"},
		{"@brindille@mastodon.social", "wrong account"},
	}
	for _, tt := range tests {
		t.Run(tt.account, func(t *testing.T) {
			ch, fake := setup(t, tt.account)
			err := ch.Verify(context.Background())
			if tt.wantErr == "" && err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("Verify: %v, want %q", err, tt.wantErr)
			}
			if len(fake.Statuses()) != 0 {
				t.Error("Verify posted something")
			}
		})
	}
}

func TestRefusedToken(t *testing.T) {
	ch, fake := setup(t, "@brindille")
	fake.Token = "another"
	err := ch.Verify(context.Background())
	if err == nil || !strings.Contains(err.Error(), "was refused") || strings.Contains(err.Error(), token) {
		t.Fatalf("Verify: %v", err)
	}
}

func message(key, text string) *plan.Message {
	return &plan.Message{Item: "content/social/a.md", Channel: "mastodon", Text: text, Lang: "fr", Key: key, Version: "v1"}
}

func TestCreateIsIdempotent(t *testing.T) {
	ch, fake := setup(t, "@brindille")
	ctx := context.Background()
	m := message("cm-key-1", "Bonjour à toutes et à tous !\n\nDeuxième paragraphe, avec un lien https://brindille.example/fr/blog/x/")
	r1, err := ch.Create(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := ch.Create(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if r1 != r2 || len(fake.Statuses()) != 1 {
		t.Fatalf("the same Idempotency-Key made %d statuses (%v, %v)", len(fake.Statuses()), r1, r2)
	}
	s := fake.Statuses()[0]
	if s.Text != m.Text || s.Language != "fr" || s.Visibility != "public" {
		t.Errorf("status = %+v", s)
	}
	if !strings.HasPrefix(r1.URL, fake.URL+"/@brindille/") {
		t.Errorf("URL = %s", r1.URL)
	}
}

func TestMediaWithAltText(t *testing.T) {
	ch, fake := setup(t, "@brindille")
	img := filepath.Join(t.TempDir(), "brosse.png")
	os.WriteFile(img, []byte("\x89PNG\r\n\x1a\nfake image"), 0o644)
	m := message("cm-key-2", "Nouvelle brosse")
	m.Media = []plan.Media{{Path: img, Name: "content/social/brosse.png", Alt: "Une brosse en hêtre posée sur un évier"}}
	if _, err := ch.Create(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	st := fake.Statuses()
	if len(st) != 1 || len(st[0].MediaIDs) != 1 {
		t.Fatalf("statuses = %+v", st)
	}
	if fake.Calls["POST /api/v2/media"] != 1 {
		t.Errorf("calls = %v", fake.Calls)
	}
}

func TestEditAndDelete(t *testing.T) {
	ch, fake := setup(t, "@brindille")
	ctx := context.Background()
	r, err := ch.Create(ctx, message("k1", "Version 1"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ch.Update(ctx, message("k2", "Version 2"), r); err != nil {
		t.Fatal(err)
	}
	if st := fake.Statuses(); len(st) != 1 || st[0].Text != "Version 2" || st[0].Edits != 1 {
		t.Fatalf("after edit: %+v", st)
	}
	if err := ch.Delete(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := ch.Delete(ctx, r); err != nil {
		t.Fatalf("deleting again: %v", err)
	}
	if len(fake.Statuses()) != 0 {
		t.Fatal("not deleted")
	}
}

func TestFindByText(t *testing.T) {
	ch, _ := setup(t, "@brindille")
	ctx := context.Background()
	m := message("k1", "Un message <important> & \"cité\"\nsur deux lignes")
	r, err := ch.Create(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	got, found, err := ch.Find(ctx, m, time.Now().Add(-time.Minute))
	if err != nil || !found || got.ID != r.ID {
		t.Fatalf("Find = %v %v %v, want %v", got, found, err, r)
	}
	_, found, err = ch.Find(ctx, message("k2", "Un autre message"), time.Now().Add(-time.Minute))
	if err != nil || found {
		t.Fatalf("Find of a message never posted = %v, %v", found, err)
	}
}

func TestTooLongIsRefusedNotRetried(t *testing.T) {
	ch, fake := setup(t, "@brindille")
	_, err := ch.Create(context.Background(), message("k", strings.Repeat("a", 501)))
	if publish.OutcomeOf(err) != publish.NotDone || !strings.Contains(err.Error(), "HTTP 422") {
		t.Fatalf("err = %v", err)
	}
	if fake.Calls["POST /api/v1/statuses"] != 1 {
		t.Errorf("a 422 was retried: %v", fake.Calls)
	}
	// The fake counts the refused status as unexpected: the social.length
	// rule keeps such posts from publishing.
	if got := fake.Take(); len(got) != 1 {
		t.Errorf("unexpected = %v", got)
	}
}

func TestFaultsAreRetriedWithoutDuplicates(t *testing.T) {
	ch, fake := setup(t, "@brindille")
	fake.Faults = publishtest.NewFaults(0.5, 3)
	fake.Faults.Hang = 500 * time.Millisecond
	ctx := context.Background()
	ok := 0
	for i := range 20 {
		m := message("key-"+string(rune('a'+i)), "Message "+string(rune('a'+i)))
		if _, err := ch.Create(ctx, m); err == nil {
			ok++
		} else if _, err := ch.Create(ctx, m); err == nil { // the next run
			ok++
		}
	}
	count := map[string]int{}
	for _, s := range fake.Statuses() {
		count[s.Text]++
		if count[s.Text] > 1 {
			t.Errorf("duplicate: %q", s.Text)
		}
	}
	if ok < 15 {
		t.Errorf("only %d of 20 went through with retries", ok)
	}
	t.Logf("faults: %v", fake.Faults.Injected)
}
