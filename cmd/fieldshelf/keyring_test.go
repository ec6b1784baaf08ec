package main

import (
	"testing"

	"github.com/zalando/go-keyring"
)

func TestSystemKeyringKeepsAndForgets(t *testing.T) {
	keyring.MockInit() // the library's in-memory keyring: no Secret Service in tests
	k := systemKeyring{}
	if pw, err := k.Get("ann https://ilo.test/opds"); pw != "" || err != nil {
		t.Fatalf("Get of nothing kept: %q, %v; want \"\" and no error", pw, err)
	}
	if err := k.Set("ann https://ilo.test/opds", "s3cret"); err != nil {
		t.Fatal(err)
	}
	if pw, _ := k.Get("ann https://ilo.test/opds"); pw != "s3cret" {
		t.Fatalf("Get=%q after Set", pw)
	}
	if err := k.Delete("ann https://ilo.test/opds"); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete("ann https://ilo.test/opds"); err != nil {
		t.Fatalf("Delete of nothing kept: %v", err)
	}
}
