package content

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/decode"
)

// Dir is the content folder of a repo.
const Dir = "content"

// MaxFileSize is the largest content file cm reads. Bigger files are
// reported, not loaded: they are almost always a misplaced asset.
const MaxFileSize = 8 << 20

// Repo is everything loaded from a content repository.
type Repo struct {
	Config *config.Config
	// Documents are every Markdown file under content/, sorted by path,
	// including the ones that could not be read or placed.
	Documents []*Document
	// Items are the articles, posts and campaigns, sorted by path.
	Items     []Item
	Articles  []*Article
	Posts     []*Post
	Campaigns []*Campaign
	// Assets are the other files under content/ (images, PDFs), by
	// repo-relative path.
	Assets map[string]bool

	// itemPaths are the paths of Items, in the same order: a search in
	// them finds an item without building a map of 20,000 paths.
	itemPaths []string
	byURL     map[string]*Article
}

// Item returns the item at a repo-relative path, or nil.
func (r *Repo) Item(p string) Item {
	if i, found := slices.BinarySearch(r.itemPaths, p); found {
		return r.Items[i]
	}
	return nil
}

// Load reads every content file of the repo at cfg.Root, in parallel, and
// returns them in a deterministic order. Errors in files are not returned:
// they are Problems of their Documents. Only a failure to walk the tree is.
func Load(cfg *config.Config) (*Repo, error) {
	paths, assets, err := walk(cfg.Root)
	if err != nil {
		return nil, err
	}
	docs := make([]*Document, len(paths))
	items := make([]Item, len(paths))
	work := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range work {
				docs[i], items[i] = loadFile(cfg, paths[i])
			}
		})
	}
	for i := range paths {
		work <- i
	}
	close(work)
	wg.Wait()

	r := newRepo(cfg, docs, items, assets)
	r.link()
	return r, nil
}

// newRepo indexes documents sorted by path and their items (nil for files
// that are not one); linking is left to the caller.
func newRepo(cfg *config.Config, docs []*Document, items []Item, assets map[string]bool) *Repo {
	r := &Repo{Config: cfg, Documents: docs, Assets: assets, byURL: make(map[string]*Article, len(items)/2),
		Items: make([]Item, 0, len(items)), itemPaths: make([]string, 0, len(items))}
	for _, it := range items {
		if it == nil {
			continue
		}
		r.Items = append(r.Items, it)
		r.itemPaths = append(r.itemPaths, it.Doc().Path)
		switch x := it.(type) {
		case *Article:
			r.Articles = append(r.Articles, x)
			r.byURL[URLPath(cfg.Site, x)] = x
		case *Post:
			r.Posts = append(r.Posts, x)
		case *Campaign:
			r.Campaigns = append(r.Campaigns, x)
		}
	}
	if !slices.IsSorted(r.itemPaths) {
		// Callers pass items in path order; should one not, Item still
		// finds them.
		slices.SortStableFunc(r.Items, func(a, b Item) int { return strings.Compare(a.Doc().Path, b.Doc().Path) })
		for i, it := range r.Items {
			r.itemPaths[i] = it.Doc().Path
		}
	}
	return r
}

// walk lists the Markdown files and the assets under content/, skipping
// hidden files and editors' temporary files.
func walk(root string) ([]string, map[string]bool, error) {
	return walkUnder(root, filepath.Join(root, Dir))
}

// walkUnder is walk for the folder base of the repo at root.
func walkUnder(root, base string) ([]string, map[string]bool, error) {
	var paths []string
	assets := map[string]bool{}
	// A folder that is a symbolic link (content/ kept elsewhere) is read
	// where it points, its files named as under base.
	walked, relBase := base, ""
	if info, err := os.Lstat(base); err == nil && info.Mode()&os.ModeSymlink != 0 {
		if target, err := filepath.EvalSymlinks(base); err == nil {
			walked = target
			if relBase, err = filepath.Rel(root, base); err != nil {
				return nil, nil, err
			}
		}
	}
	base = walked
	err := filepath.WalkDir(base, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if p == base && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // a repo without content yet, or a folder just removed
			}
			return fmt.Errorf("reading %s: %w", p, err)
		}
		name := e.Name()
		if p != base && skipped(name) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if relBase != "" {
			rel, err = filepath.Rel(base, p)
			rel = filepath.Join(relBase, rel)
		}
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if strings.EqualFold(path.Ext(name), ".md") {
			if name != "README.md" {
				paths = append(paths, rel)
			}
		} else {
			assets[rel] = true
		}
		return nil
	})
	return paths, assets, err
}

