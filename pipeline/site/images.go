package site

import (
	"image"
	_ "image/gif" // image sizes of GIF files
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
)

type imageSize struct{ Width, Height int }

// imageSize reads the pixel size of an image file of the repo from its
// header, once per file. Formats Go cannot read (SVG, WebP) have none, and
// their <img> gets no width and height.
func (b *builder) imageSize(asset string) (imageSize, bool) {
	if v, ok := b.images.Load(asset); ok {
		sz := v.(imageSize)
		return sz, sz.Width > 0
	}
	var sz imageSize
	if f, err := os.Open(filepath.Join(b.cfg.Root, filepath.FromSlash(asset))); err == nil {
		if c, _, err := image.DecodeConfig(f); err == nil {
			sz = imageSize{c.Width, c.Height}
		}
		f.Close()
	}
	b.images.Store(asset, sz)
	return sz, sz.Width > 0
}
