package check

import (
	"encoding/json"
	"io"
	"strings"
)

// SARIF 2.1.0 (OASIS), the subset GitHub code scanning reads. Columns are
// counted in Unicode code points, as cm counts them.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool             sarifTool     `json:"tool"`
	Results          []sarifResult `json:"results"`
	ColumnKind       string        `json:"columnKind"`
	Language         string        `json:"language"`
	NewlineSequences []string      `json:"newlineSequences"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Language       string      `json:"language"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string           `json:"id"`
	ShortDescription     sarifText        `json:"shortDescription"`
	FullDescription      sarifText        `json:"fullDescription"`
	Help                 sarifText        `json:"help"`
	DefaultConfiguration sarifRuleConfig  `json:"defaultConfiguration"`
	Properties           *sarifProperties `json:"properties,omitempty"`
}

type sarifProperties struct {
	Tags []string `json:"tags,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

func sarifLevel(s Severity) string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	case Info:
		return "note"
	}
	return "none"
}

// WriteSARIF prints the result as a SARIF 2.1.0 log with the metadata of
// every rule that ran.
func WriteSARIF(w io.Writer, res *Result, version string) error {
	driver := sarifDriver{Name: "cm", Language: "en-US", Version: version, InformationURI: "https://github.com/cmhq/cm", Rules: []sarifRule{}}
	index := map[string]int{}
	for i, m := range res.Rules {
		index[m.ID] = i
		help := m.Doc
		if m.Example.Bad != "" {
			help += "\n\nExample:\n" + m.Example.Bad + "\n\nFixed:\n" + m.Example.Good
		}
		family, _, _ := strings.Cut(m.ID, ".")
		driver.Rules = append(driver.Rules, sarifRule{
			ID: m.ID, ShortDescription: sarifText{m.Summary}, FullDescription: sarifText{m.Doc},
			Help: sarifText{help}, DefaultConfiguration: sarifRuleConfig{sarifLevel(m.Severity)},
			Properties: &sarifProperties{Tags: []string{family}},
		})
	}
	results := make([]sarifResult, 0, len(res.Diagnostics))
	for _, d := range res.Diagnostics {
		msg := d.Message
		if d.Suggestion != "" {
			msg += " (" + d.Suggestion + ")"
		}
		results = append(results, sarifResult{
			RuleID: d.Rule, RuleIndex: index[d.Rule], Level: sarifLevel(d.Severity),
			Message: sarifText{msg},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: sarifArtifact{URI: d.File, URIBaseID: "%SRCROOT%"},
				Region:           sarifRegion{StartLine: d.Line, StartColumn: d.Column},
			}}},
		})
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{Tool: sarifTool{Driver: driver}, Results: results, ColumnKind: "unicodeCodePoints",
			Language: "en-US", NewlineSequences: []string{"\r\n", "\n"}}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}
