package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cmhq/cm/pipeline/corpus"
)

// cmbench hugo: cm build and Hugo side by side on the same generated blog,
// with the same outputs (HTML pages, feeds, sitemap), in one run.

type hugoOptions struct {
	io       *streams
	articles int
	runs     int
	cm       string
	hugo     string
	work     string
	install  bool
	keep     bool
}

func newHugoCmd(io *streams, runF func(*hugoOptions) error) *cobra.Command {
	opts := &hugoOptions{io: io}
	cmd := &cobra.Command{
		Use:   "hugo --cm PATH",
		Short: "Compare cm build with Hugo on the same generated blog",
		Long: `Generate a blog of --articles articles (French and English, a fifth of them
page bundles with a cover image), then build it with cm build and with Hugo
(Debian's hugo package, installed with apt-get when missing and --install is
given) --runs times each, alternating, and print the median wall time of
each, the ratio, and cm's peak resident memory.

Both builds produce the same kinds of output: an HTML page per article with
the same head tags (title, description, canonical, Open Graph, Twitter card,
JSON-LD), paginated home and tag pages (10 articles a page), an archive, a
feed with the full text of the latest 20 articles per site and tag, and a
sitemap. Hugo renders with layouts written for the benchmark; cm with its
built-in theme.`,
		Example: `  go build -o /tmp/cm ./cmd/cm && go build -o /tmp/cmbench ./cmd/cmbench
  /tmp/cmbench hugo --cm /tmp/cm --install
  /tmp/cmbench hugo --cm /tmp/cm --articles 1000 --runs 5`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.cm == "" {
				return usageErrorf("--cm PATH is required: go build -o /tmp/cm ./cmd/cm")
			}
			if opts.runs < 1 || opts.articles < 1 {
				return usageErrorf("--runs and --articles must be at least 1")
			}
			if runF != nil {
				return runF(opts)
			}
			return runHugo(opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.articles, "articles", 10000, "number of articles")
	f.IntVar(&opts.runs, "runs", 3, "builds per tool")
	f.StringVar(&opts.cm, "cm", "", "the cm binary to measure")
	f.StringVar(&opts.hugo, "hugo", "hugo", "the hugo binary")
	f.StringVar(&opts.work, "work", "", "folder for the corpus and the outputs (default: a new temporary folder)")
	f.BoolVar(&opts.install, "install", false, "install Debian's hugo with apt-get when it is missing")
	f.BoolVar(&opts.keep, "keep", false, "keep the work folder")
	return cmd
}

func runHugo(opts *hugoOptions) error {
	out := opts.io.out
	hugo, err := findHugo(opts)
	if err != nil {
		return err
	}
	cm, err := resolveCommand(opts.cm)
	if err != nil {
		return err
	}
	version, _ := exec.Command(hugo, "version").Output()
	work := opts.work
	if work == "" {
		if work, err = os.MkdirTemp("", "cmbench-hugo-"); err != nil {
			return err
		}
	}
	if !opts.keep {
		defer os.RemoveAll(work)
	}
	repo := filepath.Join(work, "repo")
	site := filepath.Join(work, "hugo")
	_ = os.RemoveAll(repo)
	stats, err := corpus.Generate(repo, corpus.Options{Articles: opts.articles, Seed: 1, BundleShare: 0.2})
	if err != nil {
		return fmt.Errorf("generate the corpus: %w", err)
	}
	if err := writeHugoSite(site, filepath.Join(repo, "content")); err != nil {
		return err
	}
	fmt.Fprintf(out, "corpus   %d articles (%d bundles, %d images), %.1f MB in %s\n",
		stats.Articles, stats.Bundles, stats.Images, float64(stats.Bytes)/(1<<20), repo)
	fmt.Fprintf(out, "hugo     %s", version)

	cmOut, hugoOut := filepath.Join(work, "public-cm"), filepath.Join(work, "public-hugo")
	tools := []struct {
		name string
		cmd  func() *exec.Cmd
	}{
		{"cm", func() *exec.Cmd {
			c := exec.Command(cm, "build", "--out", cmOut)
			c.Dir = repo
			return c
		}},
		{"hugo", func() *exec.Cmd {
			return exec.Command(hugo, "--source", site, "--contentDir", filepath.Join(repo, "content"),
				"--destination", hugoOut, "--cleanDestinationDir", "--quiet")
		}},
	}
	walls := map[string][]float64{}
	rss := map[string][]float64{}
	for run := 1; run <= opts.runs; run++ {
		for _, t := range tools {
			c := t.cmd()
			var stderr strings.Builder
			c.Stderr = &stderr
			start := time.Now()
			err := c.Run()
			wall := time.Since(start).Seconds()
			if err != nil {
				return fmt.Errorf("%s: %w\n%s", t.name, err, stderr.String())
			}
			walls[t.name] = append(walls[t.name], wall)
			rss[t.name] = append(rss[t.name], peakRSSMB(c.ProcessState))
			fmt.Fprintf(out, "run %d   %-4s %7.3fs  peak RSS %6.1f MB\n", run, t.name, wall, peakRSSMB(c.ProcessState))
		}
	}
	cmFiles, cmHTML := countOutput(cmOut)
	hugoFiles, hugoHTML := countOutput(hugoOut)
	cmWall, hugoWall := median(walls["cm"]), median(walls["hugo"])
	fmt.Fprintf(out, "\noutput   cm %d files (%d HTML), hugo %d files (%d HTML)\n", cmFiles, cmHTML, hugoFiles, hugoHTML)
	fmt.Fprintf(out, "median   cm %.3fs, hugo %.3fs\n", cmWall, hugoWall)
	fmt.Fprintf(out, "ratio    hugo / cm = %.2f (above 1: cm is faster)\n", hugoWall/cmWall)
	fmt.Fprintf(out, "memory   cm peak RSS %.1f MB (max of %d runs), hugo %.1f MB\n", slices.Max(rss["cm"]), opts.runs, slices.Max(rss["hugo"]))
	return nil
}

// findHugo finds the hugo binary, installing Debian's package if asked.
func findHugo(opts *hugoOptions) (string, error) {
	if p, err := exec.LookPath(opts.hugo); err == nil {
		return p, nil
	}
	if !opts.install {
		return "", fmt.Errorf("%s not found: install it (apt-get install -y hugo) or pass --install", opts.hugo)
	}
	fmt.Fprintln(opts.io.errOut, "installing hugo: apt-get install -y hugo")
	for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", "hugo"}} {
		c := exec.Command("apt-get", args...)
		c.Stdout, c.Stderr = opts.io.errOut, opts.io.errOut
		if err := c.Run(); err != nil {
			return "", fmt.Errorf("apt-get %s: %w", strings.Join(args, " "), err)
		}
	}
	return exec.LookPath("hugo")
}

