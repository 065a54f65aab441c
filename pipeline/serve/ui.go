package serve

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/rules"
)

//go:embed ui
var uiFiles embed.FS

// ui is cm's own pages: their templates and static files.
type ui struct {
	tmpl  *template.Template            // the panel and the overlay
	pages map[string]*template.Template // layout + one page
	// static are live.js and ui.css; version changes with them.
	static  map[string][]byte
	version string
	summary map[string]string // rule id -> one-line summary
}

func newUI() (*ui, error) {
	u := &ui{pages: map[string]*template.Template{}, static: map[string][]byte{}, summary: map[string]string{}}
	h := sha256.New()
	for _, name := range []string{"live.js", "ui.css", "panel.css"} {
		data, err := uiFiles.ReadFile("ui/" + name)
		if err != nil {
			return nil, err
		}
		u.static[name] = data
		h.Write(data)
	}
	u.version = hex.EncodeToString(h.Sum(nil)[:4])
	funcs := template.FuncMap{
		"sev":     func(s check.Severity) string { return s.String() },
		"percent": func(f float64) string { return fmt.Sprintf("%.3f%%", f) },
		"css":     func(s string) template.CSS { return template.CSS(s) },
		"add":     func(a, b int) int { return a + b },
		"printf":  fmt.Sprintf,
		"inline":  func(name string) template.CSS { return template.CSS(u.static[name]) },
	}
	base, err := template.New("base").Funcs(funcs).ParseFS(uiFiles, "ui/panel.html", "ui/layout.html")
	if err != nil {
		return nil, err
	}
	u.tmpl = base
	pages, err := fs.Glob(uiFiles, "ui/page-*.html")
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(uiFiles, p); err != nil {
			return nil, err
		}
		u.pages[strings.TrimSuffix(strings.TrimPrefix(path.Base(p), "page-"), ".html")] = t
	}
	for _, r := range rules.Registry().Rules() {
		m := r.Meta()
		u.summary[m.ID] = m.Summary
	}
	return u, nil
}

// serveUI serves /_cm/...: the static files, the event streams, the media
// of posts, and the pages.
func (s *Server) serveUI(w http.ResponseWriter, r *http.Request, st *state, p string) {
	switch {
	case p == "":
		http.Redirect(w, r, Prefix, http.StatusMovedPermanently)
		return
	case p == "/events":
		s.serveEvents(w, r)
		return
	case strings.HasPrefix(p, "/media/"):
		s.serveMedia(w, r, st, strings.TrimPrefix(p, "/media/"))
		return
	}
	if data, ok := s.ui.static[strings.TrimPrefix(p, "/")]; ok {
		w.Header().Set("Content-Type", contentType(p)+"; charset=utf-8")
		if r.URL.Query().Get("v") == s.ui.version {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-cache")
		}
		_, _ = w.Write(data)
		return
	}
	s.write(w, r, s.respond(st, target("/_cm"+p, r.URL.Query())))
}

// serveMedia sends a file of content/ that a post attaches: only the
// repo's assets, looked up by their path, are served.
func (s *Server) serveMedia(w http.ResponseWriter, r *http.Request, st *state, rel string) {
	if st.repo == nil || !st.repo.Assets[rel] {
		http.NotFound(w, r)
		return
	}
	s.write(w, r, &response{file: filepath.Join(s.opts.Dir, filepath.FromSlash(rel))})
}

// layoutData is what every page of cm's own has.
type layoutData struct {
	L         *L
	Title     string
	Nav       string
	SiteTitle string
	Home      string
	Langs     []link
	Overlay   *overlay
	Checking  bool
	Counts    counts
	Page      any
}

type link struct {
	Label, URL string
	Current    bool
}

// uiPage renders one of cm's pages: the diagnostics (/_cm/), the calendar
// and the social previews.
func (s *Server) uiPage(st *state, p string, q url.Values, target string) *response {
	lang := q.Get("lang")
	if lang != "fr" && lang != "en" {
		lang = "en"
		if st.cfg != nil && st.cfg.Site.DefaultLanguage == "fr" {
			lang = "fr"
		}
	}
	l := labelsFor(lang)
	d := &layoutData{L: l, Overlay: st.overlay(nil), Checking: !st.complete, Home: "/"}
	if st.cfg != nil {
		d.SiteTitle = st.cfg.Site.Title
	}
	if st.preview != nil {
		d.Home = st.preview.BasePath() + "/"
	}
	for _, ds := range st.diags {
		c := countOf(ds)
		d.Counts.Errors += c.Errors
		d.Counts.Warnings += c.Warnings
		d.Counts.Infos += c.Infos
	}
	for _, code := range []string{"fr", "en"} {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("lang", code)
		d.Langs = append(d.Langs, link{Label: strings.ToUpper(code), URL: "/_cm" + p + "?" + v.Encode(), Current: code == lang})
	}
	var name string
	status := http.StatusOK
	switch {
	case p == "/":
		name, d.Nav, d.Title = "diagnostics", "diagnostics", l.DiagTitle
		d.Page = s.diagnosticsPage(st, q, l)
	case p == "/calendar":
		name, d.Nav, d.Title = "calendar", "calendar", l.CalTitle
		d.Page = s.calendarPage(st, q, l)
	case p == "/social":
		name, d.Nav, d.Title = "social", "social", l.SocialTitle
		d.Page = s.socialIndex(st, q, l)
	case strings.HasPrefix(p, "/social/"):
		name, d.Nav = "social-item", "social"
		page := s.socialItem(st, strings.TrimPrefix(p, "/social/"), l)
		if page == nil {
			name, status = "notfound", http.StatusNotFound
		} else {
			d.Title = page.Title
			d.Page = page
		}
	default:
		name, status = "notfound", http.StatusNotFound
	}
	if d.Title == "" {
		d.Title = "cm"
	}
	var buf bytes.Buffer
	if err := s.ui.pages[name].ExecuteTemplate(&buf, "layout", d); err != nil {
		buf.Reset()
		fmt.Fprintf(&buf, "<!DOCTYPE html><title>cm serve</title><pre>%s</pre>", template.HTMLEscapeString(err.Error()))
		status = http.StatusInternalServerError
	}
	return s.finish(buf.Bytes(), nil, target, status)
}

