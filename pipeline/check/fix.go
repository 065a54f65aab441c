package check

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cmhq/cm/pipeline/content"
)

// FileFix is what `cm check --fix` changes in one file.
type FileFix struct {
	// Path is relative to the repo root.
	Path string
	// Before and After are the whole file.
	Before, After []byte
	// Applied are the diagnostics whose fixes were applied, in file order.
	Applied []Diagnostic
}

// ApplyFixes applies edits to src and returns the result with the indexes
// of the edits applied. Edits are applied back to front so that offsets
// stay valid; an edit overlapping one already taken (or touching the same
// insertion point) is left out, for a later pass to apply on the new text;
// an edit identical to one taken is counted as applied. Everything outside
// the edits is kept byte for byte.
func ApplyFixes(src []byte, fixes []Fix) ([]byte, []int) {
	order := make([]int, 0, len(fixes))
	for i, f := range fixes {
		if f.Start < 0 || f.End < f.Start || f.End > len(src) {
			continue
		}
		order = append(order, i)
	}
	sort.SliceStable(order, func(a, b int) bool {
		fa, fb := fixes[order[a]], fixes[order[b]]
		if fa.Start != fb.Start {
			return fa.Start < fb.Start
		}
		return fa.End < fb.End
	})
	var taken []int
	last := -1 // end of the last edit taken
	var prev *Fix
	for _, i := range order {
		f := fixes[i]
		if prev != nil && f == *prev {
			taken = append(taken, i)
			continue
		}
		if f.Start < last || (prev != nil && f.Start == prev.Start && (f.Start == f.End || prev.Start == prev.End)) {
			continue
		}
		taken = append(taken, i)
		last = f.End
		prev = &fixes[i]
	}
	out := append([]byte(nil), src...)
	for k := len(taken) - 1; k >= 0; k-- {
		f := fixes[taken[k]]
		if k+1 < len(taken) && f == fixes[taken[k+1]] {
			continue // a duplicate of the edit just applied
		}
		out = append(out[:f.Start], append([]byte(f.New), out[f.End:]...)...)
	}
	sort.Ints(taken)
	return out, taken
}

