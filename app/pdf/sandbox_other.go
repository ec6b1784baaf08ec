//go:build !linux

package pdf

import "os"

// sandboxEnviron returns nothing: the worker has no sandbox here.
func sandboxEnviron() []string { return nil }

// fontListFile returns nothing: the worker runs fc-list itself.
func fontListFile() (*os.File, error) { return nil, nil }

// enterSandbox does nothing: the worker has no sandbox here.
func enterSandbox() sandboxStatus { return sandboxStatus{} }

// probeSandbox tries nothing here.
func probeSandbox(probeTargets) probeReport { return probeReport{} }
