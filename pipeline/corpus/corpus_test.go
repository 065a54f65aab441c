package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// smallOptions keep the tests fast while exercising every kind of file.
var smallOptions = Options{
	Articles:    160,
	Posts:       120,
	Campaigns:   2,
	Languages:   []string{"fr", "en"},
	Seed:        7,
	BundleShare: 0.25,
}

// fixture is one corpus generated with smallOptions, shared by the tests
// that only read it.
var fixture struct {
	once  sync.Once
	root  string // removed by TestMain
	dir   string
	stats Stats
	err   error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.root != "" {
		os.RemoveAll(fixture.root)
	}
	os.Exit(code)
}

func sharedCorpus(t *testing.T) string {
	t.Helper()
	fixture.once.Do(func() {
		fixture.root, fixture.err = os.MkdirTemp("", "corpus-test-")
		if fixture.err == nil {
			fixture.dir = filepath.Join(fixture.root, "repo")
			fixture.stats, fixture.err = Generate(fixture.dir, smallOptions)
		}
	})
	if fixture.err != nil {
		t.Fatalf("Generate: %v", fixture.err)
	}
	return fixture.dir
}

func generate(t testing.TB, opts Options) (string, Stats) {
	t.Helper()
	dir := t.TempDir()
	stats, err := Generate(dir, opts)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	return dir, stats
}

// treeHash hashes every file's path and content, in walk order (sorted).
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		h.Write([]byte(rel + "\x00"))
		h.Write(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestGenerateIsDeterministic(t *testing.T) {
	opts := Options{Articles: 60, Posts: 60, Campaigns: 1, Seed: 7, BundleShare: 0.3}
	a, _ := generate(t, opts)
	b, _ := generate(t, opts)
	if ha, hb := treeHash(t, a), treeHash(t, b); ha != hb {
		t.Fatalf("same options, different trees: %s != %s", ha, hb)
	}
	other := opts
	other.Seed++
	c, _ := generate(t, other)
	if treeHash(t, a) == treeHash(t, c) {
		t.Fatal("seeds 7 and 8 produced the same tree")
	}
}

func TestGenerateCounts(t *testing.T) {
	dir := sharedCorpus(t)
	stats := fixture.stats
	want := Stats{Articles: smallOptions.Articles, Posts: smallOptions.Posts, Campaigns: smallOptions.Campaigns}
	if stats.Articles != want.Articles || stats.Posts != want.Posts || stats.Campaigns != want.Campaigns {
		t.Errorf("stats = %+v, want counts %+v", stats, want)
	}
	if n := smallOptions.Campaigns; stats.CampaignPosts < n*5 || stats.CampaignPosts > n*20 {
		t.Errorf("campaign posts = %d, want 5 to 20 per campaign", stats.CampaignPosts)
	}
	var onDisk Stats
	var articles, social, campaignFiles int
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		onDisk.Files++
		onDisk.Bytes += info.Size()
		rel := filepath.ToSlash(path[len(dir)+1:])
		switch {
		case strings.HasSuffix(rel, ".png"):
			onDisk.Images++
		case strings.HasPrefix(rel, "content/blog/"):
			articles++
			if strings.HasSuffix(rel, "/index.md") {
				onDisk.Bundles++
			}
		case strings.HasPrefix(rel, "content/social/"):
			social++
		case strings.HasPrefix(rel, "content/campaigns/"):
			campaignFiles++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want int
	}{
		{"articles", articles, stats.Articles},
		{"bundles", onDisk.Bundles, stats.Bundles},
		{"social posts", social, stats.Posts},
		{"campaign files", campaignFiles, stats.Campaigns + stats.CampaignPosts},
		{"images", onDisk.Images, stats.Images},
		{"files", onDisk.Files, stats.Files},
		{"bytes", int(onDisk.Bytes), int(stats.Bytes)},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s on disk = %d, stats say %d", c.name, c.got, c.want)
		}
	}
	if share := float64(stats.Bundles) / float64(stats.Articles); share < 0.15 || share > 0.35 {
		t.Errorf("bundle share = %.2f, want about 0.25", share)
	}
}

func TestGenerateRejectsBadOptions(t *testing.T) {
	for _, opts := range []Options{
		{Articles: -1},
		{BundleShare: 1.5},
		{Languages: []string{"de"}},
		{Languages: []string{"fr", "fr"}},
	} {
		if _, err := Generate(t.TempDir(), opts); err == nil {
			t.Errorf("Generate(%+v) succeeded, want an error", opts)
		}
	}
}

// document is a generated Markdown file, split.
type document struct {
	path string
	meta map[string]any
	body string
}

