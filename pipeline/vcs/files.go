// Package vcs reads the content repo's git history with go-git: the files
// of a commit with their blob hashes (what a pull request changes is what
// differs from them), the content of a few blobs, and when a file last
// changed.
package vcs

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"

	"github.com/cmhq/cm/pipeline/internal/atomicfile"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// BlobHash is git's object id for a file's content: SHA-1 of "blob <len>\x00"
// followed by data, what `git hash-object` prints.
func BlobHash(data []byte) plumbing.Hash {
	return objectHash("blob", data)
}

// objectHash is the id git gives an object of the given kind ("blob",
// "tree", "commit", "tag") and content. It uses crypto/sha1 rather than
// go-git's collision-detecting hasher: the same ids, several times faster;
// crafted SHA-1 collisions are not a threat to a file listing.
func objectHash(kind string, data []byte) plumbing.Hash {
	var header [32]byte
	b := append(header[:0], kind...)
	b = append(b, ' ')
	b = strconv.AppendInt(b, int64(len(data)), 10)
	b = append(b, 0)
	h := sha1.New()
	h.Write(b)
	h.Write(data)
	var id plumbing.Hash
	h.Sum(id[:0])
	return id
}

// ListAt lists the files under the folder dir (the content repo root, which
// may be a subfolder of the git work tree) at the commit that ref names
// (branch, tag, HEAD, origin/main, HEAD~2, a hash: anything
// Repository.ResolveRevision takes), each with its blob hash. Paths are
// relative to dir, with forward slashes. under restricts the listing to one
// folder of dir ("content"; "" is everything under dir); if under names a file,
// that file alone is listed. Symbolic links are listed with the hash of the
// blob holding their target; submodules are not listed.
//
// cacheFile, when not "", keeps the content of git tree objects between runs,
// keyed by tree hash (trees never change), so that listing a ref whose trees
// were seen before reads no tree from the git store, and listing a ref one
// commit ahead reads only the trees that commit changed. It also keeps the
// commits (and annotated tags) listed, so a ref that is a name or a full hash
// whose commit was listed before reads no object at all. See treecache.go for
// its format. The cache is best effort: a missing, corrupt or unwritable cache
// file costs time, never a wrong listing or an error.
//
// The last listing is kept too (see listingcache.go): listing the same
// commit again reads it back.
//
// The listing is in path order (git's own order for the entries of a tree).
// Its paths share one string holding every path: keeping any of them keeps
// them all.
func ListAt(dir, ref, under, cacheFile string) (Listing, error) {
	under, err := cleanUnder(under)
	if err != nil {
		return Listing{}, err
	}
	g, err := openGit(dir)
	if err != nil {
		return Listing{}, err
	}
	defer g.objects.Close()
	// A ref that names an object without reading one: its listing may be
	// the one kept.
	named, plain := g.plainRevision(ref)
	key := g.prefix + "\x00" + under
	kept := listingFile(cacheFile)
	if plain && kept != "" {
		if data, err := readSmallFile(kept, treeCacheMaxBytes); err == nil {
			if l, ok := decodeListing(data, named, key); ok {
				return l, nil
			}
		}
	}
	trees := loadTreeCache(cacheFile)
	root, err := g.rootTree(ref, trees)
	if err != nil {
		return Listing{}, err
	}
	files, err := listFiles(g.objects, trees, root, g.prefix, under)
	if err != nil {
		return Listing{}, fmt.Errorf("--changed-since %s: listing tree %s: %w", ref, root, err)
	}
	_ = trees.save() // best effort: the next run reads the store again
	if plain && kept != "" {
		_ = atomicfile.Write(kept, encodeListing(named, key, files))
	}
	return files, nil
}

// Listing is the files of a tree with their blob hashes, in path order.
type Listing struct {
	Paths  []string
	Hashes []plumbing.Hash
}

// Lookup returns the blob hash of the file at path p.
func (l Listing) Lookup(p string) (plumbing.Hash, bool) {
	if i, found := slices.BinarySearch(l.Paths, p); found {
		return l.Hashes[i], true
	}
	return plumbing.ZeroHash, false
}

// Map returns the listing as a map from path to blob hash.
func (l Listing) Map() map[string]plumbing.Hash {
	m := make(map[string]plumbing.Hash, len(l.Paths))
	for i, p := range l.Paths {
		m[p] = l.Hashes[i]
	}
	return m
}

