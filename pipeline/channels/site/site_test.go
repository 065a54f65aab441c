package site_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/channels/site"
	"github.com/cmhq/cm/pipeline/plan"
	"github.com/cmhq/cm/pipeline/publish"
	"github.com/cmhq/cm/pipeline/publish/publishtest"
)

func TestLiveOnceDeployed(t *testing.T) {
	fake := publishtest.NewSite()
	defer fake.Close()
	ch := site.New(publish.NewClient(time.Second, 1, 10*time.Millisecond))
	ctx := context.Background()
	m := &plan.Message{Item: "content/blog/a.md", Channel: "blog", URL: fake.URL + "/fr/blog/a/"}
	if _, err := ch.Create(ctx, m); !errors.Is(err, publish.ErrNotLive) {
		t.Fatalf("before the deployment: %v, want ErrNotLive", err)
	}
	fake.Deploy(true, "/fr/blog/a/")
	r, err := ch.Create(ctx, m)
	if err != nil || r.URL != m.URL {
		t.Fatalf("after the deployment: %v, %v", r, err)
	}
	if err := ch.Delete(ctx, r); !errors.Is(err, publish.ErrNotLive) {
		t.Fatalf("deleting a page still online: %v", err)
	}
	fake.Deploy(false, "/fr/blog/a/")
	if err := ch.Delete(ctx, r); err != nil {
		t.Fatalf("deleting a page gone: %v", err)
	}
	for _, u := range fake.List() {
		t.Error(u)
	}
}
