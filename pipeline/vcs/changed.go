// Package vcs reads the content repo's git history with go-git: which files
// a pull request changes, and when a file last changed.
package vcs

import (
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ChangedSince returns the files that differ between the commit REF names
// and the work tree: committed since REF, staged, modified or untracked. Paths
// are relative to dir (the content repo, which may be a folder inside the git
// repository), with forward slashes, sorted. Deleted files are included.
func ChangedSince(dir, ref string) ([]string, error) {
	repo, err := git.PlainOpenWithOptions(dir, &git.PlainOpenOptions{DetectDotGit: true})
	if err != nil {
		return nil, fmt.Errorf("--changed-since needs a git repository at %s: %w", dir, err)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return nil, fmt.Errorf("--changed-since: %w", err)
	}
	hash, err := repo.ResolveRevision(plumbing.Revision(ref))
	if err != nil {
		return nil, fmt.Errorf("--changed-since %s: no such commit, branch or tag (fetch it first, e.g. git fetch origin main): %w", ref, err)
	}
	base, err := treeOf(repo, *hash)
	if err != nil {
		return nil, fmt.Errorf("--changed-since %s: %w", ref, err)
	}
	changed := map[string]bool{}
	head, err := repo.Head()
	switch {
	case errors.Is(err, plumbing.ErrReferenceNotFound):
		// No commit yet: everything in the work tree is new.
	case err != nil:
		return nil, fmt.Errorf("--changed-since: reading HEAD: %w", err)
	default:
		headTree, err := treeOf(repo, head.Hash())
		if err != nil {
			return nil, err
		}
		changes, err := object.DiffTree(base, headTree)
		if err != nil {
			return nil, fmt.Errorf("--changed-since: comparing %s with HEAD: %w", ref, err)
		}
		for _, c := range changes {
			for _, name := range []string{c.From.Name, c.To.Name} {
				if name != "" {
					changed[name] = true
				}
			}
		}
	}
	status, err := wt.Status()
	if err != nil {
		return nil, fmt.Errorf("--changed-since: reading the work tree: %w", err)
	}
	for name, s := range status {
		if s.Worktree != git.Unmodified || s.Staging != git.Unmodified {
			changed[name] = true
		}
	}
	return relativeTo(wt.Filesystem.Root(), dir, changed)
}

func treeOf(repo *git.Repository, h plumbing.Hash) (*object.Tree, error) {
	c, err := repo.CommitObject(h)
	if err != nil {
		return nil, fmt.Errorf("reading commit %s: %w", h, err)
	}
	return c.Tree()
}

// relativeTo turns paths relative to the git root into paths relative to
// dir, dropping those outside it.
func relativeTo(gitRoot, dir string, paths map[string]bool) ([]string, error) {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if resolved, err := filepath.EvalSymlinks(absDir); err == nil {
		absDir = resolved
	}
	if resolved, err := filepath.EvalSymlinks(gitRoot); err == nil {
		gitRoot = resolved
	}
	prefix, err := filepath.Rel(gitRoot, absDir)
	if err != nil {
		return nil, err
	}
	prefix = filepath.ToSlash(prefix)
	out := []string{}
	for p := range paths {
		switch {
		case prefix == ".":
			out = append(out, p)
		case strings.HasPrefix(p, prefix+"/"):
			out = append(out, strings.TrimPrefix(p, prefix+"/"))
		}
	}
	sort.Strings(out)
	return out, nil
}
