//go:build !linux

package pdf

// sandboxEnviron returns nothing: the worker has no sandbox here.
func sandboxEnviron() []string { return nil }

// enterSandbox does nothing: the worker has no sandbox here.
func enterSandbox() sandboxStatus { return sandboxStatus{} }

// probeSandbox tries nothing here.
func probeSandbox(probeTargets) []probeResult { return nil }
