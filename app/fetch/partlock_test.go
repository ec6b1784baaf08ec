package fetch_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"fieldshelf/app/fetch"
	"fieldshelf/app/fetch/fetchtest"
)

// downloadHelperEnv makes the test binary, run again, download one file
// (URL, then Dest, in the variable) as a second process would.
const downloadHelperEnv = "FIELDSHELF_TEST_DOWNLOAD"

func TestDownloadHelperProcess(t *testing.T) {
	spec := os.Getenv(downloadHelperEnv)
	if spec == "" {
		t.Skip("run by TestDownloadLockedAcrossProcesses")
	}
	var url, dest string
	fmt.Sscanf(spec, "%s %s", &url, &dest)
	_, err := fetch.New(fetch.Options{}).Download(context.Background(), fetch.DownloadRequest{URL: url, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
}

// Two processes downloading the same file: the second is refused while
// the first holds the .part, and once the first is gone (killed here, as
// a crash would), the file completes whole and verified.
func TestDownloadLockedAcrossProcesses(t *testing.T) {
	body := fetchtest.PDFBytes(4<<20, 21)
	srv := newServer(t, body)
	const cut = 1 << 20
	srv.Queue(fetchtest.Fault{DropAfter: cut, Stall: true})
	dest := destIn(t)
	child := exec.Command(os.Args[0], "-test.run=^TestDownloadHelperProcess$")
	child.Env = append(os.Environ(), downloadHelperEnv+"="+srv.URL+"/doc.pdf "+dest)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })
	deadline := time.Now().Add(30 * time.Second)
	for {
		if st, err := os.Stat(dest + ".part"); err == nil && st.Size() == cut {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the other process never wrote its .part")
		}
		time.Sleep(5 * time.Millisecond)
	}
	c, _ := newClient(t, fetch.Options{})
	_, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if !errors.Is(err, fetch.ErrBusy) || err.Error() != "fetch: doc-42.pdf is being downloaded by another Fieldshelf "+
		"(a window or a command): try again once it is done" {
		t.Fatalf("second download: %v", err)
	}
	if st, err := os.Stat(dest + ".part"); err != nil || st.Size() != cut {
		t.Fatalf("the refused download touched the .part: %v, %v", st, err)
	}
	child.Process.Kill()
	child.Wait()
	res, err := c.Download(context.Background(), fetch.DownloadRequest{URL: srv.URL + "/doc.pdf", Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	checkDone(t, res, dest, body)
}
