package content_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cmhq/cm/pipeline/check/checktest"
	"github.com/cmhq/cm/pipeline/content"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ title, lang, want string }{
		{"Les réseaux sociaux après 21 h", "fr", "les-reseaux-sociaux-apres-21-h"},
		{"L’été de l'œuvre : qu’en dit-on ?", "fr", "l-ete-de-l-oeuvre-qu-en-dit-on"},
		{"Ça, c’est l’Île-de-France !", "fr", "ca-c-est-l-ile-de-france"},
		{"Pain & chocolat", "fr", "pain-et-chocolat"},
		{"Salt & Pepper", "en", "salt-and-pepper"},
		{"  Déjà   vu -- encore  ", "fr", "deja-vu-encore"},
		{"Straße Æsop", "en", "strasse-aesop"},
		{"日本語 only", "en", "only"},
		{"!!!", "en", ""},
		{strings.Repeat("mot ", 40), "fr", strings.TrimSuffix(strings.Repeat("mot-", 20), "-")},
	}
	for _, tt := range tests {
		if got := content.Slugify(tt.title, tt.lang); got != tt.want {
			t.Errorf("Slugify(%q, %s) = %q, want %q", tt.title, tt.lang, got, tt.want)
		}
	}
}

func TestPositions(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/a.md": "\uFEFF---\r\ntitle: Été\r\ndate: 2026-01-01\r\n---\r\nUn « mot » ici.\r\n",
	})
	repo := checktest.Load(t, dir)
	d := repo.Documents[0]
	if got := d.KeyPos("date"); got != (content.Position{Line: 3, Column: 1}) {
		t.Errorf("KeyPos(date) = %+v", got)
	}
	if got := d.ValuePos("title"); got != (content.Position{Line: 2, Column: 8}) {
		t.Errorf("ValuePos(title) = %+v", got)
	}
	body := string(d.Body())
	off := strings.Index(body, "mot")
	if got := d.BodyPos(off); got != (content.Position{Line: 5, Column: 6}) {
		t.Errorf("BodyPos(mot) = %+v, want 5:6 (characters, not bytes)", got)
	}
	if got := d.Pos(0); got != (content.Position{Line: 1, Column: 1}) {
		t.Errorf("Pos(0) = %+v", got)
	}
	// Offset is the inverse of Pos.
	for _, o := range []int{3, 10, d.BodyStart, d.BodyStart + off} {
		if back := d.Offset(d.Pos(o)); back != o {
			t.Errorf("Offset(Pos(%d)) = %d", o, back)
		}
	}
	if string(d.Line(5)) != "Un « mot » ici." {
		t.Errorf("Line(5) = %q, want it without the CR", d.Line(5))
	}
}

