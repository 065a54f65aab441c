// Package config reads cm.yaml: the site, its languages and timezone, the
// channels, the rules' severities and options, the schedule policy and the
// publishing switch. It is parsed strictly: an unknown or mistyped key is an
// error that names its line and, where one is close, the key that was meant.
package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/cmhq/cm/pipeline/decode"
)

// FileName is the configuration file at the root of a content repo.
const FileName = "cm.yaml"

// Config is cm.yaml.
type Config struct {
	Site       Site                   `yaml:"site" cm:"required" doc:"The blog: title, address, languages and timezone."`
	Channels   map[string]Channel     `yaml:"channels" doc:"Where content is published, by name. Secrets are named by environment variable, never written here."`
	Rules      map[string]RuleSetting `yaml:"rules" doc:"Per rule id (or family prefix such as seo): a severity (error, warning, info, off) or a map with severity and the rule's options."`
	Schedule   Schedule               `yaml:"schedule" doc:"The posting policy: windows, spacing and blackout dates per channel."`
	Publishing Publishing             `yaml:"publishing" doc:"The crisis switch: paused stops every publication."`
	Editorial  Editorial              `yaml:"editorial" doc:"The editorial line: glossary, register (tu or vous), disclosure, readability bounds and spelling dictionaries, per language."`
	Blog       Blog                   `yaml:"blog" doc:"How cm build renders the blog: titles per language, page and feed sizes."`
	Social     Social                 `yaml:"social" doc:"How posts become what each network receives: UTM parameters on links to the blog."`
	// Messages is the language of diagnostics: "en" (default) or "fr".
	Messages string `yaml:"messages" enum:"en,fr" doc:"Language of cm's messages."`

	// Location is Site.Timezone, loaded.
	Location *time.Location `yaml:"-"`
	// Path is the file this was read from; Root its folder.
	Path string `yaml:"-"`
	Root string `yaml:"-"`
}

// Site describes the blog.
type Site struct {
	Title           string   `yaml:"title" cm:"required" doc:"The name of the blog."`
	Description     string   `yaml:"description" doc:"The blog's description, for the home page and feeds."`
	BaseURL         string   `yaml:"base_url" cm:"required" doc:"The public address of the blog, e.g. https://brand.example."`
	Languages       []string `yaml:"languages" doc:"Language codes of the content, e.g. [fr, en]."`
	DefaultLanguage string   `yaml:"default_language" doc:"The language of content without a lang key."`
	Timezone        string   `yaml:"timezone" doc:"IANA timezone for dates without an offset, e.g. Europe/Paris."`
	Author          string   `yaml:"author" doc:"Default author of articles."`
}

// Channel is one place content is published to. Which keys apply depends
// on Type; secrets are the names of environment variables.
type Channel struct {
	Type        string `yaml:"type" cm:"required" enum:"site,mastodon,bluesky,webhook,x,linkedin,instagram,threads" doc:"The kind of channel. x, linkedin, instagram and threads are checked and planned but not published to yet."`
	Instance    string `yaml:"instance" doc:"Mastodon: the instance's address."`
	Account     string `yaml:"account" doc:"Mastodon: the account the token must belong to, e.g. @brand."`
	TokenEnv    string `yaml:"token_env" doc:"Mastodon: the environment variable holding the access token."`
	Service     string `yaml:"service" doc:"Bluesky: the PDS address."`
	Handle      string `yaml:"handle" doc:"Bluesky: the handle the session must belong to."`
	PasswordEnv string `yaml:"password_env" doc:"Bluesky: the environment variable holding the app password."`
	URLEnv      string `yaml:"url_env" doc:"Webhook: the environment variable holding the webhook URL."`
	SecretEnv   string `yaml:"secret_env" doc:"Webhook: the environment variable holding the HMAC signing secret."`
	Format      string `yaml:"format" enum:"json,slack,discord" doc:"Webhook: the payload, json (cm's own, default), slack or discord (their incoming webhooks)."`
	// MaxLength overrides the network's text limit (e.g. a Mastodon instance with 1000).
	MaxLength int `yaml:"max_length" doc:"The instance's post length limit, when it differs from the network's default."`
}

// Schedule is the posting policy.
type Schedule struct {
	Channels map[string]ChannelSchedule `yaml:"channels" doc:"Posting policy per channel name."`
	Blackout []string                   `yaml:"blackout" doc:"Dates (YYYY-MM-DD) when nothing is posted on any channel."`
}

// ChannelSchedule is the posting policy of one channel.
type ChannelSchedule struct {
	Windows    []Window      `yaml:"windows" doc:"When posts may go out, in the site timezone."`
	MinSpacing time.Duration `yaml:"min_spacing" doc:"Minimum time between two posts, e.g. 2h."`
	MaxPerDay  int           `yaml:"max_per_day" doc:"At most this many posts a day."`
	Blackout   []string      `yaml:"blackout" doc:"Dates (YYYY-MM-DD) when nothing is posted on this channel."`
}

// Window is a stretch of the week when posting is allowed.
type Window struct {
	Days []string `yaml:"days" doc:"Days of the week: mon tue wed thu fri sat sun. Empty means every day."`
	From string   `yaml:"from" cm:"required" pattern:"^[0-2][0-9]:[0-5][0-9]$" doc:"Start, HH:MM."`
	To   string   `yaml:"to" cm:"required" pattern:"^[0-2][0-9]:[0-5][0-9]$" doc:"End, HH:MM."`
}

