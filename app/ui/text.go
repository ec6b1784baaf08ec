package ui

import "time"

// nowFunc is the clock for relative times in lists.
var nowFunc = time.Now
