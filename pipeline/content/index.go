package content

import (
	"bytes"
	"cmp"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"io"
	"net/url"
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
	"github.com/cmhq/cm/pipeline/internal/atomicfile"
)

// The site index lets a check of a few files see the whole site without
// reading it. It keeps, for every Markdown file of content/, what other
// pages' rules ask of it (the frontmatter, where its links lead, its
// anchors, the facts rules compare) and its git blob hash, keyed by the
// file's size, times and inode; and each folder's listing, keyed by its
// stat. A check of one changed article of a 20,000-file repo then stats the
// files, reads the one that changed, and takes the rest from the index.
//
// The index is a cache: it lives in .cm/cache (ignored by git), is rebuilt
// whenever cm.yaml, the cm build or the facts change, and a file whose stat
// differs from its record is read again. A file modified within two seconds
// of the index's writing is read again next time too ("racily clean", as
// git says), so an edit that keeps the size and time of the file is not
// missed. A damaged index fails its checksum and is not used.

// IndexFile is where the site index of a repo is kept.
func IndexFile(root string) string { return filepath.Join(root, ".cm", "cache", "index") }

// fileStat is what says a file has not changed since it was read.
type fileStat struct {
	size, mtime, ctime int64
	ino                uint64
}

// saveAfter is how many changes (files changed, added or gone, folders
// listed again) an index that was read must miss before a check writes it
// again. Writing 20,000 records costs more than reading a few files again
// at each check, which is what a missed change costs: an editor's check of
// the article they are writing does not rewrite the index each time.
const saveAfter = 32

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
	facts   []*Fact
	names   []string // the facts' names
	kinds   []Kind   // see ScanOptions.Kinds

	paths   []string // Markdown files, sorted
	files   []scanEntry
	assets  map[string]bool
	folders []*folder
	dirty   bool // the index file differs from what the scan saw
	// changes counts what the index did not know (see saveAfter), and
	// fresh says whether an index was read at all.
	changes   int
	fresh     bool
	saveAfter int
}

// scanEntry is what the scan knows of the Markdown file of the same index
// in Scan.paths.
type scanEntry struct {
	// rec is the index's record of the file, nil when there was none.
	rec *indexEntry
	// disk is the file as read from disk by this scan, when its record was
	// missing or stale or its source was needed.
	disk *diskFile
	// raw is the encoded record to write back.
	raw []byte
}

// diskFile is a file read from disk: its document, its item before
// linking, and its blob hash.
type diskFile struct {
	doc  *Document
	item Item
	// blob is the content's git blob hash, lfBlob its hash with CRLF line
	// endings made LF (see indexRecord).
	blob, lfBlob [20]byte
}

// ScanOptions say where the index is and what it must match.
type ScanOptions struct {
	// File is the index file; "" keeps no index (every file is read).
	File string
	// Key names the cm build that writes the index: an index written by
	// another build is ignored (a new rule may read more of each file).
	Key string
	// Facts are the facts the rules compare across pages (see Fact): the
	// index keeps each page's.
	Facts []*Fact
	// SaveAfter is how many changes the index read must miss before Save
	// writes it again; 0 means 32 (see saveAfter).
	SaveAfter int
	// Kinds, when not nil, are the kinds of pages that Repo makes whole of
	// the files it takes from the index (their frontmatter and outline):
	// the kinds the check's rules read besides the files they check (see
	// check.SiteReader). Other such files are in Repo.Documents by their
	// path alone, with no item. Campaigns are always made whole: a post
	// read from disk takes its campaign's channels and hashtags.
	Kinds []Kind
}