// sort puts a listing in path order, each path once: only a malformed
// tree (entries out of git's order, or twice) lists otherwise.
func (l *Listing) sort() {
	inOrder := true
	for i := 1; i < len(l.Paths) && inOrder; i++ {
		inOrder = l.Paths[i-1] < l.Paths[i]
	}
	if inOrder {
		return
	}
	order := make([]int, len(l.Paths))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(l.Paths[a], l.Paths[b]) })
	paths, hashes := make([]string, 0, len(order)), make([]plumbing.Hash, 0, len(order))
	for _, k := range order {
		if n := len(paths); n > 0 && paths[n-1] == l.Paths[k] {
			continue // a malformed tree names a file twice: the first is kept
		}
		paths, hashes = append(paths, l.Paths[k]), append(hashes, l.Hashes[k])
	}
	l.Paths, l.Hashes = paths, hashes
}

// cleanUnder turns the under argument of ListAt into "" or a clean relative
// path with forward slashes and no trailing slash.
func cleanUnder(under string) (string, error) {
	u := path.Clean(filepath.ToSlash(under))
	switch {
	case u == ".":
		return "", nil
	case u == ".." || strings.HasPrefix(u, "../") || path.IsAbs(u):
		return "", fmt.Errorf("listing files under %q: not a folder inside the content repo", under)
	}
	return u, nil
}

// gitRepo is a repository opened for reading many objects.
type gitRepo struct {
	repo *git.Repository
	// objects keeps its packfiles open between reads (go-git's default
	// opens and closes the pack for every object, which doubles the cost of
	// a cold listing). Close it when done.
	objects *filesystem.Storage
	// prefix is the path of the content repo inside the work tree: "" or
	// "sub/dir/".
	prefix string
}

func openGit(dir string) (*gitRepo, error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if err != nil {
		return nil, fmt.Errorf("--changed-since needs a git repository at %s: %w", dir, err)
	}
	prefix := ""
	wt, err := repo.Worktree()
	switch {
	case errors.Is(err, git.ErrIsBareRepository):
		// No work tree: paths are relative to the repository root.
	case err != nil:
		return nil, fmt.Errorf("--changed-since: reading the work tree of %s: %w", dir, err)
	default:
		if prefix, err = prefixOf(wt.Filesystem.Root(), dir); err != nil {
			return nil, fmt.Errorf("--changed-since: %w", err)
		}
	}
	fsStorage, ok := repo.Storer.(*filesystem.Storage)
	if !ok {
		return nil, fmt.Errorf("--changed-since: the repository at %s is not stored on disk", dir)
	}
	objects := filesystem.NewStorageWithOptions(fsStorage.Filesystem(), cache.NewObjectLRUDefault(),
		filesystem.Options{KeepDescriptors: true})
	reopened, err := git.Open(objects, nil)
	if err != nil {
		objects.Close()
		return nil, fmt.Errorf("--changed-since needs a git repository at %s: %w", dir, err)
	}
	return &gitRepo{repo: reopened, objects: objects, prefix: prefix}, nil
}

// rootTree returns the root tree of the commit that ref names. When ref is a
// full hash or a plain reference name (HEAD, main, v1.2, origin/main) whose
// commit (and tag, for an annotated tag) the cache holds, it reads no object:
// loading the pack index to read one commit would cost more than the rest of
// a cached listing, and grows with the history.
func (g *gitRepo) rootTree(ref string, cache *treeCache) (plumbing.Hash, error) {
	named, plain := g.plainRevision(ref)
	if plain {
		if tree, ok := cachedRootTree(cache, named); ok {
			return tree, nil
		}
	}
	id, err := g.repo.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("--changed-since %s: no such commit, branch or tag (fetch it first, e.g. git fetch origin main): %w", ref, err)
	}
	content, err := readObject(g.objects, plumbing.CommitObject, *id)
	if err != nil {
		return plumbing.ZeroHash, fmt.Errorf("--changed-since %s: %w", ref, err)
	}
	tree, ok := objectLink(content, "tree")
	if !ok {
		return plumbing.ZeroHash, fmt.Errorf("--changed-since %s: commit %s: malformed commit object", ref, id)
	}
	cache.put(plumbing.CommitObject, *id, content)
	if plain && named != *id {
		// ref names an annotated tag: keep it too, if it points straight
		// at the commit (a tag of a tag takes the slow path every time).
		if tag, err := readObject(g.objects, plumbing.TagObject, named); err == nil {
			if target, ok := objectLink(tag, "object"); ok && target == *id {
				cache.put(plumbing.TagObject, named, tag)
			}
		}
	}
	return tree, nil
}

// cachedRootTree returns the root tree of commit id, or of the commit that
// tag id points to, if the cache holds them.
func cachedRootTree(cache *treeCache, id plumbing.Hash) (plumbing.Hash, bool) {
	if tag, ok := cache.get(plumbing.TagObject, id); ok {
		if id, ok = objectLink(tag, "object"); !ok {
			return plumbing.ZeroHash, false
		}
	}
	commit, ok := cache.get(plumbing.CommitObject, id)
	if !ok {
		return plumbing.ZeroHash, false
	}
	return objectLink(commit, "tree")
}