// maxRows is the most diagnostics the page lists at once: a large site
// has thousands, which the filters narrow down.
const maxRows = 1000

// diagRow is a diagnostic with where to see its file.
type diagRow struct {
	check.Diagnostic
	Summary string
	Link    string
}

type option struct {
	Value, Label string
	Selected     bool
}

type diagnosticsData struct {
	Rows        []diagRow
	Rules       []option
	Severities  []option
	File        string
	Total       int
	Matched     int // rows that pass the filters; the first maxRows are shown
	Filtered    bool
	Shown       string
	ByFile      []fileCount
	Warnings    []diagRow
	Counts      counts
	FilterQuery string
}

type fileCount struct {
	File, Link string
	counts
}

// diagnosticsPage lists every diagnostic, filtered by rule, severity and
// file (?rule=seo.title-length&severity=error&file=content/blog/).
func (s *Server) diagnosticsPage(st *state, q url.Values, l *L) *diagnosticsData {
	d := &diagnosticsData{File: q.Get("file")}
	rule, sev := q.Get("rule"), q.Get("severity")
	files := make([]string, 0, len(st.diags))
	for f := range st.diags {
		files = append(files, f)
	}
	sort.Strings(files)
	byRule := map[string]int{}
	for _, f := range files {
		for _, diag := range st.diags[f] {
			d.Total++
			byRule[diag.Rule]++
			c := countOf([]check.Diagnostic{diag})
			d.Counts.Errors += c.Errors
			d.Counts.Warnings += c.Warnings
			d.Counts.Infos += c.Infos
			ruleMatch := rule == "" || diag.Rule == rule || strings.HasPrefix(diag.Rule, rule+".")
			if !ruleMatch || (sev != "" && diag.Severity.String() != sev) ||
				(d.File != "" && f != d.File && !strings.HasPrefix(f, strings.TrimSuffix(d.File, "/")+"/")) {
				continue
			}
			if d.Matched++; len(d.Rows) < maxRows {
				d.Rows = append(d.Rows, diagRow{Diagnostic: diag, Summary: s.ui.summary[diag.Rule], Link: s.fileLink(st, f, l)})
			}
		}
	}
	d.Filtered = rule != "" || sev != "" || d.File != ""
	d.Shown = fmt.Sprintf(l.Shown, len(d.Rows), d.Total)
	if d.Matched > len(d.Rows) {
		d.Shown += " · " + fmt.Sprintf(l.More, d.Matched-len(d.Rows))
	}
	ids := make([]string, 0, len(byRule))
	for id := range byRule {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	d.Rules = append(d.Rules, option{Value: "", Label: l.AllRules})
	for _, id := range ids {
		d.Rules = append(d.Rules, option{Value: id, Label: fmt.Sprintf("%s (%d)", id, byRule[id]), Selected: id == rule})
	}
	if rule != "" && !slices.Contains(ids, rule) {
		d.Rules = append(d.Rules, option{Value: rule, Label: rule + " (0)", Selected: true})
	}
	d.Severities = []option{{Value: "", Label: l.AllSeverities}}
	for _, v := range []string{"error", "warning", "info"} {
		d.Severities = append(d.Severities, option{Value: v, Label: l.SeverityName(v), Selected: v == sev})
	}
	if st.preview != nil {
		for _, w := range st.preview.Warnings() {
			if d.File != "" && w.File != d.File {
				continue
			}
			d.Warnings = append(d.Warnings, diagRow{Diagnostic: check.Diagnostic{File: w.File, Line: w.Line, Column: w.Column,
				Rule: "cm build", Severity: check.Warning, Message: w.Message}, Link: s.fileLink(st, w.File, l)})
		}
	}
	return d
}

// fileLink is where to see a file: an article's page, a post's social
// preview, or its diagnostics.
func (s *Server) fileLink(st *state, file string, l *L) string {
	if st.repo == nil {
		return ""
	}
	switch st.repo.Item(file).(type) {
	case *content.Article:
		if st.preview != nil {
			if u := st.preview.URL(file); u != "" {
				return u
			}
		}
	case *content.Post:
		return "/_cm/social/" + file + "?lang=" + l.Lang
	}
	return "/_cm/?file=" + url.QueryEscape(file) + "&lang=" + l.Lang
}