// ScanIndexed walks content/ and reads the files that changed since the
// index was written (all of them the first time).
func ScanIndexed(cfg *config.Config, opts ScanOptions) (*Scan, error) {
	s := &Scan{cfg: cfg, file: opts.File, started: time.Now(), facts: opts.Facts, saveAfter: opts.SaveAfter, kinds: opts.Kinds}
	if s.saveAfter <= 0 {
		s.saveAfter = saveAfter
	}
	for _, f := range opts.Facts {
		s.names = append(s.names, f.Name)
	}
	s.key = indexKey(cfg, opts.Key+"\x00"+strings.Join(s.names, "\x00"))
	var idx index
	if opts.File != "" {
		idx = readIndex(opts.File, s.key)
	}
	trusted := idx.written.Add(-racyWindow).UnixNano()
	known := make(map[string]*folder, len(idx.folders))
	for i := range idx.folders {
		known[idx.folders[i].rel] = &idx.folders[i]
	}
	// Check and decode the records while the folders are scanned.
	var (
		records []indexEntry
		intact  bool
	)
	decoded := make(chan struct{})
	go func() {
		defer close(decoded)
		if intact = idx.intact(); !intact {
			return
		}
		// With the pages the records stand for, made while the folders
		// are scanned rather than after.
		records = decodeRecords(idx.records, cfg.Location, s.names, s.wants)
	}()
	found, assets, folders, err := scanTree(cfg.Root, known, trusted)
	<-decoded
	if !intact {
		// A damaged index: the folders it listed may be wrong too.
		found, assets, folders, err = scanTree(cfg.Root, nil, trusted)
	}
	if err != nil {
		return nil, err
	}
	s.assets, s.folders = assets, folders
	s.paths = make([]string, len(found))
	s.files = make([]scanEntry, len(found))
	var stale []int
	kept := 0
	// Both lists are sorted by path: walk them side by side.
	j := 0
	for i, f := range found {
		s.paths[i] = f.path
		for j < len(records) && records[j].path < f.path {
			j++
		}
		if j < len(records) && records[j].path == f.path {
			rec := &records[j]
			s.files[i].rec = rec
			if f.ok && rec.stat == f.stat && rec.stat.mtime != 0 && f.stat.mtime < trusted {
				s.files[i].raw = rec.raw
				kept++
				continue
			}
		}
		stale = append(stale, i)
	}
	// What the index does not know: files changed, added or gone, folders
	// listed again.
	s.changes = len(stale) + (len(records) - kept - (len(stale) - added(stale, s.files)))
	for _, f := range folders {
		if known[f.rel] != f {
			s.changes++
		}
	}
	s.fresh = len(records) > 0
	s.dirty = s.changes > 0
	s.readFiles(stale, true)
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

// readFiles reads and parses files in parallel (the files of Scan.paths
// at indexes at). With record, their records are encoded again to be
// written back: the files changed.
func (s *Scan) readFiles(at []int, record bool) {
	if len(at) == 0 {
		return
	}
	work := make(chan int)
	var wg sync.WaitGroup
	racy := s.started.Add(-racyWindow).UnixNano()
	for range min(runtime.GOMAXPROCS(0), len(at)) {
		wg.Go(func() {
			for i := range work {
				full := filepath.Join(s.cfg.Root, filepath.FromSlash(s.paths[i]))
				// Stat before reading: a write after the stat makes the
				// record stale next time, never wrongly fresh.
				st, _ := statPath(full)
				doc, item := loadFile(s.cfg, s.paths[i])
				blob := gitBlobHash(doc.Src)
				switch target, isLink := linkTarget(full); {
				case isLink:
					// git keeps a symbolic link as the path it points to.
					blob = gitBlobHash([]byte(target))
				case doc.Src == nil:
					// A file cm does not read (binary, too big): its hash
					// still says whether a pull request changed it.
					blob = hashFile(full)
				}
				f := &diskFile{doc: doc, item: item, blob: blob, lfBlob: lfBlob(doc.Src)}
				s.files[i].disk = f
				if !record {
					continue
				}
				if st.mtime >= racy || doc.Src == nil {
					st = fileStat{} // read again next time
				}
				rec := recordOf(f, st)
				rec.facts = factValues(s.facts, item)
				var e encoder
				rec.encode(&e, s.cfg.Location)
				s.files[i].raw = e.b
			}
		})
	}
	for _, i := range at {
		work <- i
	}
	close(work)
	wg.Wait()
	if record && len(at) > 0 {
		s.dirty = true
	}
}

// added counts the files among at that the index had no record of.
func added(at []int, files []scanEntry) int {
	n := 0
	for _, i := range at {
		if files[i].rec == nil {
			n++
		}
	}
	return n
}

// recordOf is the index record of a file just read. Its item is the one
// Parse returned, before Load links campaigns and posts together.
func recordOf(f *diskFile, st fileStat) *indexRecord {
	d := f.doc
	rec := &indexRecord{path: d.Path, stat: st, blob: f.blob, lfBlob: f.lfBlob, kind: d.Kind, lang: d.lang, item: f.item}
	if _, ok := f.item.(*Article); ok {
		rec.links = d.Links()
		rec.anchors = d.Anchors()
		// Only the few files to check need their tree again: the first
		// scan of 10,000 articles must not hold 10,000 trees.
		d.ReleaseAST()
	}
	return rec
}

// linkTarget is where a symbolic link points; false for another file.
func linkTarget(name string) (string, bool) {
	info, err := os.Lstat(name)
	if err != nil || info.Mode()&os.ModeSymlink == 0 {
		return "", false
	}
	target, err := os.Readlink(name)
	return target, err == nil
}

// blobOf is the id git gives a file of the work tree: the hash of its
// content, or of the path a symbolic link points to.
func blobOf(name string, content []byte) [20]byte {
	if target, isLink := linkTarget(name); isLink {
		return gitBlobHash([]byte(target))
	}
	if content == nil {
		return hashFile(name)
	}
	return gitBlobHash(content)
}

// SameContent says whether a file of the work tree holds the content whose
// git blob hash is h, as written or as git stores it with LF line endings
// (core.autocrlf, eol=crlf): blobOf, with the line endings git converts.
func SameContent(name string, content []byte, h [20]byte) bool {
	if blobOf(name, content) == h {
		return true
	}
	if content == nil {
		if _, isLink := linkTarget(name); isLink {
			return false
		}
		var err error
		if content, err = os.ReadFile(name); err != nil {
			return false
		}
	}
	return lfBlob(content) == h
}

// hashFile is gitBlobHash of a file read as it streams; zero when it
// cannot be read.
func hashFile(name string) [20]byte {
	f, err := os.Open(name)
	if err != nil {
		return [20]byte{}
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return [20]byte{}
	}
	h := sha1.New()
	h.Write([]byte("blob " + strconv.FormatInt(info.Size(), 10) + "\x00"))
	if _, err := io.Copy(h, f); err != nil {
		return [20]byte{}
	}
	var sum [20]byte
	h.Sum(sum[:0])
	return sum
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

// at is the index of a Markdown file in Scan.paths, or -1.
func (s *Scan) at(p string) int {
	if i, ok := slices.BinarySearch(s.paths, p); ok {
		return i
	}
	return -1
}

// Language is the language of a Markdown file, as read from disk or as the
// index has it; "" for a file that is not there. The string is the
// caller's: it does not point into the index file, which may be replaced
// while a goroutine that outlives the check (a dictionary load) holds it.
func (s *Scan) Language(p string) string {
	i := s.at(p)
	switch {
	case i < 0:
		return ""
	case s.files[i].disk != nil && s.files[i].disk.doc != nil:
		return s.files[i].disk.doc.lang
	case s.files[i].disk == nil && s.files[i].rec != nil:
		return strings.Clone(s.files[i].rec.lang)
	}
	return ""
}

// Read says how many files the scan read from disk: the ones that changed
// since the index was written, or every file when there was none.
func (s *Scan) Read() int {
	n := 0
	for _, f := range s.files {
		if f.disk != nil {
			n++
		}
	}
	return n
}

// Repo is the site with the files full names (repo-relative paths, in
// order) loaded from disk, and every other from the index: those have
// their frontmatter, links and anchors, but no source (Document.Indexed),
// and must not be checked. Files the scan read because they changed are
// taken from their new records too, so their sources can go: a first scan
// of 20,000 files then holds what a later one holds. Call it once per scan.
func (s *Scan) Repo(full []string) *Repo {
	var toRead, fullAt []int
	for _, p := range full {
		if i := s.at(p); i >= 0 {
			fullAt = append(fullAt, i)
			if !s.files[i].read() {
				toRead = append(toRead, i)
			}
		}
	}
	slices.Sort(fullAt)
	fullAt = slices.Compact(fullAt)
	s.readFiles(toRead, false)
	docs := make([]*Document, len(s.paths))
	items := make([]Item, len(s.paths))
	for i := range s.paths {
		f := &s.files[i]
		switch {
		case len(fullAt) > 0 && fullAt[0] == i:
			fullAt = fullAt[1:]
			docs[i], items[i] = f.disk.doc, f.disk.item
		case f.disk != nil:
			d := &decoder{b: f.raw}
			var rec indexRecord
			rec.decode(d, s.cfg.Location)
			if d.err != nil {
				docs[i], items[i] = f.disk.doc, f.disk.item // cannot happen: the scan wrote it
				continue
			}
			if s.wants(rec.kind) {
				docs[i], items[i] = rec.stub(s.names)
			} else {
				docs[i] = pathOnly(&rec)
			}
			f.disk.doc, f.disk.item = nil, nil
		default:
			docs[i], items[i] = f.rec.page, f.rec.pageItem
		}
	}
	r := newRepo(s.cfg, docs, items, s.assets)
	r.link()
	return r
}

// read says whether the file's document read from disk is at hand.
func (f *scanEntry) read() bool { return f.disk != nil && f.disk.doc != nil }

// Expand reads from disk the articles of r among paths that came from the
// index, so that they can be checked: each keeps its *Article, whose
// frontmatter is the file's, and gets the document read from disk.
func (s *Scan) Expand(r *Repo, paths []string) {
	var toRead []int
	for _, p := range paths {
		if a, ok := r.Item(p).(*Article); ok && a.Indexed() {
			if i := s.at(p); i >= 0 && !s.files[i].read() {
				toRead = append(toRead, i)
			}
		}
	}
	s.readFiles(toRead, false)
	for _, i := range toRead {
		p := s.paths[i]
		f := s.files[i].disk
		if _, ok := f.item.(*Article); !ok {
			continue // cannot happen for an unchanged file; keep the stub
		}
		k, found := slices.BinarySearchFunc(r.Documents, p, func(d *Document, p string) int { return strings.Compare(d.Path, p) })
		if !found {
			continue
		}
		r.Item(p).(*Article).Document = f.doc
		r.Documents[k] = f.doc
	}
}

// stub is the document and item a record stands for: the frontmatter,
// links and anchors of a file without its source.
func (rec *indexRecord) stub(factNames []string) (*Document, Item) {
	d := &Document{Path: rec.path, Kind: rec.kind, lang: rec.lang,
		outline: &outline{raw: rec.outline, factNames: factNames, facts: rec.facts}}
	// Each record stands for one page (in Scan.Repo, or as the page was
	// before an edit, Scan.Recorded), so its item becomes the page's.
	switch it := rec.item.(type) {
	case *Article:
		it.Document = d
	case *Post:
		it.Document = d
	case *Campaign:
		it.Document = d
	default:
		return d, nil
	}
	return d, rec.item
}

// Indexed says whether a document was read from the site index rather
// than from disk: it has no source, and rules must not check it.
func (d *Document) Indexed() bool { return d.outline != nil }

// mentions says whether one of the path segments of a link, without its
// extension, query or fragment, is one of names.
func mentions(dest string, names map[string]bool) bool {
	if i := strings.IndexAny(dest, "?#"); i >= 0 {
		dest = dest[:i]
	}
	for seg := range strings.SplitSeq(dest, "/") {
		if u, err := url.PathUnescape(seg); err == nil {
			seg = u
		}
		if names[strings.TrimSuffix(seg, path.Ext(seg))] {
			return true
		}
	}
	return false
}

// Save writes the index if the scan changed it. It never fails a check: a
// repo that cannot hold .cm/cache is checked without an index.
func (s *Scan) Save() error {
	if s.file == "" || !s.dirty || (s.fresh && s.changes < s.saveAfter) {
		return nil
	}
	e := encoder{b: make([]byte, 0, 1<<20)}
	e.b = append(e.b, indexMagic...)
	e.str(s.key)
	e.varint(s.started.UnixNano())
	racy := s.started.Add(-racyWindow).UnixNano()
	e.uvarint(uint64(len(s.folders)))
	for _, f := range s.folders {
		if f.stat.mtime >= racy {
			g := *f
			g.stat = fileStat{} // listed again next time
			f = &g
		}
		f.encode(&e)
	}
	e.uvarint(uint64(len(s.paths)))
	for _, f := range s.files {
		e.b = append(e.b, f.raw...)
	}
	e.b = binary.LittleEndian.AppendUint32(e.b, crc32.Checksum(e.b, castagnoli))
	dir := filepath.Dir(s.file)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("site index: %w", err)
	}
	// The cache is nobody's content: keep it out of git whatever the
	// repo's .gitignore says.
	if ignore := filepath.Join(dir, ".gitignore"); !exists(ignore) {
		_ = os.WriteFile(ignore, []byte("# cm's caches: safe to delete, never to commit\n*\n"), 0o644)
	}
	if err := atomicfile.Write(s.file, e.b); err != nil {
		return fmt.Errorf("site index: %w", err)
	}
	return nil
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// index is what an index file holds: when it was written, its folders,
// and its records, still encoded.
type index struct {
	written time.Time
	folders []folder // sorted by path
	records []byte
	// body is what the checksum sum covers (see intact).
	body []byte
	sum  uint32
}

// The layout of an index file after its magic: key (string), written
// (varint, Unix ns), the folders (a count, then each), the records (a
// count, then each), and a CRC-32C of everything before it.

// readIndex reads an index file written with key. A missing or foreign
// file is an empty index. The checksum is left to intact, which the scan
// calls while it lists the folders: 16 MB for 20,000 files.
func readIndex(file, key string) index {
	data, err := readShared(file)
	if err != nil || len(data) < len(indexMagic)+4 || !bytes.HasPrefix(data, []byte(indexMagic)) {
		return index{}
	}
	body, sum := data[:len(data)-4], data[len(data)-4:]
	idx := decodeHead(body[len(indexMagic):], key)
	idx.body, idx.sum = body, binary.LittleEndian.Uint32(sum)
	return idx
}

// intact says whether an index's bytes are those it was written with. An
// index that was not read (empty) is intact.
func (idx *index) intact() bool {
	return idx.body == nil || crc32.Checksum(idx.body, castagnoli) == idx.sum
}

// decodeHead reads an index up to its records.
func decodeHead(b []byte, key string) index {
	d := &decoder{b: b}
	if d.str() != key {
		return index{}
	}
	idx := index{written: time.Unix(0, d.varint())}
	idx.folders = make([]folder, d.count(8))
	for i := range idx.folders {
		idx.folders[i].decode(d)
		if d.err != nil || (i > 0 && idx.folders[i].rel <= idx.folders[i-1].rel) {
			return index{}
		}
	}
	if d.err != nil {
		return index{}
	}
	idx.records = d.b
	return idx
}

// indexEntry is what a scan keeps of a record read from the index: what
// says whether the file changed, and the page the record stands for.
type indexEntry struct {
	path         string
	stat         fileStat
	blob, lfBlob [20]byte // see indexRecord
	kind         Kind
	lang         string
	// raw is the whole record as read from the index.
	raw []byte
	// page and pageItem are what the record stands for (see stub).
	page     *Document
	pageItem Item
}

// decodeRecords reads the records of an index, each with its bytes and
// the page it stands for (its facts named by factNames): whole if want
// says so of its kind (nil: every kind), else by its path alone. They are
// sorted by path; there are none if they do not decode whole.
func decodeRecords(b []byte, site *time.Location, factNames []string, want func(Kind) bool) []indexEntry {
	if len(b) == 0 {
		return nil
	}
	d := &decoder{b: b}
	entries := make([]indexEntry, d.count(24))
	for i := range entries {
		start := d.b
		var rec indexRecord
		rec.decodeHeader(d)
		body := d.bytes()
		if d.err != nil || (i > 0 && rec.path <= entries[i-1].path) {
			return nil
		}
		e := &entries[i]
		*e = indexEntry{path: rec.path, stat: rec.stat, blob: rec.blob, lfBlob: rec.lfBlob, kind: rec.kind, lang: rec.lang,
			raw: start[:len(start)-len(d.b)]}
		if want != nil && !want(rec.kind) {
			e.page = pathOnly(&rec)
			continue
		}
		bd := &decoder{b: body}
		rec.decodeBody(bd, site)
		if bd.err != nil || len(bd.b) != 0 {
			return nil
		}
		e.page, e.pageItem = rec.stub(factNames)
	}
	if d.err != nil || len(d.b) != 0 {
		return nil
	}
	return entries
}

// wants says whether the scan makes whole pages of a kind (see
// ScanOptions.Kinds).
func (s *Scan) wants(k Kind) bool {
	return s.kinds == nil || k == KindCampaign || k == KindUnknown || slices.Contains(s.kinds, k)
}

// noOutline is the outline of every page made by its path alone: no
// links, no anchors, no facts.
var noOutline = &outline{}

// pathOnly is the page a record stands for by its path alone (see
// ScanOptions.Kinds): in Repo.Documents, with no item.
func pathOnly(rec *indexRecord) *Document {
	return &Document{Path: rec.path, Kind: rec.kind, lang: rec.lang, outline: noOutline}
}

// scanned is a Markdown file found by scanTree.
type scanned struct {
	path string
	stat fileStat
	ok   bool // stat succeeded
}

// folder is what the index keeps of a folder of content/: its stat and
// what it holds, so that a folder whose stat did not change is not listed
// again (adding, removing or renaming an entry changes a folder's times).
type folder struct {
	rel  string // repo-relative, with forward slashes
	stat fileStat
	// The entries cm reads, by kind: sub-folders, Markdown files, others.
	dirs, docs, assets []string
}

func (f *folder) encode(e *encoder) {
	e.str(f.rel)
	e.varint(f.stat.size)
	e.varint(f.stat.mtime)
	e.varint(f.stat.ctime)
	e.uvarint(f.stat.ino)
	e.strs(f.dirs)
	e.strs(f.docs)
	e.strs(f.assets)
}

func (f *folder) decode(d *decoder) {
	f.rel = d.str()
	f.stat = fileStat{size: d.varint(), mtime: d.varint(), ctime: d.varint(), ino: d.uvarint()}
	f.dirs, f.docs, f.assets = d.strs(), d.strs(), d.strs()
}

// list reads a folder's entries, keeping those cm reads.
func list(full, rel string, st fileStat) (*folder, error) {
	entries, err := os.ReadDir(full)
	if err != nil {
		return nil, err
	}
	f := &folder{rel: rel, stat: st}
	for _, e := range entries {
		name := e.Name()
		switch {
		case skipped(name):
		case e.IsDir():
			f.dirs = append(f.dirs, name)
		case strings.EqualFold(path.Ext(name), ".md"):
			if name != "README.md" {
				f.docs = append(f.docs, name)
			}
		default:
			f.assets = append(f.assets, name)
		}
	}
	return f, nil
}

// scanTree lists content/ as walk does, in parallel, with the stat of
// each Markdown file: on a repo of 20,000 files the stats are most of the
// time of a check of one file. known are the folders as the index last
// saw them: one whose stat has not changed since (and is older than
// trusted, see racyWindow) is not listed again. It returns the folders as
// they are now, for the next index.
func scanTree(root string, known map[string]*folder, trusted int64) ([]scanned, map[string]bool, []*folder, error) {
	base := filepath.Join(root, Dir)
	type result struct {
		folder *folder
		files  []scanned
		err    error
	}
	var (
		mu      sync.Mutex
		results = map[string]*result{}
		pending sync.WaitGroup
	)
	type dirJob struct{ dir, rel string }
	dirs := make(chan dirJob, 1024)
	var scanDir func(dir, rel string)
	scanDir = func(dir, rel string) {
		defer pending.Done()
		res := &result{}
		st, err := statPath(dir)
		if err != nil {
			if !(dir == base && os.IsNotExist(err)) {
				res.err = fmt.Errorf("reading %s: %w", dir, err)
			}
		} else if k := known[rel]; k != nil && k.stat == st && st.mtime < trusted && st.mtime != 0 {
			res.folder = k
		} else if res.folder, err = list(dir, rel, st); err != nil {
			res.err = fmt.Errorf("reading %s: %w", dir, err)
		}
		if f := res.folder; f != nil {
			for _, name := range f.dirs {
				pending.Add(1)
				sub := dirJob{dir: filepath.Join(dir, name), rel: rel + "/" + name}
				select {
				case dirs <- sub:
				default:
					scanDir(sub.dir, sub.rel) // the queue is full: do it here
				}
			}
			res.files = statAll(dir, rel, f.docs)
		}
		mu.Lock()
		results[rel] = res
		mu.Unlock()
	}
	pending.Add(1)
	dirs <- dirJob{dir: base, rel: Dir}
	var workers sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		workers.Go(func() {
			for d := range dirs {
				scanDir(d.dir, d.rel)
			}
		})
	}
	pending.Wait()
	close(dirs)
	workers.Wait()

	folders := make([]*folder, 0, len(results))
	assets := map[string]bool{}
	count := 0
	for _, r := range results {
		if r.err != nil {
			return nil, nil, nil, r.err
		}
		if r.folder == nil {
			continue
		}
		folders = append(folders, r.folder)
		count += len(r.files)
		for _, a := range r.folder.assets {
			assets[r.folder.rel+"/"+a] = true
		}
	}
	slices.SortFunc(folders, func(a, b *folder) int { return strings.Compare(a.rel, b.rel) })
	// The files in path order without sorting 20,000 paths: each folder's
	// files and sub-folders are listed by name, and a folder's files in
	// path order are its files and its sub-folders' files, merged by name
	// (a sub-folder sorts as its name and a slash).
	files := make([]scanned, 0, count)
	var emit func(rel string)
	emit = func(rel string) {
		r := results[rel]
		if r == nil || r.folder == nil {
			return
		}
		subs := r.folder.dirs
		if !slices.IsSortedFunc(subs, compareFolders) {
			subs = slices.Clone(subs)
			slices.SortFunc(subs, compareFolders)
		}
		for _, f := range r.files {
			name := f.path[len(rel)+1:]
			for len(subs) > 0 && compareFolderName(subs[0], name) < 0 {
				emit(rel + "/" + subs[0])
				subs = subs[1:]
			}
			files = append(files, f)
		}
		for _, sub := range subs {
			emit(rel + "/" + sub)
		}
	}
	emit(Dir)
	return files, assets, folders, nil
}

// compareFolders compares the names of two sub-folders of a folder as
// the paths under them compare: "a.b/" sorts before "a/".
func compareFolders(a, b string) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	switch {
	case len(a) == len(b):
		return 0
	case len(a) < len(b):
		return cmp.Compare(byte('/'), b[n])
	}
	return cmp.Compare(a[n], byte('/'))
}

