package config

import (
	"fmt"
	"strings"
	"testing"
)

const scheduleBase = `site:
  title: T
  base_url: https://t.example
channels:
  mastodon: {type: mastodon}
  insta: {type: instagram}
  x: {type: x}
`

func TestScheduleValidation(t *testing.T) {
	for _, tc := range []struct {
		name, yaml string
		want       []string
	}{
		{"valid", `schedule:
  channels:
    mastodon:
      windows:
        - {days: [mon, Tue], from: "12:00", to: "13:30"}
        - {from: "22:00", to: "24:00"}
      min_spacing: 2h
      max_per_day: 3
      blackout: ["2027-01-01"]
  blackout: ["2026-12-25"]
`, nil},
		{"bad values with positions", `schedule:
  channels:
    mastodon:
      windows:
        - {days: [mon, tsu], from: "12h00", to: "13:30"}
        - {from: "22:00", to: "01:00"}
      min_spacing: -2h
      max_per_day: -1
  blackout: ["25/12/2026"]
`, []string{
			`cm.yaml:12:24: schedule.channels.mastodon.windows[0]: unknown day "tsu": did you mean "thu"?`,
			`cm.yaml:12:36: schedule.channels.mastodon.windows[0].from: "12h00" is not a time of day: write it as "HH:MM" in the site timezone, e.g. "21:00"`,
			`cm.yaml:13:31: schedule.channels.mastodon.windows[1] ends at 01:00, not after it starts at 22:00: a window stays within one day: split one that crosses midnight into two, e.g. 22:00-24:00 and 00:00-01:00`,
			`cm.yaml:14:20: schedule.channels.mastodon.min_spacing is negative: write a duration like 2h`,
			`cm.yaml:15:20: schedule.channels.mastodon.max_per_day is negative: write how many posts a day at most, or leave it out for no limit`,
			`cm.yaml:16:14: schedule.blackout: "25/12/2026" is not a date: write dates as YYYY-MM-DD, e.g. 2026-12-25`,
		}},
		{"unknown channel type lists the networks", `channels:
  tiktok: {type: tiktok}
`, []string{`cm.yaml:8:18: channel tiktok: unknown type "tiktok": use one of site, mastodon, bluesky, webhook, x, linkedin, instagram, threads`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := scheduleBase + tc.yaml
			if strings.HasPrefix(tc.yaml, "channels:") {
				src = strings.Replace(scheduleBase, "  x: {type: x}\n", "  x: {type: x}\n"+strings.TrimPrefix(tc.yaml, "channels:\n"), 1)
			}
			_, err := Parse([]byte(src), "cm.yaml")
			var got []string
			if err != nil {
				got = strings.Split(err.Error(), "\n")
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestUTMDefaults(t *testing.T) {
	c, err := Parse([]byte(scheduleBase+"social:\n  utm: {enabled: false, medium: reseaux}\n"), "cm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if c.Social.UTM.On() || c.Social.UTM.MediumOrDefault() != "reseaux" {
		t.Errorf("utm = %+v", c.Social.UTM)
	}
	if (UTM{}).MediumOrDefault() != "social" || !(UTM{}).On() {
		t.Error("UTM defaults: on, medium social")
	}
}

func TestParseClock(t *testing.T) {
	for s, want := range map[string]int{"00:00": 0, "12:30": 750, "24:00": 1440, "24:01": -1, "7:00": -1, "12:60": -1, "ab:cd": -1} {
		got, err := ParseClock(s)
		if want < 0 && err == nil || want >= 0 && got != want {
			t.Errorf("ParseClock(%q) = %d, %v", s, got, err)
		}
	}
}

// ParseClock accepts exactly HH:MM from 00:00 to 24:00.
func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"12:00", "24:00", "7:00", "23:59", "-1:00", "+1:30", "12:0x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseClock(s)
		if err != nil {
			return
		}
		if m < 0 || m > 24*60 || fmt.Sprintf("%02d:%02d", m/60, m%60) != s {
			t.Fatalf("ParseClock(%q) = %d", s, m)
		}
	})
}
