package bluesky_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/channels/bluesky"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
	"github.com/cmhq/cm/pipeline/publish/publishtest"
)

const password = "app-pass-5ecret"

func setup(t *testing.T, handle string) (*bluesky.Channel, *publishtest.Bluesky) {
	t.Helper()
	fake := publishtest.NewBluesky("brindille.example", password)
	fake.Handles["camille.bsky.social"] = "did:plc:camille"
	t.Cleanup(func() {
		fake.Close()
		for _, u := range fake.List() {
			t.Errorf("unexpected: %s", u)
		}
	})
	client := publish.NewClient(300*time.Millisecond, 4, 50*time.Millisecond)
	client.Base = time.Millisecond
	getenv := func(string) string { return password }
	ch, err := bluesky.New("bluesky", config.Channel{Type: "bluesky", Service: fake.URL, Handle: handle, PasswordEnv: "CM_BLUESKY_PASSWORD"}, getenv, client)
	if err != nil {
		t.Fatal(err)
	}
	return ch, fake
}

func TestFacetsAtByteOffsets(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "start:end feature"
	}{
		{"en", "New post https://brindille.example/en/blog/x/ #ZeroWaste",
			[]string{"9:45 link", "46:56 tag"}},
		{"fr accents", "Été réparé 🔧 : https://brindille.example/fr/ #Réparation et @camille.bsky.social",
			[]string{"22:51 link", "52:64 tag", "68:88 mention"}},
		{"tag prefix of another", "#Repair week, #RepairWeek", []string{"0:7 tag", "14:25 tag"}},
		{"no tag in a URL", "https://example.fr/a#frag", []string{"0:25 link"}},
		{"unknown handle", "Merci @inconnu.example !", nil},
	}
	resolve := func(h string) string {
		if h == "camille.bsky.social" {
			return "did:plc:camille"
		}
		return ""
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range bluesky.Facets(tt.text, resolve) {
				feat := f.Features[0].(map[string]string)["$type"]
				got = append(got, strings.Join([]string{itoa(f.Index.ByteStart) + ":" + itoa(f.Index.ByteEnd), strings.TrimPrefix(feat, "app.bsky.richtext.facet#")}, " "))
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("facets = %v, want %v", got, tt.want)
			}
		})
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestRecordKeyIsAStableTID(t *testing.T) {
	a := bluesky.RecordKey("content/social/a.md", "bluesky")
	if a != bluesky.RecordKey("content/social/a.md", "bluesky") || a == bluesky.RecordKey("content/social/b.md", "bluesky") {
		t.Fatal("record keys are not derived from item and channel")
	}
	if len(a) != 13 || strings.Trim(a, "234567abcdefghijklmnopqrstuvwxyz") != "" || a[0] > 'j' {
		t.Fatalf("%q is not a TID", a)
	}
}

func TestWrongHandle(t *testing.T) {
	ch, fake := setup(t, "autre.example")
	err := ch.Verify(context.Background())
	if err == nil || !strings.Contains(err.Error(), "wrong account: the session belongs to @brindille.example, but cm.yaml says autre.example") {
		t.Fatalf("Verify = %v", err)
	}
	if len(fake.Posts()) != 0 {
		t.Fatal("posted")
	}
}

func TestCreateTwiceMakesOnePost(t *testing.T) {
	ch, fake := setup(t, "brindille.example")
	ctx := context.Background()
	img := filepath.Join(t.TempDir(), "cover.png")
	os.WriteFile(img, []byte("\x89PNG\r\n\x1a\n0000"), 0o644)
	m := &plan.Message{Item: "content/blog/x.md", Channel: "bluesky", Kind: content.KindArticle, Lang: "fr",
		Text: "Nouvel article #Réparation\n\nhttps://brindille.example/fr/blog/x/", URL: "https://brindille.example/fr/blog/x/",
		Title: "Réparer", Description: "Comment réparer", Media: []plan.Media{{Path: img, Name: "content/blog/x/cover.png", Alt: "Une brosse"}}}
	r1, err := ch.Create(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	r2, err := ch.Create(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if r1 != r2 || len(fake.Posts()) != 1 {
		t.Fatalf("two creates: %v %v, %d records", r1, r2, len(fake.Posts()))
	}
	rec := fake.Posts()[bluesky.RecordKey(m.Item, m.Channel)]
	embed := rec.Value["embed"].(map[string]any)
	if embed["$type"] != "app.bsky.embed.external" {
		t.Errorf("embed = %v", embed)
	}
	ext := embed["external"].(map[string]any)
	if ext["uri"] != m.URL || ext["title"] != "Réparer" || ext["thumb"] == nil {
		t.Errorf("link card = %v", ext)
	}
	if langs := rec.Value["langs"].([]any); langs[0] != "fr" {
		t.Errorf("langs = %v", langs)
	}
	if _, found, err := ch.Find(ctx, m, time.Time{}); !found || err != nil {
		t.Errorf("Find = %v, %v", found, err)
	}
}

func TestImagesWithAlt(t *testing.T) {
	ch, fake := setup(t, "brindille.example")
	img := filepath.Join(t.TempDir(), "a.png")
	os.WriteFile(img, []byte("\x89PNG\r\n\x1a\n0000"), 0o644)
	m := &plan.Message{Item: "content/social/p.md", Channel: "bluesky", Kind: content.KindPost, Text: "Our workshop",
		Media: []plan.Media{{Path: img, Name: "content/social/a.png", Alt: "Two brushes on a bench"}}}
	if _, err := ch.Create(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	rec := fake.Posts()[bluesky.RecordKey(m.Item, m.Channel)]
	images := rec.Value["embed"].(map[string]any)["images"].([]any)
	if images[0].(map[string]any)["alt"] != "Two brushes on a bench" {
		t.Errorf("images = %v", images)
	}
}

func TestUpdateAndDelete(t *testing.T) {
	ch, fake := setup(t, "brindille.example")
	ctx := context.Background()
	m := &plan.Message{Item: "content/social/p.md", Channel: "bluesky", Kind: content.KindPost, Text: "v1"}
	r, err := ch.Create(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	m.Text = "v2"
	if _, err := ch.Update(ctx, m, r); err != nil {
		t.Fatal(err)
	}
	if got := fake.Posts()[bluesky.RecordKey(m.Item, m.Channel)].Value["text"]; got != "v2" {
		t.Fatalf("text = %v", got)
	}
	if err := ch.Delete(ctx, r); err != nil {
		t.Fatal(err)
	}
	if len(fake.Posts()) != 0 {
		t.Fatal("not deleted")
	}
}
