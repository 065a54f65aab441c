package schedule

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/iostreams"
	"github.com/cmhq/cm/pipeline/social"
)

// View selects part of a calendar.
type View struct {
	// From and To bound the times shown, [From, To); zero is unbounded.
	From, To time.Time
	// Channel, when set, keeps that channel's entries (and the campaigns
	// that post there).
	Channel string
}

// Select returns the entries in view, in calendar order. Queued posts that
// found no slot are always shown (on their channel), last.
func (c *Calendar) Select(v View) []*Entry {
	var out []*Entry
	for _, e := range c.Entries {
		if v.Channel != "" && e.Channel != v.Channel && !(e.Kind == content.KindCampaign && campaignPostsOn(e.Campaign, v.Channel)) {
			continue
		}
		if !e.Time.IsZero() {
			end := e.Time
			if e.End.After(end) {
				end = e.End
			}
			if !v.From.IsZero() && end.Before(v.From) || !v.To.IsZero() && !e.Time.Before(v.To) {
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// campaignPostsOn says whether a campaign posts on a channel.
func campaignPostsOn(c *content.Campaign, channel string) bool {
	if slices.Contains(c.Channels, channel) {
		return true
	}
	for _, p := range c.Posts {
		if slices.Contains(p.Channels, channel) {
			return true
		}
	}
	return false
}

// kindName is an entry's kind as the calendar shows it.
func kindName(e *Entry) string { return e.Kind.String() }

// WriteText prints one line per item and channel: time, channel, kind,
// state, title or first words, file; a line with conflicts starts with "!"
// and is followed by one indented line per conflict. It speaks the
// language of cm's messages (cm.yaml's messages: en or fr).
func WriteText(w io.Writer, cfg *config.Config, c *Calendar, entries []*Entry, colors iostreams.Colors) error {
	say := wordsFor(cfg)
	chWidth := len("campaign")
	kindWidth, stateWidth, atWidth := 0, 0, 0
	for _, k := range say.kinds {
		kindWidth = max(kindWidth, utf8.RuneCountInString(k))
	}
	for _, s := range say.states {
		stateWidth = max(stateWidth, utf8.RuneCountInString(s))
	}
	for _, e := range entries {
		chWidth = max(chWidth, utf8.RuneCountInString(e.Channel))
		if !e.Time.IsZero() && atWidth == 0 {
			atWidth = utf8.RuneCountInString(say.when(e.Time.In(c.Location)))
		}
	}
	atWidth = max(atWidth, utf8.RuneCountInString(say.when(c.Now.In(c.Location))))
	var b strings.Builder
	counts := map[State]int{}
	conflicts := 0
	for _, e := range entries {
		if e.Kind != content.KindCampaign {
			counts[e.State]++
		}
		mark := " "
		if len(e.Conflicts) > 0 {
			mark = colors.Red("!")
			conflicts += len(e.Conflicts)
		}
		at := pad(say.noSlot, atWidth)
		if !e.Time.IsZero() {
			at = say.when(e.Time.In(c.Location))
		}
		channel := e.Channel
		title := e.Title
		if e.Kind == content.KindCampaign {
			channel = "-"
			title += " (" + say.until + " " + say.when(e.End.In(c.Location)) + ")"
		}
		fmt.Fprintf(&b, "%s %s  %s  %s  %s  %s  %s\n", mark, at, pad(channel, chWidth), pad(say.kinds[e.Kind], kindWidth),
			pad(say.states[e.State], stateWidth), colors.Bold(pad(title, 62)), colors.Dim(e.Path()))
		for _, k := range e.Conflicts {
			fmt.Fprintf(&b, "      %s %s\n", colors.Red(k.Kind.Rule()+":"), say.conflict(k))
		}
	}
	fmt.Fprintf(&b, "\n%s\n", say.summary(len(entries), counts[Scheduled], counts[Queued], counts[Published],
		conflicts, c.Location.String(), c.Now.In(c.Location).Format("2006-01-02 15:04")))
	_, err := io.WriteString(w, b.String())
	return err
}

func pad(s string, width int) string {
	if n := utf8.RuneCountInString(s); n < width {
		return s + strings.Repeat(" ", width-n)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// jsonEntry is one entry of cm calendar --format json.
type jsonEntry struct {
	Time      *time.Time     `json:"time"`
	End       *time.Time     `json:"end,omitempty"`
	Channel   string         `json:"channel,omitempty"`
	Network   string         `json:"network,omitempty"`
	Kind      string         `json:"kind"`
	State     State          `json:"state"`
	Title     string         `json:"title"`
	Path      string         `json:"path"`
	Campaign  string         `json:"campaign,omitempty"`
	Text      string         `json:"text,omitempty"`
	Conflicts []jsonConflict `json:"conflicts"`
}

type jsonConflict struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Other   string `json:"other,omitempty"`
}

// WriteJSON prints the entries as one JSON object, with the text each
// network will receive.
func WriteJSON(w io.Writer, cfg *config.Config, c *Calendar, entries []*Entry) error {
	out := struct {
		Timezone string      `json:"timezone"`
		Now      time.Time   `json:"now"`
		Entries  []jsonEntry `json:"entries"`
	}{Timezone: c.Location.String(), Now: c.Now.In(c.Location), Entries: []jsonEntry{}}
	for _, e := range entries {
		je := jsonEntry{Channel: e.Channel, Network: cfg.Channels[e.Channel].Type, Kind: kindName(e), State: e.State,
			Title: e.Title, Path: e.Path(), Conflicts: []jsonConflict{}}
		if !e.Time.IsZero() {
			t := e.Time.In(c.Location)
			je.Time = &t
		}
		if !e.End.IsZero() {
			t := e.End.In(c.Location)
			je.End = &t
		}
		if e.Campaign != nil {
			je.Campaign = e.Campaign.Name
		}
		je.Text = entryText(cfg, e)
		for _, k := range e.Conflicts {
			jc := jsonConflict{Rule: k.Kind.Rule(), Message: wordsFor(cfg).conflict(k)}
			if k.Other != nil {
				jc.Other = k.Other.Path()
			}
			je.Conflicts = append(je.Conflicts, jc)
		}
		out.Entries = append(out.Entries, je)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// entryText is the text the entry's channel receives ("" for the blog).
func entryText(cfg *config.Config, e *Entry) string {
	if e.Channel == "" || cfg.Channels[e.Channel].Type == "site" {
		return ""
	}
	for _, m := range social.Messages(cfg, e.Item) {
		if m.Channel == e.Channel {
			return m.Text
		}
	}
	return ""
}

// WriteICS prints the entries as an RFC 5545 calendar: one VEVENT per item
// and channel, with a UID made from the file and the channel so that a
// calendar app that subscribes to it updates events instead of duplicating
// them. A campaign is one event from its start to its end. Queued posts
// without a slot have no time and are left out.
func WriteICS(w io.Writer, cfg *config.Config, c *Calendar, entries []*Entry) error {
	cal := ics.NewCalendarFor("cmhq")
	cal.SetProductId("-//cmhq//cm calendar//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName(cfg.Site.Title)
	cal.SetXWRTimezone(c.Location.String())
	host := "cm.invalid"
	if u, err := url.Parse(cfg.Site.BaseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	for _, e := range entries {
		if e.Time.IsZero() {
			continue
		}
		ev := cal.AddEvent(UID(e.Path(), e.Channel, host))
		ev.SetDtStampTime(c.Now)
		ev.SetStartAt(e.Time)
		var desc strings.Builder
		switch {
		case e.Kind == content.KindCampaign:
			ev.SetEndAt(e.End)
			ev.SetSummary(wordsFor(cfg).campaignEvent + ": " + e.Title)
			if e.Campaign.Goal != "" {
				desc.WriteString(e.Campaign.Goal + "\n\n")
			}
		default:
			ev.SetEndAt(e.Time.Add(15 * time.Minute))
			ev.SetSummary("[" + e.Channel + "] " + e.Title)
			if text := entryText(cfg, e); text != "" {
				desc.WriteString(text + "\n\n")
			}
		}
		if a, ok := e.Item.(*content.Article); ok {
			ev.SetURL(cfg.Site.BaseURL + content.URLPath(cfg.Site, a))
		}
		say := wordsFor(cfg)
		fmt.Fprintf(&desc, "%s · %s · %s", e.Path(), say.kinds[e.Kind], say.states[e.State])
		for _, k := range e.Conflicts {
			fmt.Fprintf(&desc, "\n! %s: %s", k.Kind.Rule(), say.conflict(k))
		}
		ev.SetDescription(desc.String())
		if e.State == Queued {
			ev.SetStatus(ics.ObjectStatusTentative)
		} else {
			ev.SetStatus(ics.ObjectStatusConfirmed)
		}
		ev.AddCategory(kindName(e))
		if e.Channel != "" {
			ev.AddCategory(e.Channel)
		}
	}
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

// UID is an entry's stable iCalendar UID: it depends only on the file and
// the channel, so moving a post to another time updates the same event.
func UID(path, channel, host string) string {
	sum := sha256.Sum256([]byte(path + "\x00" + channel))
	return hex.EncodeToString(sum[:10]) + "@" + host
}
