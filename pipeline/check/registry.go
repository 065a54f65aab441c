package check

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

// Registry is the set of rules cm knows.
type Registry struct {
	rules []Rule
	byID  map[string]Rule
}

// NewRegistry builds a registry. Two rules with one id are a programming
// error and panic.
func NewRegistry(rules ...Rule) *Registry {
	r := &Registry{byID: map[string]Rule{}}
	for _, rule := range rules {
		id := rule.Meta().ID
		if _, dup := r.byID[id]; dup {
			panic(fmt.Sprintf("check: rule %s registered twice", id))
		}
		if id == "" || strings.ToLower(id) != id {
			panic(fmt.Sprintf("check: rule id %q must be lowercase and not empty", id))
		}
		r.byID[id] = rule
		r.rules = append(r.rules, rule)
	}
	sort.Slice(r.rules, func(i, j int) bool { return r.rules[i].Meta().ID < r.rules[j].Meta().ID })
	return r
}

// Rules returns every rule, sorted by id.
func (r *Registry) Rules() []Rule { return r.rules }

// Lookup returns the rule with this id, or nil.
func (r *Registry) Lookup(id string) Rule { return r.byID[id] }

// IDs returns every rule id, sorted.
func (r *Registry) IDs() []string {
	ids := make([]string, len(r.rules))
	for i, rule := range r.rules {
		ids[i] = rule.Meta().ID
	}
	return ids
}

// families are the prefixes of rule ids: "seo" for "seo.title-length".
func (r *Registry) families() map[string]bool {
	f := map[string]bool{}
	for _, id := range r.IDs() {
		if fam, _, ok := strings.Cut(id, "."); ok {
			f[fam] = true
		}
	}
	return f
}

// SiteReader is a rule that reads other documents than the one it checks,
// through Pass.Repo (its articles, posts or campaigns). Reads names their
// kinds. A check of a few files takes every other file from the site index
// and makes whole pages only of the kinds its rules read (see
// content.ScanOptions.Kinds); the others are in Repo.Documents by their
// path alone, with no item. A rule that reads other documents without
// saying so would not see them there: TestSiteReadersDeclareWhatTheyRead,
// in package rules, checks every rule of cm.
type SiteReader interface {
	Rule
	Reads() []content.Kind
}

// Reads are the kinds of documents that the rules a Run with the same
// cm.yaml and rules would run read besides the ones they check, sorted.
func (r *Registry) Reads(cfg *config.Config, rules []string) ([]content.Kind, error) {
	runs, err := r.configure(cfg, rules)
	if err != nil {
		return nil, err
	}
	kinds := []content.Kind{}
	for _, run := range runs {
		if sr, ok := run.rule.(SiteReader); ok {
			for _, k := range sr.Reads() {
				if !slices.Contains(kinds, k) {
					kinds = append(kinds, k)
				}
			}
		}
	}
	slices.Sort(kinds)
	return kinds, nil
}

// FactReader is a rule that compares a fact of every page of the site,
// such as its folded title (see content.Fact): the site index keeps the
// fact of each page, so that a check of one file reads none of the others.
type FactReader interface {
	Rule
	Facts() []*content.Fact
}

// Facts are the facts the registry's rules read, each once, in rule order.
func (r *Registry) Facts() []*content.Fact {
	var out []*content.Fact
	for _, rule := range r.rules {
		if fr, ok := rule.(FactReader); ok {
			for _, f := range fr.Facts() {
				if !slices.Contains(out, f) {
					out = append(out, f)
				}
			}
		}
	}
	return out
}
