package vcs

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"

	"github.com/go-git/go-git/v5/plumbing"

	"github.com/cmhq/cm/pipeline/internal/atomicfile"
)

// The tree cache file keeps the content of git tree objects between runs of
// ListAt, so that listing a commit reads few trees, or none, from the git
// store; it also keeps the commits listed, which name their root tree, and the
// annotated tags that named them. Git
// objects are immutable, so a record never goes stale; the only questions are
// whether the file is intact and how big it may grow.
//
// Format, version 1:
//
//	"cmtrees" 0x01        magic and version, 8 bytes
//	then records, up to the end of the file:
//	  kind     byte       1 commit, 2 tree, 4 tag (go-git's plumbing.ObjectType)
//	  id       [20]byte   the object's id
//	  size     uvarint    length of content
//	  content  [size]byte the object's content as git hashes it, without the
//	                      "<kind> <size>\x00" header
//
// Records come most recently used first. A reader rejects the whole file if
// its magic or version differ or a record runs past the end, and checks that a
// record's content hashes to its id before using it: a truncated, corrupt or
// foreign file costs reads from the git store, never a wrong listing.
//
// Bounds: a run that read any tree from the store writes the file back (to a
// temporary file renamed over it, so concurrent runs never see half a file;
// the last writer wins) with the trees it used first, then the other records
// it loaded, oldest use last, as long as the file stays under
// treeCacheKeepBytes. The trees one listing uses are always kept.
const (
	treeCacheMagic = "cmtrees\x01"
	// treeCacheKeepBytes holds about two listings of a 25,000-file site.
	treeCacheKeepBytes = 4 << 20
	// treeCacheMaxBytes: a bigger file is not one this code wrote.
	treeCacheMaxBytes = 16 * treeCacheKeepBytes
)

// treeCache is the tree cache of one run.
type treeCache struct {
	path string
	// loaded holds the records read from the file that this run has not
	// used yet, unchecked; loadedOrder is their order in the file.
	loaded      map[plumbing.Hash]cachedObject
	loadedOrder []plumbing.Hash
	// used holds the objects this run used, checked, in order of first use.
	used      map[plumbing.Hash]cachedObject
	usedOrder []plumbing.Hash
	// readFromStore is set when an object came from the git store: the
	// file lacks it and is worth writing back.
	readFromStore bool
}

// cachedObject is one record of the cache. Content points into the file's
// bytes or into what the store returned.
type cachedObject struct {
	kind    plumbing.ObjectType
	content []byte
}

// loadTreeCache reads the cache file at path; "" is a cache kept in memory
// for this run only. An unreadable or invalid file is an empty cache.
func loadTreeCache(path string) *treeCache {
	c := &treeCache{path: path, used: map[plumbing.Hash]cachedObject{}}
	if path == "" {
		return c
	}
	data, err := readSmallFile(path, treeCacheMaxBytes)
	if err != nil {
		return c
	}
	c.loadedOrder, c.loaded, _ = decodeTreeCache(data)
	return c
}

// readSmallFile reads the file at path, unless it is larger than limit.
func readSmallFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > limit {
		return nil, os.ErrInvalid
	}
	data := make([]byte, info.Size())
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, err
	}
	return data, nil
}

// decodeTreeCache splits a cache file into its records, in file order. It
// checks the structure only; contents are checked against their ids when used.
// A file that is not a valid cache file gives no record and ok false. Record
// contents point into data.
func decodeTreeCache(data []byte) (order []plumbing.Hash, records map[plumbing.Hash]cachedObject, ok bool) {
	if !bytes.HasPrefix(data, []byte(treeCacheMagic)) {
		return nil, nil, false
	}
	data = data[len(treeCacheMagic):]
	records = map[plumbing.Hash]cachedObject{}
	for len(data) > 0 {
		var id plumbing.Hash
		if len(data) < 1+len(id) {
			return nil, nil, false
		}
		kind := plumbing.ObjectType(data[0])
		if kind != plumbing.CommitObject && kind != plumbing.TreeObject && kind != plumbing.TagObject {
			return nil, nil, false
		}
		copy(id[:], data[1:])
		data = data[1+len(id):]
		size, n := binary.Uvarint(data)
		if n <= 0 || size > uint64(len(data)-n) {
			return nil, nil, false
		}
		end := n + int(size)
		content := data[n:end:end]
		data = data[end:]
		if _, dup := records[id]; !dup {
			records[id] = cachedObject{kind, content}
			order = append(order, id)
		}
	}
	return order, records, true
}

// appendTreeRecord appends one record of the cache file format to b.
func appendTreeRecord(b []byte, id plumbing.Hash, o cachedObject) []byte {
	b = append(b, byte(o.kind))
	b = append(b, id[:]...)
	b = binary.AppendUvarint(b, uint64(len(o.content)))
	return append(b, o.content...)
}

// recordSize bounds the size of a record holding content.
func recordSize(content []byte) int {
	return 1 + len(plumbing.ZeroHash) + binary.MaxVarintLen64 + len(content)
}

// get returns the content of object id of the given kind (a commit, tree or
// tag) if the cache holds it intact.
func (c *treeCache) get(kind plumbing.ObjectType, id plumbing.Hash) ([]byte, bool) {
	if o, ok := c.used[id]; ok && o.kind == kind {
		return o.content, true
	}
	o, ok := c.loaded[id]
	if !ok || o.kind != kind {
		return nil, false
	}
	delete(c.loaded, id)
	if objectHash(kind.String(), o.content) != id {
		return nil, false // corrupt: the store's copy replaces it
	}
	c.use(id, o)
	return o.content, true
}

// put records the content of object id, just read from the git store.
func (c *treeCache) put(kind plumbing.ObjectType, id plumbing.Hash, content []byte) {
	c.readFromStore = true
	c.use(id, cachedObject{kind, content})
}

func (c *treeCache) use(id plumbing.Hash, o cachedObject) {
	if _, seen := c.used[id]; !seen {
		c.usedOrder = append(c.usedOrder, id)
	}
	c.used[id] = o
}

// encode is the cache file holding the trees used by this run, then the
// others loaded while the file stays under treeCacheKeepBytes.
func (c *treeCache) encode() []byte {
	used, loaded := len(treeCacheMagic), 0
	for _, id := range c.usedOrder {
		used += recordSize(c.used[id].content)
	}
	for _, o := range c.loaded {
		loaded += recordSize(o.content)
	}
	b := make([]byte, 0, max(used, min(used+loaded, treeCacheKeepBytes)))
	b = append(b, treeCacheMagic...)
	for _, id := range c.usedOrder {
		b = appendTreeRecord(b, id, c.used[id])
	}
	for _, id := range c.loadedOrder {
		o, ok := c.loaded[id]
		if !ok {
			continue // used, or found corrupt
		}
		if len(b)+recordSize(o.content) > treeCacheKeepBytes {
			break
		}
		b = appendTreeRecord(b, id, o)
	}
	return b
}

// save writes the cache back to its file if this run read trees the file
// lacked.
func (c *treeCache) save() error {
	if c.path == "" || !c.readFromStore {
		return nil
	}
	return atomicfile.Write(c.path, c.encode())
}
