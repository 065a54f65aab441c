package webhook_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/channels/webhook"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
	"github.com/cmhq/cm/pipeline/publish/publishtest"
)

func TestDeliveryIsSignedWithAStableID(t *testing.T) {
	fake := publishtest.NewWebhook("/hook/5ecret", "s3cret")
	defer fake.Close()
	env := map[string]string{"URL": fake.HookURL(), "SECRET": "s3cret"}
	client := publish.NewClient(time.Second, 2, 10*time.Millisecond)
	ch, err := webhook.New("team", config.Channel{Type: "webhook", URLEnv: "URL", SecretEnv: "SECRET"}, func(k string) string { return env[k] }, client)
	if err != nil {
		t.Fatal(err)
	}
	m := &plan.Message{Item: "content/social/a.md", Channel: "team", Kind: content.KindPost, Text: "Bonjour l’équipe", Key: "cm-abc", Version: "v1", Lang: "fr"}
	for range 2 {
		if _, err := ch.Create(context.Background(), m); err != nil {
			t.Fatal(err)
		}
	}
	if fake.Deliveries["cm-abc"] != 2 || len(fake.IDs()) != 1 {
		t.Fatalf("deliveries = %v", fake.Deliveries)
	}
	var p webhook.Payload
	json.Unmarshal(fake.Bodies["cm-abc"], &p)
	if p.ID != "cm-abc" || p.Text != m.Text || p.Kind != "post" || p.Event != "published" {
		t.Errorf("payload = %+v", p)
	}
	for _, u := range fake.List() {
		t.Error(u)
	}
}

func TestFormats(t *testing.T) {
	m := &plan.Message{Item: "content/social/a.md", Channel: "team", Text: strings.Repeat("é", 2100), Key: "cm-1"}
	tests := []struct{ format, want string }{
		{"slack", `{"text":"éé`},
		{"discord", `{"allowed_mentions":{"parse":[]},"content":"éé`},
		{"", `{"id":"cm-1","event":"published"`},
	}
	for _, tt := range tests {
		ch, err := webhook.New("team", config.Channel{URLEnv: "U", Format: tt.format}, func(string) string { return "https://hooks.example/x" }, nil)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := ch.Body(m)
		if !strings.HasPrefix(string(body), tt.want) {
			t.Errorf("%s: %.80s", tt.format, body)
		}
		if tt.format == "discord" {
			var v struct{ Content string }
			json.Unmarshal(body, &v)
			if n := len([]rune(v.Content)); n != 2000 {
				t.Errorf("discord content of %d characters, want at most 2000", n)
			}
		}
	}
}

func TestSign(t *testing.T) {
	// The value GitHub documents for its X-Hub-Signature-256 example.
	got := webhook.Sign("It's a Secret to Everybody", []byte("Hello, World!"))
	if got != "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17" {
		t.Errorf("Sign = %s", got)
	}
}

func TestMissingURL(t *testing.T) {
	_, err := webhook.New("team", config.Channel{URLEnv: "CM_SLACK_WEBHOOK"}, func(string) string { return "" }, nil)
	if err == nil || !strings.Contains(err.Error(), "set CM_SLACK_WEBHOOK") {
		t.Fatalf("err = %v", err)
	}
}

func TestUnknownFormat(t *testing.T) {
	_, err := webhook.New("team", config.Channel{URLEnv: "U", Format: "teams"}, func(string) string { return "https://hooks.example/x" }, nil)
	if err == nil || err.Error() != `channel team: format "teams": use json, slack or discord` {
		t.Fatalf("err = %v", err)
	}
}
