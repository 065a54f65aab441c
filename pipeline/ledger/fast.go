package ledger

import (
	"bytes"
	"strconv"
	"time"
	"unicode/utf8"
)

// parseFast reads the records cm writes (a flat object of strings and one
// number, no escapes) several times faster than encoding/json, so that a
// ledger of years reads in milliseconds. It returns false on anything else,
// and Parse falls back to encoding/json.
func parseFast(line []byte, r *Record) bool {
	p := bytes.TrimSpace(line)
	if len(p) < 2 || p[0] != '{' || p[len(p)-1] != '}' {
		return false
	}
	p = p[1 : len(p)-1]
	for len(p) > 0 {
		key, rest, ok := quoted(p)
		if !ok || len(rest) == 0 || rest[0] != ':' {
			return false
		}
		rest = rest[1:]
		if key == "seq" {
			i := 0
			for i < len(rest) && rest[i] >= '0' && rest[i] <= '9' {
				i++
			}
			n, err := strconv.Atoi(string(rest[:i]))
			if err != nil {
				return false
			}
			r.Seq = n
			rest = rest[i:]
		} else {
			val, after, ok := quoted(rest)
			if !ok {
				return false
			}
			rest = after
			switch key {
			case "at":
				t, err := time.Parse(time.RFC3339Nano, val)
				if err != nil {
					return false
				}
				r.At = t
			case "run":
				r.Run = val
			case "runner":
				r.Runner = val
			case "op":
				r.Op = Op(val)
			case "item":
				r.Item = val
			case "channel":
				r.Channel = val
			case "version":
				r.Version = val
			case "action":
				r.Action = Action(val)
			case "key":
				r.Key = val
			case "remote_id":
				r.RemoteID = val
			case "url":
				r.URL = val
			case "error":
				r.Error = val
			default:
				return false // a field from a newer cm: let encoding/json judge
			}
		}
		if len(rest) > 0 {
			if rest[0] != ',' {
				return false
			}
			rest = rest[1:]
		}
		p = rest
	}
	return r.Op != ""
}

// quoted reads a JSON string without escapes at the start of p.
func quoted(p []byte) (string, []byte, bool) {
	if len(p) == 0 || p[0] != '"' {
		return "", nil, false
	}
	end := bytes.IndexByte(p[1:], '"')
	if end < 0 {
		return "", nil, false
	}
	s := p[1 : 1+end]
	if bytes.IndexByte(s, '\\') >= 0 {
		return "", nil, false
	}
	for _, c := range s {
		if c < 0x20 {
			return "", nil, false
		}
	}
	if !utf8.Valid(s) {
		return "", nil, false // encoding/json replaces invalid bytes
	}
	return string(s), p[2+end:], true
}
