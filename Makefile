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
BENCH_COUNT ?= 10
FUZZTIME    ?= 60s
BENCH_PDF   ?= $(CURDIR)/.bench/pgfmanual.pdf

# MuPDF comes from go-fitz: its module carries MuPDF's headers and static
# libraries. app/pdf's C layer compiles against the headers of the go-fitz
# version that go.mod names, found here (FITZ_DIR=dir overrides), and links
# the libraries through go-fitz's own cgo flags. FITZ_CFLAGS go into
# CGO_CFLAGS for every go command below; -DFIELDSHELF_GOFITZ tells
# app/pdf/fitz.h that they are there (`make env` prints them for a shell).
FITZ_MOD    := github.com/gen2brain/go-fitz
ifndef FITZ_DIR
FITZ_DIR    := $(shell $(GO) mod download $(FITZ_MOD) && $(GO) list -m -f '{{.Dir}}' $(FITZ_MOD))
endif
FITZ_CFLAGS := $(if $(FITZ_DIR),-I$(FITZ_DIR)/include -DFIELDSHELF_GOFITZ)
ifeq ($(findstring -DFIELDSHELF_GOFITZ,$(CGO_CFLAGS)),)
export CGO_CFLAGS := $(or $(CGO_CFLAGS),-O2 -g) $(FITZ_CFLAGS)
endif

.PHONY: build run test e2e package guide bench fuzz clean env windows test-windows e2e-windows package-windows

# build compiles the desktop application with Fyne's GLFW driver (cgo and
# the GL/X11 headers; a cold build takes a few minutes, then the Go build
# cache keeps it).
build:
	$(DEPS) gui
	$(GO) build -o $(BIN) ./cmd/fieldshelf

# run opens the desktop application on the demo library in $(DATA).
run: build
	LANG=$${LANG:-en_US.UTF-8} $(BIN) --data $(DATA)

# e2e drives the real binary under Xvfb with xdotool (.ci/e2e.sh);
# screenshots go to .artifacts/e2e.
e2e: build
	$(DEPS) e2e
	bash .ci/e2e.sh $(BIN)

# package builds a Linux tarball whose .desktop entry opens PDFs, from the
# application linked without its symbol table and debug information (a
# third smaller) and without the build's paths. fyne package rewrites
# FyneApp.toml: it is restored. finish-package.sh declares PDFs, recommends
# the fonts for PDFs that do not embed theirs and packs the tarball again
# with xz's filter for the processor's code.
FYNE_TOOLS ?= fyne.io/tools/cmd/fyne@v1.7.4
PKG_BIN     := bin/release/fieldshelf
package: build
	$(GO) build -trimpath -ldflags='-s -w' -o $(PKG_BIN) ./cmd/fieldshelf
	cp FyneApp.toml .FyneApp.toml.keep
	$(GO) run $(FYNE_TOOLS) package --os linux --executable $(PKG_BIN) --icon assets/icon.png \
		--name Fieldshelf --app-id org.fieldshelf.reader --release; \
		status=$$?; mv .FyneApp.toml.keep FyneApp.toml; exit $$status
	GOARCH=$$($(GO) env GOARCH) bash .ci/finish-package.sh Fieldshelf.tar.xz

