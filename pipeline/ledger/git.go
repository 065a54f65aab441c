package ledger

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	gitconfig "github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/http"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

var (
	// ErrNoRepository: the content repo is not in a git repository; the
	// ledger then stays in the work tree only.
	ErrNoRepository = errors.New("not a git repository")
	// ErrRejected: the remote has commits this clone does not (another
	// runner pushed first). Pull, then push again.
	ErrRejected = errors.New("the remote has new commits")
)

// Git is the git repository that holds a content repo and its ledger. It
// only ever commits the ledger's files: the index and the rest of the work
// tree are left as they are, so an editor's uncommitted changes are safe.
type Git struct {
	repo   *git.Repository
	gitDir string
	// prefix is the ledger's folder relative to the work tree's root.
	prefix string
	ledger string // the ledger folder on disk
	branch plumbing.ReferenceName
	remote string
	auth   transport.AuthMethod
	// Author of the ledger commits.
	Name, Email string
}

// OpenGit finds the git repository holding the content repo at root.
// remote is the remote to pull from and push to ("" for origin); a
// repository without it works locally only. token, when not empty,
// authenticates HTTPS pushes (GitHub Actions' GITHUB_TOKEN).
func OpenGit(root, remote, token string) (*Git, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	repo, err := git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, ErrNoRepository
	}
	if err != nil {
		return nil, fmt.Errorf("opening the git repository at %s: %w", abs, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, fmt.Errorf("the ledger needs a git work tree: %w", err)
	}
	top := wt.Filesystem.Root()
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	rel, err := filepath.Rel(top, filepath.Join(abs, Dir))
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("the content repo %s is outside its git work tree %s", abs, top)
	}
	g := &Git{repo: repo, prefix: filepath.ToSlash(rel), ledger: filepath.Join(abs, Dir), Name: "cm", Email: "cm@localhost"}
	if fsStore, ok := repo.Storer.(*filesystem.Storage); ok {
		g.gitDir = fsStore.Filesystem().Root()
	}
	head, err := repo.Reference(plumbing.HEAD, false)
	if err != nil {
		return nil, fmt.Errorf("reading HEAD: %w", err)
	}
	if head.Type() != plumbing.SymbolicReference {
		return nil, fmt.Errorf("HEAD is detached: check out the branch the ledger is recorded on (e.g. git checkout main)")
	}
	g.branch = head.Target()
	g.cleanTornRefs()
	g.repairBranch()
	if remote == "" {
		remote = "origin"
	}
	if _, err := repo.Remote(remote); err == nil {
		g.remote = remote
	}
	if token != "" {
		g.auth = &http.BasicAuth{Username: "x-access-token", Password: token}
	}
	return g, nil
}

// LocalOnly stops pulling and pushing: the ledger is only committed.
func (g *Git) LocalOnly() { g.remote = "" }

// HasRemote says whether the ledger is pushed anywhere.
func (g *Git) HasRemote() bool { return g.remote != "" }

// Remote is the name of the remote, "" when there is none.
func (g *Git) Remote() string { return g.remote }

// Runner is the id of this clone, kept in its .git folder: the runs of one
// clone share it.
func (g *Git) Runner() string {
	if g.gitDir == "" {
		return ""
	}
	p := filepath.Join(g.gitDir, "cm-runner")
	if b, err := os.ReadFile(p); err == nil && len(bytes.TrimSpace(b)) > 0 {
		return string(bytes.TrimSpace(b))
	}
	id := newID()
	if err := writeAtomic(p, []byte(id+"\n")); err != nil {
		return ""
	}
	return id
}

// GitDir is the repository's .git folder ("" when it is not on disk).
func (g *Git) GitDir() string { return g.gitDir }

// headCommit is the branch's commit, nil on an unborn branch.
func (g *Git) headCommit() (*object.Commit, error) {
	ref, err := g.repo.Reference(g.branch, true)
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", g.branch.Short(), err)
	}
	return g.repo.CommitObject(ref.Hash())
}

