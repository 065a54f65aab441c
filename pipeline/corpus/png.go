package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
)

// coverPNG encodes the one small image every bundle and post with media
// uses: a 16x16 gradient in the brand's greens. Encoding once and writing
// the same bytes everywhere keeps generation fast and the tree
// reproducible.
func coverPNG() ([]byte, error) {
	const size = 16
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for y := range size {
		for x := range size {
			img.SetNRGBA(x, y, color.NRGBA{
				R: uint8(40 + 6*x),
				G: uint8(120 + 5*y),
				B: uint8(60 + 3*(x+y)),
				A: 255,
			})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("encode the cover image: %w", err)
	}
	return buf.Bytes(), nil
}
