# gongkai — a plain Makefile.
#
#   make site    install what is missing, build the generator, build site/
#   make test    install what is missing, build, run every test
#   make asan    the whole suite under AddressSanitizer + UBSan
#   make bless   regenerate the golden files and show what changed
#   make bench   time gongkai against Hugo on a synthetic corpus
#   make fuzz    run the libFuzzer targets (clang), FUZZ_TIME seconds each
#   make valgrind  end-to-end builds under valgrind
#   make bench-serve  save-to-reload time of gongkai serve
#   make install install gongkai, its layouts, man page and staff guide
#                under $(PREFIX) (as root on a fresh machine: installs the
#                Debian packages it needs first)

PREFIX   ?= /usr/local
CC       ?= cc
SHARED   ?= ../shared
BUILD    ?= build
OPT      ?= -O2
PKGS     := libcmark-gfm yaml-0.1 libgit2 libmicrohttpd nettle zlib
DEBS     := gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
            libyaml-dev libgit2-dev libmicrohttpd-dev nettle-dev zlib1g-dev git
# What the tests need beyond the build: an HTTP client, Debian's nginx (the
# guide's server snippet is tested with it), a YAML reader for the CI
# templates, the man page tools, Chromium (the preview is tested in it),
# xmllint (every XML output is read back with it) and valgrind; readers for
# every machine output (tests/data: JSON Schema, iCalendar, XML); Java for
# the Nu HTML Checker (vnu-jar, tests/browser/html.test.mjs); Node.js for the
# browser and editor checks (tests/browser, tests/editor).
TEST_DEBS := curl nginx python3 python3-yaml groff-base man-db chromium \
             libxml2-utils valgrind python3-jsonschema python3-icalendar default-jre-headless
LAYOUTS  ?= $(CURDIR)/layouts
GUIDE    ?= $(CURDIR)/docs/guide.zh.md

-include Makefile.local

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  += -std=c11 -Wall -Wextra -Werror -g $(OPT) -D_GNU_SOURCE \
           -DGONGKAI_LAYOUTS='"$(LAYOUTS)"' -DGONGKAI_GUIDE='"$(GUIDE)"' \
           $(SAN_CFLAGS) $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lpthread -lm
LDFLAGS += $(SAN_CFLAGS)

# The fuzz targets, tests/fuzz/fuzz_<name>.c. `make test` replays their
# hand-made seeds, minimised corpora and crashes (tests/fuzz/<name>/seeds,
# corpus, crashes; all committed) with the normal compiler. After make fuzz,
# `tests/fuzz/run build/fuzz merge <names>` minimises the grown corpora.
FUZZERS  := frontmatter yaml model mustache when markdown build
FUZZ_TIME ?= 60

ifeq ($(FUZZ),1)
CC = clang
SAN_CFLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer -DARENA_MALLOC
OPT = -O1
endif

ifeq ($(SAN),1)
SAN_CFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer -DARENA_MALLOC
OPT = -O1
BIN = $(BUILD)/gongkai
else
BIN = generator/gongkai
endif