// Commit records the ledger's files as they are on disk in a commit on the
// branch, if they differ from the branch's. It returns whether it made one.
func (g *Git) Commit(message string, now time.Time) (bool, error) {
	head, err := g.headCommit()
	if err != nil {
		return false, err
	}
	var base *object.Tree
	var parents []plumbing.Hash
	if head != nil {
		if base, err = head.Tree(); err != nil {
			return false, err
		}
		parents = []plumbing.Hash{head.Hash}
	}
	ledgerTree, files, err := g.writeLedgerTree()
	if err != nil {
		return false, err
	}
	if base != nil {
		if cur, err := base.FindEntry(g.prefix); err == nil && cur.Hash == ledgerTree {
			return false, nil
		}
	}
	tree, err := g.replace(base, strings.Split(g.prefix, "/"), ledgerTree)
	if err != nil {
		return false, err
	}
	hash, err := g.commit(tree, parents, message, now)
	if err != nil {
		return false, err
	}
	if err := g.setBranch(hash); err != nil {
		return false, err
	}
	g.updateIndex(files)
	return true, nil
}

// ledgerFile is a ledger file as written in the repository.
type ledgerFile struct {
	path string // repo-relative
	hash plumbing.Hash
	size int
	disk string
}

// writeLedgerTree stores the ledger's files as blobs and a tree.
func (g *Git) writeLedgerTree() (plumbing.Hash, []ledgerFile, error) {
	entries, err := os.ReadDir(g.ledger)
	if err != nil && !os.IsNotExist(err) {
		return plumbing.ZeroHash, nil, err
	}
	var tree object.Tree
	var files []ledgerFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".jsonl") || name == ".gitattributes") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(g.ledger, name))
		if err != nil {
			return plumbing.ZeroHash, nil, err
		}
		h, err := g.writeBlob(data)
		if err != nil {
			return plumbing.ZeroHash, nil, err
		}
		tree.Entries = append(tree.Entries, object.TreeEntry{Name: name, Mode: filemode.Regular, Hash: h})
		files = append(files, ledgerFile{path: g.prefix + "/" + name, hash: h, size: len(data), disk: filepath.Join(g.ledger, name)})
	}
	h, err := g.writeTree(&tree)
	return h, files, err
}

func (g *Git) writeBlob(data []byte) (plumbing.Hash, error) {
	obj := g.repo.Storer.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	obj.SetSize(int64(len(data)))
	w, err := obj.Writer()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if _, err := w.Write(data); err != nil {
		return plumbing.ZeroHash, err
	}
	if err := w.Close(); err != nil {
		return plumbing.ZeroHash, err
	}
	return g.repo.Storer.SetEncodedObject(obj)
}

// writeTree stores a tree, its entries in git's order (a folder sorts as
// if its name ended with '/').
func (g *Git) writeTree(t *object.Tree) (plumbing.Hash, error) {
	sortKey := func(e object.TreeEntry) string {
		if e.Mode == filemode.Dir {
			return e.Name + "/"
		}
		return e.Name
	}
	sort.Slice(t.Entries, func(i, j int) bool { return sortKey(t.Entries[i]) < sortKey(t.Entries[j]) })
	obj := g.repo.Storer.NewEncodedObject()
	if err := t.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return g.repo.Storer.SetEncodedObject(obj)
}

// replace returns the hash of base with the folder at parts replaced by
// the tree leaf (base may be nil: an empty tree).
func (g *Git) replace(base *object.Tree, parts []string, leaf plumbing.Hash) (plumbing.Hash, error) {
	var t object.Tree
	var sub *object.Tree
	if base != nil {
		for _, e := range base.Entries {
			if e.Name == parts[0] {
				if len(parts) > 1 && e.Mode == filemode.Dir {
					s, err := g.repo.TreeObject(e.Hash)
					if err != nil {
						return plumbing.ZeroHash, err
					}
					sub = s
				}
				continue
			}
			t.Entries = append(t.Entries, e)
		}
	}
	h := leaf
	if len(parts) > 1 {
		var err error
		if h, err = g.replace(sub, parts[1:], leaf); err != nil {
			return plumbing.ZeroHash, err
		}
	}
	t.Entries = append(t.Entries, object.TreeEntry{Name: parts[0], Mode: filemode.Dir, Hash: h})
	return g.writeTree(&t)
}