// skipped says whether a file or folder name is hidden or an editor's
// temporary file (backup~, #autosave#), which cm does not read.
func skipped(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#")
}

// placement is what a path says about a file.
type placement struct {
	kind     Kind
	slug     string // articles
	bundle   bool
	campaign string // campaigns and their posts
	problem  string
}

func place(p string) placement {
	parts := strings.Split(strings.TrimPrefix(p, Dir+"/"), "/")
	name := parts[len(parts)-1]
	stem := strings.TrimSuffix(name, path.Ext(name))
	switch parts[0] {
	case "blog":
		switch {
		case len(parts) == 2:
			return placement{kind: KindArticle, slug: stem}
		case len(parts) == 3 && name == "index.md":
			return placement{kind: KindArticle, slug: parts[1], bundle: true}
		case len(parts) == 3:
			return placement{problem: fmt.Sprintf("a page bundle holds one article, %s/index.md; %s is not read", path.Dir(p), name)}
		}
		return placement{problem: "articles are content/blog/SLUG.md or content/blog/SLUG/index.md; this file is too deep to be one"}
	case "social":
		if len(parts) >= 2 {
			return placement{kind: KindPost}
		}
	case "campaigns":
		switch {
		case len(parts) == 3 && name == "index.md":
			return placement{kind: KindCampaign, campaign: parts[1]}
		case len(parts) >= 3:
			return placement{kind: KindPost, campaign: parts[1]}
		}
		return placement{problem: "a campaign is a folder: content/campaigns/NAME/index.md, with its posts beside it"}
	}
	return placement{problem: "cm reads content/blog (articles), content/social (posts) and content/campaigns (campaigns); move the file into one of them"}
}

func loadFile(cfg *config.Config, p string) (*Document, Item) {
	src, readProblem, fix := readFile(filepath.Join(cfg.Root, filepath.FromSlash(p)))
	if readProblem != "" {
		d := newDocument(p, src)
		d.Problems = append(d.Problems, Problem{Rule: "schema.file", Pos: Position{1, 1}, Message: readProblem, Suggestion: fix})
		return d, nil
	}
	return Parse(cfg, p, src)
}

// Parse reads one content file from memory: p is its repo-relative path,
// which says what kind of content it is. Problems are recorded on the
// document; the item is nil when the file is not an article, post or
// campaign or its frontmatter cannot be read. Campaign posts are linked to
// their campaign by Load, not here.
func Parse(cfg *config.Config, p string, src []byte) (*Document, Item) {
	pl := place(p)
	d := newDocument(p, src)
	d.Kind = pl.kind
	if !utf8.Valid(src) {
		d.Kind = KindUnknown
		d.Problems = append(d.Problems, Problem{Rule: "schema.file", Pos: d.Pos(invalidUTF8(src)),
			Message: "the file is not valid UTF-8 text", Suggestion: "save it as UTF-8 in your editor"})
		return d, nil
	}
	if pl.problem != "" {
		d.Problems = append(d.Problems, Problem{Rule: "schema.file", Pos: Position{1, 1}, Message: pl.problem,
			Suggestion: "move or rename the file"})
		return d, nil
	}
	s, err := splitFrontmatter(src)
	d.Format, d.FrontStart, d.BodyStart = s.format, s.frontStart, s.bodyStart
	d.FrontLine = d.Pos(s.frontStart).Line
	switch {
	case errors.Is(err, errUnclosed):
		delim := "---"
		if s.format == TOML {
			delim = "+++"
		}
		d.FrontLine = s.openLine + 1
		d.Problems = append(d.Problems, Problem{Rule: "schema.yaml", Pos: Position{s.openLine, 1},
			Message:    fmt.Sprintf("the frontmatter opened on line %d is never closed", s.openLine),
			Suggestion: fmt.Sprintf("add a line with %s after the last key", delim)})
	case err != nil:
		d.Problems = append(d.Problems, Problem{Rule: "schema.yaml", Pos: Position{1, 1}, Message: err.Error()})
	case s.format != NoFrontmatter:
		d.parseFront(s)
	}
	d.lang = cfg.Site.DefaultLanguage
	if len(d.Problems) > 0 {
		// The frontmatter cannot be read: listing every key as missing
		// would bury the one real problem.
		return d, nil
	}
	return d, decodeItem(cfg, d, pl)
}

