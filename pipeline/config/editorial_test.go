package config

import (
	"strings"
	"testing"
)

func TestEditorial(t *testing.T) {
	base := "site: {title: T, base_url: https://x.example, languages: [fr, en]}\nchannels: {blog: {type: site}, mastodon: {type: mastodon}}\n"
	c, err := Parse([]byte(base+`editorial:
  brands: [YouTube]
  languages:
    fr:
      address: vous
      address_by_channel: {mastodon: tu}
      substitutes: [{term: impacter, use: avoir un effet sur, autofix: true}]
      readability: {min_score: 55}
`), "cm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fr := c.Editorial.Languages["fr"]
	if fr.AddressFor("mastodon") != Tu || fr.AddressFor("blog") != Vous || fr.Readability.MinScore != 55 || !fr.Substitutes[0].Autofix {
		t.Errorf("decoded %+v", fr)
	}
	for _, tc := range []struct{ yaml, want string }{
		{"editorial:\n  languages:\n    fr: {address: toi}\n", `cm.yaml:5:19: editorial.languages.fr.address: unknown address "toi": use vous or tu`},
		{"editorial:\n  brand: [YouTube]\n", `cm.yaml:4:3: unknown key "editorial.brand": did you mean "brands"?`},
		{"editorial:\n  languages:\n    fr:\n      substitutes: [{term: x}]\n", `use is required`},
	} {
		_, err := Parse([]byte(base+tc.yaml), "cm.yaml")
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %q", tc.yaml, err, tc.want)
		}
	}
}