// compareFolderName compares the name of a sub-folder, followed by a
// slash, with the name of a file of the same folder, as strings.Compare
// compares the paths they start.
func compareFolderName(folder, file string) int {
	n := min(len(folder), len(file))
	if c := strings.Compare(folder[:n], file[:n]); c != 0 {
		return c
	}
	if len(file) <= len(folder) {
		return 1 // the file is a prefix of "folder/", or the same name
	}
	return cmp.Compare(byte('/'), file[len(folder)])
}

// statAll stats the Markdown files of a folder: through the open folder
// when it holds many, by path when it holds a few (a page bundle).
func statAll(dir, rel string, names []string) []scanned {
	out := make([]scanned, len(names))
	// The files' paths are slices of one string: one allocation per folder.
	size := 0
	for _, name := range names {
		size += len(rel) + 1 + len(name)
	}
	var b strings.Builder
	b.Grow(size)
	var f *os.File
	if len(names) > 4 {
		f, _ = os.Open(dir)
	}
	for i, name := range names {
		start := b.Len()
		b.WriteString(rel)
		b.WriteByte('/')
		b.WriteString(name)
		out[i].path = b.String()[start:]
		if f != nil {
			out[i].stat, out[i].ok = statAt(f, name)
		} else if st, err := statPath(filepath.Join(dir, name)); err == nil {
			out[i].stat, out[i].ok = st, true
		}
	}
	if f != nil {
		f.Close()
	}
	return out
}

