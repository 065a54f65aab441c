package content

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cmhq/cm/pipeline/config"
)

// The site index lets a check of a few files see the whole site without
// reading it. It keeps, for every Markdown file of content/, what other
// pages' rules ask of it (the frontmatter, where its links lead, its
// anchors) and its git blob hash, keyed by the file's size and times. A
// check of one changed article of a 20,000-file repo then stats the files,
// reads the one that changed, and takes the rest from the index.
//
// The index is a cache: it lives in .cm/cache (ignored by git), is rebuilt
// whenever cm.yaml or the cm binary changes, and a file whose stat differs
// from its record is read again. A file modified within the same second as
// it was indexed is read again next time too ("racily clean", as git says),
// so an edit that keeps the size and time of the file is not missed.

// IndexFile is where the site index of a repo is kept.
func IndexFile(root string) string { return filepath.Join(root, ".cm", "cache", "index") }

// fileStat is what says a file has not changed since it was read.
type fileStat struct {
	size, mtime, ctime int64
	ino                uint64
}

// racyWindow is how close to the index's start a file's modification time
// may be before its record is not trusted: file systems with coarse
// timestamps cannot tell two writes apart within it.
const racyWindow = 2 * time.Second

// Scan is the state of the content folder against the site index: every
// Markdown file with its git blob hash, read from disk when it changed
// since it was indexed and from the index otherwise.
type Scan struct {
	cfg     *config.Config
	file    string
	key     string
	started time.Time

	paths  []string // Markdown files, sorted
	assets map[string]bool
	// records are the index's records still valid, by path.
	records map[string]*indexRecord
	// raw are the encoded records, to write back: the old file's bytes for
	// the records still valid, fresh bytes for files read again.
	raw map[string][]byte
	// previous are the index's records of the files read again.
	previous map[string]*indexRecord
	// read are the files read from disk by this scan, by path.
	read  map[string]*diskFile
	dirty bool
}

// diskFile is a file read from disk: its document, its item before
// linking, and its blob hash.
type diskFile struct {
	doc  *Document
	item Item
	blob [20]byte
}

// ScanOptions say where the index is and what it must match.
type ScanOptions struct {
	// File is the index file; "" keeps no index (every file is read).
	File string
	// Key names the cm build that writes the index: an index written by
	// another build is ignored (a new rule may read more of each file).
	Key string
}

// ScanIndexed walks content/ and reads the files that changed since the
// index was written (all of them the first time).
func ScanIndexed(cfg *config.Config, opts ScanOptions) (*Scan, error) {
	s := &Scan{cfg: cfg, file: opts.File, started: time.Now(), raw: map[string][]byte{}, read: map[string]*diskFile{}, previous: map[string]*indexRecord{}}
	s.key = indexKey(cfg, opts.Key)
	var written time.Time
	if opts.File != "" {
		s.records, written = readIndex(opts.File, s.key, cfg.Location, s.raw)
	}
	files, assets, err := scanTree(cfg.Root)
	if err != nil {
		return nil, err
	}
	s.assets = assets
	var stale []string
	trusted := written.Add(-racyWindow).UnixNano()
	for _, f := range files {
		s.paths = append(s.paths, f.path)
		rec := s.records[f.path]
		if rec != nil && f.ok && rec.stat == f.stat && f.stat.mtime < trusted && rec.stat.mtime != 0 {
			continue
		}
		stale = append(stale, f.path)
	}
	if len(s.records) != len(files)-len(stale) {
		s.dirty = true // files appeared or went away
	}
	s.readFiles(stale)
	return s, nil
}