// readFile reads a content file, or says why it cannot and how to fix it.
func readFile(p string) (src []byte, problem, fix string) {
	f, err := os.Open(p)
	if err != nil {
		problem, fix = describeIOError(err)
		return nil, problem, fix
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		problem, fix = describeIOError(err)
		return nil, problem, fix
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Sprintf("the file is %.1f MB, over the %d MB limit of a content file", float64(info.Size())/(1<<20), MaxFileSize>>20),
			"split it, or move large data out of content/"
	}
	src = make([]byte, info.Size())
	if _, err := io.ReadFull(f, src); err != nil {
		problem, fix = describeIOError(err)
		return nil, problem, fix
	}
	head := src[:min(len(src), 8000)]
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, "this is a binary file, not Markdown text", "rename it if it is an image or document, or save it as UTF-8 text"
	}
	return src, "", ""
}

func describeIOError(err error) (problem, fix string) {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		switch {
		case errors.Is(pe.Err, errTooManyLinks()):
			return "cannot read the file: a symbolic link points to itself (a loop)", "point the link at a real file, or remove it"
		case errors.Is(pe.Err, fs.ErrNotExist):
			return "cannot read the file: it is a symbolic link to nothing", "point the link at a real file, or remove it"
		case errors.Is(pe.Err, fs.ErrPermission):
			return "cannot read the file: permission denied", "make it readable (chmod a+r)"
		}
		return "cannot read the file: " + pe.Err.Error(), ""
	}
	return "cannot read the file: " + err.Error(), ""
}

func invalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return 0
}

// decodeItem turns a document's frontmatter into its typed item and records
// every schema problem on the document.
func decodeItem(cfg *config.Config, d *Document, pl placement) Item {
	opts := decode.Options{Location: cfg.Location}
	decodeInto := func(v any) {
		for _, p := range decode.Node(d.Front, v, opts) {
			d.Problems = append(d.Problems, Problem{Rule: "schema." + p.Kind.String(),
				Pos:     Position{Line: d.FrontLine + p.Line - 1, Column: p.Column},
				Message: p.Message, Suggestion: p.Suggestion})
		}
		if d.Front == nil && d.Format == NoFrontmatter {
			// Say where the frontmatter goes, not only what is missing.
			for i := range d.Problems {
				if d.Problems[i].Rule == "schema.required" {
					d.Problems[i].Pos = Position{1, 1}
					d.Problems[i].Suggestion = "start the file with frontmatter: a line ---, the keys, and a line ---"
				}
			}
		}
	}
	var it Item
	switch pl.kind {
	case KindArticle:
		a := &Article{Document: d, Bundle: pl.bundle}
		decodeInto(&a.ArticleMeta)
		if a.Slug == "" {
			a.Slug = pl.slug
		}
		a.Lang = d.resolveLang(cfg, a.Lang)
		if a.Author == "" {
			a.Author = cfg.Site.Author
		}
		d.checkChannelKeys(cfg, "share", a.Share)
		it = a
	case KindPost:
		p := &Post{Document: d}
		decodeInto(&p.PostMeta)
		if _, v := d.Key("publish_at"); v == nil {
			p.PublishAt.Queued = true
		}
		p.Text = strings.TrimSpace(string(d.Body()))
		p.Lang = d.resolveLang(cfg, p.Lang)
		d.checkChannelList(cfg, "channels", p.Channels)
		d.checkChannelKeys(cfg, "variants", p.Variants)
		it = p
	case KindCampaign:
		c := &Campaign{Document: d, Name: pl.campaign}
		decodeInto(&c.CampaignMeta)
		c.Lang = d.resolveLang(cfg, c.Lang)
		d.checkChannelList(cfg, "channels", c.Channels)
		if !c.Starts.IsZero() && !c.Ends.IsZero() && !c.Ends.After(c.Starts) {
			d.problem("schema.type", d.ValuePos("ends"), "the campaign ends before it starts", "set ends after starts")
		}
		it = c
	default:
		return nil
	}
	return it
}

