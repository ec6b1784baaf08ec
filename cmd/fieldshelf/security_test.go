package main_test

import (
	"testing"
	"time"
)

// Three commands started at once on an empty data directory: each
// migrates the new database under the write lock, and all succeed.
func TestCommandsStartedAtOnceOnAnEmptyLibrary(t *testing.T) {
	for round := 0; round < 3; round++ {
		c := newCLI(t)
		procs := []*proc{c.start("ls", "--json"), c.start("sources", "list"), c.start("search", "guide")}
		for _, p := range procs {
			if r := p.wait(t, time.Minute); r.code != 0 || len(r.stderrLines()) != 0 {
				t.Fatalf("round %d: %s", round, r)
			}
		}
		if out := c.ok("sources", "list", "--json"); len(out) == 0 {
			t.Fatal("no sources")
		}
	}
}