// Changes compares the files on disk with a listing of another version of
// content/ (the files of a git commit with their blob hashes, paths sorted
// and hashes in the same order): changed are the Markdown files whose
// content differs or that the listing lacks, deleted the files of the
// listing, Markdown or not, that are gone.
func Changes[H ~[20]byte](s *Scan, paths []string, hashes []H) (changed, deleted []string) {
	// Both lists are in path order: walk them side by side.
	j := 0
	for i, p := range s.paths {
		for ; j < len(paths) && paths[j] < p; j++ {
			if gone(s, paths[j]) {
				deleted = append(deleted, paths[j])
			}
		}
		if j < len(paths) && paths[j] == p {
			if !s.files[i].sameBlob(hashes[j]) {
				changed = append(changed, p)
			}
			j++
			continue
		}
		changed = append(changed, p)
	}
	for ; j < len(paths); j++ {
		if gone(s, paths[j]) {
			deleted = append(deleted, paths[j])
		}
	}
	return changed, deleted
}

// gone says whether a file of a listing that is not among the scan's
// Markdown files is one cm reads that is no longer on disk.
func gone(s *Scan, p string) bool { return !s.assets[p] && isRead(p) }

// isRead says whether cm reads a file of content/ at all: not hidden files,
// editors' temporary files, nor the folders' READMEs.
func isRead(p string) bool {
	parts := strings.Split(p, "/")
	for _, part := range parts[1:] {
		if skipped(part) {
			return false
		}
	}
	return parts[len(parts)-1] != "README.md"
}

// sameBlob says whether a file holds the content whose blob hash is h, as
// written or as git stores it with LF line endings (core.autocrlf).
func (f *scanEntry) sameBlob(h [20]byte) bool {
	if f.disk != nil {
		return f.disk.blob == h || f.disk.lfBlob == h
	}
	return f.rec != nil && (f.rec.blob == h || f.rec.lfBlob == h)
}

// lfBlob is the blob hash of content with CRLF made LF; zero when it has
// no CRLF.
func lfBlob(src []byte) [20]byte {
	if !bytes.Contains(src, []byte("\r\n")) {
		return [20]byte{}
	}
	return gitBlobHash(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")))
}
