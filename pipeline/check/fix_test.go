package check

import (
	"strings"
	"testing"
)

func TestApplyFixes(t *testing.T) {
	src := []byte("Prêts ? Youtube !\r\nfin .\r\n")
	for _, tc := range []struct {
		name    string
		fixes   []Fix
		want    string
		applied []int
	}{
		{"none", nil, string(src), nil},
		{"back to front", []Fix{{Start: 6, End: 7, New: "\u202f"}, {Start: 9, End: 16, New: "YouTube"}, {Start: 23, End: 24, New: ""}},
			"Prêts\u202f? YouTube !\r\nfin.\r\n", []int{0, 1, 2}},
		{"out of order input", []Fix{{Start: 23, End: 24, New: ""}, {Start: 6, End: 7, New: "\u202f"}},
			"Prêts\u202f? Youtube !\r\nfin.\r\n", []int{0, 1}},
		{"overlap: the first is kept", []Fix{{Start: 9, End: 16, New: "YouTube"}, {Start: 12, End: 14, New: "X"}},
			"Prêts ? YouTube !\r\nfin .\r\n", []int{0}},
		{"identical fixes count once", []Fix{{Start: 6, End: 7, New: "\u202f"}, {Start: 6, End: 7, New: "\u202f"}},
			"Prêts\u202f? Youtube !\r\nfin .\r\n", []int{0, 1}},
		{"two insertions at one point: one", []Fix{{Start: 16, End: 16, New: "\u202f"}, {Start: 16, End: 16, New: "\u00a0"}},
			"Prêts ? Youtube\u202f !\r\nfin .\r\n", []int{0}},
		{"out of range is dropped", []Fix{{Start: 90, End: 91, New: "x"}}, string(src), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, applied := ApplyFixes(src, tc.fixes)
			if string(got) != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			if len(applied) != len(tc.applied) {
				t.Fatalf("applied %v, want %v", applied, tc.applied)
			}
			for i := range applied {
				if applied[i] != tc.applied[i] {
					t.Errorf("applied %v, want %v", applied, tc.applied)
				}
			}
		})
	}
}

func TestUnifiedDiff(t *testing.T) {
	var before, after []string
	for i := 1; i <= 20; i++ {
		line := "line " + strings.Repeat("x", i%3) + "\n"
		before = append(before, line)
		switch i {
		case 2, 4, 15:
			line = "changed\n"
		}
		after = append(after, line)
	}
	got := UnifiedDiff("content/a.md", []byte(strings.Join(before, "")), []byte(strings.Join(after, "")))
	want := `--- a/content/a.md
+++ b/content/a.md
@@ -1,7 +1,7 @@
 line x
-line xx
+changed
 line 
-line x
+changed
 line xx
 line 
 line x
@@ -12,7 +12,7 @@
 line 
 line x
 line xx
-line 
+changed
 line x
 line xx
 line 
`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if UnifiedDiff("a", []byte("same"), []byte("same")) != "" {
		t.Error("no change must give no diff")
	}
}
