package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/cmhq/cm/templates"
)

// TemplateDir is where a repo overrides the theme, file by file: a layout
// (templates/article.html), a partial (templates/partials/head.html) or a
// static file (templates/static/style.css). templates/archetypes belongs to
// cm new.
const TemplateDir = "templates"

// builtinTheme is the theme in the module's templates/ folder.
var builtinTheme fs.FS = templates.Theme

// Layouts are the page templates. Each defines "main", which base.html
// places in the page; base.html and the partials are shared by all.
var Layouts = []string{"home.html", "list.html", "article.html", "tags.html", "tag.html", "404.html", "languages.html"}

// theme is the parsed templates and the static files of a build.
type theme struct {
	layouts map[string]*template.Template
	// files says where each template file came from, for errors.
	files  map[string]string
	static []staticFile
	// version is a short hash of each static file, for cache busting.
	version map[string]string
}

type staticFile struct {
	name string // relative to static/, which is the site root
	data []byte
}

// source is a theme file and where it was read from.
type source struct {
	name    string // relative to the theme: partials/head.html
	display string // what errors say: templates/partials/head.html
	data    []byte
}

// loadTheme reads the built-in theme and the repo's overrides, and parses
// every layout. A template that does not parse is an error naming its
// file and line.
func loadTheme(root string) (*theme, error) {
	sources := map[string]source{}
	err := fs.WalkDir(builtinTheme, ".", func(name string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := fs.ReadFile(builtinTheme, name)
		sources[name] = source{name: name, display: "cm's built-in theme " + name, data: data}
		return err
	})
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, TemplateDir)
	err = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if e.IsDir() {
			if rel == "archetypes" || (rel != "." && strings.HasPrefix(e.Name(), ".")) {
				return fs.SkipDir
			}
			return nil
		}
		// templates.go is the Go package that embeds the built-in theme.
		if strings.HasPrefix(e.Name(), ".") || strings.HasSuffix(e.Name(), "~") || strings.HasSuffix(e.Name(), ".go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sources[rel] = source{name: rel, display: TemplateDir + "/" + rel, data: data}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	th := &theme{layouts: map[string]*template.Template{}, files: map[string]string{}, version: map[string]string{}}
	var names []string
	for name := range sources {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		s := sources[name]
		th.files[name] = s.display
		if rest, ok := strings.CutPrefix(name, "static/"); ok {
			th.static = append(th.static, staticFile{name: rest, data: s.data})
			sum := sha256.Sum256(s.data)
			th.version[rest] = hex.EncodeToString(sum[:4])
		}
	}
	shared := template.New("base.html").Funcs(th.funcs())
	base, ok := sources["base.html"]
	if !ok {
		return nil, fmt.Errorf("%s/base.html is missing", TemplateDir)
	}
	if _, err := shared.Parse(string(base.data)); err != nil {
		return nil, th.templateError(err)
	}
	for _, name := range names {
		if !strings.HasPrefix(name, "partials/") || !strings.HasSuffix(name, ".html") {
			continue
		}
		if _, err := shared.New(name).Parse(string(sources[name].data)); err != nil {
			return nil, th.templateError(err)
		}
	}
	for _, name := range Layouts {
		s, ok := sources[name]
		if !ok {
			return nil, fmt.Errorf("the layout %s is missing from the theme", name)
		}
		t, err := shared.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.New(name).Parse(string(s.data)); err != nil {
			return nil, th.templateError(err)
		}
		th.layouts[name] = t
	}
	return th, nil
}

func (th *theme) funcs() template.FuncMap {
	return template.FuncMap{
		// asset is the URL of a static file of the theme, with a version
		// that changes with its content, so browsers may cache it forever.
		"asset": func(p *Page, name string) (string, error) {
			v, ok := th.version[name]
			if !ok {
				return "", fmt.Errorf("asset %q: no file static/%s in the theme", name, name)
			}
			return p.Site.BasePath + "/" + name + "?v=" + v, nil
		},
		"locale": locale,
	}
}

// execute renders a layout for a page.
func (th *theme) execute(w *bytes.Buffer, layout string, p *Page) error {
	if err := th.layouts[layout].ExecuteTemplate(w, "base.html", p); err != nil {
		return th.templateError(err)
	}
	return nil
}

// templateLocation matches html/template's "template: NAME:LINE[:COL]: ".
var templateLocation = regexp.MustCompile(`(?s)^(?:html/template:|template: )([^:]+):(\d+)(?::(\d+))?: (.*)$`)

// templateError restates a template error as file:line:column: message,
// with the file the template was read from.
func (th *theme) templateError(err error) error {
	msg := err.Error()
	m := templateLocation.FindStringSubmatch(msg)
	if m == nil {
		return fmt.Errorf("template: %w", err)
	}
	file := m[1]
	if d, ok := th.files[file]; ok {
		file = d
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return &Error{File: file, Line: line, Column: col, Message: m[4], Err: err}
}