func countOutput(dir string) (files, html int) {
	_ = filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			files++
			if strings.HasSuffix(p, ".html") {
				html++
			}
		}
		return nil
	})
	return files, html
}

// writeHugoSite writes a Hugo site whose layouts produce what cm's theme
// does: the same head tags, cards, pagination, archive, feeds and sitemap.
func writeHugoSite(dir, content string) error {
	if _, err := os.Stat(content); err != nil {
		return errors.New("no content folder to build")
	}
	for name, text := range hugoFiles {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

var hugoFiles = map[string]string{
	"hugo.toml": `baseURL = "https://bench.example/"
languageCode = "fr"
defaultContentLanguage = "fr"
title = "Bench"
paginate = 10
disableKinds = ["category"]
enableRobotsTXT = true
[params]
description = "A generated blog"
[taxonomies]
tag = "tags"
[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML", "RSS"]
[services.rss]
limit = 20
[markup.goldmark.renderer]
unsafe = false
[markup.goldmark.parser]
autoHeadingID = true
[markup.goldmark.extensions]
typographer = true
footnote = true
`,
	"static/style.css": "body{font-family:system-ui;max-width:72rem;margin:auto}\n",
	"layouts/_default/baseof.html": `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} · {{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">
{{ end }}{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">
{{ end }}<link rel="stylesheet" href="/style.css">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<meta property="og:site_name" content="{{ .Site.Title }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:description" content="{{ .Description }}">
<meta property="og:url" content="{{ .Permalink }}">
{{ $img := "" }}{{ with .Params.image }}{{ with $.Resources.GetMatch . }}{{ $img = .Permalink }}{{ end }}{{ end }}
{{ with $img }}<meta property="og:image" content="{{ . }}">
<meta property="og:image:alt" content="{{ $.Params.image_alt }}">
<meta name="twitter:card" content="summary_large_image">
<meta name="twitter:image" content="{{ . }}">{{ else }}<meta name="twitter:card" content="summary">{{ end }}
<meta name="twitter:title" content="{{ .Title }}">
<meta name="twitter:description" content="{{ .Description }}">
{{ if .IsPage }}<meta property="article:published_time" content="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">
{{ range .Params.tags }}<meta property="article:tag" content="{{ . }}">
{{ end }}<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":{{ .Title | jsonify }},"description":{{ .Description | jsonify }},"url":{{ .Permalink | jsonify }},"datePublished":{{ .Date.Format "2006-01-02T15:04:05Z07:00" | jsonify }},"dateModified":{{ .Lastmod.Format "2006-01-02T15:04:05Z07:00" | jsonify }},"author":{"@type":"Person","name":{{ .Params.author | jsonify }}},"keywords":{{ .Params.tags | jsonify }},"wordCount":{{ .WordCount }}{{ with $img }},"image":{{ . | jsonify }}{{ end }}}</script>{{ end }}
</head>
<body>
<header><a href="/">{{ .Site.Title }}</a> <nav><a href="/blog/">Archive</a> <a href="/tags/">Tags</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>© {{ .Site.Title }} · <a href="/index.xml">Feed</a></footer>
</body>
</html>
`,
	"layouts/partials/card.html": `<article class="card">{{ with .Params.image }}{{ with $.Resources.GetMatch . }}<a href="{{ $.RelPermalink }}"><img src="{{ .RelPermalink }}" alt="" loading="lazy"></a>{{ end }}{{ end }}
<h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min</p>
<p>{{ .Description }}</p>
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
`,
	"layouts/partials/pager.html": `{{ with .Paginator }}{{ if gt .TotalPages 1 }}<nav>{{ if .HasPrev }}<a rel="prev" href="{{ .Prev.URL }}">Newer</a>{{ end }} Page {{ .PageNumber }} of {{ .TotalPages }} {{ if .HasNext }}<a rel="next" href="{{ .Next.URL }}">Older</a>{{ end }}</nav>{{ end }}{{ end }}`,
	"layouts/index.html": `{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ $p := .Paginate (where .Site.RegularPages "Section" "blog") }}{{ range $p.Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pager.html" . }}{{ end }}
`,
	"layouts/_default/single.html": `{{ define "main" }}<article>
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<h1>{{ .Title }}</h1>
<p>{{ .Description }}</p>
<p>By {{ .Params.author }} · <time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min</p>
<div class="prose">{{ .Content }}</div>
<nav>{{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ range (.Paginate .Pages).Pages }}{{ partial "card.html" . }}{{ end }}
{{ partial "pager.html" . }}{{ end }}
`,
	"layouts/blog/list.html": `{{ define "main" }}<h1>Archive</h1><p>{{ len .Pages }} articles</p>
{{ range .Pages.GroupByDate "2006" }}<section><h2>{{ .Key }}</h2><ol>{{ range .Pages }}<li><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol></section>{{ end }}{{ end }}
`,
	"layouts/_default/terms.html": `{{ define "main" }}<h1>Tags</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }} {{ .Count }}</a></li>{{ end }}</ul>{{ end }}
`,
	"layouts/404.html": `{{ define "main" }}<h1>404</h1><p>Page not found</p>{{ end }}
`,
	"layouts/_default/rss.xml": `{{- $pages := .Pages -}}{{- if .IsHome }}{{ $pages = where .Site.RegularPages "Section" "blog" }}{{ end -}}
{{- $pages = first 20 $pages.ByDate.Reverse -}}
{{ printf "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>{{ .Title }}</title><link>{{ .Permalink }}</link><description>{{ .Site.Params.description }}</description>
{{ with .OutputFormats.Get "RSS" }}<atom:link href="{{ .Permalink }}" rel="self" type="application/rss+xml"/>{{ end }}
{{ range $pages }}<item><title>{{ .Title }}</title><link>{{ .Permalink }}</link><pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate><guid>{{ .Permalink }}</guid><description>{{ .Content | html }}</description></item>
{{ end }}</channel></rss>
`,
}