// indexKey is what an index must have been written with to be read: the
// cm build and the bytes of cm.yaml, which decide languages, addresses and
// times.
func indexKey(cfg *config.Config, build string) string {
	h := sha256.New()
	h.Write([]byte(build))
	h.Write([]byte{0})
	if data, err := os.ReadFile(cfg.Path); err == nil {
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// readFiles reads and parses files in parallel and records them.
func (s *Scan) readFiles(paths []string) {
	if len(paths) == 0 {
		return
	}
	out := make([]*diskFile, len(paths))
	raws := make([][]byte, len(paths))
	work := make(chan int)
	var wg sync.WaitGroup
	racy := s.started.Add(-racyWindow).UnixNano()
	for range min(runtime.GOMAXPROCS(0), len(paths)) {
		wg.Go(func() {
			for i := range work {
				full := filepath.Join(s.cfg.Root, filepath.FromSlash(paths[i]))
				// Stat before reading: a write after the stat makes the
				// record stale next time, never wrongly fresh.
				var st fileStat
				if info, err := os.Stat(full); err == nil {
					st = statOf(info)
				}
				doc, item := loadFile(s.cfg, paths[i])
				f := &diskFile{doc: doc, item: item, blob: gitBlobHash(doc.Src)}
				out[i] = f
				if st.mtime >= racy || doc.Src == nil {
					st = fileStat{} // read again next time
				}
				rec := recordOf(f, st)
				var e encoder
				rec.encode(&e, s.cfg.Location)
				raws[i] = e.b
			}
		})
	}
	for i := range paths {
		work <- i
	}
	close(work)
	wg.Wait()
	for i, p := range paths {
		s.read[p] = out[i]
		s.raw[p] = raws[i]
		if rec := s.records[p]; rec != nil {
			s.previous[p] = rec
			delete(s.records, p)
		}
	}
	s.dirty = true
}

// recordOf is the index record of a file just read. Its item is the one
// Parse returned, before Load links campaigns and posts together.
func recordOf(f *diskFile, st fileStat) *indexRecord {
	d := f.doc
	rec := &indexRecord{path: d.Path, stat: st, blob: f.blob, kind: d.Kind, lang: d.lang, item: f.item}
	if a, ok := f.item.(*Article); ok {
		rec.links = d.Links()
		rec.anchors = d.Anchors()
		if a.Image != "" {
			rec.links = append(rec.links, Link{Dest: a.Image, Image: true})
		}
	}
	return rec
}

// gitBlobHash is the id git gives a file's content (git hash-object).
func gitBlobHash(data []byte) [20]byte {
	h := sha1.New()
	h.Write([]byte("blob " + strconv.Itoa(len(data)) + "\x00"))
	h.Write(data)
	var sum [20]byte
	h.Sum(sum[:0])
	return sum
}

// Paths are the Markdown files of content/, sorted.
func (s *Scan) Paths() []string { return s.paths }

// Assets are the other files of content/.
func (s *Scan) Assets() map[string]bool { return s.assets }

// Blob is the git blob hash of a Markdown file's content as it is on disk.
func (s *Scan) Blob(p string) ([20]byte, bool) {
	if f := s.read[p]; f != nil {
		return f.blob, true
	}
	if rec := s.records[p]; rec != nil {
		return rec.blob, true
	}
	return [20]byte{}, false
}

// Read says how many files the scan read from disk: the ones that changed
// since the index was written, or every file when there was none.
func (s *Scan) Read() int { return len(s.read) }

// Repo is the site with the files that full accepts (and every file the
// scan read) loaded from disk, and the others from the index: those have
// their frontmatter, links and anchors, but no source (Document.Indexed),
// and must not be checked. Call it once per scan.
func (s *Scan) Repo(full func(path string) bool) *Repo {
	var toRead []string
	for _, p := range s.paths {
		if s.read[p] == nil && full != nil && full(p) {
			toRead = append(toRead, p)
		}
	}
	s.readUnchanged(toRead)
	docs := make([]*Document, len(s.paths))
	items := make([]Item, len(s.paths))
	for i, p := range s.paths {
		if f := s.read[p]; f != nil {
			docs[i], items[i] = f.doc, f.item
		} else {
			docs[i], items[i] = s.records[p].stub()
		}
	}
	r := newRepo(s.cfg, docs, items, s.assets)
	r.link()
	return r
}

// readUnchanged reads files whose records are valid: the index keeps the
// records' bytes, which are the same.
func (s *Scan) readUnchanged(paths []string) {
	if len(paths) == 0 {
		return
	}
	kept := map[string][]byte{}
	for _, p := range paths {
		kept[p] = s.raw[p]
	}
	dirty := s.dirty
	s.readFiles(paths)
	for p, b := range kept {
		s.raw[p] = b
	}
	s.dirty = dirty
}

// Expand reads from disk the articles of r among paths that came from the
// index, so that they can be checked: each keeps its *Article, whose
// frontmatter is the file's, and gets the document read from disk.
func (s *Scan) Expand(r *Repo, paths []string) {
	var toRead []string
	for _, p := range paths {
		if a, ok := r.Item(p).(*Article); ok && a.Indexed() {
			toRead = append(toRead, p)
		}
	}
	s.readUnchanged(toRead)
	for _, p := range toRead {
		a := r.Item(p).(*Article)
		f := s.read[p]
		if _, ok := f.item.(*Article); !ok {
			continue // cannot happen for an unchanged file; keep the stub
		}
		i, found := slices.BinarySearchFunc(r.Documents, p, func(d *Document, p string) int { return strings.Compare(d.Path, p) })
		if !found {
			continue
		}
		a.Document = f.doc
		r.Documents[i] = f.doc
	}
}

// stub is the document and item a record stands for: the frontmatter,
// links and anchors of a file without its source.
func (rec *indexRecord) stub() (*Document, Item) {
	d := &Document{Path: rec.path, Kind: rec.kind, lang: rec.lang,
		outline: &outline{links: rec.links, anchors: rec.anchors}}
	switch it := rec.item.(type) {
	case *Article:
		a := *it
		a.Document = d
		return d, &a
	case *Post:
		p := *it
		p.Document = d
		return d, &p
	case *Campaign:
		c := *it
		c.Document = d
		return d, &c
	}
	return d, nil
}

// Indexed says whether a document was read from the site index rather
// than from disk: it has no source, and rules must not check it.
func (d *Document) Indexed() bool { return d.outline != nil }

// LinkingTo lists the articles, not among touched, whose links or cover
// image may lead to a touched file: a changed or deleted article (by its
// address or file), or a deleted image or file. They are the pages a change
// can break without being changed itself (a renamed heading, a removed
// article), to check for broken links. old are the index's records of the
// touched files before this scan read them again, for their old addresses.
//
// LinkingTo is generous: a link that leads nowhere and names a touched
// file is listed even if it was broken before the change.
func (s *Scan) LinkingTo(r *Repo, touched []string) []string {
	isTouched := map[string]bool{}
	// Names a link to a touched file must contain as a path segment: its
	// file name, its folder for a bundle, its slug (old and new).
	names := map[string]bool{}
	addName := func(n string) {
		if n = strings.TrimSuffix(n, path.Ext(n)); n != "" && n != "index" {
			names[n] = true
		}
	}
	for _, p := range touched {
		isTouched[p] = true
		addName(path.Base(p))
		if path.Base(p) == "index.md" {
			addName(path.Base(path.Dir(p)))
		}
		if a, ok := r.Item(p).(*Article); ok {
			names[a.Slug] = true
		}
		if rec := s.oldRecord(p); rec != nil {
			if a, ok := rec.item.(*Article); ok && a.Slug != "" {
				names[a.Slug] = true
			}
		}
	}
	var out []string
	for _, a := range r.Articles {
		if isTouched[a.Path] {
			continue
		}
		dests := []string{}
		if a.Image != "" && !a.Indexed() {
			dests = append(dests, a.Image) // the index lists it among the links
		}
		for _, l := range a.Links() {
			dests = append(dests, l.Dest)
		}
		for _, dest := range dests {
			if !mentions(dest, names) {
				continue
			}
			t := r.Resolve(a.Document, dest)
			if t.External {
				continue
			}
			if !t.Found || (t.Article != nil && isTouched[t.Article.Path]) || isTouched[t.Asset] {
				out = append(out, a.Path)
				break
			}
		}
	}
	return out
}

// oldRecord is the index's record of a file as it was before this scan.
func (s *Scan) oldRecord(p string) *indexRecord {
	if rec := s.records[p]; rec != nil {
		return rec
	}
	return s.previous[p]
}

// mentions says whether one of the path segments of a link, without its
// extension, query or fragment, is one of names.
func mentions(dest string, names map[string]bool) bool {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	for seg := range strings.SplitSeq(dest, "/") {
		if names[strings.TrimSuffix(seg, path.Ext(seg))] {
			return true
		}
	}
	return false
}

// Save writes the index if the scan changed it. It never fails a check: a
// repo that cannot hold .cm/cache is checked without an index.
func (s *Scan) Save() error {
	if s.file == "" || !s.dirty {
		return nil
	}
	var b bytes.Buffer
	e := encoder{b: make([]byte, 0, 1<<20)}
	e.b = append(e.b, indexMagic...)
	e.str(s.key)
	e.varint(s.started.UnixNano())
	e.uvarint(uint64(len(s.paths)))
	for _, p := range s.paths {
		e.b = append(e.b, s.raw[p]...)
	}
	b.Write(e.b)
	dir := filepath.Dir(s.file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("site index: %w", err)
	}
	// The cache is nobody's content: keep it out of git whatever the
	// repo's .gitignore says.
	if ignore := filepath.Join(dir, ".gitignore"); !exists(ignore) {
		_ = os.WriteFile(ignore, []byte("# cm's caches: safe to delete, never to commit\n*\n"), 0o644)
	}
	tmp, err := os.CreateTemp(dir, ".index-*")
	if err != nil {
		return fmt.Errorf("site index: %w", err)
	}
	_, err = tmp.Write(b.Bytes())
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), s.file)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("site index: %w", err)
	}
	return nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// readIndex reads an index file written with key, keeping each record's
