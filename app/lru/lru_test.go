package lru_test

import (
	"fmt"
	"sync"
	"testing"

	"fieldshelf/app/lru"
)

func TestCacheKeepsTheMostRecentlyUsedWithinItsBudget(t *testing.T) {
	c := lru.New[int](10, func(s string) int64 { return int64(len(s)) })
	c.Put(1, "aaaa")
	c.Put(2, "bbbb")
	if _, ok := c.Get(1); !ok { // 1 is now more recent than 2
		t.Fatal("1 missing")
	}
	c.Put(3, "cccc") // 12 bytes: 2 goes
	if got := fmt.Sprint(c.Keys()); got != "[3 1]" || c.Bytes() != 8 {
		t.Fatalf("keys %s, %d bytes; want [3 1] and 8 bytes", got, c.Bytes())
	}
	c.Put(3, "other") // a key keeps its first value
	if v, _ := c.Get(3); v != "cccc" {
		t.Fatalf("3 = %q, want the first value kept", v)
	}
	c.Put(4, "dddddddddddddddd") // over the budget alone: it stays, the rest goes
	if got := fmt.Sprint(c.Keys()); got != "[4]" || c.Bytes() != 16 {
		t.Fatalf("keys %s, %d bytes; want only the newest, 16 bytes", got, c.Bytes())
	}
	if _, ok := c.Get(1); ok {
		t.Fatal("an evicted value is still there")
	}
	if c.Max() != 10 {
		t.Fatalf("Max = %d, want 10", c.Max())
	}
}

func TestCacheIsSafeForConcurrentUse(t *testing.T) {
	c := lru.New[int](1000, func(int) int64 { return 10 })
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				c.Put(i%300, i)
				c.Get((i + g) % 300)
			}
		}()
	}
	wg.Wait()
	if c.Bytes() > 1000 || len(c.Keys()) != 100 {
		t.Fatalf("%d bytes in %d values, want 100 values within 1000 bytes", c.Bytes(), len(c.Keys()))
	}
}

func TestCacheWithALimitHoldsAtMostThatManyValues(t *testing.T) {
	c := lru.New[int](1000, func(string) int64 { return 1 }).Limit(3)
	for i := 1; i <= 5; i++ {
		c.Put(i, "page")
	}
	if got := fmt.Sprint(c.Keys()); got != "[5 4 3]" || c.Bytes() != 3 {
		t.Fatalf("keys %s, %d bytes; want the three newest, [5 4 3], 3 bytes", got, c.Bytes())
	}
	c.Get(3) // 3 is now the most recent: 4 goes next
	c.Put(6, "page")
	if got := fmt.Sprint(c.Keys()); got != "[6 3 5]" {
		t.Fatalf("keys %s, want [6 3 5]", got)
	}
}