// plainRevision resolves ref the way Repository.ResolveRevision does when
// ref is a full hash or a reference name, without reading any object; it
// reports false for every other revision (partial hashes, HEAD~2, @{u}...).
// Resolving to an annotated tag, or to anything but a commit, is for
// ResolveRevision to sort out: the caller only trusts an id the cache holds
// as a commit.
func (g *gitRepo) plainRevision(ref string) (plumbing.Hash, bool) {
	if isHex(ref) {
		// ResolveRevision tries a hash, or the objects a prefix names,
		// before references.
		if len(ref) != 2*len(plumbing.ZeroHash) {
			return plumbing.ZeroHash, false
		}
		return plumbing.NewHash(ref), true
	}
	if !isPlainRefName(ref) {
		return plumbing.ZeroHash, false
	}
	for _, rule := range plumbing.RefRevParseRules {
		r, err := storer.ResolveReference(g.objects, plumbing.ReferenceName(fmt.Sprintf(rule, ref)))
		if err == nil {
			return r.Hash(), true
		}
	}
	return plumbing.ZeroHash, false
}

// isPlainRefName reports whether go-git's revision parser reads name as one
// reference name and nothing else: letters, digits, "-", "_", "." and "/",
// within git check-ref-format's rules. It may say no to a valid name; that
// only means the slow path.
func isPlainRefName(name string) bool {
	for _, c := range []byte(name) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '/') {
			return false
		}
	}
	switch {
	case name == "",
		strings.HasPrefix(name, "."), strings.HasPrefix(name, "/"),
		strings.HasSuffix(name, "."), strings.HasSuffix(name, "/"),
		strings.Contains(name, ".."), strings.Contains(name, "//"), strings.Contains(name, "/."),
		strings.HasSuffix(name, ".lock"), strings.Contains(name, ".lock/"):
		return false
	}
	return true
}

func isHex(s string) bool {
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return s != ""
}

// objectLink reads the first line of a commit ("tree <hex id>") or of a tag
// ("object <hex id>"), given the expected keyword.
func objectLink(content []byte, keyword string) (plumbing.Hash, bool) {
	n := len(keyword) + 1 + 2*len(plumbing.ZeroHash)
	if len(content) <= n || string(content[:len(keyword)]) != keyword || content[len(keyword)] != ' ' || content[n] != '\n' {
		return plumbing.ZeroHash, false
	}
	var id plumbing.Hash
	if _, err := hex.Decode(id[:], content[len(keyword)+1:n]); err != nil {
		return plumbing.ZeroHash, false
	}
	return id, true
}

// readObject reads the content of an object from the store.
func readObject(objects storer.EncodedObjectStorer, kind plumbing.ObjectType, id plumbing.Hash) ([]byte, error) {
	obj, err := objects.EncodedObject(kind, id)
	if err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", kind, id, err)
	}
	rd, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", kind, id, err)
	}
	defer rd.Close()
	content := make([]byte, obj.Size())
	if _, err := io.ReadFull(rd, content); err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", kind, id, err)
	}
	return content, nil
}

// Git tree entry modes, as git writes them in octal.
const (
	modeTree    = 0o40000
	modeGitlink = 0o160000
)

// treeReader reads the content of git tree objects, from the cache when it
// holds them and from the object store otherwise.
type treeReader struct {
	objects storer.EncodedObjectStorer
	cache   *treeCache
}

func (r *treeReader) tree(id plumbing.Hash) ([]byte, error) {
	if content, ok := r.cache.get(plumbing.TreeObject, id); ok {
		return content, nil
	}
	content, err := readObject(r.objects, plumbing.TreeObject, id)
	if err != nil {
		return nil, err
	}
	r.cache.put(plumbing.TreeObject, id, content)
	return content, nil
}

