package serve

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/site"
)

// testAt is the clock of the tests: Tuesday 1 December 2026, 10:00 in
// Paris. The atelier article (20 January 2027) is in the future.
var testAt = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// copyRepo copies testdata/repo into a folder the test may edit.
func copyRepo(t testing.TB) string {
	t.Helper()
	from := filepath.Join("testdata", "repo")
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// newTestServer serves a copy of testdata/repo, its full check done.
func newTestServer(t testing.TB, opts Options) (*Server, string) {
	t.Helper()
	dir := copyRepo(t)
	opts.Dir = dir
	if opts.Now == nil {
		opts.Now = func() time.Time { return testAt }
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	s.bg.Wait()
	return s, dir
}

// get asks the server for a page as a browser on this machine would.
func get(t testing.TB, s *Server, target string) (int, http.Header, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.Host = "127.0.0.1:1313"
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, rec.Header(), string(body)
}

// edit replaces old with new in a file of the repo.
func edit(t testing.TB, dir, file, old, new string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(file))
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	if err := os.WriteFile(p, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// save edits a file and reloads, as the watcher does after a save.
func save(t testing.TB, s *Server, dir, file, old, new string) {
	t.Helper()
	edit(t, dir, file, old, new)
	s.Reload([]string{file})
	s.bg.Wait()
}

func contains(t *testing.T, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s does not contain %q", what, w)
		}
	}
}

func lacks(t *testing.T, what, body string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			t.Errorf("%s contains %q", what, w)
		}
	}
}

