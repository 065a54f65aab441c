package config

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestLoadExampleConfig(t *testing.T) {
	c, err := Load("../..")
	if err != nil {
		t.Fatal(err)
	}
	if c.Site.Title != "Brindille" || c.Location.String() != "Europe/Paris" || c.Site.DefaultLanguage != "fr" {
		t.Errorf("site = %+v, location %v", c.Site, c.Location)
	}
	if c.Channels["mastodon"].TokenEnv != "CM_MASTODON_TOKEN" || c.Schedule.Channels["mastodon"].MinSpacing.Hours() != 2 {
		t.Errorf("channels = %+v schedule = %+v", c.Channels, c.Schedule)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // "line:col: message-substring"
	}{
		{"unknown key with did you mean", "site:\n  title: T\n  base_url: https://t.example\n  timezon: Europe/Paris\n",
			[]string{`4:3: unknown key "site.timezon": did you mean "timezone"?`}},
		{"mistyped value", "site:\n  title: T\n  base_url: https://t.example\nchannels:\n  m: {type: mastodon, max_length: lots}\n",
			[]string{`5:35: channels.m.max_length must be a whole number, not "lots"`}},
		{"unknown channel type", "site: {title: T, base_url: https://t.example}\nchannels:\n  m: {type: mastadon}\n",
			[]string{`3:13: channel m: unknown type "mastadon": did you mean "mastodon"?`}},
		{"unknown timezone", "site: {title: T, base_url: https://t.example, timezone: Europe/Lyon}\n",
			[]string{`1:57: unknown timezone "Europe/Lyon"`}},
		{"required site keys", "site: {title: T}\n", []string{`1:7: site.base_url is required`}},
		{"bad severity", "site: {title: T, base_url: https://t.example}\nrules:\n  seo.slug: loud\n",
			[]string{`3:13: rules.seo.slug: unknown severity "loud"`}},
		{"schedule for an unknown channel", "site: {title: T, base_url: https://t.example}\nchannels: {mastodon: {type: mastodon}}\nschedule:\n  channels:\n    mastodn: {min_spacing: 2h}\n",
			[]string{`5:14: schedule for "mastodn", which is not a configured channel: did you mean "mastodon"?`}},
		{"bad duration", "site: {title: T, base_url: https://t.example}\nchannels: {m: {type: mastodon}}\nschedule: {channels: {m: {min_spacing: soon}}}\n",
			[]string{`3:40: schedule.channels.m.min_spacing: "soon" is not a duration`}},
		{"syntax error", "site:\n  title: T\n base_url: x\n", []string{`2:1: did not find expected key`}},
		{"default language not in languages", "site: {title: T, base_url: https://t.example, languages: [fr], default_language: en}\n",
			[]string{`1:82: default_language "en" is not one of site.languages`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "cm.yaml")
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("err = %v, want config.Errors", err)
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors, want %d:\n%v", len(errs), len(tt.want), err)
			}
			for i, w := range tt.want {
				got := strings.TrimPrefix(errs[i].Error(), "cm.yaml:")
				if !strings.HasPrefix(got, w) && !strings.Contains(got, w) {
					t.Errorf("error %d = %q, want %q", i, got, w)
				}
			}
		})
	}
}

func TestMissingConfigSaysHowToStart(t *testing.T) {
	_, err := Load(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "cm.yaml not found") || !strings.Contains(err.Error(), "--dir") {
		t.Fatalf("err = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	data, err := os.ReadFile("../../cm.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte("site: {title: T, base_url: x}\nrules: {seo: off, seo.slug: {severity: warning, max: 3}}\n"))
	f.Add([]byte("channels: [a, b]\n"))
	f.Add([]byte("schedule: {channels: {m: {windows: [{from: '12:00', to: '13:00', days: [mon]}]}}}\n"))
	f.Add([]byte("&a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse(data, "cm.yaml")
		if err == nil && c.Location == nil {
			t.Fatal("a parsed config has no location")
		}
	})
}