func (g *Git) commit(tree plumbing.Hash, parents []plumbing.Hash, message string, now time.Time) (plumbing.Hash, error) {
	sig := object.Signature{Name: g.Name, Email: g.Email, When: now}
	c := &object.Commit{Author: sig, Committer: sig, Message: message, TreeHash: tree, ParentHashes: parents}
	obj := g.repo.Storer.NewEncodedObject()
	if err := c.Encode(obj); err != nil {
		return plumbing.ZeroHash, err
	}
	return g.repo.Storer.SetEncodedObject(obj)
}

// setBranch moves the branch to a commit. The loose ref file is replaced
// atomically (go-git truncates then writes it: a kill in between would
// leave the branch empty).
func (g *Git) setBranch(h plumbing.Hash) error {
	if g.gitDir != "" {
		// cm-head remembers the commit, should anything else tear the ref.
		if err := writeAtomic(filepath.Join(g.gitDir, "cm-head"), []byte(g.branch.String()+" "+h.String()+"\n")); err != nil {
			return err
		}
		p := filepath.Join(g.gitDir, filepath.FromSlash(g.branch.String()))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		// The temporary file stays out of refs/: go-git reads every file
		// there as a ref, and a kill could leave it empty.
		return writeAtomicVia(g.gitDir, p, []byte(h.String()+"\n"))
	}
	return g.repo.Storer.SetReference(plumbing.NewHashReference(g.branch, h))
}

// updateIndex points the index's entries of the ledger's files at the
// committed blobs, so that git status shows the ledger as committed. It is
// a courtesy to people: a failure is ignored.
func (g *Git) updateIndex(files []ledgerFile) {
	idx, err := g.repo.Storer.Index()
	if err != nil {
		// An index torn by a kill: rebuild it from the branch.
		if g.gitDir != "" {
			_ = os.Remove(filepath.Join(g.gitDir, "index"))
			if wt, err := g.repo.Worktree(); err == nil {
				_ = wt.Reset(&git.ResetOptions{Mode: git.MixedReset})
			}
		}
		return
	}
	for _, f := range files {
		e, err := idx.Entry(f.path)
		if err != nil {
			e = idx.Add(f.path)
		}
		e.Hash, e.Size, e.Mode = f.hash, uint32(f.size), filemode.Regular
		if st, err := os.Stat(f.disk); err == nil {
			e.ModifiedAt = st.ModTime()
		}
	}
	sort.Slice(idx.Entries, func(i, j int) bool { return idx.Entries[i].Name < idx.Entries[j].Name })
	_ = g.repo.Storer.SetIndex(idx)
}

// Push sends the branch to the remote. It returns ErrRejected when the
// remote has commits this clone does not.
func (g *Git) Push(ctx context.Context) error {
	if g.remote == "" {
		return nil
	}
	spec := gitconfig.RefSpec(g.branch.String() + ":" + g.branch.String())
	err := g.repo.PushContext(ctx, &git.PushOptions{RemoteName: g.remote, RefSpecs: []gitconfig.RefSpec{spec}, Auth: g.auth})
	switch {
	case err == nil, errors.Is(err, git.NoErrAlreadyUpToDate):
		return nil
	case strings.Contains(err.Error(), "non-fast-forward"), strings.Contains(err.Error(), "fetch first"),
		strings.Contains(err.Error(), "failed to update ref"), strings.Contains(err.Error(), "cannot lock ref"):
		return fmt.Errorf("%w: %v", ErrRejected, err)
	}
	return fmt.Errorf("pushing the ledger to %s: %w", g.remote, err)
}

