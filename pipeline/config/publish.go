package config

import "time"

// PublishOptions are the settings of cm publish beside the crisis switch,
// under publishing: in cm.yaml.
type PublishOptions struct {
	Delete  bool          `yaml:"delete" doc:"Delete from a network what was published from a file that has since been removed from the repo (default false: removed files leave their posts online)."`
	Timeout time.Duration `yaml:"timeout" doc:"How long one call to a network may take before its outcome counts as unknown (default 30s)."`
	Retries int           `yaml:"retries" doc:"How many times a failed call (5xx, 429, timeout, dropped connection) is tried again in one run, with exponential backoff (default 5)."`
	MaxWait time.Duration `yaml:"max_wait" doc:"The longest cm waits before one retry, whatever Retry-After asks (default 2m); a longer wait ends the run's attempts for that post."`
	Lease   time.Duration `yaml:"lease" doc:"How long an attempt recorded by another runner counts as still in progress before cm asks the network whether it went through (default 10m)."`
	Push    *bool         `yaml:"push" doc:"Commit the ledger and push it to the remote after publishing (default true when the repo has the remote)."`
	Remote  string        `yaml:"remote" doc:"The git remote the ledger is pushed to (default origin)."`
}
