# gongkai — a plain Makefile.
#
#   make site    install what is missing, build the generator, build site/
#   make test    install what is missing, build, run every test
#   make asan    the whole suite under AddressSanitizer + UBSan
#   make bless   regenerate the golden files and show what changed
#   make bench   time gongkai against Hugo on a synthetic corpus
#   make fuzz    run the libFuzzer targets (clang), FUZZ_TIME seconds each
#   make valgrind  an end-to-end build under valgrind
#   make install install gongkai and its layouts under $(PREFIX)

PREFIX   ?= /usr/local
CC       ?= cc
SHARED   ?= ../shared
BUILD    ?= build
OPT      ?= -O2
PKGS     := libcmark-gfm yaml-0.1 libgit2 zlib
DEBS     := gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
            libyaml-dev libgit2-dev zlib1g-dev git
# What the tests read outputs back with, and run the build under.
TEST_DEBS := libxml2-utils python3 valgrind
LAYOUTS  ?= $(CURDIR)/layouts

-include Makefile.local

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CFLAGS  += -std=c11 -Wall -Wextra -Werror -g $(OPT) -D_GNU_SOURCE \
           -DGONGKAI_LAYOUTS='"$(LAYOUTS)"' $(SAN_CFLAGS) $(PKG_CFLAGS)
LDLIBS  += $(PKG_LIBS) -lpthread -lm
LDFLAGS += $(SAN_CFLAGS)

# The fuzz targets, tests/fuzz/fuzz_<name>.c. `make test` replays their
# corpora and crashes (tests/fuzz/<name>/) with the normal compiler.
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

.PHONY: all site test asan bless bench install deps test-deps clean check-deps fuzz fuzz-bins valgrind
all: $(BIN) $(TBIN)

# Install the Debian packages the build needs, when one is missing. As root
# this runs apt-get; otherwise it says what to install.
deps:
	@$(call install,$(DEBS))

test-deps: deps
	@$(call install,$(TEST_DEBS))

define install
	missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(1); do \
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
endef

$(BUILD)/obj/%.o: generator/%.c generator/*.h | $(BUILD)/obj
	$(CC) $(CFLAGS) -c -o $@ $<

$(LIB): $(OBJ)
	rm -f $@ && ar rcs $@ $(OBJ)

$(BIN): $(BUILD)/obj/main.o $(LIB)
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
fuzz: deps
	$(MAKE) --no-print-directory FUZZ=1 BUILD=build/fuzz fuzz-bins
	tests/fuzz/run build/fuzz $(FUZZ_TIME) $(FUZZERS)

$(BUILD)/obj $(BUILD)/tests $(BUILD)/fuzz:
	mkdir -p $@

site: deps
	$(MAKE) --no-print-directory $(BIN)
	./$(BIN) build -C . -o site

test: test-deps
	$(MAKE) --no-print-directory all
	GONGKAI=$(CURDIR)/$(BIN) UNIT=$(CURDIR)/$(BUILD)/tests SHARED=$(abspath $(SHARED)) tests/run

asan: test-deps
	$(MAKE) --no-print-directory SAN=1 BUILD=build/asan all
	GONGKAI=$(CURDIR)/build/asan/gongkai UNIT=$(CURDIR)/build/asan/tests \
	  SHARED=$(abspath $(SHARED)) ASAN_OPTIONS=detect_leaks=1 tests/run

valgrind: test-deps
	$(MAKE) --no-print-directory $(BIN)
	GONGKAI=$(CURDIR)/$(BIN) tests/valgrind

bless: deps
	$(MAKE) --no-print-directory all
	GONGKAI=$(CURDIR)/$(BIN) tests/bless

bench: deps
	$(MAKE) --no-print-directory all
	GONGKAI=$(CURDIR)/$(BIN) SHARED=$(abspath $(SHARED)) tests/bench/run

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gongkai
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/gongkai
	cp -r layouts $(DESTDIR)$(PREFIX)/share/gongkai/

clean:
	rm -rf build generator/gongkai
