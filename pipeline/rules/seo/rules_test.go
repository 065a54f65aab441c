package seo

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/check"
	"github.com/cmhq/cm/pipeline/config"
	"github.com/cmhq/cm/pipeline/content"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/*/want*.txt")

// allRules are the rules of this package, as pipeline/rules registers them.
var allRules = []check.Rule{
	TitleLength{}, DescriptionLength{}, DescriptionMissing{},
	KeyphraseMissing{}, KeyphraseLength{}, KeyphraseTitle{}, KeyphraseIntro{}, KeyphraseSlug{}, KeyphraseDensity{},
	HeadingStructure{}, ImageAlt{}, InternalLink{}, OutboundLink{}, TextLength{}, Slug{},
	DuplicateTitle{}, DuplicateDescription{}, DuplicateKeyphrase{}, BrokenLink{},
}

// loadFixture loads testdata/NAME as a content repo, with its own cm.yaml
// or testdata/cm.yaml.
func loadFixture(t testing.TB, name string) *content.Repo {
	t.Helper()
	dir := filepath.Join("testdata", name)
	cfgPath := filepath.Join(dir, "cm.yaml")
	if _, err := os.Stat(cfgPath); err != nil {
		cfgPath = filepath.Join("testdata", "cm.yaml")
	}
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(data, cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Root = dir
	repo, err := content.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range repo.Documents {
		if len(d.Problems) > 0 {
			t.Fatalf("fixture %s is not a valid article: %v", d.Path, d.Problems)
		}
	}
	return repo
}

// TestRules runs each rule on its fixtures, testdata/<id without seo.>/,
// and compares every diagnostic (file, line, column, severity, message and
// suggestion) with want.txt (English messages) and want.fr.txt (`messages:
// fr`). Run `go test -update` to rewrite them, then read the diff.
//
// Each fixture folder has French and English articles named *-pass* (no
// diagnostic) and *-fail* (at least one).
func TestRules(t *testing.T) {
	for _, rule := range allRules {
		id := rule.Meta().ID
		name := strings.TrimPrefix(id, "seo.")
		t.Run(name, func(t *testing.T) {
			repo := loadFixture(t, name)
			reg := check.NewRegistry(allRules...)
			for _, messages := range []string{"en", "fr"} {
				repo.Config.Messages = messages
				res, err := reg.Run(repo, check.Options{Rules: []string{id}})
				if err != nil {
					t.Fatal(err)
				}
				checkPassFail(t, repo, res)
				golden := filepath.Join("testdata", name, "want.txt")
				if messages == "fr" {
					golden = filepath.Join("testdata", name, "want.fr.txt")
				}
				compareGolden(t, golden, format(res))
			}
		})
	}
}

func checkPassFail(t *testing.T, repo *content.Repo, res *check.Result) {
	t.Helper()
	found := map[string]int{}
	for _, d := range res.Diagnostics {
		found[d.File]++
	}
	kinds := map[string]bool{}
	for _, a := range repo.Articles {
		name := strings.TrimPrefix(a.Path, "content/blog/")
		lang, rest, _ := strings.Cut(name, "-")
		if lang != a.Lang {
			t.Errorf("%s: named %s but its lang is %s", a.Path, lang, a.Lang)
		}
		switch {
		case strings.HasPrefix(rest, "pass"):
			kinds[lang+"-pass"] = true
			if found[a.Path] > 0 {
				t.Errorf("%s: %d diagnostics, want none", a.Path, found[a.Path])
			}
		case strings.HasPrefix(rest, "fail"):
			kinds[lang+"-fail"] = true
			if found[a.Path] == 0 {
				t.Errorf("%s: no diagnostic, want at least one", a.Path)
			}
		default:
			t.Errorf("%s: name it fr-pass*, fr-fail*, en-pass* or en-fail*", a.Path)
		}
	}
	for _, k := range []string{"fr-pass", "fr-fail", "en-pass", "en-fail"} {
		if !kinds[k] {
			t.Errorf("no %s fixture", k)
		}
	}
}

func format(res *check.Result) string {
	var b strings.Builder
	for _, d := range res.Diagnostics {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s\n    fix: %s\n", d.File, d.Line, d.Column, d.Severity, d.Message, d.Suggestion)
	}
	return b.String()
}

func compareGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// TestDocumentation checks what `cm check --list-rules` shows of each rule,
// and that every option has a doc tag for the cm.yaml schema.
func TestDocumentation(t *testing.T) {
	for _, rule := range allRules {
		m := rule.Meta()
		if !strings.HasPrefix(m.ID, "seo.") || m.Summary == "" || len(m.Doc) < 80 || m.Example.Bad == "" || m.Example.Good == "" {
			t.Errorf("%s: incomplete documentation: %+v", m.ID, m)
		}
		if !reflect.DeepEqual(m.Kinds, []content.Kind{content.KindArticle}) {
			t.Errorf("%s: kinds %v, want articles", m.ID, m.Kinds)
		}
		c, ok := rule.(check.Configurable)
		if !ok {
			continue
		}
		typ := reflect.TypeOf(c.DefaultOptions()).Elem()
		for i := range typ.NumField() {
			f := typ.Field(i)
			if f.Tag.Get("yaml") == "" || f.Tag.Get("doc") == "" {
				t.Errorf("%s: option %s needs yaml and doc tags", m.ID, f.Name)
			}
			if !strings.Contains(m.Doc, f.Tag.Get("yaml")) {
				t.Errorf("%s: the doc does not mention the option %s", m.ID, f.Tag.Get("yaml"))
			}
		}
	}
}

// TestOptionsFromConfig checks that cm.yaml's options reach the rules and
// that a misspelled option is an error with its line.
func TestOptionsFromConfig(t *testing.T) {
	cfg, err := config.Parse([]byte("site: {title: B, base_url: https://b.example}\nrules:\n  seo.title-length: {min: 5, mxa: 10}\n"), "cm.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Root = t.TempDir()
	repo, err := content.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = check.NewRegistry(allRules...).Run(repo, check.Options{})
	if err == nil || !strings.Contains(err.Error(), "cm.yaml:3:") || !strings.Contains(err.Error(), "mxa") {
		t.Fatalf("want an error about mxa on line 3, got %v", err)
	}
}

// TestExamplesParse checks that the frontmatter shown in each rule's
// examples is valid YAML: users copy it.
func TestExamplesParse(t *testing.T) {
	key := regexp.MustCompile(`^[a-z_]+:`)
	for _, rule := range allRules {
		m := rule.Meta()
		for _, ex := range []string{m.Example.Bad, m.Example.Good} {
			front := strings.TrimPrefix(ex, "---\n")
			front, _, _ = strings.Cut(front, "---")
			lines := strings.Split(strings.TrimSpace(front), "\n")
			yamlOnly := true
			for _, l := range lines {
				if !key.MatchString(l) || strings.Contains(l, "   (") {
					yamlOnly = false
				}
			}
			if !yamlOnly {
				continue // a body, a file list or a note: not frontmatter
			}
			var v map[string]any
			if err := yaml.Unmarshal([]byte(front), &v); err != nil {
				t.Errorf("%s: the example's frontmatter is not valid YAML: %v\n%s", m.ID, err, front)
			}
		}
	}
}
