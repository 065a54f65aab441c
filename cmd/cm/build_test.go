package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const buildConfig = "site:\n  title: Brindille\n  base_url: https://brindille.example\n  languages: [fr]\n  timezone: Europe/Paris\n"

func TestBuildExampleSite(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	r := run(t, "build", "--dir", "../..", "--out", out, "--at", "2027-01-01T00:00:00Z")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.HasPrefix(r.stdout, "built ") || !strings.HasSuffix(r.stdout, " into "+out+"\n") {
		t.Errorf("stdout = %q", r.stdout)
	}
	if r.stderr != "" {
		t.Errorf("stderr = %q", r.stderr)
	}
	for _, name := range []string{"index.html", "fr/index.html", "en/index.html", "sitemap.xml", "robots.txt", "404.html"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestBuildCommand(t *testing.T) {
	article := func(front, body string) string {
		return "---\ntitle: Un article\ndate: 2026-10-01T10:00:00+02:00\n" + front + "---\n\n" + body + "\n"
	}
	tests := []struct {
		name   string
		files  map[string]string
		args   []string
		code   int
		stdout string
		stderr string
	}{
		{
			name:   "one article, relative --out",
			files:  map[string]string{"content/blog/un.md": article("", "Du texte.")},
			args:   []string{"--out", "site"},
			stdout: "built 1 article, 5 pages, 1 feed (10 files) into site\n",
		},
		{
			name:   "the draft waits for --drafts",
			files:  map[string]string{"content/blog/un.md": article("draft: true\n", "Du texte.")},
			args:   []string{"--out", "site"},
			stdout: "built 0 articles, 4 pages, 1 feed (9 files) into site\n",
		},
		{
			name:   "--drafts",
			files:  map[string]string{"content/blog/un.md": article("draft: true\n", "Du texte.")},
			args:   []string{"--out", "site", "--drafts"},
			stdout: "built 1 article, 5 pages, 1 feed (10 files) into site\n",
		},
		{
			name:   "--at before the date",
			files:  map[string]string{"content/blog/un.md": article("", "Du texte.")},
			args:   []string{"--out", "site", "--at", "2026-09-01T00:00:00+02:00"},
			stdout: "built 0 articles, 4 pages, 1 feed (9 files) into site\n",
		},
		{
			name:   "an unknown key is cm check's business",
			files:  map[string]string{"content/blog/un.md": article("keyfrase: brosse\n", "Du texte.")},
			args:   []string{"--out", "site"},
			stdout: "built 1 article, 5 pages, 1 feed (10 files) into site\n",
		},
		{
			name:   "a mistyped date stops the build",
			files:  map[string]string{"content/blog/deux.md": "---\ntitle: Deux\ndate: demain\n---\n\nTexte.\n"},
			code:   1,
			stderr: "cm: content/blog/deux.md:3:7: date: \"demain\" is not a date (run cm check)\n",
		},
		{
			name:   "frontmatter that cannot be parsed stops the build",
			files:  map[string]string{"content/blog/un.md": article("", "Texte."), "content/blog/trois.md": "---\ntitle: Trois\ndate: 2026-10-01\n\nTexte sans fin de frontmatter.\n"},
			code:   1,
			stderr: "cm: content/blog/trois.md:1:1: the frontmatter opened on line 1 is never closed (run cm check)\n",
		},
		{
			name:   "missing image",
			files:  map[string]string{"content/blog/un.md": article("", "Voici ![une photo](photo.png).")},
			code:   1,
			stderr: "cm: content/blog/un.md:6:7: image photo.png not found\n",
		},
		{
			name:   "link to a draft is a warning",
			files:  map[string]string{"content/blog/un.md": article("", "Voir [l’autre](deux.md)."), "content/blog/deux.md": article("draft: true\n", "Bientôt.")},
			args:   []string{"--out", "site"},
			stdout: "built 1 article, 5 pages, 1 feed (10 files) into site\n",
			stderr: "warning: content/blog/un.md:6:6: link to content/blog/deux.md, which is not built (a draft; cm build --drafts builds it): the link will be broken until it is\n",
		},
		{
			name:   "bad --at",
			args:   []string{"--at", "demain"},
			code:   2,
			stderr: "cm: --at demain: not an RFC 3339 time, write it like 2026-12-01T21:00:00+01:00\n",
		},
		{
			name:   "no arguments",
			args:   []string{"public"},
			code:   2,
			stderr: "cm: unknown command \"public\" for \"cm build\"\nRun 'cm build --help' for usage\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"cm.yaml": buildConfig}
			for k, v := range tt.files {
				files[k] = v
			}
			dir := writeRepo(t, files)
			r := run(t, append([]string{"build", "--dir", dir}, tt.args...)...)
			if r.code != tt.code || r.stdout != tt.stdout || r.stderr != tt.stderr {
				t.Errorf("exit %d\nstdout %q\nstderr %q\nwant exit %d\nstdout %q\nstderr %q", r.code, r.stdout, r.stderr, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}
