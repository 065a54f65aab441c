package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a", "b", "cache")
	for _, data := range []string{"first", "second, longer", ""} {
		if err := Write(path, []byte(data)); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(path); err != nil || string(got) != data {
			t.Fatalf("read %q, %v; want %q", got, err, data)
		}
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}
	// A folder where the file should be: an error, and nothing left behind.
	if err := os.Mkdir(filepath.Join(dir, "a", "b", "taken"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(dir, "a", "b", "taken"), []byte("x")); err == nil {
		t.Error("writing over a folder succeeded")
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "a", "b"))
	if len(entries) != 2 {
		t.Errorf("%d entries left, want the file and the folder", len(entries))
	}
	// A file where the folder should be.
	if err := Write(filepath.Join(path, "under"), []byte("x")); err == nil {
		t.Error("writing under a file succeeded")
	}
}