func TestLoadModel(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/naive-date.md":      "---\ntitle: Naive\ndate: 2026-03-29 21:00\n---\n",
		"content/blog/bundle/index.md":    "---\ntitle: Bundle\ndate: 2026-01-01T09:00:00Z\nlang: en\n---\n![x](cover.png)\n",
		"content/blog/bundle/cover.png":   "png",
		"content/blog/toml.md":            "+++\ntitle = \"T\"\ndate = 2026-07-01T10:00:00\ntags = [\"a\", \"b\"]\n+++\n",
		"content/campaigns/week/index.md": "---\ntitle: Week\nstarts: 2027-02-08\nends: 2027-02-14\nchannels: [mastodon]\nhashtags: ['#Repair']\n---\n",
		"content/campaigns/week/a.md":     "---\npublish_at: 2027-02-09 12:15\n---\nDay\n",
		"content/campaigns/week/b.md":     "---\nchannels: [bluesky]\nvariants: {bluesky: Court}\n---\nLong text\n",
		"content/social/.hidden.md":       "ignored",
		"content/social/draft.md~":        "ignored",
		"content/social/queue.md":         "---\nchannels: [mastodon]\npublish_at: next\n---\n  Hello  \n",
	})
	repo := checktest.Load(t, dir)
	paris, _ := time.LoadLocation("Europe/Paris")
	if len(repo.Articles) != 3 || len(repo.Posts) != 3 || len(repo.Campaigns) != 1 {
		t.Fatalf("loaded %d articles, %d posts, %d campaigns", len(repo.Articles), len(repo.Posts), len(repo.Campaigns))
	}
	byPath := func(p string) content.Item { return repo.Item(p) }
	bundle := byPath("content/blog/bundle/index.md").(*content.Article)
	if !bundle.Bundle || bundle.Slug != "bundle" || bundle.Lang != "en" {
		t.Errorf("bundle: %+v", bundle.ArticleMeta)
	}
	naive := byPath("content/blog/naive-date.md").(*content.Article)
	// The last Sunday of March 2026: Paris is already on summer time at 21:00.
	if want := time.Date(2026, 3, 29, 21, 0, 0, 0, paris); !naive.Date.Equal(want) || naive.Lang != "fr" || naive.Slug != "naive-date" {
		t.Errorf("naive date = %v lang %s slug %s", naive.Date, naive.Lang, naive.Slug)
	}
	toml := byPath("content/blog/toml.md").(*content.Article)
	if want := time.Date(2026, 7, 1, 10, 0, 0, 0, paris); !toml.Date.Equal(want) || len(toml.Tags) != 2 {
		t.Errorf("toml: date %v tags %v", toml.Date, toml.Tags)
	}
	a := byPath("content/campaigns/week/a.md").(*content.Post)
	if a.Campaign == nil || a.Campaign.Name != "week" || strings.Join(a.Channels, ",") != "mastodon" || strings.Join(a.Hashtags(), ",") != "#Repair" {
		t.Errorf("campaign post: %+v", a)
	}
	b := byPath("content/campaigns/week/b.md").(*content.Post)
	if strings.Join(b.Channels, ",") != "bluesky" || b.TextFor("bluesky") != "Court" || b.TextFor("mastodon") != "Long text" {
		t.Errorf("own channels and variants: %+v", b.PostMeta)
	}
	q := byPath("content/social/queue.md").(*content.Post)
	if !q.PublishAt.Queued || q.Text != "Hello" {
		t.Errorf("queued post: %+v %q", q.PublishAt, q.Text)
	}
	if len(repo.Campaigns[0].Posts) != 2 {
		t.Errorf("campaign has %d posts", len(repo.Campaigns[0].Posts))
	}
	if !repo.Assets["content/blog/bundle/cover.png"] {
		t.Errorf("assets: %v", repo.Assets)
	}
	for _, d := range repo.Documents {
		if strings.Contains(d.Path, "hidden") || strings.HasSuffix(d.Path, "~") {
			t.Errorf("loaded %s", d.Path)
		}
	}
}

func TestLoadIsDeterministic(t *testing.T) {
	files := map[string]string{}
	for i := range 50 {
		files["content/social/p"+string(rune('a'+i%26))+strings.Repeat("x", i/26)+".md"] = "---\nchannels: [mastodon]\n---\nHi\n"
	}
	dir := checktest.WriteRepo(t, files)
	first := paths(checktest.Load(t, dir))
	for range 5 {
		if got := paths(checktest.Load(t, dir)); got != first {
			t.Fatalf("order changed:\n%s\n%s", first, got)
		}
	}
}

func paths(r *content.Repo) string {
	var b strings.Builder
	for _, d := range r.Documents {
		b.WriteString(d.Path + "\n")
	}
	return b.String()
}

