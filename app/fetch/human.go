package fetch

import (
	"fmt"
	"math"
)

// HumanBytes formats a byte count for people, in decimal units as file
// managers show them: "512 B", "9.5 KB", "210 MB", "1.2 GB".
func HumanBytes(n int64) string {
	if n < 0 {
		if n == math.MinInt64 {
			n++
		}
		return "-" + HumanBytes(-n)
	}
	if n < 1000 {
		return fmt.Sprintf("%d B", n)
	}
	const units = "KMGTPE"
	v, i := float64(n)/1000, 0
	for v >= 999.5 && i < len(units)-1 {
		v /= 1000
		i++
	}
	if v < 9.95 {
		return fmt.Sprintf("%.1f %cB", v, units[i])
	}
	return fmt.Sprintf("%.0f %cB", v, units[i])
}

// capText formats a configured limit exactly: "32 MiB", or bytes.
func capText(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