func (d *Document) problem(rule string, pos Position, msg, fix string) {
	d.Problems = append(d.Problems, Problem{Rule: rule, Pos: pos, Message: msg, Suggestion: fix})
}

func (d *Document) resolveLang(cfg *config.Config, lang string) string {
	if lang == "" {
		lang = cfg.Site.DefaultLanguage
	} else if !slices.Contains(cfg.Site.Languages, lang) {
		d.problem("schema.type", d.ValuePos("lang"),
			fmt.Sprintf("lang %q is not one of the site's languages (%s)", lang, strings.Join(cfg.Site.Languages, ", ")),
			"use one of them, or add it to site.languages in cm.yaml")
		lang = cfg.Site.DefaultLanguage
	}
	d.lang = lang
	return lang
}

// checkChannelList reports list entries that name no configured channel.
func (d *Document) checkChannelList(cfg *config.Config, key string, names []string) {
	_, list := d.Key(key)
	for i, name := range names {
		if _, ok := cfg.Channels[name]; ok {
			continue
		}
		pos := d.ValuePos(key)
		if list != nil && i < len(list.Content) {
			pos = d.NodePos(list.Content[i])
		}
		d.problem("schema.unknown-key", pos, fmt.Sprintf("channel %q is not configured in cm.yaml", name), channelFix(cfg, name))
	}
}

// checkChannelKeys reports map keys (variants, share) that name no channel.
func (d *Document) checkChannelKeys(cfg *config.Config, key string, m map[string]string) {
	_, node := d.Key(key)
	if node == nil {
		return
	}
	for i := 0; i+1 < len(node.Content); i += 2 {
		name := node.Content[i].Value
		if _, ok := cfg.Channels[name]; !ok {
			d.problem("schema.unknown-key", d.NodePos(node.Content[i]),
				fmt.Sprintf("%s.%s: %q is not a channel configured in cm.yaml", key, name, name), channelFix(cfg, name))
		}
	}
}

func channelFix(cfg *config.Config, name string) string {
	names := cfg.ChannelNames()
	if s := decode.DidYouMean(name, names); s != "" {
		return s
	}
	return "configured channels: " + strings.Join(names, ", ")
}

// link attaches campaign posts to their campaign and lets them inherit its
// channels and language.
func (r *Repo) link() {
	r.linkPosts(r.Posts)
	sortProblems(r.Documents)
}

// linkPosts links posts that were just parsed (all of them for Load, the
// re-read ones for Update) and records the problems only linking can see.
func (r *Repo) linkPosts(posts []*Post) {
	byName := map[string]*Campaign{}
	for _, c := range r.Campaigns {
		byName[c.Name] = c
	}
	for _, p := range posts {
		if !strings.HasPrefix(p.Path, Dir+"/campaigns/") {
			continue // not a campaign's post
		}
		pl := place(p.Path)
		if pl.campaign == "" {
			continue
		}
		c := byName[pl.campaign]
		if c == nil {
			p.problem("schema.file", Position{1, 1},
				fmt.Sprintf("this post is in content/campaigns/%s, which has no index.md", pl.campaign),
				"create the campaign with cm new campaign, or move the post to content/social")
			continue
		}
		p.Campaign = c
		c.Posts = append(c.Posts, p)
		if len(p.Channels) == 0 {
			p.Channels = slices.Clone(c.Channels)
		}
	}
	for _, p := range posts {
		if len(p.Channels) == 0 {
			p.problem("schema.required", Position{1, 1}, "channels is required: the post goes nowhere",
				"add `channels: [name]` with channels from cm.yaml")
			if p.FrontLine > 0 && p.Front != nil {
				p.Problems[len(p.Problems)-1].Pos = p.NodePos(p.Front)
			}
		}
		if p.Text == "" && len(p.Variants) == 0 {
			p.problem("schema.required", Position{Line: p.Pos(p.BodyStart).Line, Column: 1}, "the post has no text",
				"write the post's text after the frontmatter")
		}
	}
}

func sortProblems(docs []*Document) {
	for _, d := range docs {
		if len(d.Problems) < 2 {
			continue
		}
		sort.SliceStable(d.Problems, func(i, j int) bool {
			a, b := d.Problems[i].Pos, d.Problems[j].Pos
			return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column)
		})
	}
}