// Pull fetches the remote's branch and merges its ledger into l: the
// records of both, on disk and in a commit whose parents are both branches.
// It returns how many records were new here. Only the ledger may differ
// between the two sides (besides commits one side has and the other lacks
// entirely): a clone with other unpushed changes must be pulled by hand.
func (g *Git) Pull(ctx context.Context, l *Ledger, now time.Time) (int, error) {
	if g.remote == "" {
		return 0, nil
	}
	remoteRef := plumbing.NewRemoteReferenceName(g.remote, g.branch.Short())
	g.cleanTornRefs()
	spec := gitconfig.RefSpec("+" + g.branch.String() + ":" + remoteRef.String())
	err := g.repo.FetchContext(ctx, &git.FetchOptions{RemoteName: g.remote, RefSpecs: []gitconfig.RefSpec{spec}, Auth: g.auth})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		if strings.Contains(err.Error(), "couldn't find remote ref") {
			return 0, nil // the remote's branch does not exist yet: the push makes it
		}
		return 0, fmt.Errorf("fetching the ledger from %s: %w", g.remote, err)
	}
	ref, err := g.repo.Reference(remoteRef, true)
	if err != nil {
		return 0, nil
	}
	theirs, err := g.repo.CommitObject(ref.Hash())
	if err != nil {
		return 0, err
	}
	ours, err := g.headCommit()
	if err != nil {
		return 0, err
	}
	if ours != nil && ours.Hash == theirs.Hash {
		return 0, nil
	}
	if ours != nil {
		if in, err := theirs.IsAncestor(ours); err == nil && in {
			return 0, nil // we have everything they have
		}
	}
	recs, err := g.ledgerAt(theirs)
	if err != nil {
		return 0, err
	}
	added := l.Merge(recs)
	if err := l.Rewrite(); err != nil {
		return 0, err
	}
	ledgerTree, files, err := g.writeLedgerTree()
	if err != nil {
		return 0, err
	}
	var base *object.Tree
	parents := []plumbing.Hash{theirs.Hash}
	if ours == nil {
		base, err = theirs.Tree()
	} else if ff, _ := ours.IsAncestor(theirs); ff {
		base, err = theirs.Tree()
	} else {
		base, err = g.mergeBase(ours, theirs)
		parents = []plumbing.Hash{ours.Hash, theirs.Hash}
	}
	if err != nil {
		return 0, err
	}
	tree, err := g.replace(base, strings.Split(g.prefix, "/"), ledgerTree)
	if err != nil {
		return 0, err
	}
	var hash plumbing.Hash
	if theirTree, _ := theirs.Tree(); len(parents) == 1 && theirTree != nil && theirTree.Hash == tree {
		hash = theirs.Hash // a fast-forward: their ledger already holds ours
	} else if hash, err = g.commit(tree, parents, "cm: merge the ledger from "+g.remote, now); err != nil {
		return 0, err
	}
	var oursTree plumbing.Hash
	if ours != nil {
		oursTree = ours.TreeHash
	}
	if err := g.setBranch(hash); err != nil {
		return 0, err
	}
	if g.changedBesidesLedger(oursTree, tree) {
		g.syncWorkTree(hash, files)
	} else {
		g.updateIndex(files)
	}
	return added, nil
}

// mergeBase is the tree of a merge of two commits that differ outside the
// ledger on one side at most: the side that changed is kept.
func (g *Git) mergeBase(ours, theirs *object.Commit) (*object.Tree, error) {
	bases, err := ours.MergeBase(theirs)
	if err != nil || len(bases) == 0 {
		return nil, fmt.Errorf("the branch and %s/%s have no common history: merge them by hand", g.remote, g.branch.Short())
	}
	strip := func(c *object.Commit) (plumbing.Hash, error) {
		t, err := c.Tree()
		if err != nil {
			return plumbing.ZeroHash, err
		}
		return g.replace(t, strings.Split(g.prefix, "/"), emptyTree)
	}
	if _, err := g.writeTree(&object.Tree{}); err != nil {
		return nil, err
	}
	b, err1 := strip(bases[0])
	o, err2 := strip(ours)
	if err := errors.Join(err1, err2); err != nil {
		return nil, err
	}
	if o == b {
		return theirs.Tree() // only the ledger changed here
	}
	t, err := strip(theirs)
	if err != nil {
		return nil, err
	}
	if t == b {
		return ours.Tree() // only the ledger changed there
	}
	return nil, fmt.Errorf("the branch has commits besides the ledger that %s/%s lacks, and the other way round: pull and push them by hand (git pull), then run cm publish again", g.remote, g.branch.Short())
}

// emptyTree is the hash of git's empty tree.
var emptyTree = plumbing.NewHash("4b825dc642cb6eb9a060e54bf8d69288fbee4904")

