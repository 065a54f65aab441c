package schedule

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/iostreams"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func paris(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestWallClock(t *testing.T) {
	loc := paris(t)
	for _, tc := range []struct {
		day    day
		minute int
		want   string // UTC
	}{
		{20270327, 12 * 60, "2027-03-27T11:00:00Z"},   // CET, +01:00
		{20270328, 12 * 60, "2027-03-28T10:00:00Z"},   // CEST, +02:00
		{20270328, 2*60 + 30, "2027-03-28T01:00:00Z"}, // in the gap: 03:00 CEST
		{20270328, 2 * 60, "2027-03-28T01:00:00Z"},    // the gap's start
		{20270328, 3 * 60, "2027-03-28T01:00:00Z"},    // 03:00 CEST exists
		{20271031, 2*60 + 30, "2027-10-31T00:30:00Z"}, // twice: the first, CEST
		{20271031, 3 * 60, "2027-10-31T02:00:00Z"},    // after the overlap, CET
		{20271031, 12 * 60, "2027-10-31T11:00:00Z"},   // CET
		{20271030, 12 * 60, "2027-10-30T10:00:00Z"},   // CEST
		{20271031, 0, "2027-10-30T22:00:00Z"},         // midnight, CEST
	} {
		got := wallClock(tc.day, tc.minute, loc).UTC().Format(time.RFC3339)
		if got != tc.want {
			t.Errorf("wallClock(%s, %s) = %s, want %s", tc.day, clock(tc.minute), got, tc.want)
		}
	}
}

// queueRepo is a site with one channel whose policy the test gives, and n
// queued posts.
func queueRepo(t *testing.T, policy string, n int) *content.Repo {
	t.Helper()
	files := map[string]string{"cm.yaml": checktest.Config + "schedule:\n  channels:\n    mastodon:\n" + policy}
	for i := range n {
		files[fmt.Sprintf("content/social/q%02d.md", i)] = "---\nchannels: [mastodon]\n---\nPost " + fmt.Sprint(i)
	}
	return checktest.Load(t, checktest.WriteRepo(t, files))
}

func slots(c *Calendar, loc *time.Location) []string {
	var out []string
	for _, e := range c.Entries {
		if e.State == Queued {
			out = append(out, e.Time.UTC().Format("01-02T15:04Z")+"="+e.Time.In(loc).Format("15:04"))
		}
	}
	return out
}

// The queue takes slots at the same wall-clock time before and after the
// changes of time of the last Sundays of March and October, and fills the
// windows that the change shortens or lengthens with the right instants.
func TestQueueAcrossDST(t *testing.T) {
	loc := paris(t)
	for _, tc := range []struct {
		name, policy string
		now          string
		n            int
		want         []string
	}{
		{"noon slots across March",
			"      windows: [{from: \"12:00\", to: \"13:00\"}]\n      max_per_day: 1\n",
			"2027-03-27T08:00:00+01:00", 3,
			[]string{"03-27T11:00Z=12:00", "03-28T10:00Z=12:00", "03-29T10:00Z=12:00"}},
		{"noon slots across October",
			"      windows: [{from: \"12:00\", to: \"13:00\"}]\n      max_per_day: 1\n",
			"2027-10-30T08:00:00+02:00", 3,
			[]string{"10-30T10:00Z=12:00", "10-31T11:00Z=12:00", "11-01T11:00Z=12:00"}},
		{"a night window shortened by the gap in March",
			"      windows: [{days: [sun], from: \"02:00\", to: \"03:30\"}]\n      min_spacing: 30m\n",
			"2027-03-27T12:00:00+01:00", 3,
			// 02:00-03:00 does not exist that night: 03:00 and 03:30 CEST, then a week later.
			[]string{"03-28T01:00Z=03:00", "03-28T01:30Z=03:30", "04-04T00:00Z=02:00"}},
		{"a night window lengthened by the overlap in October",
			"      windows: [{days: [sun], from: \"02:00\", to: \"03:30\"}]\n      min_spacing: 30m\n",
			"2027-10-30T12:00:00+02:00", 7,
			// 02:00-03:00 happens twice: CEST then CET.
			[]string{"10-31T00:00Z=02:00", "10-31T00:30Z=02:30", "10-31T01:00Z=02:00", "10-31T01:30Z=02:30",
				"10-31T02:00Z=03:00", "10-31T02:30Z=03:30", "11-07T01:00Z=02:00"}},
		{"spacing is real time across the change",
			"      windows: [{days: [sun], from: \"01:00\", to: \"04:00\"}]\n      min_spacing: 2h\n",
			"2027-03-27T12:00:00+01:00", 2,
			// 01:00 CET, then two real hours later: 04:00 CEST.
			[]string{"03-28T00:00Z=01:00", "03-28T02:00Z=04:00"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			repo := queueRepo(t, tc.policy, tc.n)
			now, _ := time.Parse(time.RFC3339, tc.now)
			got := slots(Build(repo, Options{Now: now}), loc)
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("slots\n%v\nwant\n%v", got, tc.want)
			}
		})
	}
}

