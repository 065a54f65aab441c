package serve

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
	"github.com/cmhq/cm/pipeline/ledger"
	"github.com/cmhq/cm/pipeline/rules"
	"github.com/cmhq/cm/pipeline/schedule"
	"github.com/cmhq/cm/pipeline/site"
)

// state is everything the server shows at one moment. It never changes
// once published: a reload makes a new one.
type state struct {
	version int64
	at      time.Time
	cfg     *config.Config
	repo    *content.Repo
	// preview is nil when the site has never been planned; when the
	// latest plan failed, it is the previous one (stale).
	preview *site.Preview
	stale   bool
	// fallback is the preview from before the errors began: a page that
	// an error took away is shown from it, under the overlay.
	fallback  *site.Preview
	published schedule.PublishedFunc
	// configErrs are cm.yaml's problems; buildErrs what stops the site.
	configErrs []*Problem
	buildErrs  []*Problem
	// diags are cm check's diagnostics by file; checked is false while
	// only the saved files have been checked.
	diags   map[string][]check.Diagnostic
	checked bool
	// complete is false until the first full check of the site is done:
	// pages say that the site is being checked. After a save, pages
	// show the previous findings of the other files, without saying so:
	// what a page shows must not change when nothing changed for it.
	complete bool

	calOnce sync.Once
	cal     *schedule.Calendar
	pages   sync.Map // target -> *response
}

// next is a copy of the state for the server to change.
func (st *state) next() *state {
	return &state{at: st.at, cfg: st.cfg, repo: st.repo, preview: st.preview, stale: st.stale, fallback: st.fallback,
		published: st.published, configErrs: st.configErrs, buildErrs: st.buildErrs, diags: st.diags, checked: st.checked,
		complete: st.complete}
}

// errors are the problems shown in the overlay, in file order.
func (st *state) errors() []*Problem {
	all := slices.Concat(st.configErrs, st.buildErrs)
	return all
}

// calendar is the schedule of the state's repo, built on first use.
func (st *state) calendar() *schedule.Calendar {
	st.calOnce.Do(func() {
		st.cal = schedule.Build(st.repo, schedule.Options{Now: st.at, Published: st.published})
	})
	return st.cal
}

// Problem is an error shown in the overlay: where, what, how to fix it,
// and the lines around it.
type Problem struct {
	File         string
	Line, Column int
	Message      string
	Suggestion   string
	Frame        []FrameLine
}

// FrameLine is a line of a file shown around a problem.
type FrameLine struct {
	Number int
	Text   string
	Here   bool
}

// frame cuts the lines around line n (1-based) from a file's source.
func frame(src []byte, n int) []FrameLine {
	if n <= 0 || len(src) == 0 {
		return nil
	}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	var out []FrameLine
	for i := max(1, n-3); i <= min(len(lines), n+2); i++ {
		text := strings.TrimPrefix(lines[i-1], "\uFEFF")
		if len([]rune(text)) > 200 {
			text = string([]rune(text)[:200]) + "…"
		}
		out = append(out, FrameLine{Number: i, Text: text, Here: i == n})
	}
	return out
}

// Reload applies a batch of changed paths (repo-relative, as the watcher
// reports them) and tells the open pages whose content changed.
func (s *Server) Reload(paths []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	st, err := s.load(s.cur.Load(), paths)
	if err != nil { // only a first load fails
		s.logf("cm serve: %v", err)
		return
	}
	s.publish(st)
	what := strings.Join(paths, ", ")
	if len(paths) > 3 {
		what = strings.Join(paths[:3], ", ") + ", …"
	}
	s.logf("reloaded %s in %s%s", what, time.Since(start).Round(time.Millisecond), problemsNote(st))
}

func problemsNote(st *state) string {
	if n := len(st.errors()); n > 0 {
		return " (" + plural(n, "error") + ": see the browser)"
	}
	return ""
}

