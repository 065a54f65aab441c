package iostreams

import (
	"strings"
	"testing"
)

func TestProgressOnlyOnTerminals(t *testing.T) {
	s, _, _, errOut := Test()
	p := s.StartProgress("checking")
	p.Update(1, 2)
	p.Update(2, 2)
	p.Done()
	if errOut.Len() != 0 {
		t.Errorf("drew progress into a pipe: %q", errOut.String())
	}
	s.SetTerminal(true)
	p = s.StartProgress("checking")
	p.Update(1, 2)
	p.Update(2, 2)
	p.Done()
	if got := errOut.String(); !strings.Contains(got, "checking 1/2") || !strings.Contains(got, "checking 2/2") || !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("progress = %q", got)
	}
}
