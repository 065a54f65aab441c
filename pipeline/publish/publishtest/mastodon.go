package publishtest

import (
	"encoding/json"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Mastodon is a strict fake Mastodon instance with one account.
type Mastodon struct {
	*httptest.Server
	Token    string
	Username string
	// MaxChars is the instance's status length limit (default 500).
	MaxChars int
	Faults   *Faults
	Unexpected

	mu       sync.Mutex
	nextID   int
	statuses []*FakeStatus
	media    map[string]string // id -> description
	keys     map[string]string // Idempotency-Key -> status id
	// Calls counts the requests by route.
	Calls map[string]int
}

// FakeStatus is a status the fake holds.
type FakeStatus struct {
	ID, Text, Language, Visibility string
	MediaIDs                       []string
	Created                        time.Time
	Edits                          int
	Deleted                        bool
}

// NewMastodon starts a fake instance whose token belongs to @username.
func NewMastodon(token, username string) *Mastodon {
	m := &Mastodon{Token: token, Username: username, MaxChars: 500, media: map[string]string{}, keys: map[string]string{}, Calls: map[string]int{}}
	m.Server = httptest.NewServer(http.HandlerFunc(m.serve))
	return m
}

// Statuses returns the statuses that are not deleted.
func (m *Mastodon) Statuses() []FakeStatus {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []FakeStatus
	for _, s := range m.statuses {
		if !s.Deleted {
			out = append(out, *s)
		}
	}
	return out
}

func (m *Mastodon) fail(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(map[string]string{"error": msg})
}

var statusPath = regexp.MustCompile(`^/api/v1/statuses/(\d+)$`)
var accountStatuses = regexp.MustCompile(`^/api/v1/accounts/(\d+)/statuses$`)
var mediaPath = regexp.MustCompile(`^/api/v1/media/(\d+)$`)

func (m *Mastodon) serve(w http.ResponseWriter, r *http.Request) {
	route := r.Method + " " + r.URL.Path
	switch {
	case statusPath.MatchString(r.URL.Path):
		route = r.Method + " /api/v1/statuses/:id"
	case accountStatuses.MatchString(r.URL.Path):
		route = r.Method + " /api/v1/accounts/:id/statuses"
	case mediaPath.MatchString(r.URL.Path):
		route = r.Method + " /api/v1/media/:id"
	}
	m.mu.Lock()
	m.Calls[route]++
	m.mu.Unlock()
	if r.Header.Get("Authorization") != "Bearer "+m.Token {
		m.fail(w, http.StatusUnauthorized, "The access token is invalid")
		return
	}
	fault := m.Faults.next()
	if m.Faults.before(fault, w) {
		return
	}
	var status int
	var body any
	switch route {
	case "GET /api/v1/accounts/verify_credentials":
		status, body = 200, m.account()
	case "POST /api/v2/media":
		status, body = m.upload(r)
	case "GET /api/v1/media/:id":
		id := mediaPath.FindStringSubmatch(r.URL.Path)[1]
		m.mu.Lock()
		desc, ok := m.media[id]
		m.mu.Unlock()
		if !ok {
			status, body = 404, map[string]string{"error": "Record not found"}
		} else {
			status, body = 200, map[string]any{"id": id, "type": "image", "url": m.URL + "/media/" + id, "description": desc}
		}
	case "POST /api/v1/statuses":
		status, body = m.post(r)
	case "PUT /api/v1/statuses/:id":
		status, body = m.edit(r, statusPath.FindStringSubmatch(r.URL.Path)[1])
	case "DELETE /api/v1/statuses/:id":
		status, body = m.delete(statusPath.FindStringSubmatch(r.URL.Path)[1])
	case "GET /api/v1/accounts/:id/statuses":
		status, body = m.list(r, accountStatuses.FindStringSubmatch(r.URL.Path)[1])
	default:
		m.add("unexpected request: " + route)
		m.fail(w, http.StatusNotFound, "not found")
		return
	}
	if status < 300 && m.Faults.after(fault, w) {
		return
	}
	if status >= 400 {
		msg := body.(map[string]string)["error"]
		m.fail(w, status, msg)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(body)
}

func (m *Mastodon) account() map[string]any {
	return map[string]any{"id": "1", "username": m.Username, "acct": m.Username, "url": m.URL + "/@" + m.Username}
}

func (m *Mastodon) upload(r *http.Request) (int, any) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "multipart/form-data" {
		m.add("POST /api/v2/media without multipart/form-data")
		return 422, map[string]string{"error": "Validation failed: File can't be blank"}
	}
	if err := r.ParseMultipartForm(16 << 20); err != nil {
		return 422, map[string]string{"error": err.Error()}
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		m.add("POST /api/v2/media without file")
		return 422, map[string]string{"error": "Validation failed: File can't be blank"}
	}
	data, _ := io.ReadAll(f)
	if len(data) == 0 {
		return 422, map[string]string{"error": "Validation failed: File is empty"}
	}
	desc := r.FormValue("description")
	if utf8.RuneCountInString(desc) > 1500 {
		m.add("description over 1500 characters")
		return 422, map[string]string{"error": "Validation failed: Description is too long (maximum is 1500 characters)"}
	}
	m.mu.Lock()
	m.nextID++
	id := strconv.Itoa(m.nextID)
	m.media[id] = desc
	m.mu.Unlock()
	return 200, map[string]any{"id": id, "type": "image", "url": m.URL + "/media/" + id, "description": desc}
}

// form reads a form or JSON body the way Rails does.
func form(r *http.Request) (url.Values, error) {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return nil, err
		}
		return r.PostForm, nil
	case "application/json":
		var v map[string]any
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			return nil, err
		}
		out := url.Values{}
		for k, x := range v {
			switch x := x.(type) {
			case string:
				out.Set(k, x)
			case []any:
				for _, y := range x {
					out.Add(k+"[]", fmt.Sprint(y))
				}
			}
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported content type %q", mt)
}