func TestQueueIsDeterministicAndRespectsPolicy(t *testing.T) {
	repo := queueRepo(t, "      windows:\n        - {days: [mon, tue, wed, thu, fri], from: \"12:00\", to: \"13:30\"}\n        - {from: \"21:00\", to: \"22:30\"}\n      min_spacing: 2h\n      max_per_day: 3\n      blackout: [\"2027-01-06\"]\n", 40)
	now, _ := time.Parse(time.RFC3339, "2027-01-04T12:45:10+01:00")
	first := slots(Build(repo, Options{Now: now}), paris(t))
	second := slots(Build(repo, Options{Now: now}), paris(t))
	if strings.Join(first, " ") != strings.Join(second, " ") {
		t.Fatal("two builds gave different slots")
	}
	// Monday 12:46 (the next minute), then 21:00; Tuesday 12:00 and 21:00;
	// Wednesday is a blackout.
	want := []string{"01-04T11:46Z=12:46", "01-04T20:00Z=21:00", "01-05T11:00Z=12:00", "01-05T20:00Z=21:00", "01-07T11:00Z=12:00"}
	if strings.Join(first[:5], " ") != strings.Join(want, " ") {
		t.Errorf("first slots %v, want %v", first[:5], want)
	}
	cal := Build(repo, Options{Now: now})
	for _, e := range cal.Entries {
		if len(e.Conflicts) > 0 {
			t.Errorf("%s at %s: queued post with conflicts %v", e.Path(), e.Time, e.Conflicts)
		}
	}
}

// A post that finds no free slot within the horizon has a NoSlot conflict
// and no time, and so have the posts queued after it on the channel.
func TestNoSlot(t *testing.T) {
	repo := queueRepo(t, "      windows: [{days: [mon], from: \"12:00\", to: \"13:30\"}]\n      min_spacing: 10000h\n", 3)
	now := mustTime(t, "2027-01-01T00:00:00+01:00")
	var got []string
	for _, e := range Build(repo, Options{Now: now}).Entries {
		var kinds []string
		for _, k := range e.Conflicts {
			kinds = append(kinds, k.Kind.Rule()+" "+k.String())
		}
		at := "-"
		if !e.Time.IsZero() {
			at = e.Time.In(paris(t)).Format("2006-01-02 15:04")
		}
		got = append(got, fmt.Sprintf("%s %s %s %v", e.Path(), e.State, at, kinds))
	}
	want := []string{
		"content/social/q00.md queued 2027-01-04 12:00 []",
		"content/social/q01.md queued - [schedule.window no free slot in the next year]",
		"content/social/q02.md queued - [schedule.window no free slot in the next year]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calendar\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The ledger seam: a published post is neither past nor queued again, and
// keeps its slot for the others.
func TestPublished(t *testing.T) {
	repo := checktest.Load(t, "testdata/repo")
	now := mustTime(t, "2027-03-20T12:00:00+01:00")
	at := mustTime(t, "2027-03-02T12:16:00+01:00")
	cal := Build(repo, Options{Now: now, Published: func(path, channel string) (time.Time, bool) {
		return at, path == "content/social/publie.md" && channel == "mastodon"
	}})
	es := cal.For("content/social/publie.md")
	if len(es) != 1 || es[0].State != Published || !es[0].Time.Equal(at) || len(es[0].Conflicts) != 0 {
		t.Fatalf("published post: %+v", es[0])
	}
	if es := cal.For("content/social/passe.md"); len(es) != 1 || len(es[0].Conflicts) != 1 || es[0].Conflicts[0].Kind != Past {
		t.Errorf("past post not reported: %+v", es)
	}
}

// Build reads the items in parts at once, and in path order: whatever the
// number of processors, and when a repo does not come sorted by path, the
// calendar is the same, and For finds each file's entries.
func TestBuildIsTheSameInParts(t *testing.T) {
	repo := checktest.Load(t, "testdata/repo")
	opts := Options{Now: mustTime(t, "2027-03-20T12:00:00+01:00")}
	describe := func(c *Calendar) string {
		var b strings.Builder
		WriteJSON(&b, repo.Config, c, c.Entries)
		for _, it := range repo.Items {
			for _, e := range c.For(it.Doc().Path) {
				fmt.Fprintf(&b, "%s %s %s\n", e.Path(), e.Channel, e.Time)
			}
		}
		return b.String()
	}
	want := describe(Build(repo, opts))
	reversed := *repo
	reversed.Items = slices.Clone(repo.Items)
	slices.Reverse(reversed.Items)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 3, 16} {
		runtime.GOMAXPROCS(procs)
		if got := describe(Build(repo, opts)); got != want {
			t.Errorf("GOMAXPROCS=%d: the calendar differs:\n%s\nwant:\n%s", procs, got, want)
		}
		if got := describe(Build(&reversed, opts)); got != want {
			t.Errorf("GOMAXPROCS=%d, items in reverse: the calendar differs:\n%s\nwant:\n%s", procs, got, want)
		}
	}
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// goldenCalendar builds the fixture's calendar the way cm calendar does,
// with the ledger listing one post.
func goldenCalendar(t testing.TB) (*config.Config, *Calendar, []*Entry) {
	repo := checktest.Load(t, "testdata/repo")
	cal := Build(repo, Options{Now: mustTime(t, "2027-03-20T12:00:00+01:00"),
		Published: func(path, channel string) (time.Time, bool) {
			return mustTime(t, "2027-03-02T12:16:00+01:00"), path == "content/social/publie.md"
		}})
	return repo.Config, cal, cal.Select(View{From: mustTime(t, "2027-03-01T00:00:00+01:00")})
}

func TestGolden(t *testing.T) {
	cfg, cal, entries := goldenCalendar(t)
	// The same calendar with cm's messages in French (messages: fr).
	fr := *cfg
	fr.Messages = "fr"
	for _, tc := range []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"calendar.txt", func(b *bytes.Buffer) error { return WriteText(b, cfg, cal, entries, iostreams.Colors{}) }},
		{"calendar.json", func(b *bytes.Buffer) error { return WriteJSON(b, cfg, cal, entries) }},
		{"calendar.ics", func(b *bytes.Buffer) error { return WriteICS(b, cfg, cal, entries) }},
		{"calendar.fr.txt", func(b *bytes.Buffer) error { return WriteText(b, &fr, cal, entries, iostreams.Colors{}) }},
		{"calendar.fr.json", func(b *bytes.Buffer) error { return WriteJSON(b, &fr, cal, entries) }},
		{"calendar.fr.ics", func(b *bytes.Buffer) error { return WriteICS(b, &fr, cal, entries) }},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", tc.file)
			if *update {
				if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(b.Bytes(), want) {
				t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", tc.file, b.String())
			}
		})
	}
}

