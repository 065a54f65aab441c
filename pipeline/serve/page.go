package serve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
	"strings"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/site"
)

// response is what the server answers for a page of one state, kept in
// the state so that the page a reload notice announced is not rendered
// twice.
type response struct {
	status   int
	ctype    string
	body     []byte
	file     string // a file of the repo sent as it is (an image)
	location string // a redirect
	// hash sums up what the page shows; the page's event stream compares
	// it after each reload.
	hash string
	// static marks the theme's files, whose URLs carry a version
	// (?v=hash of the content): browsers may keep them.
	static bool
}

// normalizeTarget turns a page's address (path and query) into the key
// its responses are kept under: a clean path and sorted parameters.
func normalizeTarget(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "/"
	}
	return target(u.Path, u.Query())
}

// target is the key of a page: its path cleaned (no "..", no "//", the
// final slash kept) and its parameters sorted, written as a URL.
func target(p string, q url.Values) string {
	clean := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	q.Del("v") // cache busting, not content
	return (&url.URL{Path: clean, RawQuery: q.Encode()}).String()
}

// respond renders a page of a state, once.
func (s *Server) respond(st *state, target string) *response {
	if r, ok := st.pages.Load(target); ok {
		return r.(*response)
	}
	u, _ := url.Parse(target)
	var r *response
	if u.Path == "/_cm" || strings.HasPrefix(u.Path, Prefix) {
		r = s.uiPage(st, strings.TrimPrefix(u.Path, "/_cm"), u.Query(), target)
	} else {
		r = s.sitePage(st, u.Path, target)
	}
	if r.hash == "" {
		sum := sha256.Sum256(r.body)
		r.hash = hex.EncodeToString(sum[:8])
		if r.file != "" {
			r.hash = r.file
		}
	}
	actual, _ := st.pages.LoadOrStore(target, r)
	return actual.(*response)
}

// write sends a response.
func (s *Server) write(w http.ResponseWriter, r *http.Request, resp *response) {
	switch {
	case resp.location != "":
		http.Redirect(w, r, resp.location, resp.status)
	case resp.file != "":
		f, err := os.Open(resp.file)
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			http.NotFound(w, r)
			return
		}
		// An image may change under the same name: the browser asks
		// again each time, and gets "not modified" while it has not.
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, path.Base(resp.file), info.ModTime(), f)
	default:
		if resp.static && r.URL.Query().Get("v") != "" {
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		} else {
			w.Header().Set("Cache-Control", "no-store")
		}
		w.Header().Set("Content-Type", resp.ctype)
		w.WriteHeader(resp.status)
		if r.Method != http.MethodHead {
			_, _ = w.Write(resp.body)
		}
	}
}

func (s *Server) serveSite(w http.ResponseWriter, r *http.Request, st *state) {
	s.write(w, r, s.respond(st, target(r.URL.Path, r.URL.Query())))
}

// sitePage answers for a file of the site: a page with cm's panel, a feed,
// an image. When errors stop the site, pages are served from the last
// preview that had them, under the overlay.
func (s *Server) sitePage(st *state, p, target string) *response {
	pv := st.preview
	if pv == nil {
		return s.withPanel(st, nil, target, emptyPage(st), http.StatusInternalServerError)
	}
	name := p
	if base := pv.BasePath(); base != "" {
		if p == "/" {
			return &response{status: http.StatusFound, location: base + "/"}
		}
		if p != base && !strings.HasPrefix(p, base+"/") {
			return s.notFound(st, target)
		}
		name = strings.TrimPrefix(p, base)
	}
	f, ok, err := pv.File(name)
	if !ok && st.fallback != nil {
		f, ok, err = st.fallback.File(name)
	}
	if err != nil {
		prob := &Problem{Message: err.Error()}
		if se, isSite := err.(*site.Error); isSite {
			prob = s.siteProblem(st, se)
		}
		return s.withPanel(st, []*Problem{prob}, target, emptyPage(st), http.StatusInternalServerError)
	}
	if !ok {
		if path.Ext(name) == "" && !strings.HasSuffix(name, "/") {
			if _, ok, _ := pv.File(name + "/"); ok {
				return &response{status: http.StatusMovedPermanently, location: p + "/"}
			}
		}
		return s.notFound(st, target)
	}
	switch {
	case f.Path != "":
		return &response{status: http.StatusOK, file: f.Path}
	case f.Page:
		return s.withPanel(st, nil, target, f, http.StatusOK)
	}
	return &response{status: http.StatusOK, ctype: contentType(name), body: f.Data, static: f.Static}
}

// notFound is the site's 404 page, with the panel.
func (s *Server) notFound(st *state, target string) *response {
	if st.preview != nil {
		if f, ok, err := st.preview.File("/404.html"); ok && err == nil {
			return s.withPanel(st, nil, target, f, http.StatusNotFound)
		}
	}
	return s.withPanel(st, nil, target, emptyPage(st), http.StatusNotFound)
}