// bytes in raw. A missing, foreign or corrupt file is an empty index.
func readIndex(file, key string, site *time.Location, raw map[string][]byte) (map[string]*indexRecord, time.Time) {
	data, err := os.ReadFile(file)
	if err != nil || !bytes.HasPrefix(data, []byte(indexMagic)) {
		return map[string]*indexRecord{}, time.Time{}
	}
	d := &decoder{b: data[len(indexMagic):]}
	if d.str() != key {
		return map[string]*indexRecord{}, time.Time{}
	}
	written := time.Unix(0, d.varint())
	n := d.count(24)
	records := make(map[string]*indexRecord, n)
	for range n {
		start := d.b
		rec := &indexRecord{}
		rec.decode(d, site)
		if d.err != nil {
			clear(raw)
			return map[string]*indexRecord{}, time.Time{}
		}
		records[rec.path] = rec
		raw[rec.path] = start[:len(start)-len(d.b)]
	}
	if d.err != nil || len(d.b) != 0 {
		clear(raw)
		return map[string]*indexRecord{}, time.Time{}
	}
	return records, written
}

// scanned is a Markdown file found by scanTree.
type scanned struct {
	path string
	stat fileStat
	ok   bool // stat succeeded
}

// scanTree lists content/ as walk does, in parallel, with the stat of
// each Markdown file: on a repo of 20,000 files the stats are most of the
// time of a check of one file.
func scanTree(root string) ([]scanned, map[string]bool, error) {
	base := filepath.Join(root, Dir)
	type result struct {
		files  []scanned
		assets []string
		err    error
	}
	var (
		mu      sync.Mutex
		results []result
		pending sync.WaitGroup
	)
	dirs := make(chan string, 1024)
	var scanDir func(dir string)
	scanDir = func(dir string) {
		defer pending.Done()
		var res result
		entries, err := os.ReadDir(dir)
		if err != nil {
			if !(dir == base && os.IsNotExist(err)) {
				res.err = fmt.Errorf("reading %s: %w", dir, err)
			}
		}
		for _, e := range entries {
			name := e.Name()
			if skipped(name) {
				continue
			}
			full := filepath.Join(dir, name)
			rel, _ := filepath.Rel(root, full)
			rel = filepath.ToSlash(rel)
			switch {
			case e.IsDir():
				pending.Add(1)
				select {
				case dirs <- full:
				default:
					scanDir(full) // the queue is full: do it here
				}
			case strings.EqualFold(path.Ext(name), ".md"):
				if name == "README.md" {
					continue
				}
				f := scanned{path: rel}
				if info, err := os.Stat(full); err == nil {
					f.stat, f.ok = statOf(info), true
				}
				res.files = append(res.files, f)
			default:
				res.assets = append(res.assets, rel)
			}
		}
		mu.Lock()
		results = append(results, res)
		mu.Unlock()
	}
	pending.Add(1)
	dirs <- base
	var workers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		workers.Go(func() {
			for d := range dirs {
				scanDir(d)
			}
		})
	}
	pending.Wait()
	close(dirs)
	workers.Wait()

	var files []scanned
	assets := map[string]bool{}
	for _, r := range results {
		if r.err != nil {
			return nil, nil, r.err
		}
		files = append(files, r.files...)
		for _, a := range r.assets {
			assets[a] = true
		}
	}
	slices.SortFunc(files, func(a, b scanned) int { return strings.Compare(a.path, b.path) })
	return files, assets, nil
}