// The ics output parses back as RFC 5545: CRLF lines of at most 75 bytes,
// one VEVENT per item and channel with a unique UID that does not change
// when the post moves.
func TestICSParsesBack(t *testing.T) {
	cfg, cal, entries := goldenCalendar(t)
	var b bytes.Buffer
	if err := WriteICS(&b, cfg, cal, entries); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n") {
		if len(line) > 75 || strings.ContainsRune(line, '\n') {
			t.Errorf("line %d is not a folded CRLF line: %q", i+1, line)
		}
	}
	parsed, err := ics.ParseCalendar(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	props := map[string]string{}
	for _, p := range parsed.CalendarProperties {
		props[p.IANAToken] = p.Value
	}
	if props["VERSION"] != "2.0" || props["PRODID"] == "" {
		t.Errorf("VCALENDAR properties %v: RFC 5545 requires VERSION:2.0 and PRODID", props)
	}
	events := parsed.Events()
	if len(events) != len(entries) {
		t.Fatalf("%d events for %d entries", len(events), len(entries))
	}
	uids := map[string]bool{}
	for i, ev := range events {
		e := entries[i]
		if uids[ev.Id()] {
			t.Errorf("UID %s twice", ev.Id())
		}
		uids[ev.Id()] = true
		if ev.Id() != UID(e.Path(), e.Channel, "atelier.example") {
			t.Errorf("event %d: UID %s", i, ev.Id())
		}
		if stamp, err := ev.GetDtStampTime(); err != nil || !stamp.Equal(cal.Now) {
			t.Errorf("event %d: DTSTAMP %v (%v), want the clock", i, stamp, err)
		}
		start, err := ev.GetStartAt()
		if err != nil || !start.Equal(e.Time) {
			t.Errorf("event %d (%s): DTSTART %v, want %v (%v)", i, e.Path(), start, e.Time, err)
		}
		summary := ev.GetProperty(ics.ComponentPropertySummary)
		if summary == nil || !strings.Contains(summary.Value, e.Title) {
			t.Errorf("event %d: summary %v, want the title %q", i, summary, e.Title)
		}
	}
	if UID("content/social/a.md", "mastodon", "x.example") == UID("content/social/a.md", "bluesky", "x.example") {
		t.Error("two channels share a UID")
	}
}

