package config

import (
	"strings"
	"testing"
	"time"
)

func TestPublishingOptions(t *testing.T) {
	base := "site: {title: T, base_url: https://t.example}\n"
	c, err := Parse([]byte(base+"publishing:\n  paused: true\n  reason: crise\n  delete: true\n  timeout: 5s\n  retries: 3\n  lease: 1m\n  push: false\n"), "cm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	p := c.Publishing
	if !p.Paused || p.Reason != "crise" || !p.Delete || p.Timeout != 5*time.Second || p.Retries != 3 || p.Lease != time.Minute || p.Push == nil || *p.Push {
		t.Errorf("publishing = %+v", p)
	}
	_, err = Parse([]byte(base+"publishing:\n  delet: true\n"), "cm.yaml")
	if err == nil || !strings.Contains(err.Error(), "cm.yaml:3:3") || !strings.Contains(err.Error(), "delete") {
		t.Errorf("a misspelled key: %v", err)
	}
}