// load makes the state that follows old after paths changed; old is nil
// for the first load.
func (s *Server) load(old *state, paths []string) (*state, error) {
	full := old == nil || old.cfg == nil
	recheck := false
	var changed []string
	for _, p := range paths {
		switch {
		case p == config.FileName:
			full = true
		case p == ".cm" || strings.HasPrefix(p, ".cm/"):
			recheck = true
		case p == content.Dir || strings.HasPrefix(p, content.Dir+"/"):
			changed = append(changed, p)
		}
	}
	var st *state
	if old == nil {
		st = &state{}
	} else {
		st = old.next()
	}
	st.at = s.opts.Now()
	if full {
		cfg, err := config.Load(s.opts.Dir)
		if err != nil {
			if old == nil {
				return nil, err
			}
			st.configErrs = s.configProblems(err)
			return st, nil
		}
		repo, err := content.Load(cfg)
		if err != nil {
			if old == nil {
				return nil, err
			}
			st.configErrs = []*Problem{{File: content.Dir, Message: err.Error()}}
			return st, nil
		}
		st.cfg, st.repo, st.configErrs = cfg, repo, nil
		st.diags, st.checked, st.complete = map[string][]check.Diagnostic{}, false, false
		s.cache = site.NewCache()
		recheck = true
	} else if len(changed) > 0 {
		repo, err := st.repo.Update(changed)
		if err != nil {
			st.buildErrs = []*Problem{{File: content.Dir, Message: err.Error()}}
			return st, nil
		}
		st.repo = repo
	}
	if recheck {
		l, err := ledger.Open(s.opts.Dir)
		if err != nil {
			st.configErrs = append(st.configErrs, &Problem{File: ledger.Dir, Message: err.Error()})
		} else {
			st.published = l.Published
		}
	}
	s.cache.Forget(paths)
	// The preview and the check of the saved files touch different
	// parts of st: they run side by side.
	var wg sync.WaitGroup
	wg.Go(func() { s.plan(st) })
	if recheck {
		s.startCheck(st, nil)
	} else if len(changed) > 0 {
		s.startCheck(st, changed)
	}
	wg.Wait()
	switch {
	case len(st.errors()) == 0:
		st.fallback = nil
	case old != nil && len(old.errors()) == 0:
		st.fallback = old.preview
	}
	return st, nil
}

// plan makes the state's preview and gathers what stops the site.
func (s *Server) plan(st *state) {
	var errs []*Problem
	for _, d := range st.repo.Documents {
		for _, p := range d.Problems {
			if p.Rule == "schema.yaml" || p.Rule == "schema.file" {
				errs = append(errs, &Problem{File: d.Path, Line: p.Pos.Line, Column: p.Pos.Column,
					Message: p.Message, Suggestion: p.Suggestion, Frame: frame(d.Src, p.Pos.Line)})
			}
		}
	}
	p, err := site.NewPreview(st.repo, site.Options{Drafts: true, Future: true, At: st.at}, s.cache)
	if err != nil {
		st.stale = true
		errs = append(errs, s.buildProblems(st, err)...)
	} else {
		st.preview, st.stale = p, false
		for _, e := range p.Errors() {
			errs = append(errs, s.siteProblem(st, e))
		}
	}
	// The same place reported twice (a file both unreadable and refused
	// by the build) is shown once.
	seen := map[[3]any]bool{}
	st.buildErrs = nil
	for _, e := range errs {
		k := [3]any{e.File, e.Line, e.Column}
		if e.Line > 0 && seen[k] {
			continue
		}
		seen[k] = true
		st.buildErrs = append(st.buildErrs, e)
	}
}

// buildProblems unpacks what stopped the preview.
func (s *Server) buildProblems(st *state, err error) []*Problem {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	var out []*Problem
	for _, e := range list {
		var se *site.Error
		if errors.As(e, &se) {
			out = append(out, s.siteProblem(st, se))
		} else {
			out = append(out, &Problem{Message: e.Error()})
		}
	}
	return out
}

