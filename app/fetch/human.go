package fetch

import "fmt"

// capText formats a configured limit exactly: "32 MiB", or bytes.
func capText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