func TestSelect(t *testing.T) {
	_, cal, _ := goldenCalendar(t)
	from, to := mustTime(t, "2027-03-23T00:00:00+01:00"), mustTime(t, "2027-03-24T00:00:00+01:00")
	var got []string
	for _, e := range cal.Select(View{From: from, To: to, Channel: "mastodon"}) {
		got = append(got, e.Channel+" "+e.Path())
	}
	want := []string{
		// The campaign runs that day and posts on mastodon.
		" content/campaigns/printemps/index.md",
		"mastodon content/social/matin.md",
		"mastodon content/campaigns/printemps/file.md",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Select = %q, want %q", got, want)
	}
}

func BenchmarkQueue(b *testing.B) {
	b.ReportAllocs()
	repo := checktest.Load(b, checktest.WriteRepo(b, queueFiles(2000)))
	now := mustTime(b, "2027-01-04T08:00:00+01:00")
	for b.Loop() {
		Build(repo, Options{Now: now})
	}
}

func queueFiles(n int) map[string]string {
	files := map[string]string{"cm.yaml": checktest.Config + "schedule:\n  channels:\n    mastodon:\n      windows: [{from: \"12:00\", to: \"13:30\"}, {from: \"21:00\", to: \"22:30\"}]\n      min_spacing: 2h\n      max_per_day: 3\n"}
	for i := range n {
		files[fmt.Sprintf("content/social/q%04d.md", i)] = "---\nchannels: [mastodon]\n---\nPost"
	}
	return files
}

func TestFirstWords(t *testing.T) {
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"Court.", 10, "Court."},
		{"  Deux\n\nlignes  ", 20, "Deux lignes"},
		{"exactement dix", 14, "exactement dix"},
		{"un deux trois quatre", 12, "un deux…"},
		{"anticonstitutionnellement", 10, "anticonst…"},
		{"Réparer à Lyon, c’est gagner", 16, "Réparer à Lyon,…"},
	} {
		if got := firstWords(tc.in, tc.max); got != tc.want {
			t.Errorf("firstWords(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

// FuzzFirstWords compares firstWords with the plain version it replaced,
// which built the line word by word.
func FuzzFirstWords(f *testing.F) {
	for _, s := range []string{"Court.", "  Deux\n\nlignes  ", "un deux trois quatre", "anticonstitutionnellement",
		"Réparer à Lyon, c’est gagner", "a\u202fb\u00a0c\u0085d", "\xff\xfe mots \xc3", ""} {
		f.Add(s, 12)
	}
	f.Fuzz(func(t *testing.T, s string, max int) {
		if max < 1 || max > 200 {
			return
		}
		if got, want := firstWords(s, max), wordByWord(s, max); got != want {
			t.Errorf("firstWords(%q, %d) = %q, want %q", s, max, got, want)
		}
	})
}

func wordByWord(s string, max int) string {
	var b strings.Builder
	n, cut := 0, -1 // cut: length of b at the last word end within max-1
	for w := range strings.FieldsSeq(s) {
		l := utf8.RuneCountInString(w)
		sep := 0
		if n > 0 {
			sep = 1
		}
		if n+sep+l > max {
			if cut < 0 {
				b.WriteString(" " + w)
				return string([]rune(strings.TrimSpace(b.String()))[:max-1]) + "…"
			}
			return b.String()[:cut] + "…"
		}
		if sep == 1 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
		n += sep + l
		if n <= max-1 {
			cut = b.Len()
		}
	}
	return b.String()
}

// localClock agrees with the time package, across daylight saving changes
// (at 02:00, at midnight, by 30 minutes) and a date skipped altogether
// (Apia, 2011-12-30), for instants in order and out of order.
func TestLocalClock(t *testing.T) {
	for _, name := range []string{"Europe/Paris", "America/Santiago", "Asia/Beirut", "Australia/Lord_Howe",
		"Pacific/Apia", "America/St_Johns", "UTC"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		lc := newLocalClock(loc)
		check := func(at time.Time) {
			t.Helper()
			l := at.In(loc)
			h, m, s := l.Clock()
			d, wd, clock := lc.at(at)
			if d != dayOf(l) || wd != l.Weekday() || clock != h*3600+m*60+s {
				t.Fatalf("%s: at(%s) = %s %s %d, want %s %s %d", name, at.UTC(), d, wd, clock, dayOf(l), l.Weekday(), h*3600+m*60+s)
			}
		}
		start := time.Date(2011, 1, 1, 0, 0, 0, 0, time.UTC)
		for at := start; at.Before(start.AddDate(17, 0, 0)); at = at.Add(47*time.Minute + 13*time.Second + 1234) {
			check(at)
		}
		r := uint64(1)
		for range 20000 {
			r = r*6364136223846793005 + 1442695040888963407
			check(start.Add(time.Duration(r>>20%uint64(17*365*24*3600)) * time.Second))
		}
	}
}