// Publishing is the crisis switch.
type Publishing struct {
	Paused         bool   `yaml:"paused" doc:"Stop every publication until set back to false."`
	Reason         string `yaml:"reason" doc:"Why publishing is paused; shown by cm plan and cm publish."`
	PublishOptions `yaml:",inline"`
}

// Error is a problem in cm.yaml, with its position.
type Error struct {
	Path         string
	Line, Column int
	Message      string
	Suggestion   string
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Column, e.Message)
	if e.Suggestion != "" {
		s += ": " + e.Suggestion
	}
	return s
}

// Errors is every problem found in cm.yaml.
type Errors []*Error

func (es Errors) Error() string {
	var b strings.Builder
	for i, e := range es {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}

// Load reads dir/cm.yaml. A missing file is an error that says how to start.
func Load(dir string) (*Config, error) {
	path := filepath.Join(dir, FileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s not found: run cm in a content repository (or pass --dir), or create %s", path, FileName)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	c, err := Parse(data, path)
	if err != nil {
		return nil, err
	}
	c.Root = dir
	return c, nil
}

// Parse reads cm.yaml from data; path is used in errors only.
func Parse(data []byte, path string) (*Config, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		line := 1
		msg := err.Error()
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			line, msg = yamlErrorLine(msg)
		}
		return nil, Errors{{Path: path, Line: line, Column: 1, Message: msg,
			Suggestion: "fix the YAML syntax (indentation with spaces, a colon after each key)"}}
	}
	c := &Config{Path: path}
	var errs Errors
	for _, p := range decode.Node(&root, c, decode.Options{}) {
		errs = append(errs, &Error{Path: path, Line: p.Line, Column: p.Column, Message: p.Message, Suggestion: p.Suggestion})
	}
	errs = append(errs, c.validate(&root)...)
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return nil, errs
	}
	return c, nil
}

// yamlErrorLine pulls "line N" out of a yaml.v3 syntax error.
func yamlErrorLine(msg string) (int, string) {
	msg = strings.TrimPrefix(msg, "yaml: ")
	var line int
	if _, err := fmt.Sscanf(msg, "line %d:", &line); err == nil {
		_, rest, _ := strings.Cut(msg, ": ")
		return line, rest
	}
	return 1, msg
}

// ChannelTypes are the kinds of channel cm can publish to.
var ChannelTypes = []string{"site", "mastodon", "bluesky", "webhook"}

// validate checks what the types alone cannot: values that must be one of a
// set, cross references, and defaults.
func (c *Config) validate(root *yaml.Node) Errors {
	var errs Errors
	at := func(path string, msg, fix string) {
		n := Lookup(root, path)
		line, col := 1, 1
		if n != nil {
			line, col = n.Line, n.Column
		}
		errs = append(errs, &Error{Path: c.Path, Line: line, Column: col, Message: msg, Suggestion: fix})
	}
	if c.Site.Timezone == "" {
		c.Site.Timezone = "UTC"
	}
	loc, err := time.LoadLocation(c.Site.Timezone)
	if err != nil {
		at("site.timezone", fmt.Sprintf("unknown timezone %q", c.Site.Timezone), "use an IANA name such as Europe/Paris or America/Montreal")
		loc = time.UTC
	}
	c.Location = loc
	if len(c.Site.Languages) == 0 {
		c.Site.Languages = []string{"en"}
	}
	if c.Site.DefaultLanguage == "" {
		c.Site.DefaultLanguage = c.Site.Languages[0]
	} else if !slices.Contains(c.Site.Languages, c.Site.DefaultLanguage) {
		at("site.default_language", fmt.Sprintf("default_language %q is not one of site.languages %v", c.Site.DefaultLanguage, c.Site.Languages),
			"add it to site.languages or choose one of them")
	}
	if c.Site.BaseURL != "" && !strings.HasPrefix(c.Site.BaseURL, "https://") && !strings.HasPrefix(c.Site.BaseURL, "http://") {
		at("site.base_url", fmt.Sprintf("base_url %q is not an absolute URL", c.Site.BaseURL), "write it like https://brand.example")
	}
	c.Site.BaseURL = strings.TrimRight(c.Site.BaseURL, "/")
	for _, name := range c.ChannelNames() {
		ch := c.Channels[name]
		if known := append(slices.Clone(ChannelTypes), NetworkTypes...); ch.Type != "" && !slices.Contains(known, ch.Type) {
			fix := decode.DidYouMean(ch.Type, known)
			if fix == "" {
				fix = "use one of " + strings.Join(known, ", ")
			}
			at("channels."+name+".type", fmt.Sprintf("channel %s: unknown type %q", name, ch.Type), fix)
		}
	}
	for name := range c.Schedule.Channels {
		if _, ok := c.Channels[name]; !ok {
			at("schedule.channels."+name, fmt.Sprintf("schedule for %q, which is not a configured channel", name),
				firstNonEmpty(decode.DidYouMean(name, c.ChannelNames()), "add it under channels: or remove this schedule"))
		}
	}
	errs = append(errs, c.validateSchedule(root)...)
	switch c.Messages {
	case "":
		c.Messages = "en"
	case "en", "fr":
	default:
		at("messages", fmt.Sprintf("messages %q is not a supported language", c.Messages), "use en or fr")
	}
	return errs
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// ChannelNames returns the configured channel names, sorted.
func (c *Config) ChannelNames() []string {
	names := make([]string, 0, len(c.Channels))
	for n := range c.Channels {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Lookup finds the value node at a dotted key path, or nil.
func Lookup(root *yaml.Node, path string) *yaml.Node {
	n := root
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for key := range strings.SplitSeq(path, ".") {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == key {
				next = n.Content[i+1]
				break
			}
		}
		n = next
	}
	return n
}
