# Fieldshelf build, test and measurement commands.
#
# Every target that compiles with cgo first runs .ci/deps.sh, which installs
# the Debian packages it needs when they are missing. Go flags come from the
# environment (GOFLAGS, CGO_ENABLED, ...); GO selects the toolchain.

GO          ?= go
GOFMT        = $(shell $(GO) env GOROOT)/bin/gofmt
DEPS        := bash .ci/deps.sh
BIN         := bin/fieldshelf
DATA        ?= .run/data
BENCH_COUNT ?= 5
FUZZTIME    ?= 60s

.PHONY: build run test bench fuzz clean

build:
	$(DEPS) build
	$(GO) build -o $(BIN) ./cmd/fieldshelf

# Until the GUI lands, run shows the headless CLI on a demo data directory.
run: build
	$(BIN) --data $(DATA) sync
	$(BIN) --data $(DATA) ls
	$(BIN) --data $(DATA) search trafficking

test:
	$(DEPS) build
	@unformatted=$$($(GOFMT) -l .) || exit 1; \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt -l: these files need gofmt:"; echo "$$unformatted"; exit 1; \
	fi
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
# The end-to-end run under Xvfb joins here once it exists:
#	$(MAKE) e2e

# bench keeps the raw output in .bench/raw.txt and prints one table of
# medians, with each variant against its baseline.
bench:
	$(DEPS) bench
	@mkdir -p .bench
	@echo "running benchmarks, -count=$(BENCH_COUNT); raw output goes to .bench/raw.txt"
	@$(GO) test -run='^$$' -bench=. -benchmem -count=$(BENCH_COUNT) ./... >.bench/raw.txt 2>&1 || \
		{ tail -n 40 .bench/raw.txt; exit 1; }
	$(GO) run ./cmd/benchtable <.bench/raw.txt

fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzParseAtom$$' -fuzztime=$(FUZZTIME) ./app/catalog/
	$(GO) test -run='^$$' -fuzz='^FuzzParseJSON$$' -fuzztime=$(FUZZTIME) ./app/catalog/

clean:
	rm -rf bin .bench .run
