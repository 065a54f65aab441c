package main

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// TestSARIFValidates checks cm's SARIF against the SARIF 2.1.0 JSON Schema
// embedded in go-sarif. The library validates its own model of the log, which
// adds empty defaults, so the test also checks that the model holds every
// field cm wrote with the same value: the schema saw all of cm's output.
func TestSARIFValidates(t *testing.T) {
	r := run(t, "check", "--dir", "testdata/broken", "--rule", "schema", "--format", "sarif")
	report, err := sarif.FromString(r.stdout)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.Validate(); err != nil {
		t.Fatalf("SARIF does not validate: %v", err)
	}
	var ours, theirs any
	if err := json.Unmarshal([]byte(r.stdout), &ours); err != nil {
		t.Fatal(err)
	}
	again, err := json.Marshal(report)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(again, &theirs); err != nil {
		t.Fatal(err)
	}
	if path := notContained(ours, theirs, "$"); path != "" {
		t.Errorf("go-sarif's model dropped or changed %s of cm's SARIF", path)
	}
	run := report.Runs[0]
	if len(run.Results) != 3 || len(run.Tool.Driver.Rules) == 0 {
		t.Fatalf("%d results, %d rules", len(run.Results), len(run.Tool.Driver.Rules))
	}
	for _, res := range run.Results {
		id := *res.RuleID
		if got := *run.Tool.Driver.Rules[res.RuleIndex].ID; got != id {
			t.Errorf("result for %s points at rule %s", id, got)
		}
	}
}

// notContained returns the path of the first value of a that b lacks or
// holds differently, or "" when b contains all of a.
func notContained(a, b any, path string) string {
	switch av := a.(type) {
	case map[string]any:
		bv, ok := b.(map[string]any)
		if !ok {
			return path
		}
		for k, v := range av {
			if p := notContained(v, bv[k], path+"."+k); p != "" {
				return p
			}
		}
		return ""
	case []any:
		bv, ok := b.([]any)
		if !ok || len(bv) != len(av) {
			return path
		}
		for i := range av {
			if p := notContained(av[i], bv[i], fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
		return ""
	}
	if !reflect.DeepEqual(a, b) {
		return path
	}
	return ""
}