// PlanFixes applies, in memory, the fixes of the diagnostics to the files
// of the repo they point into, and returns the files that change, sorted
// by path.
func PlanFixes(repo *content.Repo, diags []Diagnostic) []FileFix {
	byPath := map[string][]Diagnostic{}
	for _, d := range diags {
		if d.Fix != nil {
			byPath[d.File] = append(byPath[d.File], d)
		}
	}
	docs := map[string]*content.Document{}
	for _, d := range repo.Documents {
		docs[d.Path] = d
	}
	var out []FileFix
	for path, ds := range byPath {
		doc := docs[path]
		if doc == nil {
			continue
		}
		fixes := make([]Fix, len(ds))
		for i, d := range ds {
			fixes[i] = *d.Fix
		}
		after, applied := ApplyFixes(doc.Src, fixes)
		if bytes.Equal(after, doc.Src) {
			continue
		}
		ff := FileFix{Path: path, Before: doc.Src, After: after}
		for _, i := range applied {
			ff.Applied = append(ff.Applied, ds[i])
		}
		out = append(out, ff)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// FixOptions tune Registry.Fix.
type FixOptions struct {
	// DryRun prints a unified diff to Out instead of writing files.
	DryRun bool
	// Out receives the diff; Log what was fixed.
	Out, Log io.Writer
}

// maxFixPasses bounds how often Fix checks again after fixing: a fix left
// out because it overlapped another is applied on the next pass.
const maxFixPasses = 4

// Fix applies the certain fixes of res (the result of checking repo with
// opts) to the files, checks again until nothing is left to fix, and
// returns the final result, so that a second `cm check --fix` changes
// nothing. It prints every fix applied to Log. With DryRun it writes
// nothing and prints the unified diff of the first pass to Out instead.
func (r *Registry) Fix(repo *content.Repo, res *Result, opts Options, fo FixOptions) (*Result, error) {
	var applied []Diagnostic
	files := map[string]bool{}
	for pass := 0; pass < maxFixPasses; pass++ {
		plans := PlanFixes(repo, res.Diagnostics)
		if len(plans) == 0 {
			break
		}
		if fo.DryRun {
			for _, ff := range plans {
				if _, err := io.WriteString(fo.Out, UnifiedDiff(ff.Path, ff.Before, ff.After)); err != nil {
					return nil, err
				}
				applied = append(applied, ff.Applied...)
				files[ff.Path] = true
			}
			break
		}
		for _, ff := range plans {
			if err := writeFix(repo.Config.Root, ff); err != nil {
				return nil, err
			}
			applied = append(applied, ff.Applied...)
			files[ff.Path] = true
		}
		var err error
		if repo, err = content.Load(repo.Config); err != nil {
			return nil, err
		}
		if res, err = r.Run(repo, opts); err != nil {
			return nil, err
		}
	}
	if fo.Log != nil {
		verb := "fixed"
		if fo.DryRun {
			verb = "would fix"
		}
		for _, d := range applied {
			fmt.Fprintf(fo.Log, "%s %s:%d:%d: %s [%s]\n", verb, d.File, d.Line, d.Column, d.Message, d.Rule)
		}
		fmt.Fprintf(fo.Log, "%s %s in %s\n", verb, plural(len(applied), "problem"), plural(len(files), "file"))
	}
	return res, nil
}

// writeFix replaces a file with its fixed content, keeping its mode, by
// way of a temporary file renamed over it, so that an interrupted run
// leaves the old file or the new one, never half of each. A file changed
// on disk since it was read is left alone.
func writeFix(root string, ff FileFix) error {
	path := filepath.Join(root, filepath.FromSlash(ff.Path))
	now, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("fixing %s: %w", ff.Path, err)
	}
	if !bytes.Equal(now, ff.Before) {
		return fmt.Errorf("fixing %s: the file changed while cm was checking it; run cm check --fix again", ff.Path)
	}
	info, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("fixing %s: %w", ff.Path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".cm-fix-*")
	if err != nil {
		return fmt.Errorf("fixing %s: %w", ff.Path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(ff.After); err != nil {
		tmp.Close()
		return fmt.Errorf("fixing %s: %w", ff.Path, err)
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return fmt.Errorf("fixing %s: %w", ff.Path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("fixing %s: %w", ff.Path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("fixing %s: %w", ff.Path, err)
	}
	return nil
}

// diffContext is the number of unchanged lines shown around a change.
const diffContext = 3

// UnifiedDiff renders the change of one file as a unified diff (the
// format of diff -u and git diff), with a/ and b/ prefixes. Line endings
// are kept as they are in the file, so a CRLF file shows its \r.
func UnifiedDiff(path string, before, after []byte) string {
	a, b := splitLines(before), splitLines(after)
	if bytes.Equal(before, after) {
		return ""
	}
	// Fixes never add or remove a line break, so lines pair up one to one;
	// otherwise the common head and tail pair up and the middle differs.
	head := 0
	for head < len(a) && head < len(b) && a[head] == b[head] {
		head++
	}
	tail := 0
	for tail < len(a)-head && tail < len(b)-head && a[len(a)-1-tail] == b[len(b)-1-tail] {
		tail++
	}
	type change struct{ a0, a1, b0, b1 int } // [a0,a1) of a replaced by [b0,b1) of b
	var changes []change
	if len(a) == len(b) {
		for i := head; i < len(a)-tail; i++ {
			if a[i] == b[i] {
				continue
			}
			if n := len(changes); n > 0 && changes[n-1].a1 == i {
				changes[n-1].a1, changes[n-1].b1 = i+1, i+1
				continue
			}
			changes = append(changes, change{i, i + 1, i, i + 1})
		}
	} else {
		changes = []change{{head, len(a) - tail, head, len(b) - tail}}
	}
	var out strings.Builder
	fmt.Fprintf(&out, "--- a/%s\n+++ b/%s\n", path, path)
	for i := 0; i < len(changes); {
		// A hunk: changes closer than twice the context share one.
		j := i
		for j+1 < len(changes) && changes[j+1].a0-changes[j].a1 <= 2*diffContext {
			j++
		}
		a0 := max(changes[i].a0-diffContext, 0)
		b0 := changes[i].b0 - (changes[i].a0 - a0)
		a1 := min(changes[j].a1+diffContext, len(a))
		b1 := changes[j].b1 + (a1 - changes[j].a1)
		fmt.Fprintf(&out, "@@ -%s +%s @@\n", hunkRange(a0, a1-a0), hunkRange(b0, b1-b0))
		ai := a0
		for k := i; k <= j; k++ {
			c := changes[k]
			for ; ai < c.a0; ai++ {
				writeLine(&out, " ", a[ai])
			}
			for x := c.a0; x < c.a1; x++ {
				writeLine(&out, "-", a[x])
			}
			for x := c.b0; x < c.b1; x++ {
				writeLine(&out, "+", b[x])
			}
			ai = c.a1
		}
		for ; ai < a1; ai++ {
			writeLine(&out, " ", a[ai])
		}
		i = j + 1
	}
	return out.String()
}

func hunkRange(start, n int) string {
	if n == 1 {
		return fmt.Sprint(start + 1)
	}
	if n == 0 {
		return fmt.Sprintf("%d,0", start)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}

func writeLine(b *strings.Builder, prefix, line string) {
	b.WriteString(prefix)
	if strings.HasSuffix(line, "\n") {
		b.WriteString(line)
		return
	}
	b.WriteString(line)
	b.WriteString("\n\\ No newline at end of file\n")
}

// splitLines splits after each \n, keeping it.
func splitLines(b []byte) []string {
	var out []string
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 {
			out = append(out, string(b))
			break
		}
		out = append(out, string(b[:i+1]))
		b = b[i+1:]
	}
	return out
}