// readDocuments parses every .md file under dir/sub.
func readDocuments(t *testing.T, dir, sub string) []document {
	t.Helper()
	var docs []document
	err := filepath.WalkDir(filepath.Join(dir, sub), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".md" {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rest, ok := bytes.CutPrefix(data, []byte("---\n"))
		head, body, found := bytes.Cut(rest, []byte("\n---\n"))
		if !ok || !found {
			t.Fatalf("%s: no frontmatter", path)
		}
		doc := document{path: path, body: string(body)}
		if err := yaml.Unmarshal(head, &doc.meta); err != nil {
			t.Fatalf("%s: frontmatter is not YAML: %v", path, err)
		}
		docs = append(docs, doc)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func (d document) str(t *testing.T, key string) string {
	t.Helper()
	s, ok := d.meta[key].(string)
	if !ok {
		t.Errorf("%s: %s = %#v, want a string", d.path, key, d.meta[key])
	}
	return s
}

// articleSlug is the slug an article file stands for.
func articleSlug(path string) string {
	if filepath.Base(path) == "index.md" {
		return filepath.Base(filepath.Dir(path))
	}
	return strings.TrimSuffix(filepath.Base(path), ".md")
}

var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func TestArticles(t *testing.T) {
	dir := sharedCorpus(t)
	docs := readDocuments(t, dir, "content/blog")
	required := []string{"title", "description", "date", "draft", "author", "tags", "keyphrase", "lang", "sponsored"}
	for _, d := range docs {
		for _, key := range required {
			if _, ok := d.meta[key]; !ok {
				t.Errorf("%s: missing %s", d.path, key)
			}
		}
		title, desc, kp := d.str(t, "title"), d.str(t, "description"), d.str(t, "keyphrase")
		if n := runeLen(title); n < 30 || n > 60 {
			t.Errorf("%s: title %q has %d characters, want 30 to 60", d.path, title, n)
		}
		if n := runeLen(desc); n < 120 || n > 156 {
			t.Errorf("%s: description %q has %d characters, want 120 to 156", d.path, desc, n)
		}
		if n := len(strings.Fields(kp)); n < 2 || n > 3 {
			t.Errorf("%s: keyphrase %q has %d words, want 2 or 3", d.path, kp, n)
		}
		for _, where := range []string{title, d.body} {
			if !strings.Contains(strings.ToLower(where), strings.ToLower(kp)) {
				t.Errorf("%s: keyphrase %q missing from %.60q", d.path, kp, where)
			}
		}
		date, ok := d.meta["date"].(time.Time)
		if !ok || date.Year() < 2024 || !date.Before(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: date %v, want a time between 2024-01-01 and 2026-11-01", d.path, d.meta["date"])
		}
		if tags, _ := d.meta["tags"].([]any); len(tags) < 1 || len(tags) > 4 {
			t.Errorf("%s: %d tags, want 1 to 4", d.path, len(tags))
		}
		if n := countWords(d.body); n < 600 || n > 1200 {
			t.Errorf("%s: body has %d words, want 600 to 1200", d.path, n)
		}
		if slug := articleSlug(d.path); !slugPattern.MatchString(slug) {
			t.Errorf("%s: slug %q is not lowercase ASCII with hyphens", d.path, slug)
		}
		checkBundle(t, d)
		checkBlocks(t, d)
	}
}

// checkBundle: a bundle names its cover, which exists beside it.
func checkBundle(t *testing.T, d document) {
	t.Helper()
	image, hasImage := d.meta["image"].(string)
	if (filepath.Base(d.path) == "index.md") != hasImage {
		t.Errorf("%s: image = %q, want one exactly for bundles", d.path, image)
		return
	}
	if !hasImage {
		return
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(d.path), image)); err != nil {
		t.Errorf("%s: %v", d.path, err)
	}
	if d.str(t, "image_alt") == "" {
		t.Errorf("%s: bundle without image_alt", d.path)
	}
}

// checkBlocks: paragraphs hold 40 to 120 words, and headings come every
// 150 to 300 words.
func checkBlocks(t *testing.T, d document) {
	t.Helper()
	section := 0
	blocks := strings.Split(strings.TrimSpace(d.body), "\n\n")
	for i, block := range blocks {
		words := countWords(block)
		switch {
		case strings.HasPrefix(block, "#"):
			if section < 150 || section > 300 {
				t.Errorf("%s: %d words before heading %q, want 150 to 300", d.path, section, block)
			}
			section = 0
			continue
		case strings.HasPrefix(block, "- "), strings.HasPrefix(block, "!["),
			strings.HasPrefix(block, "*"), strings.HasSuffix(block, ":"):
			// Lists, their lead-in, images and disclosures are not paragraphs.
		case words < 40 || words > 120:
			t.Errorf("%s: paragraph %d has %d words, want 40 to 120", d.path, i, words)
		}
		section += words
	}
}

var internalLink = regexp.MustCompile(`\]\(/(fr|en)/blog/([^/)]*)/\)`)

func TestInternalLinksPointToPublishedArticles(t *testing.T) {
	dir := sharedCorpus(t)
	docs := readDocuments(t, dir, "content/blog")
	lang := map[string]string{}
	draft := map[string]bool{}
	for _, d := range docs {
		slug := articleSlug(d.path)
		lang[slug] = d.str(t, "lang")
		draft[slug], _ = d.meta["draft"].(bool)
	}
	links := 0
	for _, d := range docs {
		matches := internalLink.FindAllStringSubmatch(d.body, -1)
		if len(matches) == 0 {
			t.Errorf("%s: no internal link", d.path)
		}
		for _, m := range matches {
			links++
			target, ok := lang[m[2]]
			switch {
			case !ok:
				t.Errorf("%s: link to %s, which does not exist", d.path, m[0])
			case target != m[1] || target != d.str(t, "lang"):
				t.Errorf("%s (%s): link to %s, a %s article", d.path, d.meta["lang"], m[0], target)
			case draft[m[2]]:
				t.Errorf("%s: link to %s, a draft", d.path, m[0])
			}
		}
	}
	if links < len(docs) {
		t.Errorf("%d internal links in %d articles, want at least one each", links, len(docs))
	}
}

func TestTranslations(t *testing.T) {
	dir := sharedCorpus(t)
	byKey := map[string][]string{}
	for _, d := range readDocuments(t, dir, "content/blog") {
		if key, ok := d.meta["translation_key"].(string); ok {
			byKey[key] = append(byKey[key], d.str(t, "lang"))
		}
	}
	if len(byKey) == 0 {
		t.Fatal("no translated articles")
	}
	for key, langs := range byKey {
		slices.Sort(langs)
		if !slices.Equal(langs, []string{"en", "fr"}) {
			t.Errorf("translation_key %s: languages %v, want [en fr]", key, langs)
		}
	}
}

// notProse matches what is not French text: image markers, link and
// image targets, code spans, URLs.
var notProse = regexp.MustCompile("!\\[|\\]\\([^)]*\\)|`[^`]*`|https?://\\S+")

func TestFrenchSpacing(t *testing.T) {
	dir := sharedCorpus(t)
	seen := 0
	for _, sub := range []string{"content/blog", "content/social", "content/campaigns"} {
		for _, d := range readDocuments(t, dir, sub) {
			if d.meta["lang"] != "fr" {
				continue
			}
			text := notProse.ReplaceAllString(d.body, "")
			for _, key := range []string{"title", "description"} {
				if s, ok := d.meta[key].(string); ok {
					text += "\n" + s
				}
			}
			prev := ' '
			for _, c := range text {
				if strings.ContainsRune("?!:;", c) {
					seen++
					if prev != '\u202f' {
						t.Errorf("%s: %q not preceded by U+202F in %.80q", d.path, c, text)
						break
					}
				}
				prev = c
			}
		}
	}
	if seen == 0 {
		t.Fatal("no French ? ! : ; at all")
	}
}

func TestPosts(t *testing.T) {
	dir := sharedCorpus(t)
	articles := articlePaths(t, dir)
	posts := readDocuments(t, dir, "content/social")
	queued := 0
	for _, d := range posts {
		switch at := d.meta["publish_at"].(type) {
		case string:
			if at != "next" {
				t.Errorf("%s: publish_at %q, want a time or next", d.path, at)
			}
			queued++
		case time.Time:
			if at.Year() != 2027 {
				t.Errorf("%s: publish_at %v, want 2027", d.path, at)
			}
		default:
			t.Errorf("%s: publish_at = %#v", d.path, at)
		}
		channels, _ := d.meta["channels"].([]any)
		if len(channels) == 0 || len(channels) > 2 {
			t.Errorf("%s: channels %v", d.path, channels)
		}
		checkPost(t, d, articles)
	}
	if share := float64(queued) / float64(len(posts)); share < 0.1 || share > 0.3 {
		t.Errorf("%.2f of posts queued, want about 0.2", share)
	}
}

// articlePaths are the site paths of the generated articles.
func articlePaths(t *testing.T, dir string) map[string]bool {
	t.Helper()
	paths := map[string]bool{}
	for _, d := range readDocuments(t, dir, "content/blog") {
		paths["/"+d.str(t, "lang")+"/blog/"+articleSlug(d.path)+"/"] = true
	}
	return paths
}

// checkPost checks what standalone and campaign posts share.
func checkPost(t *testing.T, d document, articles map[string]bool) {
	t.Helper()
	body := strings.TrimSpace(d.body)
	if n := runeLen(body); n < 100 || n > 400 {
		t.Errorf("%s: body has %d characters, want 100 to 400", d.path, n)
	}
	if link, ok := d.meta["link"].(string); ok && !articles[link] {
		t.Errorf("%s: link %s is not a generated article", d.path, link)
	}
	if variants, ok := d.meta["variants"].(map[string]any); ok {
		short, _ := variants["bluesky"].(string)
		if short == "" || runeLen(short) >= runeLen(body) {
			t.Errorf("%s: bluesky variant %q is not shorter than the body", d.path, short)
		}
	}
	if media, ok := d.meta["media"].([]any); ok {
		m, _ := media[0].(map[string]any)
		src, _ := m["src"].(string)
		if _, err := os.Stat(filepath.Join(filepath.Dir(d.path), src)); err != nil || m["alt"] == "" {
			t.Errorf("%s: media %v: %v", d.path, m, err)
		}
	}
}

func TestCampaigns(t *testing.T) {
	dir := sharedCorpus(t)
	articles := articlePaths(t, dir)
	entries, err := os.ReadDir(filepath.Join(dir, "content/campaigns"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		docs := readDocuments(t, dir, filepath.Join("content/campaigns", e.Name()))
		var campaign document
		var posts []document
		for _, d := range docs {
			if filepath.Base(d.path) == "index.md" {
				campaign = d
			} else {
				posts = append(posts, d)
			}
		}
		for _, key := range []string{"title", "starts", "ends", "goal", "channels", "hashtags", "lang"} {
			if _, ok := campaign.meta[key]; !ok {
				t.Errorf("%s: campaign without %s", e.Name(), key)
			}
		}
		starts, _ := campaign.meta["starts"].(time.Time)
		ends, _ := campaign.meta["ends"].(time.Time)
		if len(posts) < 5 || len(posts) > 20 {
			t.Errorf("%s: %d posts, want 5 to 20", e.Name(), len(posts))
		}
		for _, p := range posts {
			at, _ := p.meta["publish_at"].(time.Time)
			if at.Before(starts) || !at.Before(ends.AddDate(0, 0, 1)) {
				t.Errorf("%s: publish_at %v outside %v..%v", p.path, at, starts, ends)
			}
			if _, ok := p.meta["channels"]; ok {
				t.Errorf("%s: campaign post with its own channels", p.path)
			}
			checkPost(t, p, articles)
		}
	}
}

func TestConfig(t *testing.T) {
	dir, _ := generate(t, Options{Languages: []string{"en"}, Seed: 1})
	data, err := os.ReadFile(filepath.Join(dir, "cm.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Site struct {
			Languages       []string `yaml:"languages"`
			DefaultLanguage string   `yaml:"default_language"`
			Timezone        string   `yaml:"timezone"`
		} `yaml:"site"`
		Channels map[string]map[string]string `yaml:"channels"`
	}
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		t.Fatalf("cm.yaml: %v", err)
	}
	if !slices.Equal(cfg.Site.Languages, []string{"en"}) || cfg.Site.DefaultLanguage != "en" || cfg.Site.Timezone != "Europe/Paris" {
		t.Errorf("site = %+v", cfg.Site)
	}
	for _, name := range []string{"blog", "mastodon", "bluesky", "team"} {
		if _, ok := cfg.Channels[name]; !ok {
			t.Errorf("no channel %s", name)
		}
	}
}

func TestProgress(t *testing.T) {
	var calls, last, total int
	opts := Options{Articles: 300, Posts: 200, Seed: 1}
	opts.Progress = func(done, n int) { calls, last, total = calls+1, done, n }
	generate(t, opts)
	if calls < 2 || last != total || total != opts.Articles+opts.Posts+opts.Campaigns {
		t.Errorf("progress: %d calls, last %d/%d", calls, last, total)
	}
}

func BenchmarkGenerate(b *testing.B) {
	opts := Options{Articles: 1000, Languages: []string{"fr", "en"}, Seed: 1, BundleShare: 0.2}
	for b.Loop() {
		dir := b.TempDir()
		if _, err := Generate(dir, opts); err != nil {
			b.Fatal(err)
		}
	}
}
