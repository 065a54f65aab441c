package serve

import (
	"context"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive a real headless Chromium: Debian's chromium
// package (CM_CHROMIUM names another binary). Without one they are
// skipped. Screenshots of each view land in testdata/screenshots/.

// chromiumPath finds the browser, or skips the test.
func chromiumPath(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("CM_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium binary: the browser tests need Debian's chromium package (apt-get install chromium), or CM_CHROMIUM=/path/to/chrome")
	return ""
}

// browser is one headless Chromium with one tab.
type browser struct {
	t   testing.TB
	ctx context.Context
}

func newBrowser(t testing.TB) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return &browser{t: t, ctx: ctx}
}

func (b *browser) open(url string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		b.t.Fatalf("opening %s: %v", url, err)
	}
}

// eval runs JavaScript in the page.
func eval[T any](b *browser, js string) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](js))
}

func (b *browser) run(js string) {
	b.t.Helper()
	if _, err := eval[any](b, "(() => {"+js+"})(), null"); err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
}

// waitFor waits until a JavaScript condition holds in the page, across
// the reloads cm serve asks for. It fails the test after 20 seconds.
func (b *browser) waitFor(what, cond string) {
	b.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		ok, err := eval[bool](b, "(() => { try { return !!("+cond+"); } catch (e) { return false; } })()")
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(20 * time.Millisecond)
	}
	b.shot("failed-" + strings.ReplaceAll(what, " ", "-"))
	text, _ := eval[string](b, "document.body ? document.body.innerText.slice(0, 2000) : ''")
	b.t.Fatalf("waiting for %s (%s): never true (%v); the page says:\n%s", what, cond, last, text)
}

// shot saves a screenshot of the whole page under testdata/screenshots.
func (b *browser) shot(name string) {
	b.t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if ready, err := eval[bool](b, `document.readyState === 'complete' && document.body.scrollWidth > 0`); err == nil && ready {
			break
		}
	}
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Logf("screenshot %s: %v", name, err)
		return
	}
	dir := filepath.Join("testdata", "screenshots")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	p := filepath.Join(dir, name+".png")
	if err := os.WriteFile(p, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", p)
}

// waitPages waits until n pages hold an event stream open.
func waitPages(t testing.TB, s *Server, n int) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); s.Pages() < n; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d pages listen to the server, want %d", s.Pages(), n)
		}
	}
}

// shadow reaches into the panel cm serve adds to site pages.
const shadow = `document.getElementById('cm-preview').shadowRoot`

// listen serves s on a free port of 127.0.0.1, watching its repo, and
// returns the site's address.
func listen(t testing.TB, s *Server) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- s.ListenAndServe(ctx, "127.0.0.1:0", func(a net.Addr) { addr <- a.String() })
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	select {
	case a := <-addr:
		return "http://" + a
	case err := <-done:
		t.Fatal(err)
	}
	return ""
}

