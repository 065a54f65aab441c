package content

// A Fact is a short string derived from an item's frontmatter that a
// site-wide rule compares across every page: a title folded for
// comparison, a stemmed keyphrase. A rule declares the facts it reads, and
// the site index keeps each page's, so that a check of one changed article
// compares it with 10,000 others without deriving theirs again.
type Fact struct {
	// Name identifies the fact in the site index. The index is rebuilt
	// when the set of names or the cm build changes.
	Name string
	// Of derives the fact from an item; "" when the item has none. It is
	// called from several goroutines at once.
	Of func(Item) string
}

// Value is the fact of an item: kept by the site index for a page read
// from it, else derived once per document.
func (f *Fact) Value(it Item) string {
	d := it.Doc()
	if d.outline != nil {
		for i, name := range d.outline.factNames {
			if name == f.Name && i < len(d.outline.facts) {
				return d.outline.facts[i]
			}
		}
	}
	return d.Memo(f, func() any { return f.Of(it) }).(string)
}

// factValues derives every fact of an item, for its index record.
func factValues(facts []*Fact, it Item) []string {
	if len(facts) == 0 {
		return nil
	}
	out := make([]string, len(facts))
	if it == nil {
		return out
	}
	for i, f := range facts {
		out[i] = f.Of(it)
	}
	return out
}