// ledgerAt reads the ledger's records in a commit.
func (g *Git) ledgerAt(c *object.Commit) ([]Record, error) {
	t, err := c.Tree()
	if err != nil {
		return nil, err
	}
	dir, err := t.Tree(g.prefix)
	if errors.Is(err, object.ErrDirectoryNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Record
	for _, e := range dir.Entries {
		if !strings.HasSuffix(e.Name, ".jsonl") {
			continue
		}
		f, err := dir.TreeEntryFile(&e)
		if err != nil {
			return nil, err
		}
		r, err := f.Reader()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		recs, _ := Parse(data)
		out = append(out, recs...)
	}
	return out, nil
}

// changedBesidesLedger says whether two trees differ outside the ledger.
func (g *Git) changedBesidesLedger(a, b plumbing.Hash) bool {
	if a == b {
		return false
	}
	strip := func(h plumbing.Hash) plumbing.Hash {
		t, err := g.repo.TreeObject(h)
		if err != nil {
			return plumbing.ZeroHash
		}
		out, err := g.replace(t, strings.Split(g.prefix, "/"), emptyTree)
		if err != nil {
			return plumbing.ZeroHash
		}
		return out
	}
	if a.IsZero() {
		return true
	}
	sa, sb := strip(a), strip(b)
	return sa.IsZero() || sa != sb
}

// syncWorkTree brings the index and work tree to the merged commit for
// the files the other side changed, keeping local changes (git reset
// --merge). When local changes are in the way it leaves them, and git
// status shows the difference: the next checkout settles it.
func (g *Git) syncWorkTree(h plumbing.Hash, ledger []ledgerFile) {
	wt, err := g.repo.Worktree()
	if err == nil {
		err = wt.Reset(&git.ResetOptions{Commit: h, Mode: git.MergeReset})
	}
	if err != nil {
		g.updateIndex(ledger)
	}
}

// cleanTornRefs repairs what a fetch killed midway leaves behind, which
// go-git would otherwise stumble on at every later run: remote-tracking
// refs left empty, and a pack index written without its pack (go-git
// writes the index in place, then renames the pack beside it). Both hold
// nothing that the next fetch does not bring back.
func (g *Git) cleanTornRefs() {
	if g.gitDir == "" {
		return
	}
	packs := filepath.Join(g.gitDir, "objects", "pack")
	if entries, err := os.ReadDir(packs); err == nil {
		for _, e := range entries {
			name := e.Name()
			if strings.HasSuffix(name, ".idx") {
				if _, err := os.Stat(filepath.Join(packs, strings.TrimSuffix(name, ".idx")+".pack")); os.IsNotExist(err) {
					_ = os.Remove(filepath.Join(packs, name))
				}
			}
		}
	}
	for _, name := range []string{"", "refs/heads"} {
		if matches, err := filepath.Glob(filepath.Join(g.gitDir, filepath.FromSlash(name), ".tmp-*")); err == nil {
			for _, m := range matches {
				_ = os.Remove(m) // left by an earlier cm killed midway
			}
		}
	}
	root := filepath.Join(g.gitDir, "refs", "remotes")
	_ = filepath.WalkDir(root, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if st, err := os.Stat(p); err == nil && st.Size() == 0 {
				_ = os.Remove(p)
			}
		}
		return nil
	})
}

// repairBranch restores the branch's ref when a process killed while
// go-git wrote it (go-git truncates, then writes) left it empty: cm-head
// holds the last commit cm moved the branch to.
func (g *Git) repairBranch() {
	if g.gitDir == "" {
		return
	}
	p := filepath.Join(g.gitDir, filepath.FromSlash(g.branch.String()))
	if st, err := os.Stat(p); err != nil || st.Size() > 0 {
		return
	}
	b, err := os.ReadFile(filepath.Join(g.gitDir, "cm-head"))
	if err != nil {
		return
	}
	name, hash, ok := strings.Cut(strings.TrimSpace(string(b)), " ")
	if ok && name == g.branch.String() && plumbing.IsHash(hash) {
		_ = writeAtomicVia(g.gitDir, p, []byte(hash+"\n"))
	}
}

// Path is a repo-relative path of the ledger's folder in the repository.
func (g *Git) Path() string { return path.Clean(g.prefix) }
