package pdf

import (
	"errors"
	"os"
)

// On Windows the worker opens documents by path (it has no sandbox that
// would stop it): there is no socket for documents' descriptors.

func docSocket() *os.File { return nil }

// workerFiles returns no files: the worker gets only the shared memory.
func workerFiles() (docs *os.File, files []*os.File, err error) { return nil, nil, nil }

func sendFile(sock, f *os.File) error { return errors.New("pdf: no documents socket") }

func receiveFD(sock *os.File) (int, error) { return -1, errors.New("pdf worker: no documents socket") }

func fdSize(int) (int64, error) { return 0, errors.New("pdf worker: no descriptors") }

func closeFD(int) {}
