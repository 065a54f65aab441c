package content

import (
	"reflect"
	"testing"
	"time"
)

// fill sets every field of a frontmatter struct to a value that is not
// its zero, so that a field the index forgets to keep shows.
func fill(t *testing.T, v reflect.Value, loc *time.Location) {
	t.Helper()
	for i := range v.NumField() {
		f := v.Field(i)
		name := v.Type().Field(i).Name
		switch f.Interface().(type) {
		case string:
			f.SetString("é " + name)
		case bool:
			f.SetBool(true)
		case time.Time:
			f.Set(reflect.ValueOf(time.Date(2027, 3, 28, 21, 30, 15, 123, loc)))
		case []string:
			f.Set(reflect.ValueOf([]string{name, "deux"}))
		case map[string]string:
			f.Set(reflect.ValueOf(map[string]string{"mastodon": name, "bluesky": "b"}))
		case PublishAt:
			f.Set(reflect.ValueOf(PublishAt{Time: time.Date(2027, 1, 1, 21, 0, 0, 0, time.FixedZone("", 3600)), Queued: true}))
		case []Media:
			f.Set(reflect.ValueOf([]Media{{Src: "a.png", Alt: "A"}, {Src: "b.png"}}))
		default:
			t.Fatalf("%s.%s is a %s: teach the site index (indexcodec.go) to keep it, then this test", v.Type(), name, f.Type())
		}
	}
}

// TestIndexRecordKeepsEveryField round-trips a record of each kind with
// every frontmatter field set: a field added to ArticleMeta, PostMeta or
// CampaignMeta and not to the index fails here, instead of going missing
// from pages read from the index.
func TestIndexRecordKeepsEveryField(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	a := &Article{Bundle: true}
	fill(t, reflect.ValueOf(&a.ArticleMeta).Elem(), paris)
	p := &Post{Text: "Bonjour"}
	fill(t, reflect.ValueOf(&p.PostMeta).Elem(), paris)
	c := &Campaign{Name: "repair"}
	fill(t, reflect.ValueOf(&c.CampaignMeta).Elem(), time.UTC)
	for _, it := range []Item{a, p, c, nil} {
		in := indexRecord{path: "content/x.md", stat: fileStat{size: 1, mtime: -2, ctime: 3, ino: 4}, blob: [20]byte{1, 2, 3}, lfBlob: [20]byte{4, 5},
			kind: KindArticle, lang: "fr", item: it,
			links: []Link{{Dest: "/fr/blog/x/#y"}, {Dest: "a.png", Image: true}}, anchors: map[string]bool{"y": true, "fn:1": true},
			facts: []string{"fr le velo", ""}}
		var e encoder
		in.encode(&e, paris)
		d := &decoder{b: e.b}
		var out indexRecord
		out.decode(d, paris)
		if d.err != nil || len(d.b) != 0 {
			t.Fatalf("%T: decode: %v, %d bytes left", it, d.err, len(d.b))
		}
		links, anchors := decodeOutline(out.outline)
		if out.path != in.path || !reflect.DeepEqual(out.facts, in.facts) || out.stat != in.stat || out.blob != in.blob || out.lfBlob != in.lfBlob || out.kind != in.kind || out.lang != in.lang ||
			!reflect.DeepEqual(links, in.links) || !reflect.DeepEqual(anchors, in.anchors) {
			t.Errorf("%T: record %+v, want %+v", it, out, in)
		}
		if !sameItem(out.item, it) {
			t.Errorf("%T: item\n%+v\nwant\n%+v", it, out.item, it)
		}
	}
}

// sameItem compares items field by field, times by the instant and the
// offset they show (a fixed zone comes back as an equal fixed zone).
func sameItem(a, b Item) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return reflect.DeepEqual(normalize(a), normalize(b))
}

func normalize(it Item) any {
	v := reflect.ValueOf(it).Elem()
	out := map[string]any{}
	var walk func(prefix string, v reflect.Value)
	walk = func(prefix string, v reflect.Value) {
		for i := range v.NumField() {
			f, name := v.Field(i), prefix+v.Type().Field(i).Name
			if !v.Type().Field(i).IsExported() || name == "Document" {
				continue
			}
			switch x := f.Interface().(type) {
			case time.Time:
				_, off := x.Zone()
				out[name] = x.Format(time.RFC3339Nano) + " " + x.Location().String() + " " + time.Duration(off*int(time.Second)).String()
			case PublishAt:
				_, off := x.Time.Zone()
				out[name] = [3]any{x.Time.Format(time.RFC3339Nano), off, x.Queued}
			default:
				if f.Kind() == reflect.Struct {
					walk(name+".", f)
					continue
				}
				out[name] = x
			}
		}
	}
	walk("", v)
	return out
}

// FuzzIndex checks that no index file, however damaged, makes the decoder
// panic or hand back records out of order.
func FuzzIndex(f *testing.F) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		f.Fatal(err)
	}
	var e encoder
	e.str("key")
	e.varint(42)
	e.uvarint(2)
	(&folder{rel: "content", dirs: []string{"blog"}}).encode(&e)
	(&folder{rel: "content/blog", docs: []string{"a.md", "b.md"}, assets: []string{"a.png"}}).encode(&e)
	e.uvarint(2)
	for _, p := range []string{"content/a.md", "content/b.md"} {
		a := &Article{ArticleMeta: ArticleMeta{Title: "T", Date: time.Date(2026, 1, 1, 0, 0, 0, 0, paris), Tags: []string{"x"}}}
		r := indexRecord{path: p, kind: KindArticle, item: a, links: []Link{{Dest: "b.md"}}, anchors: map[string]bool{"un": true}}
		r.encode(&e, paris)
	}
	if idx := decodeHead(e.b, "key"); len(decodeRecords(idx.records, paris, nil, nil)) != 2 || len(idx.folders) != 2 || idx.folders[1].assets[0] != "a.png" {
		f.Fatalf("the seed does not decode: %+v", idx)
	}
	f.Add(e.b)
	f.Add(e.b[:len(e.b)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		records := decodeRecords(decodeHead(b, "key").records, paris, []string{"fact"}, nil)
		articles := decodeRecords(decodeHead(b, "key").records, paris, nil, func(k Kind) bool { return k == KindArticle })
		if records != nil && len(articles) != len(records) {
			t.Fatalf("%d records decoded whole, %d with articles only", len(records), len(articles))
		}
		for i, r := range records {
			if i > 0 && r.path <= records[i-1].path {
				t.Fatalf("records out of order: %q after %q", r.path, records[i-1].path)
			}
			if r.page == nil || r.page.Path != r.path {
				t.Fatalf("record %q stands for no page", r.path)
			}
			r.page.Links()
			r.page.Anchors()
		}
	})
}