func (s *Server) siteProblem(st *state, e *site.Error) *Problem {
	p := &Problem{File: e.File, Line: e.Line, Column: e.Column, Message: e.Message}
	var src []byte
	if st.repo != nil {
		for _, d := range st.repo.Documents {
			if d.Path == e.File {
				src = d.Src
			}
		}
	}
	if src == nil && strings.HasPrefix(e.File, site.TemplateDir+"/") {
		src, _ = os.ReadFile(filepath.Join(s.opts.Dir, filepath.FromSlash(e.File)))
	}
	p.Frame = frame(src, e.Line)
	return p
}

// configProblems turns cm.yaml's errors into problems with their lines.
func (s *Server) configProblems(err error) []*Problem {
	src, _ := os.ReadFile(filepath.Join(s.opts.Dir, config.FileName))
	var list config.Errors
	var one *config.Error
	switch {
	case errors.As(err, &list):
	case errors.As(err, &one):
		list = config.Errors{one}
	default:
		return []*Problem{{File: config.FileName, Message: err.Error()}}
	}
	var out []*Problem
	for _, e := range list {
		out = append(out, &Problem{File: config.FileName, Line: e.Line, Column: e.Column, Message: e.Message,
			Suggestion: e.Suggestion, Frame: frame(src, e.Line)})
	}
	return out
}

// publish makes st the current state and tells the open pages.
func (s *Server) publish(st *state) {
	s.version++
	st.version = s.version
	s.cur.Store(st)
	s.hub.notify(func(target string) string { return s.respond(st, target).hash })
}

// checkChunk is how many files one check run reports on in the
// background: between two runs, a newer save makes the check give up.
const checkChunk = 100

// startCheck checks the saved files now, into st, and the whole site in
// the background (every file may have new findings: a title that now
// duplicates another's). changed nil means the whole site changed.
func (s *Server) startCheck(st *state, changed []string) {
	gen := s.check.Add(1)
	reg := rules.Registry()
	opts := check.Options{Now: st.at, Published: st.published}
	if changed != nil {
		touched := func(p string) bool {
			for _, c := range changed {
				if p == c || strings.HasPrefix(p, c+"/") {
					return true
				}
			}
			return false
		}
		diags := make(map[string][]check.Diagnostic, len(st.diags))
		for f, ds := range st.diags {
			if !touched(f) {
				diags[f] = ds
			}
		}
		opts.Only = touched
		res, err := reg.Run(st.repo, opts)
		if err != nil {
			st.configErrs = s.configProblems(err)
		} else {
			for _, d := range res.Diagnostics {
				diags[d.File] = append(diags[d.File], d)
			}
		}
		st.diags = diags
		st.checked = false
	}
	repo := st.repo
	opts.Only = nil
	s.bg.Go(func() {
		opts := opts
		diags := map[string][]check.Diagnostic{}
		docs := repo.Documents
		for i := 0; i < len(docs); i += checkChunk {
			if s.check.Load() != gen {
				return
			}
			chunk := map[string]bool{}
			for _, d := range docs[i:min(len(docs), i+checkChunk)] {
				chunk[d.Path] = true
			}
			opts.Only = func(p string) bool { return chunk[p] }
			res, err := reg.Run(repo, opts)
			if err != nil {
				if changed == nil {
					s.configErrsFromCheck(gen, err)
				}
				return
			}
			for _, d := range res.Diagnostics {
				diags[d.File] = append(diags[d.File], d)
			}
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.check.Load() != gen {
			return
		}
		st := s.cur.Load().next()
		st.diags, st.checked, st.complete = diags, true, true
		s.publish(st)
	})
}

// configErrsFromCheck shows cm.yaml's rules errors found by the
// background check of a new configuration.
func (s *Server) configErrsFromCheck(gen int64, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.check.Load() != gen {
		return
	}
	st := s.cur.Load().next()
	st.configErrs = s.configProblems(err)
	st.checked, st.complete = true, true
	s.publish(st)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