// listFiles lists the files of the tree root under prefix+under (prefix is
// "" or ends with a slash), with paths relative to prefix.
func listFiles(objects storer.EncodedObjectStorer, trees *treeCache, root plumbing.Hash, prefix, under string) (Listing, error) {
	r := &treeReader{objects: objects, cache: trees}
	start := strings.TrimSuffix(prefix+under, "/")
	h, isTree := root, true
	if start != "" {
		for _, name := range strings.Split(start, "/") {
			if !isTree {
				return Listing{}, nil // a file on the way: nothing under it
			}
			entry, found, err := r.find(h, name)
			if err != nil {
				return Listing{}, err
			}
			if !found || entry.mode == modeGitlink {
				return Listing{}, nil
			}
			h, isTree = entry.hash, entry.mode == modeTree
		}
	}
	if !isTree {
		if under == "" { // dir itself is a file at this commit
			return Listing{}, nil
		}
		return Listing{Paths: []string{under}, Hashes: []plumbing.Hash{h}}, nil
	}
	// Two passes: the first reads the trees and measures the listing, so
	// that the second fills slices and a string of the right size at once
	// (growing them is most of the cost of listing a cached commit). The
	// second pass finds every tree in trees, which keeps what the first
	// read even without a cache file.
	w := &treeWalker{r: r}
	if under != "" {
		w.folder = append(w.folder, under...)
		w.folder = append(w.folder, '/')
	}
	base := len(w.folder)
	count, size := 0, 0
	w.file = func(folderLen int, name []byte, _ plumbing.Hash) {
		count++
		size += folderLen + len(name)
	}
	if err := w.walk(h, base); err != nil {
		return Listing{}, err
	}
	files := Listing{Paths: make([]string, 0, count), Hashes: make([]plumbing.Hash, 0, count)}
	var paths strings.Builder
	paths.Grow(size)
	w.file = func(folderLen int, name []byte, id plumbing.Hash) {
		start := paths.Len()
		paths.Write(w.folder[:folderLen])
		paths.Write(name)
		// A Builder never changes the bytes it has written, so every path
		// can be a slice of the one string that holds them all.
		files.Paths = append(files.Paths, paths.String()[start:])
		files.Hashes = append(files.Hashes, id)
	}
	if err := w.walk(h, base); err != nil {
		return Listing{}, err
	}
	files.sort()
	return files, nil
}

// treeWalker calls file for every file under a tree.
type treeWalker struct {
	r    *treeReader
	file func(folderLen int, name []byte, id plumbing.Hash)
	// folder holds the path of the folder being walked, with a trailing
	// slash, in its first folderLen bytes; deeper folders write after them.
	folder []byte
}

// walk visits the files of tree h, whose path is w.folder[:folderLen].
func (w *treeWalker) walk(h plumbing.Hash, folderLen int) error {
	data, err := w.r.tree(h)
	if err != nil {
		return err
	}
	for len(data) > 0 {
		var e treeEntry
		if e, data, err = nextEntry(data); err != nil {
			return fmt.Errorf("tree %s: %w", h, err)
		}
		switch e.mode {
		case modeTree:
			w.folder = append(append(w.folder[:folderLen], e.name...), '/')
			if err := w.walk(e.hash, len(w.folder)); err != nil {
				return err
			}
		case modeGitlink:
			// A submodule: its files are in another repository.
		default:
			w.file(folderLen, e.name, e.hash)
		}
	}
	return nil
}

// find returns the entry called name in tree h.
func (r *treeReader) find(h plumbing.Hash, name string) (treeEntry, bool, error) {
	data, err := r.tree(h)
	if err != nil {
		return treeEntry{}, false, err
	}
	for len(data) > 0 {
		var e treeEntry
		if e, data, err = nextEntry(data); err != nil {
			return treeEntry{}, false, fmt.Errorf("tree %s: %w", h, err)
		}
		if string(e.name) == name {
			return e, true, nil
		}
	}
	return treeEntry{}, false, nil
}

// treeEntry is one line of a git tree object; name points into the object's
// content.
type treeEntry struct {
	mode uint32
	name []byte
	hash plumbing.Hash
}

var errMalformedTree = errors.New("malformed tree object")

// nextEntry splits the first entry off the content of a git tree object:
// "<octal mode> <name>\x00<20-byte hash>". Names that could not be a path
// component ("", ".", "..", anything with a slash) make the tree malformed,
// as they do for git fsck.
func nextEntry(data []byte) (treeEntry, []byte, error) {
	var e treeEntry
	i := 0
	for ; i < len(data) && data[i] != ' '; i++ {
		c := data[i]
		if c < '0' || c > '7' || i >= 7 {
			return e, nil, errMalformedTree
		}
		e.mode = e.mode<<3 | uint32(c-'0')
	}
	if i == 0 || i == len(data) {
		return e, nil, errMalformedTree
	}
	data = data[i+1:]
	nul := bytes.IndexByte(data, 0)
	if nul <= 0 || len(data) < nul+1+len(e.hash) {
		return e, nil, errMalformedTree
	}
	e.name = data[:nul]
	if bytes.IndexByte(e.name, '/') >= 0 || string(e.name) == "." || string(e.name) == ".." {
		return e, nil, errMalformedTree
	}
	copy(e.hash[:], data[nul+1:])
	return e, data[nul+1+len(e.hash):], nil
}
