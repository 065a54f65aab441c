package content

import (
	"encoding/binary"
	"errors"
	"slices"
	"time"
	"unsafe"
)

// The site index file is a header and one record per Markdown file, in a
// compact binary form that decodes in milliseconds for 20,000 files:
//
//	magic "cm-index" and the format's version (3), key (string), written
//	(varint, Unix ns), the folders (a count, then each), the records (a
//	count, then each: see indexRecord.encode), a CRC-32C of all before it.
//
// A record is its file's path, stat and blob hashes, kind and language,
// then its body (item, outline, facts) as one length-prefixed run, which a
// scan that makes no page of the record's kind skips. Strings are a
// uvarint length and the bytes; times are Unix seconds (varint),
// nanoseconds (uvarint) and a zone tag. Nothing in it is trusted: a file
// whose checksum or structure is wrong is ignored, and cm reads every file.
const indexMagic = "cm-index\x03"

var errCorruptIndex = errors.New("the site index is corrupt")

type encoder struct{ b []byte }

func (e *encoder) uvarint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) varint(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) str(s string)     { e.uvarint(uint64(len(s))); e.b = append(e.b, s...) }

func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

func (e *encoder) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

// strMap writes a map in its keys' order, so that the file is the same
// for the same site.
func (e *encoder) strMap(m map[string]string) {
	keys := sortedMapKeys(m)
	e.uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.str(m[k])
	}
}

// Zone tags: the site's timezone, UTC, or a fixed offset written after.
const (
	zoneSite = iota
	zoneUTC
	zoneFixed
)