// TestInBrowser edits files under a real browser: the page follows the
// saves, a broken file shows the overlay and fixing it brings the page
// back; the panel, the calendar, the social previews and the diagnostics
// are found where they should be, in French and in English.
func TestInBrowser(t *testing.T) {
	b := newBrowser(t)
	s, dir := newTestServer(t, Options{})
	site := listen(t, s)

	t.Run("a save shows in the page (fr)", func(t *testing.T) {
		b.t = t
		b.open(site + "/fr/blog/velo-en-ville/")
		b.waitFor("the article", `document.querySelector('h1').textContent.startsWith('Vélo en ville')`)
		waitPages(t, s, 1)
		b.shot("article-fr")
		// The page swaps its body: no navigation, the scroll stays.
		b.run(`window.cmMarker = 1; window.scrollTo(0, 200)`)
		edit(t, dir, "content/blog/velo-en-ville.md", "se règle en dix minutes", "se règle en un quart d’heure")
		b.waitFor("the new text", `document.querySelector('.prose').textContent.includes('un quart d’heure')`)
		b.waitFor("the same page, scrolled as it was", `window.cmMarker === 1 && window.scrollY === 200`)
	})

	t.Run("a new stylesheet reloads the page", func(t *testing.T) {
		b.t = t
		css := filepath.Join(dir, "templates", "static", "style.css")
		if err := os.MkdirAll(filepath.Dir(css), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(css, []byte("body { background: rgb(250, 240, 230); }\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		b.waitFor("the new style", `getComputedStyle(document.body).backgroundColor === 'rgb(250, 240, 230)' && window.cmMarker === undefined`)
		if err := os.Remove(css); err != nil {
			t.Fatal(err)
		}
		b.waitFor("the theme's style back", `getComputedStyle(document.body).backgroundColor !== 'rgb(250, 240, 230)'`)
	})

	t.Run("a broken frontmatter shows the overlay, fixing it brings the page back (fr)", func(t *testing.T) {
		b.t = t
		edit(t, dir, "content/blog/velo-en-ville.md", "\n---\n\n", "\n\n")
		b.waitFor("the overlay", shadow+`.querySelector('.overlay').textContent.includes('never closed')`)
		b.waitFor("the overlay's title", shadow+`.querySelector('#cm-overlay-title').textContent.includes('cm ne peut pas afficher le site tel quel')`)
		b.shot("overlay-fr")
		edit(t, dir, "content/blog/velo-en-ville.md", "\n\n", "\n---\n\n")
		b.waitFor("the page without the overlay", shadow+`.querySelector('.overlay') === null && document.querySelector('h1').textContent.startsWith('Vélo en ville')`)
	})

	t.Run("the panel lists the page's diagnostics (en)", func(t *testing.T) {
		b.t = t
		b.open(site + "/en/blog/cycling-in-town/")
		b.waitFor("the fab", shadow+`.querySelector('.fab') !== null`)
		b.run(shadow + `.querySelector('.fab').click()`)
		b.waitFor("the drawer", `!`+shadow+`.querySelector('.drawer').hidden && `+shadow+`.querySelector('.drawer h2').textContent === 'Page diagnostics'`)
		b.waitFor("a diagnostic", shadow+`.querySelector('.diag .rule').textContent === 'seo.slug'`)
		b.shot("panel-en")
		edit(t, dir, "content/blog/cycling-in-town.md", "is easier on a bike", "is much easier on a bike")
		b.waitFor("the new text", `document.querySelector('.prose').textContent.includes('much easier')`)
		b.waitFor("the drawer still open after the reload", `!`+shadow+`.querySelector('.drawer').hidden`)
		b.run(shadow + `.querySelector('.close').click()`)
	})

	t.Run("drafts and future articles have a banner (fr)", func(t *testing.T) {
		b.t = t
		b.open(site + "/fr/blog/brouillon/")
		b.waitFor("the draft banner", shadow+`.querySelector('.banner-draft').textContent.startsWith('Brouillon')`)
		b.shot("draft-fr")
		b.open(site + "/fr/blog/atelier-reparation/")
		b.waitFor("the future banner", shadow+`.querySelector('.banner-future').textContent.includes('mer. 20 janvier 2027')`)
	})

	t.Run("the calendar (fr week, en month) follows a post's new time", func(t *testing.T) {
		b.t = t
		b.open(site + "/_cm/calendar?view=week&date=2027-01-17&lang=fr")
		sunday := `document.querySelector('.day[data-date="2027-01-17"]')`
		b.waitFor("the Sunday post in conflict", sunday+`.querySelector('a.entry.ch-mastodon.conflict').textContent.includes('Sortie à vélo')`)
		b.waitFor("the shaded windows", sunday+`.querySelectorAll('.window').length >= 2`)
		b.waitFor("the conflict listed", `document.querySelector('.entry-list .conflict-text').textContent.includes('hors des créneaux du canal')`)
		b.shot("calendar-week-fr")
		edit(t, dir, "content/social/sortie-dimanche.md", "10:30", "21:00")
		b.waitFor("the post moved, without conflict", sunday+`.querySelector('a.entry.ch-mastodon:not(.conflict) .entry-time').textContent === '21:00'`)
		b.open(site + "/_cm/calendar?view=month&date=2027-03-01&lang=en")
		b.waitFor("the campaign", `document.querySelector('.mday[data-date="2027-03-15"] .band').textContent === 'Printemps du vélo'`)
		b.waitFor("the month's title", `document.querySelector('.cal-title').textContent === 'March 2027'`)
		b.shot("calendar-month-en")
		b.open(site + "/_cm/calendar?view=month&date=2027-01-01&lang=fr")
		b.shot("calendar-month-fr")
	})

	t.Run("social previews (en, fr)", func(t *testing.T) {
		b.t = t
		b.open(site + "/_cm/social/content/social/long-post.md?lang=en")
		card := `document.querySelector('.card[data-channel="bluesky"]')`
		b.waitFor("the Bluesky count", card+`.querySelector('.count-main').textContent === '377 / 300 graphemes'`)
		b.waitFor("where Bluesky would cut", card+`.querySelector('.cut-mark') !== null && `+card+`.querySelector('.over').textContent.includes('See you there!')`)
		b.shot("social-long-en")
		b.open(site + "/_cm/social/content/social/photo.md?lang=fr")
		b.waitFor("the image, loaded", `document.querySelector('.media-item img').naturalWidth > 0`)
		b.waitFor("its alt text", `document.querySelector('.alt-badge').title.startsWith('L’établi')`)
		b.shot("social-photo-fr")
		b.open(site + "/_cm/social/content/blog/velo-en-ville.md?lang=fr")
		b.waitFor("the link card", `document.querySelector('.link-card .link-title').textContent.startsWith('Vélo en ville')`)
		b.shot("social-article-fr")
		b.open(site + "/_cm/social?lang=fr")
		b.waitFor("the index", `[...document.querySelectorAll('.count-chip.over')].length === 2`)
		b.shot("social-index-fr")
	})

	t.Run("diagnostics, filtered (en, fr)", func(t *testing.T) {
		b.t = t
		b.open(site + "/_cm/?lang=en")
		b.waitFor("the list", `document.querySelectorAll('table.diagnostics tbody tr').length > 10`)
		b.run(`const s = document.querySelector('select[name=severity]'); s.value = 'error'; s.dispatchEvent(new Event('change'))`)
		b.waitFor("the errors only", `location.search.includes('severity=error') && [...document.querySelectorAll('table.diagnostics tbody tr')].every(r => r.className === 'row-error')`)
		b.shot("diagnostics-errors-en")
		b.open(site + "/_cm/?lang=fr")
		b.waitFor("the French list", `document.querySelector('.shown').textContent.includes('affichés')`)
		b.shot("diagnostics-fr")
	})

	t.Run("what the overlay and the previews show is text, never markup", func(t *testing.T) {
		b.t = t
		hostile := "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>"
		if err := os.WriteFile(filepath.Join(dir, "content/social/hostile.md"),
			[]byte("---\nchannels: [mastodon]\npublish_at: 2027-01-13T21:00:00+01:00\n---\n"+hostile+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		b.open(site + "/_cm/social/content/social/hostile.md?lang=en")
		b.waitFor("the text shown as it is", `document.querySelector('.post-text').textContent.includes('<script>window.pwned=2</script>')`)
		b.open(site + "/fr/blog/velo-en-ville/")
		edit(t, dir, "content/blog/velo-en-ville.md", "title: \"Vélo", "title: ["+hostile+" \"Vélo")
		b.waitFor("the overlay", shadow+`.querySelector('.overlay .frame').textContent.includes('onerror')`)
		if pwned, err := eval[bool](b, `window.pwned !== undefined`); err != nil || pwned {
			t.Errorf("markup ran: %v %v", pwned, err)
		}
		b.shot("overlay-escaped-fr")
		edit(t, dir, "content/blog/velo-en-ville.md", "title: ["+hostile+" \"Vélo", "title: \"Vélo")
		b.waitFor("the page back", shadow+`.querySelector('.overlay') === null`)
	})
}
