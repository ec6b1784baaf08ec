package pdf

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// sharedEnv names the environment variable that tells the worker the
// handle of the shared memory it inherited.
const sharedEnv = "FIELDSHELF_PDF_PIXELS"

// passShared lets the worker inherit the shared memory's handle (and that
// one only) and tells it the handle's value.
func passShared(cmd *exec.Cmd, shm *os.File) {
	h := syscall.Handle(shm.Fd())
	cmd.Env = append(cmd.Env, sharedEnv+"="+strconv.FormatUint(uint64(h), 10))
	cmd.SysProcAttr = &syscall.SysProcAttr{
		AdditionalInheritedHandles: []syscall.Handle{h},
		// A console program (fieldshelf-cli.exe) would give the worker a
		// console window of its own when started from the desktop.
		CreationFlags: windows.CREATE_NO_WINDOW,
	}
}

// workerShared is the worker's end of passShared.
func workerShared() (*os.File, error) {
	v := os.Getenv(sharedEnv)
	h, err := strconv.ParseUint(v, 10, 64)
	if err != nil || h == 0 {
		return nil, fmt.Errorf("pdf worker: no shared memory handle in %s (%q)", sharedEnv, v)
	}
	return os.NewFile(uintptr(h), "pixels"), nil
}

// contain puts the worker in a job object of its own, which the
// application alone holds open: when the application exits, or is killed,
// Windows closes the handle and kills the worker (KILL_ON_JOB_CLOSE). The
// job allows one process, so the worker, which parses untrusted PDFs,
// cannot start another.
func contain(cmd *exec.Cmd) (release func(), err error) {
	job, err := windows.CreateJobObject(nil, nil)
	if err != nil {
		return nil, fmt.Errorf("create a job object: %w", err)
	}
	info := windows.JOBOBJECT_EXTENDED_LIMIT_INFORMATION{}
	info.BasicLimitInformation.LimitFlags = windows.JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE |
		windows.JOB_OBJECT_LIMIT_ACTIVE_PROCESS | windows.JOB_OBJECT_LIMIT_DIE_ON_UNHANDLED_EXCEPTION
	info.BasicLimitInformation.ActiveProcessLimit = 1
	if _, err := windows.SetInformationJobObject(job, windows.JobObjectExtendedLimitInformation,
		uintptr(unsafe.Pointer(&info)), uint32(unsafe.Sizeof(info))); err != nil {
		windows.CloseHandle(job)
		return nil, fmt.Errorf("limit the job object: %w", err)
	}
	ph, err := windows.OpenProcess(windows.PROCESS_SET_QUOTA|windows.PROCESS_TERMINATE, false, uint32(cmd.Process.Pid))
	if err != nil {
		windows.CloseHandle(job)
		return nil, fmt.Errorf("open the worker process: %w", err)
	}
	err = windows.AssignProcessToJobObject(job, ph)
	windows.CloseHandle(ph)
	if err != nil {
		windows.CloseHandle(job)
		return nil, fmt.Errorf("put the worker in its job object: %w", err)
	}
	return func() { windows.CloseHandle(job) }, nil
}