// TestPages serves the site's pages with cm's panel, in the page's
// language, with its file's diagnostics and the banner of drafts and
// future articles; files that are not pages are served as cm build
// writes them.
func TestPages(t *testing.T) {
	s, _ := newTestServer(t, Options{})
	tests := []struct {
		name, target string
		want         []string
	}{
		{"a French article", "/fr/blog/velo-en-ville/", []string{
			"<h1>Vélo en ville : les réglages qui changent tout</h1>",
			`<cm-preview id="cm-preview" lang="fr">`, "Diagnostics de la page", "<code>content/blog/velo-en-ville.md</code>",
			`<span class="where">ligne 1:1</span><code class="rule">seo.slug</code>`,
			"the slug ‘velo-en-ville’ has stop words: en",
			`href="/_cm/social/content/blog/velo-en-ville.md?lang=fr">Aperçus réseaux <span class="n">2</span>`,
			`<script async src="/_cm/live.js?v=`, `data-page="/fr/blog/velo-en-ville/"`,
		}},
		{"an English article", "/en/blog/cycling-in-town/", []string{
			`<cm-preview id="cm-preview" lang="en">`, "Page diagnostics", "line 13:1", "seo.internal-link",
			"Social previews <span class=\"n\">1</span>",
		}},
		{"a draft", "/fr/blog/brouillon/", []string{
			`<div class="banner banner-draft" role="status" part="banner"><strong>Brouillon</strong> — cet article n’est ni construit ni publié tant que draft: true.</div>`,
		}},
		{"a future article", "/fr/blog/atelier-reparation/", []string{
			`<strong>Programmé</strong> — cet article paraîtra le mer. 20 janvier 2027 à 12:15`,
		}},
		{"a list page", "/en/", []string{"Site diagnostics", `data-page="/en/"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, body := get(t, s, tt.target)
			if code != http.StatusOK {
				t.Fatalf("GET %s: %d", tt.target, code)
			}
			contains(t, tt.target, body, tt.want...)
			lacks(t, tt.target, body, `class="overlay"`)
			if n := strings.Count(body, "/_cm/live.js"); n != 1 {
				t.Errorf("%s has %d live reload scripts, want 1", tt.target, n)
			}
		})
	}
	files := []struct{ target, ctype string }{
		{"/fr/blog/atelier-reparation/cover.png", "image/png"},
		{"/fr/feed.xml", "application/atom+xml; charset=utf-8"},
		{"/sitemap.xml", "application/xml; charset=utf-8"},
		{"/robots.txt", "text/plain; charset=utf-8"},
	}
	for _, f := range files {
		code, h, body := get(t, s, f.target)
		if code != http.StatusOK || h.Get("Content-Type") != f.ctype {
			t.Errorf("GET %s: %d %s, want 200 %s", f.target, code, h.Get("Content-Type"), f.ctype)
		}
		lacks(t, f.target, body, "/_cm/")
	}
	if code, h, _ := get(t, s, "/fr/blog/velo-en-ville"); code != http.StatusMovedPermanently || h.Get("Location") != "/fr/blog/velo-en-ville/" {
		t.Errorf("a page without its slash: %d %q", code, h.Get("Location"))
	}
	if code, _, body := get(t, s, "/fr/blog/nulle-part/"); code != http.StatusNotFound || !strings.Contains(body, "Page introuvable") || !strings.Contains(body, "/_cm/live.js") {
		t.Errorf("a missing page: %d, want the site's 404 page with the live reload script", code)
	}
}

// TestBuildHasNoPreview checks that cm build's output never carries what
// cm serve adds.
func TestBuildHasNoPreview(t *testing.T) {
	dir := copyRepo(t)
	cfg, err := config.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	repo, err := content.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(repo, site.Options{Out: out, Drafts: true, Future: true, At: testAt}); err != nil {
		t.Fatal(err)
	}
	err = filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		for _, w := range []string{"/_cm/", "cm-preview", "EventSource"} {
			if strings.Contains(string(data), w) {
				t.Errorf("%s contains %q", p, w)
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSaves edits articles in both languages and checks that the page
// shows the change, that only the saved article was rendered again, and
// that its diagnostics follow.
func TestSaves(t *testing.T) {
	s, dir := newTestServer(t, Options{})
	tests := []struct {
		file, old, new, page, want string
	}{
		{"content/blog/velo-en-ville.md", "Un vélo en ville se règle", "Un vélo en ville se règle vite", "/fr/blog/velo-en-ville/", "se règle vite en dix minutes"},
		{"content/blog/cycling-in-town.md", "Cycling in town is easier", "Cycling in town is much easier", "/en/blog/cycling-in-town/", "Cycling in town is much easier"},
		{"content/blog/cycling-in-town.md", "title: \"Cycling in town: the settings", "title: \"Cycling in town: settings", "/en/blog/cycling-in-town/", "<h1>Cycling in town: settings that change everything</h1>"},
	}
	for _, tt := range tests {
		before := s.Version()
		save(t, s, dir, tt.file, tt.old, tt.new)
		if s.Version() <= before {
			t.Errorf("%s: no new state", tt.file)
		}
		if n := s.cur.Load().preview.Rendered(); n != 1 {
			t.Errorf("%s: %d articles rendered again, want 1", tt.file, n)
		}
		_, _, body := get(t, s, tt.page)
		contains(t, tt.page, body, tt.want)
		if !s.Checked() {
			t.Errorf("the site was not checked again after saving %s", tt.file)
		}
	}
	// A key the schema does not know appears in the panel at once.
	save(t, s, dir, "content/blog/velo-en-ville.md", "lang: fr\n", "lang: fr\ntitel: oups\n")
	_, _, body := get(t, s, "/fr/blog/velo-en-ville/")
	contains(t, "the panel", body, `<span class="where">ligne 8:1</span><code class="rule">schema.unknown-key</code>`)
}

// TestBrokenFileOverlay breaks an article's frontmatter: its page shows
// the error over the last version that worked, in the page's language,
// with the lines around it; fixing the file brings the page back.
func TestBrokenFileOverlay(t *testing.T) {
	tests := []struct {
		file, page, title, hint string
	}{
		{"content/blog/velo-en-ville.md", "/fr/blog/velo-en-ville/", "cm ne peut pas afficher le site tel quel", "La page se recharge d’elle-même"},
		{"content/blog/cycling-in-town.md", "/en/blog/cycling-in-town/", "cm cannot show the site as it is", "The page reloads by itself"},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			s, dir := newTestServer(t, Options{})
			_, _, good := get(t, s, tt.page)
			h1 := regexp.MustCompile(`<h1>.*</h1>`).FindString(good)
			save(t, s, dir, tt.file, "\n---\n\n", "\n\n")
			code, _, body := get(t, s, tt.page)
			if code != http.StatusOK {
				t.Errorf("broken: %d, want the last good page under the overlay", code)
			}
			contains(t, "the broken page", body, `class="overlay"`, tt.title, tt.hint, h1,
				"<code>"+tt.file+":1:1</code>", "the frontmatter opened on line 1 is never closed",
				`<span class="frame-line here"><span class="ln">1</span>---`)
			// Every page shows what stops the site.
			_, _, other := get(t, s, "/_cm/calendar")
			contains(t, "the calendar", other, tt.file+":1:1")

			save(t, s, dir, tt.file, "\n\n", "\n---\n\n")
			_, _, body = get(t, s, tt.page)
			lacks(t, "the fixed page", body, `class="overlay"`)
			contains(t, "the fixed page", body, h1)
		})
	}
}

// TestOverlayEscapes puts markup in what the overlay shows: the message,
// the file's lines. It must be shown as text.
func TestOverlayEscapes(t *testing.T) {
	s, dir := newTestServer(t, Options{})
	save(t, s, dir, "content/blog/velo-en-ville.md", "title: \"Vélo", "title: [<script>alert('pwned')</script><img src=x onerror=alert(1)> \"Vélo")
	_, _, body := get(t, s, "/fr/blog/velo-en-ville/")
	contains(t, "the overlay", body, `class="overlay"`, "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;")
	lacks(t, "the overlay", body, "<script>alert", "<img src=x")
}

// TestConfigAndTemplateErrors breaks cm.yaml and a template: the site
// keeps being served, under the overlay, until they are fixed.
func TestConfigAndTemplateErrors(t *testing.T) {
	s, dir := newTestServer(t, Options{})
	save(t, s, dir, "cm.yaml", "  timezone: Europe/Paris\n", "  timezone: Europe/Paris\n  langue: fr\n")
	code, _, body := get(t, s, "/fr/blog/velo-en-ville/")
	if code != http.StatusOK {
		t.Errorf("cm.yaml broken: %d", code)
	}
	contains(t, "cm.yaml broken", body, `class="overlay"`, "<code>cm.yaml:11:3</code>", "langue", "<h1>Vélo en ville")
	save(t, s, dir, "cm.yaml", "  langue: fr\n", "")
	_, _, body = get(t, s, "/fr/blog/velo-en-ville/")
	lacks(t, "cm.yaml fixed", body, `class="overlay"`)

	tmpl := filepath.Join(dir, "templates", "article.html")
	if err := os.MkdirAll(filepath.Dir(tmpl), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tmpl, []byte("{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Reload([]string{"templates/article.html"})
	_, _, body = get(t, s, "/fr/blog/velo-en-ville/")
	contains(t, "a template broken", body, `class="overlay"`, "<code>templates/article.html:2", `<span class="frame-line here"><span class="ln">2</span>&lt;h1&gt;{{.Title}&lt;/h1&gt;`)
	if err := os.WriteFile(tmpl, []byte("{{define \"main\"}}\n<h1 class=\"mine\">{{.Title}}</h1>\n{{end}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.Reload([]string{"templates/article.html"})
	_, _, body = get(t, s, "/fr/blog/velo-en-ville/")
	lacks(t, "the template fixed", body, `class="overlay"`)
	contains(t, "the template fixed", body, `<h1 class="mine">Vélo en ville`)
}

// TestPathsStayInTheSite asks for files outside the site in every way a
// path can be bent: none is served.
func TestPathsStayInTheSite(t *testing.T) {
	s, _ := newTestServer(t, Options{})
	for _, target := range []string{
		"/../cm.yaml",
		"/..%2fcm.yaml",
		"/%2e%2e/cm.yaml",
		"/fr/blog/velo-en-ville/../../../cm.yaml",
		"/cm.yaml",
		"/content/blog/velo-en-ville.md",
		"/_cm/media/../../cm.yaml",
		"/_cm/media/cm.yaml",
		"/_cm/media/content/blog/velo-en-ville.md",
		"/_cm/media/content/social/media/../../../cm.yaml",
		"/_cm/social/../../cm.yaml",
		"/_cm/..%2f..%2fcm.yaml",
	} {
		code, _, body := get(t, s, target)
		if code == http.StatusOK || strings.Contains(body, "base_url: https://atelier-velo.example") || strings.Contains(body, "Un vélo en ville se règle en dix minutes.\n") {
			t.Errorf("GET %s: %d, the file was served", target, code)
		}
	}
	if code, _, _ := get(t, s, "/_cm/media/content/social/media/atelier.png"); code != http.StatusOK {
		t.Errorf("a post's image: %d", code)
	}
}

// TestHosts checks that the preview answers only to this machine's names,
// unless exposed: another site cannot read it through DNS rebinding.
func TestHosts(t *testing.T) {
	s, _ := newTestServer(t, Options{})
	exposed, _ := newTestServer(t, Options{Hosts: []string{"*"}})
	for _, tt := range []struct {
		s    *Server
		host string
		want int
	}{
		{s, "127.0.0.1:1313", http.StatusOK},
		{s, "localhost:1313", http.StatusOK},
		{s, "[::1]:1313", http.StatusOK},
		{s, "evil.example", http.StatusForbidden},
		{s, "192.168.1.20:1313", http.StatusForbidden},
		{exposed, "192.168.1.20:1313", http.StatusOK},
	} {
		req := httptest.NewRequest(http.MethodGet, "/fr/", nil)
		req.Host = tt.host
		rec := httptest.NewRecorder()
		tt.s.ServeHTTP(rec, req)
		if rec.Code != tt.want {
			t.Errorf("Host %s: %d, want %d", tt.host, rec.Code, tt.want)
		}
	}
	req := httptest.NewRequest(http.MethodPost, "/fr/", nil)
	req.Host = "127.0.0.1"
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
}

// TestOnlyChangedPagesReload registers open pages and saves files: a page
// is told to reload when what it shows changed, and only then.
func TestOnlyChangedPagesReload(t *testing.T) {
	s, dir := newTestServer(t, Options{})
	open := func(target string) *client {
		c := &client{target: target, hash: s.respond(s.cur.Load(), target).hash, reload: make(chan struct{}, 1)}
		s.hub.add(c)
		t.Cleanup(func() { s.hub.remove(c) })
		return c
	}
	told := func(c *client) bool {
		select {
		case <-c.reload:
			c.hash = s.respond(s.cur.Load(), c.target).hash // the page reloaded
			return true
		default:
			return false
		}
	}
	fr, en := open("/fr/blog/velo-en-ville/"), open("/en/blog/cycling-in-town/")
	cal := open("/_cm/calendar?date=2027-01-17&lang=fr")
	steps := []struct {
		name           string
		file, old, new string
		fr, en, cal    bool
	}{
		{"the French article's text", "content/blog/velo-en-ville.md", "dix minutes", "un quart d’heure", true, false, false},
		{"the same bytes again", "content/blog/velo-en-ville.md", "un quart d’heure", "un quart d’heure", false, false, false},
		{"a post's time", "content/social/sortie-dimanche.md", "10:30", "21:00", false, false, true},
		{"the English article's title", "content/blog/cycling-in-town.md", "title: \"Cycling in town: the", "title: \"Cycling in town: all the", false, true, false},
	}
	for _, st := range steps {
		save(t, s, dir, st.file, st.old, st.new)
		if got := told(fr); got != st.fr {
			t.Errorf("%s: French page told to reload = %v, want %v", st.name, got, st.fr)
		}
		if got := told(en); got != st.en {
			t.Errorf("%s: English page told to reload = %v, want %v", st.name, got, st.en)
		}
		if got := told(cal); got != st.cal {
			t.Errorf("%s: calendar told to reload = %v, want %v", st.name, got, st.cal)
		}
	}
}

// TestEventsStream reads the event stream of a page whose content
// changed before it connected: it is told to reload at once.
func TestEventsStream(t *testing.T) {
	s, _ := newTestServer(t, Options{})
	ts := httptest.NewServer(s)
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/_cm/events?page=/fr/blog/velo-en-ville/&v=stale")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	buf := make([]byte, 0, 256)
	for !strings.Contains(string(buf), "event: reload\n") {
		chunk := make([]byte, 256)
		n, err := resp.Body.Read(chunk)
		if err != nil {
			t.Fatalf("stream ended before the reload event: %v (%q)", err, buf)
		}
		buf = append(buf, chunk[:n]...)
	}
	if !strings.HasPrefix(string(buf), "retry: 300\n\n") {
		t.Errorf("stream starts %q", buf)
	}
}

// TestDiagnosticsPage filters every diagnostic of the site by rule,
// family, severity and file, in both languages.
func TestDiagnosticsPage(t *testing.T) {
	s, _ := newTestServer(t, Options{})
	rows := regexp.MustCompile(`<tr class="row-(\w+)">`)
	tests := []struct {
		query    string
		rows     int
		want     []string
		severity string
	}{
		{"?lang=en", 28, []string{"<h1>Diagnostics</h1>", "All rules", "28 of 28 shown", "4\u00a0errors", "20\u00a0warnings", "4\u00a0infos"}, ""},
		{"?lang=fr", 28, []string{"Toutes les règles", "28 sur 28 affichés", "4\u00a0erreurs", "20\u00a0avertissements"}, ""},
		{"?lang=en&severity=error", 4, []string{`<option value="error" selected>error</option>`}, "error"},
		{"?lang=en&rule=social.length", 2, []string{"bluesky: 377 graphemes, over the Bluesky limit of 300", "→ shorten the body by 77"}, "error"},
		{"?lang=fr&rule=schedule", 2, []string{"mastodon: Sun 2027-01-17 10:30 is outside the posting windows"}, "error"},
		{"?lang=en&file=content/social/", 6, []string{`<a href="/_cm/social/content/social/long-post.md?lang=en">content/social/long-post.md</a><span class="pos">:6:1</span>`}, ""},
		{"?lang=en&file=content/blog/velo-en-ville.md&severity=info", 1, []string{`href="/fr/blog/velo-en-ville/">content/blog/velo-en-ville.md</a>`}, "info"},
		{"?lang=en&rule=nothing.such", 0, []string{"No diagnostic matches."}, ""},
	}
	for _, tt := range tests {
		_, _, body := get(t, s, "/_cm/"+tt.query)
		found := rows.FindAllStringSubmatch(body, -1)
		if len(found) != tt.rows {
			t.Errorf("%s: %d rows, want %d", tt.query, len(found), tt.rows)
		}
		for _, m := range found {
			if tt.severity != "" && m[1] != tt.severity {
				t.Errorf("%s: a %s row", tt.query, m[1])
			}
		}
		contains(t, tt.query, body, tt.want...)
	}
}

// TestCalendarPage shows the week and the month, in both languages, with
// queued and scheduled posts, the conflict and the blackout day.
func TestCalendarPage(t *testing.T) {
	s, _ := newTestServer(t, Options{})
	tests := []struct {
		query string
		want  []string
	}{
		{"?lang=fr&view=week&date=2027-01-17", []string{
			"Semaine du 11 janvier 2027", `<div class="day" data-date="2027-01-17">`,
			`class="entry ch-mastodon state-scheduled conflict" href="/_cm/social/content/social/sortie-dimanche.md?lang=fr"`,
			"⚠ hors des créneaux du canal", `<span class="entry-time">10:30</span> <span class="entry-channel">mastodon</span>`,
			"Our winter checklist for city bikes", `title="Créneaux de publication · bluesky 09:00–11:00"`,
			`title="Créneaux de publication · bluesky, mastodon 21:00–22:30"`,
		}},
		{"?lang=en&view=week&date=2027-01-17", []string{"Week of January 11, 2027", "⚠ outside the channel’s posting windows", "Conflicts"}},
		{"?lang=en&view=week&date=2026-12-01&channel=mastodon", []string{
			`class="entry ch-mastodon state-queued" href="/_cm/social/content/social/queue.md?lang=en"`,
			"Pensez à regonfler vos pneus", "No conflict with the posting policy.",
		}},
		{"?lang=fr&view=month&date=2027-01-05", []string{
			"janvier 2027", `<div class="mday blackout" data-date="2027-01-01">`, "Jour sans publication",
			`<span class="entry-time">12:30</span> <span class="entry-title">L’établi est prêt pour samedi.</span>`,
		}},
		{"?lang=en&view=month&date=2027-03-01", []string{
			"March 2027", `Campaign · Printemps du vélo</a> <span class="muted">March 15 → March 21</span>`,
			`<div class="band" title="Campaign · Printemps du vélo">Printemps du vélo</div>`,
		}},
	}
	for _, tt := range tests {
		code, _, body := get(t, s, "/_cm/calendar"+tt.query)
		if code != http.StatusOK {
			t.Errorf("%s: %d", tt.query, code)
		}
		contains(t, tt.query, body, tt.want...)
	}
	// The campaign's band covers its days, not the day before nor after.
	_, _, march := get(t, s, "/_cm/calendar?lang=en&view=month&date=2027-03-01")
	for day, band := range map[string]bool{"2027-03-14": false, "2027-03-15": true, "2027-03-21": true, "2027-03-22": false} {
		cell := march[strings.Index(march, `data-date="`+day+`"`):]
		cell = cell[:strings.Index(cell[1:], "data-date=")+1]
		if got := strings.Contains(cell, `class="band"`); got != band {
			t.Errorf("%s has the campaign's band: %v, want %v", day, got, band)
		}
	}
}

// TestSocialPreviews shows what each network receives: counts against
// the limit, the cut, the media with their alt text and the link card
// read from the article's Open Graph tags.
func TestSocialPreviews(t *testing.T) {
	s, _ := newTestServer(t, Options{})
	tests := []struct {
		target string
		want   []string
	}{
		{"/_cm/social?lang=en", []string{
			"<h1>Social previews</h1>", `<span class="count-chip ch-bluesky over"><b>bluesky</b> 377/300</span>`,
			`<span class="count-chip ch-x over"><b>x</b> 377/280</span>`, `<span class="count-chip ch-mastodon"><b>mastodon</b> 55/500</span>`,
		}},
		{"/_cm/social?lang=fr&channel=x", []string{"Aperçus réseaux", "Our winter checklist"}},
		{"/_cm/social/content/social/long-post.md?lang=en", []string{
			`<article class="card net-bluesky" data-channel="bluesky">`, "377 / 300 graphemes", `<span class="over-by">77 over</span>`,
			`<span class="cut-mark" title="cut here">✂ cut here</span>`, "377 / 280 weighted characters", "97 over",
			`<span class="seg-hashtag">#BikeMaintenance</span>`, "@atelier-velo.example",
		}},
		{"/_cm/social/content/social/long-post.md?lang=fr", []string{"377 / 300 graphèmes", "77 de trop", "✂ coupé ici", "377 / 280 caractères pondérés"}},
		{"/_cm/social/content/social/photo.md?lang=fr", []string{
			`<img src="/_cm/media/content/social/media/atelier.png" alt="L’établi de l’atelier, avec des outils rangés au mur." loading="lazy">`,
			`<span class="alt-badge" title="L’établi de l’atelier, avec des outils rangés au mur.">ALT</span>`,
			"@atelier@mastodon.example", "ven. 15 janvier 2027 à 12:30",
			`title="https://atelier-velo.example/fr/blog/velo-en-ville/?utm_source=mastodon&amp;utm_medium=social"`,
			`>atelier-velo.example/fr/blog/v…</a>`,
		}},
		{"/_cm/social/content/blog/velo-en-ville.md?lang=en", []string{
			`<span class="link-domain">atelier-velo.example</span><b class="link-title">Vélo en ville : les réglages qui changent tout</b>`,
			`<span class="link-desc">Selle, freins, pneus : les trois réglages`, "Written in share.mastodon (announcement)",
			`<span class="seg-hashtag">#Vélo</span>`,
		}},
		{"/_cm/social/content/campaigns/printemps/lancement.md?lang=fr", []string{
			`<span class="seg-hashtag">#PrintempsDuVélo</span>`, "schedule.window",
		}},
	}
	for _, tt := range tests {
		code, _, body := get(t, s, tt.target)
		if code != http.StatusOK {
			t.Errorf("%s: %d", tt.target, code)
		}
		contains(t, tt.target, body, tt.want...)
	}
	if code, _, _ := get(t, s, "/_cm/social/content/nothing.md"); code != http.StatusNotFound {
		t.Errorf("the preview of no file: %d", code)
	}
}
