package vcs

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ErrNoRepository is returned by LastModified when dir is not inside a git
// repository, or the repository has no commit yet.
var ErrNoRepository = errors.New("not a git repository with commits")

// LastModified returns, for each of paths (relative to dir, the content repo,
// with forward slashes), the committer time of the last commit on HEAD's
// first-parent line that changed it. Paths never committed are absent from
// the map. Uncommitted changes are ignored, so two machines with the same
// checkout get the same answer.
//
// It walks history once, newest first, comparing each commit with its first
// parent (go-git skips unchanged subtrees), and stops as soon as every path
// is dated: one pass for the whole site, not one log per file. In a shallow
// clone, the oldest commit available dates every file it holds.
func LastModified(dir string, paths []string) (map[string]time.Time, error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
	if errors.Is(err, git.ErrRepositoryNotExists) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoRepository)
	}
	if err != nil {
		return nil, fmt.Errorf("opening the git repository of %s: %w", dir, err)
	}
	head, err := repo.Head()
	if errors.Is(err, plumbing.ErrReferenceNotFound) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoRepository)
	}
	if err != nil {
		return nil, fmt.Errorf("reading HEAD of %s: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, fmt.Errorf("reading the work tree of %s: %w", dir, err)
	}
	prefix, err := prefixOf(wt.Filesystem.Root(), dir)
	if err != nil {
		return nil, err
	}
	// wanted maps a path from the git root to the path the caller gave.
	wanted := make(map[string]string, len(paths))
	for _, p := range paths {
		wanted[prefix+p] = p
	}
	out := make(map[string]time.Time, len(paths))
	commit, err := repo.CommitObject(head.Hash())
	if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", head.Hash(), err)
	}
	for commit != nil && len(wanted) > 0 {
		tree, err := commit.Tree()
		if err != nil {
			return nil, fmt.Errorf("reading the tree of commit %s: %w", commit.Hash, err)
		}
		parent, err := commit.Parent(0)
		var parentTree *object.Tree
		switch {
		case errors.Is(err, object.ErrParentNotFound):
			parent = nil // the root commit: it added every file
		case errors.Is(err, plumbing.ErrObjectNotFound):
			parent = nil // a shallow clone ends here
		case err != nil:
			return nil, fmt.Errorf("reading the parent of commit %s: %w", commit.Hash, err)
		default:
			if parentTree, err = parent.Tree(); err != nil {
				return nil, fmt.Errorf("reading the tree of commit %s: %w", parent.Hash, err)
			}
		}
		when := commit.Committer.When
		record := func(name string) {
			if p, ok := wanted[name]; ok {
				out[p] = when
				delete(wanted, name)
			}
		}
		if parentTree == nil {
			if err := tree.Files().ForEach(func(f *object.File) error { record(f.Name); return nil }); err != nil && !errors.Is(err, io.EOF) {
				return nil, fmt.Errorf("listing commit %s: %w", commit.Hash, err)
			}
		} else {
			changes, err := object.DiffTree(parentTree, tree)
			if err != nil {
				return nil, fmt.Errorf("comparing commit %s with its parent: %w", commit.Hash, err)
			}
			for _, c := range changes {
				record(c.To.Name) // a deleted file is not wanted: it is no longer there
			}
		}
		commit = parent
	}
	return out, nil
}

// prefixOf is the path of dir inside the work tree at gitRoot, "" or
// "sub/dir/".
func prefixOf(gitRoot, dir string) (string, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if resolved, err := filepath.EvalSymlinks(absDir); err == nil {
		absDir = resolved
	}
	if resolved, err := filepath.EvalSymlinks(gitRoot); err == nil {
		gitRoot = resolved
	}
	rel, err := filepath.Rel(gitRoot, absDir)
	if err != nil {
		return "", err
	}
	rel = filepath.ToSlash(rel)
	if rel == "." {
		return "", nil
	}
	if strings.HasPrefix(rel, "..") {
		return "", fmt.Errorf("%s is outside its git work tree %s", dir, gitRoot)
	}
	return rel + "/", nil
}
