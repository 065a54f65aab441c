// Package scaffold creates new content files from the archetypes in
// templates/archetypes, the way `hugo new` does: `cm new article TITLE`.
package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/templates"
)

// ArchetypeDir holds the repo's archetypes, one per kind: article.md,
// post.md, campaign.md. A kind without one uses cm's built-in archetype.
const ArchetypeDir = "templates/archetypes"

// Kinds are what `cm new` can create.
var Kinds = []string{"article", "post", "campaign"}

// Request says what to create.
type Request struct {
	Kind  string // article, post or campaign
	Title string
	Lang  string // "" for the site's default language
	// Campaign puts a new post inside content/campaigns/NAME.
	Campaign string
	Now      time.Time
}

// Data is what an archetype template sees.
type Data struct {
	Title, Slug, Lang, Author string
	// Date is Now in the site's timezone, RFC 3339, to the minute.
	Date string
	// Ends is a week after Date, for campaigns.
	Ends string
	// Channels are the configured channels that take posts (all but sites).
	Channels []string
	// Campaign is the campaign a post belongs to, if any.
	Campaign string
}

// New writes the file for r and returns its path relative to the repo. It
// never overwrites a file.
func New(cfg *config.Config, r Request) (string, error) {
	if !slices.Contains(Kinds, r.Kind) {
		return "", fmt.Errorf("cannot create %q: use one of %s", r.Kind, strings.Join(Kinds, ", "))
	}
	lang := r.Lang
	if lang == "" {
		lang = cfg.Site.DefaultLanguage
	}
	if !slices.Contains(cfg.Site.Languages, lang) {
		return "", fmt.Errorf("--lang %s is not one of the site's languages (%s): add it to site.languages in cm.yaml",
			lang, strings.Join(cfg.Site.Languages, ", "))
	}
	slug := content.Slugify(r.Title, lang)
	if slug == "" {
		return "", fmt.Errorf("the title %q gives an empty slug: use a title with letters or digits", r.Title)
	}
	rel, err := target(cfg, r, slug)
	if err != nil {
		return "", err
	}
	now := r.Now.In(cfg.Location).Truncate(time.Minute)
	data := Data{
		Title: r.Title, Slug: slug, Lang: lang, Author: cfg.Site.Author,
		Date: now.Format(time.RFC3339), Ends: now.AddDate(0, 0, 7).Format(time.RFC3339),
		Campaign: r.Campaign,
	}
	for _, name := range cfg.ChannelNames() {
		if cfg.Channels[name].Type != "site" {
			data.Channels = append(data.Channels, name)
		}
	}
	text, err := render(cfg.Root, r.Kind, data)
	if err != nil {
		return "", err
	}
	full := filepath.Join(cfg.Root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists: cm new never overwrites a file; choose another title or edit that file", rel)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		return "", fmt.Errorf("writing %s: %w", rel, err)
	}
	return rel, f.Close()
}

func target(cfg *config.Config, r Request, slug string) (string, error) {
	switch r.Kind {
	case "article":
		// An existing bundle of that slug is the same article.
		if _, err := os.Stat(filepath.Join(cfg.Root, "content", "blog", slug, "index.md")); err == nil {
			return "", fmt.Errorf("content/blog/%s/index.md already exists: cm new never overwrites a file; choose another title", slug)
		}
		return path.Join(content.Dir, "blog", slug+".md"), nil
	case "campaign":
		return path.Join(content.Dir, "campaigns", slug, "index.md"), nil
	}
	if r.Campaign != "" {
		index := filepath.Join(cfg.Root, "content", "campaigns", r.Campaign, "index.md")
		if _, err := os.Stat(index); err != nil {
			return "", fmt.Errorf("--campaign %s: content/campaigns/%s/index.md does not exist: create it with cm new campaign", r.Campaign, r.Campaign)
		}
		return path.Join(content.Dir, "campaigns", r.Campaign, slug+".md"), nil
	}
	return path.Join(content.Dir, "social", slug+".md"), nil
}

// render fills the repo's archetype for kind, or the built-in one.
func render(root, kind string, data Data) ([]byte, error) {
	name := kind + ".md"
	src, err := os.ReadFile(filepath.Join(root, ArchetypeDir, name))
	where := path.Join(ArchetypeDir, name)
	if errors.Is(err, fs.ErrNotExist) {
		src, err = templates.Archetypes.ReadFile("archetypes/" + name)
		where = "built-in " + name
	}
	if err != nil {
		return nil, fmt.Errorf("reading archetype %s: %w", where, err)
	}
	t, err := template.New(where).Funcs(template.FuncMap{"yaml": yamlScalar, "yamlList": yamlList}).
		Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("archetype %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, fmt.Errorf("archetype %w", err)
	}
	return b.Bytes(), nil
}

// yamlScalar writes s as a YAML value, quoted when it needs to be.
func yamlScalar(s string) string {
	out, err := yaml.Marshal(s)
	if err != nil {
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// yamlList writes a flow list: [a, b].
func yamlList(items []string) string {
	quoted := make([]string, len(items))
	for i, s := range items {
		quoted[i] = yamlScalar(s)
	}
	return "[" + strings.Join(quoted, ", ") + "]"
}
