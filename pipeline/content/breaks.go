package content

import (
	"bytes"
	"net/url"
	"path"
	"slices"
	"strings"
)

// Before is a file as it was before a change: at the ref a pull request
// starts from.
type Before struct {
	Path string
	// Existed is false for a file the change created.
	Existed bool
	// Item is what the file was (its frontmatter, its anchors through
	// Item.Doc()), nil when it was not an article, post or campaign.
	Item Item
}

// Recorded is what the site index recorded of a file when its content
// had the blob hash blob: a file edited since the index read it, as the
// ref has it, without reading the ref. False when the index has no record
// of that content, or made its page by its path alone (see
// ScanOptions.Kinds).
func (s *Scan) Recorded(p string, blob [20]byte) (Item, bool) {
	i := s.at(p)
	if i < 0 || s.files[i].rec == nil || s.files[i].rec.blob != blob || s.files[i].disk == nil {
		return nil, false // no record of it, or the record is the page itself
	}
	rec := s.files[i].rec
	return rec.pageItem, rec.page != nil && rec.page.outline != noOutline
}

// Broken finds the links of other pages that a change breaks: links that
// led to a page, an anchor or a file that existed before and is gone now
// (a removed or renamed article, a renamed heading, a deleted image). It
// returns them by the page that holds them (an article of r that the
// change did not touch), each with the addresses that broke, as written.
// A link that was already broken before the change is not one of them.
func Broken(r *Repo, before []Before) map[string][]string {
	c := &change{now: r, touched: map[string]bool{}, lost: map[string]map[string]bool{}, was: map[string]*Article{}}
	// The old site, as far as the change is concerned: the touched files
	// as they were, to resolve the links that lead nowhere now.
	var oldDocs []*Document
	var oldItems []Item
	oldAssets := map[string]bool{}
	// names are what a link to a touched file must contain as a path
	// segment: its file name, its folder for a bundle, its slugs.
	names := map[string]bool{}
	addName := func(n string) {
		if n = strings.TrimSuffix(n, path.Ext(n)); n != "" && n != "index" {
			names[n] = true
		}
	}
	site := r.Config.Site
	for _, b := range before {
		c.touched[b.Path] = true
		if !b.Existed {
			continue
		}
		addName(path.Base(b.Path))
		if path.Base(b.Path) == "index.md" {
			addName(path.Base(path.Dir(b.Path)))
		}
		if !strings.EqualFold(path.Ext(b.Path), ".md") {
			if !r.Assets[b.Path] {
				oldAssets[b.Path] = true
			}
			continue
		}
		old, ok := b.Item.(*Article)
		if !ok {
			continue
		}
		names[old.Slug] = true
		c.was[b.Path] = old
		// The anchors its address lost, whichever article is there now
		// (the same file, or a bundle that became a flat file).
		at := URLPath(site, old)
		now := r.articleAt(at)
		lost := map[string]bool{}
		for id := range old.Anchors() {
			if now == nil || !now.Anchors()[id] {
				lost[id] = true
			}
		}
		c.lost[at] = lost
		if now == nil || now.Path != old.Path {
			// Gone from its address or from its file: links there break.
			oldDocs = append(oldDocs, old.Document)
			oldItems = append(oldItems, old)
		}
	}
	if len(names) == 0 {
		return nil
	}
	slices.SortFunc(oldDocs, func(a, b *Document) int { return strings.Compare(a.Path, b.Path) })
	c.old = newRepo(r.Config, oldDocs, oldItems, oldAssets)
	out := map[string][]string{}
	find := needles(names)
	for _, a := range r.Articles {
		if !mayMention(a, names, find) || c.touched[a.Path] {
			continue
		}
		dests := []string{}
		if a.Image != "" {
			dests = append(dests, a.Image)
		}
		for _, l := range a.Links() {
			dests = append(dests, l.Dest)
		}
		for _, dest := range dests {
			if !mentions(dest, names) || !c.breaks(a, dest) {
				continue
			}
			if !slices.Contains(out[a.Path], dest) {
				out[a.Path] = append(out[a.Path], dest)
			}
		}
	}
	return out
}

// change is what Broken compares: the site now and as the change found it.
type change struct {
	now, old *Repo
	touched  map[string]bool
	// lost are the anchors each touched article's address lost, by
	// address; was are the touched articles as they were, by file.
	lost map[string]map[string]bool
	was  map[string]*Article
}

// needles are what mayMention looks for: names as written and
// percent-encoded.
func needles(names map[string]bool) [][]byte {
	var out [][]byte
	for n := range names {
		out = append(out, []byte(n))
		if e := url.PathEscape(n); e != n {
			out = append(out, []byte(e))
		}
	}
	return out
}

// mayMention says whether an article may link to one of names, without
// parsing it: false means it certainly does not. find are the names'
// needles.
func mayMention(a *Article, names map[string]bool, find [][]byte) bool {
	if a.Image != "" && mentions(a.Image, names) {
		return true
	}
	src := a.outlineOrBody()
	for _, n := range find {
		if bytes.Contains(src, n) {
			return true
		}
	}
	return false
}

// outlineOrBody is what holds an article's links: its body, or the
// index's record of them.
func (a *Article) outlineOrBody() []byte {
	if a.Indexed() {
		return a.outline.raw
	}
	return a.Body()
}

// breaks says whether a link written in from worked before the change and
// does not now.
func (c *change) breaks(from *Article, dest string) bool {
	t := c.now.ResolveFrom(from, dest)
	switch {
	case t.External:
		return false
	case t.Found && t.Article != nil:
		target := t.Article
		// The page is there; its anchor may not be, or it may have
		// become a draft that the blog does not publish.
		if t.Fragment != "" && c.lost[URLPath(c.now.Config.Site, target)][t.Fragment] {
			return true
		}
		was := c.was[target.Path]
		return target.Draft && !from.Draft && target != from && was != nil && !was.Draft
	case t.Found:
		return false
	}
	// It leads nowhere now: did it lead to a touched file before?
	was := c.old.ResolveFrom(from, dest)
	if !was.Found || was.External {
		return false
	}
	if was.Article != nil && was.Fragment != "" {
		return was.Article.Anchors()[was.Fragment]
	}
	return true
}

// ResolveFrom is Resolve for a link of an article, which also reads a
// relative address against the page's address, as a browser does
// (../other-slug/ from /fr/blog/this-slug/), when it names no file.
func (r *Repo) ResolveFrom(from *Article, dest string) Target {
	t := r.Resolve(from.Document, dest)
	if t.Found || t.External {
		return t
	}
	u, err := url.Parse(dest)
	if err != nil || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return t
	}
	to := path.Join(URLPath(r.Config.Site, from), u.Path)
	if a := r.articleAt(to + "/"); a != nil && strings.HasPrefix(to, "/") {
		return Target{Article: a, Fragment: t.Fragment, Found: true}
	}
	return t
}

// LinkPositions are where an article writes links to dests: in its body,
// and its cover image's value in the frontmatter.
func (a *Article) LinkPositions(dests []string) []Position {
	var out []Position
	if a.Image != "" && slices.Contains(dests, a.Image) {
		out = append(out, a.ValuePos("image"))
	}
	for _, l := range a.Links() {
		if slices.Contains(dests, l.Dest) {
			out = append(out, a.BodyPos(l.Offset))
		}
	}
	return out
}