# windows cross-builds Fieldshelf for windows/amd64 with Debian's mingw-w64
# (see the README's Windows section): fieldshelf.exe is the desktop
# application (GUI subsystem: no console window), fieldshelf-cli.exe the
# same program as a console program, for cmd and PowerShell. Both carry the
# icon, manifest and version information (a .syso that resource.sh makes
# from assets/windows, not committed). The first build of Fyne's GLFW
# driver for Windows takes about ten minutes; the Go build cache keeps it.
VERSION     := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
BUILD_NO    := $(shell sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
WIN_BIN     := bin/windows-amd64
WIN_SYSO    := cmd/fieldshelf/rsrc_windows_amd64.syso
WIN_GO       = GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
	CXX=x86_64-w64-mingw32-g++ $(GO)
windows:
	$(DEPS) windows e2e
	bash .ci/windows/resource.sh $(VERSION) $(BUILD_NO) $(WIN_SYSO)
	$(WIN_GO) build -trimpath -ldflags='-s -w -H windowsgui' -o $(WIN_BIN)/fieldshelf.exe ./cmd/fieldshelf
	$(WIN_GO) build -trimpath -ldflags='-s -w' -o $(WIN_BIN)/fieldshelf-cli.exe ./cmd/fieldshelf
	rm -f $(WIN_SYSO)

# test-windows runs the Windows build under wine64 in a throwaway prefix:
# the command line end to end against loopback servers (TestWindowsCLI,
# its render compared with the Linux build's), then the desktop
# application on Xvfb (e2e-windows).
test-windows: windows
	WIN_GO="$(WIN_GO)" bash .ci/windows/test.sh $(WIN_BIN)
	$(MAKE) e2e-windows

# package-windows makes dist/Fieldshelf-Setup-$(VERSION).exe (NSIS, per user,
# no administrator rights) and the portable
# dist/Fieldshelf-$(VERSION)-windows-amd64.zip, then installs and uninstalls
# the installer silently under wine64 (.ci/windows/package.sh).
package-windows: windows
	bash .ci/windows/package.sh $(VERSION) $(WIN_BIN) dist

# e2e-windows drives the Windows desktop application under wine64 on Xvfb
# with xdotool (.ci/windows/e2e.sh); screenshots go to .artifacts/e2e-windows.
e2e-windows: windows
	bash .ci/windows/e2e.sh $(WIN_BIN)/fieldshelf.exe

# guide regenerates the demo library's user guide, in English and in each
# of its other languages (user-guide.LANG.pdf, see cmd/mkguide/langs.go).
GUIDE_LANGS := fr es
guide:
	$(GO) run ./cmd/mkguide -o assets/demo/user-guide.pdf
	for l in $(GUIDE_LANGS); do $(GO) run ./cmd/mkguide -lang $$l -o assets/demo/user-guide.$$l.pdf || exit 1; done

test:
	$(DEPS) gui e2e fonts
	@unformatted=$$($(GOFMT) -l .) || exit 1; \
	if [ -n "$$unformatted" ]; then \
		echo "gofmt -l: these files need gofmt:"; echo "$$unformatted"; exit 1; \
	fi
	$(GO) mod tidy -diff
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	$(MAKE) e2e
	$(MAKE) test-windows

# bench keeps the raw output in .bench/raw.txt and prints it through
# benchstat (a tool of go.mod): a column per variant, the baseline first,
# each a median with its confidence interval and the change from the
# baseline. Sub-benchmark names (BenchmarkX/fieldshelf) are rewritten as
# BenchmarkX/variant=fieldshelf for benchstat's -col, and the package is
# ignored so that variants measured in two packages join in one row (the
# reader's BenchmarkReadThrough/fieldshelf in cmd/fieldshelf, go-fitz's
# baseline in app/pdf).
# A variant missing from BENCH_VARIANTS is left out of the table.
# The PDF benchmarks read pgfmanual.pdf, fetched once by bench-data.sh (or
# BENCH_PDF=file). Their baseline, go-fitz's ImageDPI, runs in the same
# test binary on the same MuPDF as app/pdf. BenchmarkFirstFrame
# runs the real GUI binary on $DISPLAY or an Xvfb of its own (hence the gui
# and e2e packages).
BENCH_VARIANTS := baseline fieldshelf cached prefetched cold baseline-fsync
bench:
	$(DEPS) bench gui e2e
	@mkdir -p .bench
	@echo "running benchmarks, -count=$(BENCH_COUNT); raw output goes to .bench/raw.txt"
	test -s $(BENCH_PDF) || bash .ci/bench-data.sh
	@FIELDSHELF_BENCH_PDF=$(BENCH_PDF) $(GO) test \
		-run='^$$' -bench=. -benchmem -count=$(BENCH_COUNT) ./... >.bench/raw.txt 2>&1 || \
		{ tail -n 40 .bench/raw.txt; exit 1; }
	sed -E -e 's|^(Benchmark[^[:space:]]*)/([^/[:space:]=]+)-([0-9]+)([[:space:]])|\1/variant=\2-\3\4|; t' \
		-e 's|^(Benchmark[^[:space:]]*)/([^/[:space:]=]+)([[:space:]])|\1/variant=\2\3|' \
		.bench/raw.txt >.bench/variants.txt
	$(GO) tool benchstat -ignore pkg -col '/variant@($(BENCH_VARIANTS))' .bench/variants.txt

fuzz:
	$(GO) test -run='^$$' -fuzz='^FuzzParseAtom$$' -fuzztime=$(FUZZTIME) ./app/catalog/
	$(GO) test -run='^$$' -fuzz='^FuzzParseJSON$$' -fuzztime=$(FUZZTIME) ./app/catalog/
	$(GO) test -run='^$$' -fuzz='^FuzzRowEncoder$$' -fuzztime=$(FUZZTIME) ./storage/
	$(GO) test -run='^$$' -fuzz='^FuzzScanner$$' -fuzztime=$(FUZZTIME) ./app/catalog/
	$(GO) test -run='^$$' -fuzz='^FuzzIsClean$$' -fuzztime=$(FUZZTIME) ./app/catalog/
	$(GO) test -run='^$$' -fuzz='^FuzzParseInPlace$$' -fuzztime=$(FUZZTIME) ./app/catalog/
	$(GO) test -run='^$$' -fuzz='^FuzzResolveSimple$$' -fuzztime=$(FUZZTIME) ./app/catalog/
	$(GO) test -run='^$$' -fuzz='^FuzzSameLower$$' -fuzztime=$(FUZZTIME) ./app/catalog/

clean:
	rm -rf bin dist .bench .run .artifacts

# env prints the settings the go commands above run with, for a shell or an
# editor: eval "$$(make -s env)", then plain go build, go test, go vet work.
env:
	@echo "export CGO_CFLAGS='$(CGO_CFLAGS)'"