func (e *encoder) time(t time.Time, site *time.Location) {
	e.varint(t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
	switch loc := t.Location(); {
	case loc == site:
		e.b = append(e.b, zoneSite)
	case loc == time.UTC:
		e.b = append(e.b, zoneUTC)
	default:
		name, offset := t.Zone()
		e.b = append(e.b, zoneFixed)
		e.str(name)
		e.varint(int64(offset))
	}
}

// decoder reads what encoder wrote. The first error sticks: later reads
// return zero values, and the caller checks err once per record. Strings
// point into the file's bytes, which must not change afterwards: one
// allocation for the whole index instead of one per string.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorruptIndex
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) byte() byte {
	if len(d.b) < 1 {
		d.fail()
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) bool() bool {
	switch d.byte() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail()
	return false
}

// count reads a length and checks it against what is left, each element
// taking at least min bytes, so that a corrupt file cannot ask for a huge
// allocation.
func (d *decoder) count(min int) int {
	n := d.uvarint()
	if n > uint64(len(d.b)/min) {
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	b := d.bytes()
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// bytes reads a length-prefixed run of bytes, in place.
func (d *decoder) bytes() []byte {
	v, k := binary.Uvarint(d.b)
	if k <= 0 || v > uint64(len(d.b)-k) {
		d.fail()
		return nil
	}
	b := d.b[k : k+int(v)]
	d.b = d.b[k+int(v):]
	return b
}

func (d *decoder) strs() []string {
	n := d.count(1)
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) strMap() map[string]string {
	n := d.count(2)
	if n == 0 {
		return nil
	}
	m := make(map[string]string, n)
	for range n {
		k := d.str()
		m[k] = d.str()
	}
	return m
}

func (d *decoder) time(site *time.Location) time.Time {
	sec := d.varint()
	nsec := d.uvarint()
	if nsec >= 1e9 {
		d.fail()
		return time.Time{}
	}
	t := time.Unix(sec, int64(nsec))
	switch d.byte() {
	case zoneSite:
		return t.In(site)
	case zoneUTC:
		return t.UTC()
	case zoneFixed:
		name := d.str()
		offset := d.varint()
		if offset < -24*3600 || offset > 24*3600 {
			d.fail()
			return time.Time{}
		}
		return t.In(time.FixedZone(name, int(offset)))
	}
	d.fail()
	return time.Time{}
}

func sortedMapKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// indexRecord is what the index keeps of one Markdown file.
type indexRecord struct {
	path string
	stat fileStat
	blob [20]byte
	// lfBlob is the blob hash of the content with CRLF line endings made
	// LF, as git stores a file it converts (core.autocrlf, eol=crlf);
	// zero when the file has no CRLF.
	lfBlob [20]byte
	kind   Kind
	lang   string // the document's language, resolved
	// item is the decoded frontmatter (*Article, *Post or *Campaign, not
	// linked to each other), nil for a file that is none.
	item Item
	// links and anchors are the body's, for a record made from a file
	// just read; a record read from the index has them encoded in outline,
	// decoded when someone asks (Document.Links).
	links   []Link
	anchors map[string]bool
	outline []byte
	// facts are the values of the scan's facts, in its order.
	facts []string
}

// Item tags in the file.
const (
	recordNone = iota
	recordArticle
	recordPost
	recordCampaign
)

func (r *indexRecord) encode(e *encoder, site *time.Location) {
	e.str(r.path)
	e.varint(r.stat.size)
	e.varint(r.stat.mtime)
	e.varint(r.stat.ctime)
	e.uvarint(r.stat.ino)
	e.b = append(e.b, r.blob[:]...)
	if r.lfBlob == ([20]byte{}) {
		e.b = append(e.b, 0)
	} else {
		e.b = append(e.b, 1)
		e.b = append(e.b, r.lfBlob[:]...)
	}
	e.uvarint(uint64(r.kind))
	e.str(r.lang)
	// The rest, the body, is length-prefixed: a scan that makes no page
	// of the record's kind (see ScanOptions.Kinds) skips it whole.
	body := encoder{b: make([]byte, 0, 512)}
	r.encodeBody(&body, site)
	e.uvarint(uint64(len(body.b)))
	e.b = append(e.b, body.b...)
}

// encodeBody writes the record's item, outline and facts.
func (r *indexRecord) encodeBody(e *encoder, site *time.Location) {
	switch it := r.item.(type) {
	case *Article:
		e.b = append(e.b, recordArticle)
		m := &it.ArticleMeta
		e.str(m.Title)
		e.str(m.Description)
		e.str(m.Slug)
		e.time(m.Date, site)
		e.bool(m.Draft)
		e.str(m.Author)
		e.strs(m.Tags)
		e.str(m.Keyphrase)
		e.str(m.Image)
		e.str(m.ImageAlt)
		e.str(m.Lang)
		e.str(m.TranslationKey)
		e.str(m.Canonical)
		e.bool(m.Sponsored)
		e.strMap(m.Share)
		e.bool(it.Bundle)
	case *Post:
		e.b = append(e.b, recordPost)
		m := &it.PostMeta
		e.time(m.PublishAt.Time, site)
		e.bool(m.PublishAt.Queued)
		e.strs(m.Channels)
		e.strMap(m.Variants)
		e.uvarint(uint64(len(m.Media)))
		for _, md := range m.Media {
			e.str(md.Src)
			e.str(md.Alt)
		}
		e.str(m.Link)
		e.str(m.Lang)
		e.bool(m.Sponsored)
		e.bool(m.Draft)
		e.str(it.Text)
	case *Campaign:
		e.b = append(e.b, recordCampaign)
		m := &it.CampaignMeta
		e.str(m.Title)
		e.time(m.Starts, site)
		e.time(m.Ends, site)
		e.str(m.Goal)
		e.strs(m.Channels)
		e.strs(m.Hashtags)
		e.str(m.Lang)
		e.str(it.Name)
	default:
		e.b = append(e.b, recordNone)
	}
	var o encoder
	o.uvarint(uint64(len(r.links)))
	for _, l := range r.links {
		o.str(l.Dest)
		o.bool(l.Image)
	}
	o.strs(sortedSet(r.anchors))
	e.str(string(o.b))
	e.strs(r.facts)
}

// decode reads a record; the document it stands for is made by stub.
func (r *indexRecord) decode(d *decoder, site *time.Location) {
	r.decodeHeader(d)
	bd := &decoder{b: d.bytes()}
	if d.err != nil {
		return
	}
	r.decodeBody(bd, site)
	if bd.err != nil || len(bd.b) != 0 {
		d.fail()
	}
}

// decodeHeader reads what a record says of its file, up to its body.
func (r *indexRecord) decodeHeader(d *decoder) {
	r.path = d.str()
	r.stat = fileStat{size: d.varint(), mtime: d.varint(), ctime: d.varint(), ino: d.uvarint()}
	if len(d.b) < len(r.blob) {
		d.fail()
		return
	}
	copy(r.blob[:], d.b)
	d.b = d.b[len(r.blob):]
	if d.bool() {
		if len(d.b) < len(r.lfBlob) {
			d.fail()
			return
		}
		copy(r.lfBlob[:], d.b)
		d.b = d.b[len(r.lfBlob):]
	}
	kind := d.uvarint()
	if kind > uint64(KindCampaign) {
		d.fail()
		return
	}
	r.kind = Kind(kind)
	r.lang = d.str()
}

// decodeBody reads a record's item, outline and facts.
func (r *indexRecord) decodeBody(d *decoder, site *time.Location) {
	switch d.byte() {
	case recordNone:
	case recordArticle:
		a := &Article{}
		m := &a.ArticleMeta
		m.Title = d.str()
		m.Description = d.str()
		m.Slug = d.str()
		m.Date = d.time(site)
		m.Draft = d.bool()
		m.Author = d.str()
		m.Tags = d.strs()
		m.Keyphrase = d.str()
		m.Image = d.str()
		m.ImageAlt = d.str()
		m.Lang = d.str()
		m.TranslationKey = d.str()
		m.Canonical = d.str()
		m.Sponsored = d.bool()
		m.Share = d.strMap()
		a.Bundle = d.bool()
		r.item = a
	case recordPost:
		p := &Post{}
		m := &p.PostMeta
		m.PublishAt.Time = d.time(site)
		m.PublishAt.Queued = d.bool()
		m.Channels = d.strs()
		m.Variants = d.strMap()
		if n := d.count(2); n > 0 {
			m.Media = make([]Media, n)
			for i := range m.Media {
				m.Media[i] = Media{Src: d.str(), Alt: d.str()}
			}
		}
		m.Link = d.str()
		m.Lang = d.str()
		m.Sponsored = d.bool()
		m.Draft = d.bool()
		p.Text = d.str()
		r.item = p
	case recordCampaign:
		c := &Campaign{}
		m := &c.CampaignMeta
		m.Title = d.str()
		m.Starts = d.time(site)
		m.Ends = d.time(site)
		m.Goal = d.str()
		m.Channels = d.strs()
		m.Hashtags = d.strs()
		m.Lang = d.str()
		c.Name = d.str()
		r.item = c
	default:
		d.fail()
		return
	}
	if n := d.count(1); n > 0 {
		r.outline = d.b[:n]
		d.b = d.b[n:]
	}
	r.facts = d.strs()
}

// decodeOutline reads the links and anchors of a record. The index's
// checksum has vouched for the bytes; should they still not decode, the
// page has no links and no anchors rather than a crash.
func decodeOutline(b []byte) ([]Link, map[string]bool) {
	d := &decoder{b: b}
	var links []Link
	if n := d.count(2); n > 0 {
		links = make([]Link, n)
		for i := range links {
			links[i] = Link{Dest: d.str(), Image: d.bool()}
		}
	}
	names := d.strs()
	if d.err != nil {
		return nil, map[string]bool{}
	}
	anchors := make(map[string]bool, len(names))
	for _, a := range names {
		anchors[a] = true
	}
	return links, anchors
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