var statusKeys = map[string]bool{"status": true, "media_ids[]": true, "visibility": true, "language": true, "spoiler_text": true, "sensitive": true, "in_reply_to_id": true, "scheduled_at": true}

func (m *Mastodon) validate(f url.Values) (int, string) {
	for k := range f {
		if !statusKeys[k] {
			m.add("unknown status parameter " + k)
			return 422, "unknown parameter " + k
		}
	}
	text := f.Get("status")
	if strings.TrimSpace(text) == "" && len(f["media_ids[]"]) == 0 {
		return 422, "Validation failed: Text can't be blank"
	}
	if n := mastodonLength(text); n > m.MaxChars {
		m.add(fmt.Sprintf("status of %d characters, over %d", n, m.MaxChars))
		return 422, fmt.Sprintf("Validation failed: Text character limit of %d exceeded", m.MaxChars)
	}
	if v := f.Get("visibility"); v != "" && v != "public" && v != "unlisted" && v != "private" && v != "direct" {
		m.add("bad visibility " + v)
		return 422, "Validation failed: Visibility is not included in the list"
	}
	if l := f.Get("language"); l != "" && !regexp.MustCompile(`^[a-z]{2,3}$`).MatchString(l) {
		m.add("bad language " + l)
		return 422, "Validation failed: Language is not a valid ISO 639 code"
	}
	ids := f["media_ids[]"]
	if len(ids) > 4 {
		m.add("more than 4 media")
		return 422, "Validation failed: Cannot attach more than 4 files"
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, id := range ids {
		if _, ok := m.media[id]; !ok {
			m.add("unknown media id " + id)
			return 422, "Validation failed: media not found"
		}
	}
	return 0, ""
}

// mastodonLength counts like Mastodon: every URL counts 23.
func mastodonLength(s string) int {
	urls := regexp.MustCompile(`https?://\S+`)
	n := 0
	for _, u := range urls.FindAllString(s, -1) {
		n += 23 - utf8.RuneCountInString(u)
	}
	return n + utf8.RuneCountInString(s)
}

func (m *Mastodon) post(r *http.Request) (int, any) {
	f, err := form(r)
	if err != nil {
		m.add("POST /api/v1/statuses: " + err.Error())
		return 422, map[string]string{"error": err.Error()}
	}
	if code, msg := m.validate(f); code != 0 {
		return code, map[string]string{"error": msg}
	}
	key := r.Header.Get("Idempotency-Key")
	m.mu.Lock()
	defer m.mu.Unlock()
	if key != "" {
		if id, ok := m.keys[key]; ok {
			if s := m.find(id); s != nil {
				return 200, m.entity(s)
			}
		}
	}
	m.nextID++
	s := &FakeStatus{ID: strconv.Itoa(m.nextID), Text: f.Get("status"), Language: f.Get("language"), Visibility: f.Get("visibility"),
		MediaIDs: f["media_ids[]"], Created: time.Now().UTC()}
	m.statuses = append(m.statuses, s)
	if key != "" {
		m.keys[key] = s.ID
	}
	return 200, m.entity(s)
}

func (m *Mastodon) find(id string) *FakeStatus {
	for _, s := range m.statuses {
		if s.ID == id && !s.Deleted {
			return s
		}
	}
	return nil
}

func (m *Mastodon) edit(r *http.Request, id string) (int, any) {
	f, err := form(r)
	if err != nil {
		m.add("PUT /api/v1/statuses/:id: " + err.Error())
		return 422, map[string]string{"error": err.Error()}
	}
	if code, msg := m.validate(f); code != 0 {
		return code, map[string]string{"error": msg}
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.find(id)
	if s == nil {
		return 404, map[string]string{"error": "Record not found"}
	}
	s.Text, s.MediaIDs = f.Get("status"), f["media_ids[]"]
	s.Edits++
	return 200, m.entity(s)
}

func (m *Mastodon) delete(id string) (int, any) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.find(id)
	if s == nil {
		return 404, map[string]string{"error": "Record not found"}
	}
	s.Deleted = true
	return 200, m.entity(s)
}

func (m *Mastodon) list(r *http.Request, account string) (int, any) {
	if account != "1" {
		return 404, map[string]string{"error": "Record not found"}
	}
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	if limit <= 0 || limit > 40 {
		limit = 20
	}
	maxID, _ := strconv.Atoi(r.URL.Query().Get("max_id"))
	m.mu.Lock()
	defer m.mu.Unlock()
	var all []*FakeStatus
	for _, s := range m.statuses {
		if id, _ := strconv.Atoi(s.ID); !s.Deleted && (maxID == 0 || id < maxID) {
			all = append(all, s)
		}
	}
	sort.Slice(all, func(i, j int) bool { a, _ := strconv.Atoi(all[i].ID); b, _ := strconv.Atoi(all[j].ID); return a > b })
	if len(all) > limit {
		all = all[:limit]
	}
	out := []any{}
	for _, s := range all {
		out = append(out, m.entity(s))
	}
	return 200, out
}

// entity renders a status as Mastodon does: HTML paragraphs and line breaks.
func (m *Mastodon) entity(s *FakeStatus) map[string]any {
	var paras []string
	for _, p := range strings.Split(s.Text, "\n\n") {
		lines := strings.Split(p, "\n")
		for i, l := range lines {
			lines[i] = html.EscapeString(l)
		}
		paras = append(paras, "<p>"+strings.Join(lines, "<br />")+"</p>")
	}
	return map[string]any{"id": s.ID, "url": m.URL + "/@" + m.Username + "/" + s.ID, "uri": m.URL + "/users/" + m.Username + "/statuses/" + s.ID,
		"content": strings.Join(paras, ""), "created_at": s.Created.Format(time.RFC3339Nano), "visibility": s.Visibility, "language": s.Language}
}
