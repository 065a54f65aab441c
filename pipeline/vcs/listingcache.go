package vcs

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"unsafe"

	"github.com/go-git/go-git/v5/plumbing"
)

// The listing cache keeps the last listing ListAt made, next to the tree
// cache (its file name with ".listing" added), keyed by the object the ref
// named (a commit, or an annotated tag) and the folder listed. Git objects
// never change, so neither does the listing of one: while a pull request
// is written, every check lists the same base commit, and reading the
// listing back costs a fraction of walking its trees again (which also
// verifies every tree's hash), 1-2 ms instead of 6-8 for 24,000 files.
//
// Format, version 1:
//
//	"cmlist\x00\x01"   magic and version, 8 bytes
//	id       [20]byte  the object the ref named
//	folder   uvarint length, then the bytes: the content repo's folder in
//	         the work tree, a NUL, and the folder listed in it
//	count    uvarint
//	hashes   count × [20]byte
//	paths    count × (uvarint length, bytes), in path order
//	crc      uint32    CRC-32C (little endian) of everything before it
//
// A file whose magic, key, structure, order or checksum is not right is no
// listing: ListAt walks the trees, as without the file.
const listingMagic = "cmlist\x00\x01"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// listingFile is the listing cache kept beside the tree cache cacheFile.
func listingFile(cacheFile string) string {
	if cacheFile == "" {
		return ""
	}
	return cacheFile + ".listing"
}

// encodeListing is the listing cache file for the listing l of folder
// (see the format) at the object id.
func encodeListing(id plumbing.Hash, folder string, l Listing) []byte {
	size := len(listingMagic) + len(id) + 2*binary.MaxVarintLen64 + len(folder) + len(l.Hashes)*len(id) + 4
	for _, p := range l.Paths {
		size += binary.MaxVarintLen64 + len(p)
	}
	b := make([]byte, 0, size)
	b = append(b, listingMagic...)
	b = append(b, id[:]...)
	b = binary.AppendUvarint(b, uint64(len(folder)))
	b = append(b, folder...)
	b = binary.AppendUvarint(b, uint64(len(l.Paths)))
	for _, h := range l.Hashes {
		b = append(b, h[:]...)
	}
	for _, p := range l.Paths {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

// decodeListing reads a listing cache file made for the object id and
// folder; ok is false for any other file. The listing's paths and hashes
// point into data, which must not change afterwards.
func decodeListing(data []byte, id plumbing.Hash, folder string) (l Listing, ok bool) {
	if len(data) < len(listingMagic)+len(id)+4 || !bytes.HasPrefix(data, []byte(listingMagic)) {
		return Listing{}, false
	}
	body, sum := data[:len(data)-4], data[len(data)-4:]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(sum) {
		return Listing{}, false
	}
	b := body[len(listingMagic):]
	if !bytes.Equal(b[:len(id)], id[:]) {
		return Listing{}, false
	}
	b = b[len(id):]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) || string(b[k:k+int(n)]) != folder {
		return Listing{}, false
	}
	b = b[k+int(n):]
	count, k := binary.Uvarint(b)
	if k <= 0 || count > uint64(len(b)-k)/uint64(len(id)+1) {
		return Listing{}, false
	}
	b = b[k:]
	hashes := b[:int(count)*len(id)]
	b = b[len(hashes):]
	paths := make([]string, count)
	for i := range paths {
		n, k := binary.Uvarint(b)
		if k <= 0 || n == 0 || n > uint64(len(b)-k) {
			return Listing{}, false
		}
		paths[i] = unsafe.String(&b[k], int(n))
		b = b[k+int(n):]
		if i > 0 && paths[i] <= paths[i-1] {
			return Listing{}, false
		}
	}
	if len(b) != 0 {
		return Listing{}, false
	}
	var h []plumbing.Hash
	if count > 0 {
		// [20]byte has no alignment to keep: the hashes are read in place.
		h = unsafe.Slice((*plumbing.Hash)(unsafe.Pointer(&hashes[0])), count)
	}
	return Listing{Paths: paths, Hashes: h}, true
}