func TestLoadBadFilesKeepsOthers(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/good.md": "---\ntitle: Good\ndate: 2026-01-01\n---\nBody\n",
	})
	blog := filepath.Join(dir, "content", "blog")
	if err := os.Symlink("loop.md", filepath.Join(blog, "loop.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("nowhere.md", filepath.Join(blog, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(blog, "big.md"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(50 << 20); err != nil { // a sparse 50 MB file
		t.Fatal(err)
	}
	big.Close()
	repo := checktest.Load(t, dir)
	if len(repo.Articles) != 1 || repo.Articles[0].Title != "Good" {
		t.Fatalf("the good article was not loaded: %d articles", len(repo.Articles))
	}
	want := map[string]string{
		"content/blog/big.md":      "50.0 MB",
		"content/blog/loop.md":     "loop",
		"content/blog/dangling.md": "link to nothing",
	}
	for _, d := range repo.Documents {
		w, ok := want[d.Path]
		if !ok {
			continue
		}
		if len(d.Problems) != 1 || d.Problems[0].Rule != "schema.file" || !strings.Contains(d.Problems[0].Message, w) {
			t.Errorf("%s: problems %+v, want schema.file %q", d.Path, d.Problems, w)
		}
		delete(want, d.Path)
	}
	if len(want) > 0 {
		t.Errorf("not reported: %v", want)
	}
}

func TestHeadingIDsAndResolve(t *testing.T) {
	dir := checktest.WriteRepo(t, map[string]string{
		"content/blog/un.md":         "---\ntitle: Un\ndate: 2026-01-01\n---\n## Réseaux sociaux\n\n## Réseaux sociaux\n",
		"content/blog/deux/index.md": "---\ntitle: Deux\ndate: 2026-01-01\nlang: en\n---\n",
		"content/blog/deux/a.png":    "png",
	})
	repo := checktest.Load(t, dir)
	un := repo.Item("content/blog/un.md").Doc()
	var ids []string
	for n := un.AST().FirstChild(); n != nil; n = n.NextSibling() {
		if id, ok := n.AttributeString("id"); ok {
			ids = append(ids, string(id.([]byte)))
		}
	}
	if strings.Join(ids, " ") != "reseaux-sociaux reseaux-sociaux-1" {
		t.Errorf("heading ids = %v", ids)
	}
	deux := repo.Item("content/blog/deux/index.md").Doc()
	for link, want := range map[string]string{
		"/en/blog/deux/":                     "content/blog/deux/index.md",
		"/en/blog/deux":                      "content/blog/deux/index.md",
		"https://test.example/fr/blog/un/#x": "content/blog/un.md",
		"../un.md":                           "content/blog/un.md",
		"a.png":                              "asset",
		"https://example.org/":               "external",
		"/fr/blog/trois/":                    "missing",
		"#top":                               "content/blog/deux/index.md",
	} {
		got := repo.Resolve(deux, link)
		var s string
		switch {
		case !got.Found:
			s = "missing"
		case got.External:
			s = "external"
		case got.Asset != "":
			s = "asset"
		case got.Article != nil:
			s = got.Article.Path
		}
		if s != want {
			t.Errorf("Resolve(%q) = %s, want %s", link, s, want)
		}
	}
}

func TestReleaseForgetsDerivedValues(t *testing.T) {
	repo := checktest.Load(t, checktest.WriteRepo(t, map[string]string{
		"content/blog/a.md": "---\ntitle: T\ndate: 2026-01-01\n---\n## Titre\n",
	}))
	d := repo.Documents[0]
	builds := 0
	build := func() any { builds++; return builds }
	type key struct{}
	first := d.AST()
	d.Memo(key{}, build)
	if again := d.Memo(key{}, build); again != 1 || builds != 1 {
		t.Fatalf("memo computed %d times before release", builds)
	}
	d.Release()
	if d.Memo(key{}, build) != 2 {
		t.Error("memo not recomputed after release")
	}
	if second := d.AST(); second == first || second.FirstChild() == nil {
		t.Error("AST not parsed again after release")
	}
	if first.FirstChild() == nil {
		t.Error("a tree held before release was emptied")
	}
}