SRC   := $(filter-out generator/main.c,$(wildcard generator/*.c))
OBJ   := $(SRC:generator/%.c=$(BUILD)/obj/%.o)
LIB   := $(BUILD)/libgongkai.a
TSRC  := $(wildcard tests/unit/test_*.c)
TBIN  := $(TSRC:tests/unit/%.c=$(BUILD)/tests/%) $(FUZZERS:%=$(BUILD)/tests/test_fuzz_%)

.PHONY: all site test asan bless bench bench-serve install deps test-deps browser-deps editor-deps \
        clean check-deps fuzz fuzz-bins fuzz-deps valgrind
all: $(BIN) $(TBIN)

# Install the Debian packages the build needs (test-deps: the tests), when
# one is missing. As root this runs apt-get; otherwise it says what to install.
deps: PKGLIST = $(DEBS)
test-deps: PKGLIST = $(TEST_DEBS)
fuzz-deps: PKGLIST = clang libclang-rt-14-dev
deps test-deps fuzz-deps:
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(PKGLIST); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	  done; \
	fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "gongkai: installing$$missing"; \
	    apt-get update -q >/dev/null && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "gongkai: missing packages:$$missing — run as root, or: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

# The browser test harness (tests/browser: playwright-core driving Debian's
# Chromium, axe-core, vnu-jar), pinned by its lock file: Node.js and npm (Debian's, when the
# machine has none), then `npm ci` when the lock changed.
browser-deps:
	@if ! command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory deps DEBS="nodejs npm"; fi
	@if [ ! -f tests/browser/node_modules/playwright-core/package.json ] || \
	   [ tests/browser/package-lock.json -nt tests/browser/node_modules/.package-lock.json ]; then \
	  echo "gongkai: npm ci in tests/browser"; \
	  cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null || exit 1; \
	fi

# The YAML language server the editor test drives (tests/editor), pinned by
# its lock file: Node.js and npm (Debian's, when the machine has none), then
# `npm ci` when the lock changed.
editor-deps:
	@if ! command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory deps DEBS="nodejs npm"; fi
	@if [ ! -f tests/editor/node_modules/yaml-language-server/package.json ] || \
	   [ tests/editor/package-lock.json -nt tests/editor/node_modules/.package-lock.json ]; then \
	  echo "gongkai: npm ci in tests/editor"; \
	  cd tests/editor && npm ci --no-audit --no-fund --loglevel=error >/dev/null || exit 1; \
	fi

$(BUILD)/obj/%.o: generator/%.c generator/*.h | $(BUILD)/obj
	$(CC) $(CFLAGS) -c -o $@ $<

$(LIB): $(OBJ)
	rm -f $@ && ar rcs $@ $(OBJ)

$(sort $(BIN) $(BUILD)/gongkai): $(BUILD)/obj/main.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/test.h $(LIB) | $(BUILD)/tests
	$(CC) $(CFLAGS) -Igenerator $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tests/test_fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIB) | $(BUILD)/tests
	$(CC) $(CFLAGS) -Igenerator -Itests/fuzz -DFUZZ_NAME='"$*"' \
	  -DFUZZ_DIR='"$(CURDIR)/tests/fuzz/$*"' $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(LIB) $(LDLIBS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(LIB) | $(BUILD)/fuzz
	$(CC) $(CFLAGS) -fsanitize=fuzzer -Igenerator -Itests/fuzz $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

fuzz-bins: $(FUZZERS:%=$(BUILD)/fuzz/fuzz_%)

# FUZZ_TIME seconds per target, two at a time; new inputs go to the
# corpora, crashes to tests/fuzz/<name>/crashes/ (then: fix, keep the file).
fuzz: deps fuzz-deps
	$(MAKE) --no-print-directory FUZZ=1 BUILD=build/fuzz fuzz-bins
	[ -d tests/fuzz/yaml/corpus ] || python3 tests/fuzz/seed.py
	tests/fuzz/run build/fuzz $(FUZZ_TIME) $(FUZZERS)

$(BUILD)/obj $(BUILD)/tests $(BUILD)/fuzz:
	mkdir -p $@

site: deps
	$(MAKE) --no-print-directory $(BIN)
	./$(BIN) build -C . -o site

test: deps test-deps browser-deps editor-deps
	$(MAKE) --no-print-directory all
	GONGKAI=$(CURDIR)/$(BIN) UNIT=$(CURDIR)/$(BUILD)/tests SHARED=$(abspath $(SHARED)) tests/run

asan: deps test-deps browser-deps editor-deps
	$(MAKE) --no-print-directory SAN=1 BUILD=build/asan all
	GONGKAI=$(CURDIR)/build/asan/gongkai UNIT=$(CURDIR)/build/asan/tests \
	  SHARED=$(abspath $(SHARED)) ASAN_OPTIONS=detect_leaks=1 tests/run

valgrind: deps test-deps
	$(MAKE) --no-print-directory $(BIN)
	GONGKAI=$(CURDIR)/$(BIN) tests/valgrind

bless: deps
	$(MAKE) --no-print-directory all
	GONGKAI=$(CURDIR)/$(BIN) tests/bless

bench: deps test-deps browser-deps
	$(MAKE) --no-print-directory all
	GONGKAI=$(CURDIR)/$(BIN) SHARED=$(abspath $(SHARED)) tests/bench/run

# Only the save-to-reload time of gongkai serve (part of make bench).
bench-serve: deps
	$(MAKE) --no-print-directory all
	GONGKAI=$(CURDIR)/$(BIN) SHARED=$(abspath $(SHARED)) tests/bench/serve.sh

# The installed program is built apart, one build folder per PREFIX, so
# that it finds its layouts and the guide where they are installed, not in
# this folder.
SHARE := $(PREFIX)/share
IBUILD = build/install/$(subst /,_,$(PREFIX))
install: deps
	$(MAKE) --no-print-directory BUILD=$(IBUILD) \
	  LAYOUTS=$(SHARE)/gongkai/layouts GUIDE=$(SHARE)/doc/gongkai/guide.zh.md $(IBUILD)/gongkai
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(SHARE)/gongkai \
	  $(DESTDIR)$(SHARE)/man/man1 $(DESTDIR)$(SHARE)/doc/gongkai
	install -m 755 $(IBUILD)/gongkai $(DESTDIR)$(PREFIX)/bin/gongkai
	rm -rf $(DESTDIR)$(SHARE)/gongkai/layouts
	cp -r layouts $(DESTDIR)$(SHARE)/gongkai/
	install -m 644 docs/gongkai.1 $(DESTDIR)$(SHARE)/man/man1/gongkai.1
	install -m 644 docs/guide.zh.md $(DESTDIR)$(SHARE)/doc/gongkai/guide.zh.md

clean:
	rm -rf build generator/gongkai
