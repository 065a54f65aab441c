package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestWatched(t *testing.T) {
	tests := []struct {
		path string
		want bool
	}{
		{"cm.yaml", true},
		{"content/blog/velo.md", true},
		{"content/blog/bundle/cover.png", true},
		{"templates/article.html", true},
		{".cm/words.txt", true},
		{".cm/ledger/2027-01.jsonl", true},
		{"README.md", false},
		{"public/index.html", false},
		{"cmd/cm/main.go", false},
		{".git/index", false},
		{"content/blog/cm.yaml", true},
		{"sub/cm.yaml", false},
		// Editors' scratch files.
		{"content/blog/.velo.md.swp", false}, // vim's swap file
		{"content/blog/.velo.md.swx", false}, //
		{"content/blog/velo.md.swp", false},  // vim with a directory option
		{"content/blog/4913", false},         // vim checks it may write
		{"content/blog/velo.md~", false},     // backups: vim, nano, emacs
		{"content/blog/#velo.md#", false},    // emacs auto-save
		{"content/blog/.#velo.md", false},    // emacs lock
		{"content/blog/velo.md___jb_tmp___", false},
		{"content/blog/velo.md___jb_old___", false}, // JetBrains safe write
		{"content/blog/.goutputstream-X1Y2", false}, // gedit
		{"content/blog/velo.md.crswap", false},      // Chrome's file system access
		{"content/blog/.velo.md.kate-swp", false},   // Kate
		{"content/.hidden/velo.md", false},
	}
	for _, tt := range tests {
		if got := Watched(tt.path); got != tt.want {
			t.Errorf("Watched(%s) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

// TestEditorSaves saves files the way editors do, with the real watcher:
// each save is one reload, with the saved file in it, never two and never
// none. After each save, a marker file is written: the next reload must
// be the marker's alone, or the save gave more than one.
func TestEditorSaves(t *testing.T) {
	s, dir := newTestServer(t, Options{Debounce: 100 * time.Millisecond})
	w, err := s.newWatcher()
	if err != nil {
		t.Fatal(err)
	}
	batches := make(chan []string, 16)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- w.run(ctx, func(b []string) { batches <- b }) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	abs := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	write := func(rel, text string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(abs(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(abs(rel), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	rename := func(from, to string) {
		t.Helper()
		if err := os.Rename(abs(from), abs(to)); err != nil {
			t.Fatal(err)
		}
	}
	remove := func(rel string) {
		t.Helper()
		if err := os.Remove(abs(rel)); err != nil {
			t.Fatal(err)
		}
	}
	const velo = "content/blog/velo-en-ville.md"
	post := "---\nchannels: [mastodon]\n---\nBonjour %d\n"
	tests := []struct {
		name string
		save func(n int)
		// want is the file the reload must hold; "" means no reload.
		want string
		// also are the other paths the reload may hold: files that came
		// and went during the save.
		also []string
	}{
		{"a plain write", func(n int) { write(velo, fmt.Sprintf(post, n)) }, velo, nil},
		{"several writes", func(n int) {
			f, err := os.OpenFile(abs(velo), os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			for _, part := range []string{"---\nchannels: [mastodon]\n", "---\n", fmt.Sprintf("Bonjour %d\n", n)} {
				if _, err := f.WriteString(part); err != nil {
					t.Fatal(err)
				}
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}, velo, nil},
		{"an atomic rename (a temporary file moved over the file)", func(n int) {
			write(velo+".tmp1234", fmt.Sprintf(post, n))
			rename(velo+".tmp1234", velo)
		}, velo, []string{velo + ".tmp1234"}},
		{"vim (4913, a backup by rename, a swap file)", func(n int) {
			write("content/blog/.velo-en-ville.md.swp", "swap")
			write("content/blog/4913", "")
			remove("content/blog/4913")
			rename(velo, velo+"~")
			write(velo, fmt.Sprintf(post, n))
			remove(velo + "~")
			remove("content/blog/.velo-en-ville.md.swp")
		}, velo, nil},
		{"JetBrains (safe write)", func(n int) {
			write(velo+"___jb_tmp___", fmt.Sprintf(post, n))
			rename(velo, velo+"___jb_old___")
			rename(velo+"___jb_tmp___", velo)
			remove(velo + "___jb_old___")
		}, velo, nil},
		{"emacs (lock, auto-save, backup)", func(n int) {
			if err := os.Symlink("user@host.1234", abs("content/blog/.#velo-en-ville.md")); err != nil {
				t.Fatal(err)
			}
			write("content/blog/#velo-en-ville.md#", "autosave")
			rename(velo, velo+"~")
			write(velo, fmt.Sprintf(post, n))
			remove("content/blog/#velo-en-ville.md#")
			remove("content/blog/.#velo-en-ville.md")
		}, velo, nil},
		{"a slow save: the file renamed away, written again later", func(n int) {
			rename(velo, velo+"~")
			time.Sleep(150 * time.Millisecond) // longer than the quiet period
			write(velo, fmt.Sprintf(post, n))
			remove(velo + "~")
		}, velo, nil},
		{"a swap file alone", func(n int) {
			for range 3 {
				write("content/blog/.velo-en-ville.md.swp", "swap")
				write("content/blog/velo-en-ville.md.swp", "swap")
			}
		}, "", nil},
		{"a page bundle created", func(n int) {
			write("content/blog/nouveau/index.md", fmt.Sprintf("---\ntitle: Nouveau %d\ndate: 2026-11-01\n---\n", n))
			write("content/blog/nouveau/cover.png", "png")
		}, "content/blog/nouveau", []string{"content/blog/nouveau/index.md", "content/blog/nouveau/cover.png"}},
		{"a file of the new bundle saved", func(n int) {
			write("content/blog/nouveau/index.md", fmt.Sprintf("---\ntitle: Nouveau %d\ndate: 2026-11-02\n---\n", n))
		}, "content/blog/nouveau/index.md", nil},
		{"cm.yaml by atomic rename", func(n int) {
			data, err := os.ReadFile(abs("cm.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			write(".cm.yaml.tmp", string(data)+fmt.Sprintf("# %d\n", n))
			rename(".cm.yaml.tmp", "cm.yaml")
		}, "cm.yaml", nil},
	}
	for i, tt := range tests {
		tt.save(i)
		marker := fmt.Sprintf("content/social/marker-%d.md", i)
		if tt.want != "" {
			got := <-batches
			if !slices.Contains(got, tt.want) {
				t.Errorf("%s: the reload holds %v, not %s", tt.name, got, tt.want)
			}
			for _, p := range got {
				if p != tt.want && !slices.Contains(tt.also, p) {
					t.Errorf("%s: the reload holds %s", tt.name, p)
				}
			}
		}
		write(marker, fmt.Sprintf(post, i))
		if got := <-batches; !slices.Equal(got, []string{marker}) {
			t.Errorf("%s: the save gave another reload: %v", tt.name, got)
		}
	}
}