// emptyPage is a blank page for the overlay to sit on when the site has
// nothing to show.
func emptyPage(st *state) *site.File {
	lang := "en"
	if st.cfg != nil {
		lang = st.cfg.Site.DefaultLanguage
	}
	return &site.File{Page: true, Lang: lang, Data: []byte(`<!DOCTYPE html><html lang="` + lang +
		`"><head><meta charset="utf-8"><title>cm serve</title></head><body></body></html>`)}
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".xml":
		if strings.HasSuffix(name, "feed.xml") {
			return "application/atom+xml; charset=utf-8"
		}
		return "application/xml; charset=utf-8"
	case ".html", "":
		return "text/html; charset=utf-8"
	}
	if t := mime.TypeByExtension(path.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// panelData is what the panel of a site page shows.
type panelData struct {
	L        *L
	File     string
	Diags    []check.Diagnostic
	Counts   counts
	Site     counts
	Checking bool
	Warnings []*site.Error
	Banner   *banner
	Messages int
	Overlay  *overlay
}

type counts struct{ Errors, Warnings, Infos, Files int }

func countOf(diags []check.Diagnostic) counts {
	var c counts
	for _, d := range diags {
		switch d.Severity {
		case check.Error:
			c.Errors++
		case check.Warning:
			c.Warnings++
		default:
			c.Infos++
		}
	}
	return c
}

type banner struct{ Kind, Title, Text string }

// overlay is the errors that stop the site, over any page.
type overlay struct {
	Problems []*Problem
	Stale    bool
	// Key names this set of errors: hiding the overlay hides it until
	// the errors change.
	Key string
}

func (st *state) overlay(extra []*Problem) *overlay {
	all := append(st.errors(), extra...)
	if len(all) == 0 {
		return nil
	}
	h := sha256.New()
	for _, p := range all {
		h.Write([]byte(p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column) + " " + p.Message + "\n"))
	}
	return &overlay{Problems: all, Stale: st.stale || st.fallback != nil, Key: hex.EncodeToString(h.Sum(nil)[:6])}
}

// withPanel adds cm's panel (and the overlay when there are errors) to a
// page of the site, then the live reload script.
func (s *Server) withPanel(st *state, extra []*Problem, target string, f *site.File, status int) *response {
	d := &panelData{L: labelsFor(f.Lang), File: f.Article, Checking: !st.complete, Overlay: st.overlay(extra)}
	all := countOf(nil)
	for _, ds := range st.diags {
		c := countOf(ds)
		all.Errors += c.Errors
		all.Warnings += c.Warnings
		all.Infos += c.Infos
		all.Files++
	}
	d.Site = all
	if f.Article != "" {
		d.Diags = st.diags[f.Article]
		d.Counts = countOf(d.Diags)
		if st.preview != nil {
			for _, w := range st.preview.Warnings() {
				if w.File == f.Article {
					d.Warnings = append(d.Warnings, w)
				}
			}
		}
		if a, ok := st.repo.Item(f.Article).(*content.Article); ok {
			d.Messages = len(a.Share)
			switch {
			case a.Draft:
				d.Banner = &banner{Kind: "draft", Title: d.L.DraftTitle, Text: d.L.DraftText}
			case a.Date.After(st.at):
				when := d.L.Dateline(a.Date.In(st.cfg.Location))
				d.Banner = &banner{Kind: "future", Title: d.L.FutureTitle, Text: strings.Replace(d.L.FutureText, "%s", when, 1)}
			}
		}
	} else {
		d.Counts = all
	}
	var panel bytes.Buffer
	if err := s.ui.tmpl.ExecuteTemplate(&panel, "panel", d); err != nil {
		panel.Reset()
		panel.WriteString("<!-- cm serve: " + html.EscapeString(err.Error()) + " -->")
	}
	return s.finish(f.Data, panel.Bytes(), target, status)
}

// finish inserts cm's additions before </body>, hashes the page and adds
// the live reload script, which carries the hash.
func (s *Server) finish(page, additions []byte, target string, status int) *response {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	var b bytes.Buffer
	b.Grow(len(page) + len(additions) + 256)
	b.Write(page[:i])
	b.Write(additions)
	sum := sha256.Sum256(append(b.Bytes(), page[i:]...))
	hash := hex.EncodeToString(sum[:8])
	b.WriteString(`<script async src="` + Prefix + `live.js?v=` + s.ui.version + `" data-page="` + html.EscapeString(target) + `" data-v="` + hash + `"></script>`)
	b.Write(page[i:])
	return &response{status: status, ctype: "text/html; charset=utf-8", body: b.Bytes(), hash: hash}
}
