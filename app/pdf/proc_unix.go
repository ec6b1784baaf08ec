//go:build unix

package pdf

import (
	"os"
	"os/exec"
)

// passShared gives the worker the shared memory as its descriptor 3.
func passShared(cmd *exec.Cmd, shm *os.File) {
	cmd.ExtraFiles = []*os.File{shm}
}

// workerShared is the worker's end of passShared.
func workerShared() (*os.File, error) {
	return os.NewFile(3, "pixels"), nil
}

// contain ties the worker's lifetime to the application's. On Unix the
// worker sees its standard input close when the application dies, however
// it dies, and exits: nothing to do here.
func contain(*exec.Cmd) (release func(), err error) {
	return func() {}, nil
}
