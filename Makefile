# antisilo — build, test, install.
#
#   make            build ./antisilo (objects under build/)
#   make test       build and run the whole test suite (TAP, run by prove)
#   make sanitize   the same suite against an ASan + UBSan build (build-asan/)
#   make check      both: what the README and CI run
#   make install    PREFIX=/usr/local DESTDIR= (SYSCONFDIR=$(PREFIX)/etc)
#   make clean

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
# The shipped rules (the product's judgement: replaced by every install)
# and the site file (the administrator's: written only when missing).
SHAREDIR ?= $(PREFIX)/share/antisilo
SYSCONFDIR ?= $(PREFIX)/etc
ETCDIR  ?= $(SYSCONFDIR)/antisilo
MANDIR  ?= $(PREFIX)/share/man/man1
HOOKDIR ?= $(SHAREDIR)/hooks
VERSION := 0.1.0

CC      ?= cc
PKGS    := libgit2 libpcre2-8 jansson zlib libdeflate gpgme
# Debian's libiniparser-dev ships no .pc file; fall back to its known layout.
INI_CFLAGS := $(shell pkg-config --cflags iniparser 2>/dev/null || echo -I/usr/include/iniparser)
INI_LIBS   := $(shell pkg-config --libs iniparser 2>/dev/null || echo -liniparser)

WARN    := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes \
           -Wmissing-prototypes -Wformat=2 -Wvla -Wundef -Wcast-qual -Wwrite-strings
OPT     ?= -O2 -g
CFLAGS_ALL = -std=c11 -D_GNU_SOURCE -DPCRE2_CODE_UNIT_WIDTH=8 $(CPPFLAGS) $(OPT) $(WARN) -Isrc \
           $(shell pkg-config --cflags $(PKGS)) $(INI_CFLAGS) \
           -DANTISILO_VERSION='"$(VERSION)"' \
           -DANTISILO_DEFAULT_RULES='"$(SHAREDIR)/rules.ini"' \
           -DANTISILO_SITE_RULES='"$(ETCDIR)/rules.ini"' $(CFLAGS)
# How libgit2 and the libraries under it are linked. static (the default
# where the archives are, as Debian's -dev packages ship them): a run maps
# 8 shared libraries instead of 22 and starts in 3 ms instead of 8, a
# fifth of a one-commit hook (bench/hook.sh); src/offline.c cuts off what
# libgit2 links for the network. dynamic: every library shared (the
# Debian package, for its shlibs dependencies).
GIT2_LIBDIR := $(shell pkg-config --variable=libdir libgit2)
LINK    ?= $(if $(wildcard $(GIT2_LIBDIR)/libgit2.a),static,dynamic)
ifeq ($(LINK),static)
LIBS    := -Wl,-Bstatic $(shell pkg-config --static --libs-only-l libgit2 libpcre2-8 jansson zlib libdeflate) \
           $(INI_LIBS) -Wl,-Bdynamic -lcrypto $(shell pkg-config --libs gpgme) -lpthread -lm \
           -Wl,--wrap=mbedtls_x509_crt_parse_file -Wl,--wrap=mbedtls_x509_crt_parse_path
CPPFLAGS += -DAS_LINK_STATIC
else
LIBS    := $(shell pkg-config --libs $(PKGS)) $(INI_LIBS) -lpthread -lm
endif

BUILD   ?= build
SRCS    := $(sort $(wildcard src/*.c src/*/*.c src/*/*/*.c))
OBJS    := $(SRCS:src/%.c=$(BUILD)/%.o)
LIBOBJS := $(filter-out $(BUILD)/main.o,$(OBJS))
# (fuzz/*.c: the fuzz harnesses, for `test-tool fuzz-replay`; see `make fuzz`)
TOOL_SRCS := $(wildcard tests/tool/*.c) $(wildcard fuzz/*.c)

all: antisilo

antisilo: $(BUILD)/antisilo
	ln -sf $(BUILD)/antisilo antisilo

$(BUILD)/antisilo: $(OBJS)
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

# test-tool: exposes engine internals (trailers, mailmap, ...) to the shell
# tests, like git's t/helper/test-tool.
$(BUILD)/test-tool: $(LIBOBJS) $(TOOL_SRCS)
	@$(if $(V),,echo "  LINK    $@")
	$(Q)$(CC) $(CFLAGS_ALL) $(LDFLAGS) -o $@ $(TOOL_SRCS) $(LIBOBJS) $(LIBS)

# `make V=1` shows the compiler command lines.
Q := $(if $(V),,@)

$(BUILD)/%.o: src/%.c $(wildcard src/*.h src/*/*.h src/*/*/*.h) Makefile
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS_ALL) -c -o $@ $<

# The rules paths are compiled into config/locate.o: rebuild it when they
# change (`make` then `make install PREFIX=/opt` must not install a binary
# that looks in /usr/local), as git's GIT-CFLAGS does.
$(BUILD)/.paths: FORCE
	@mkdir -p $(BUILD)
	@echo "$(SHAREDIR) $(ETCDIR)" | cmp -s - $@ || echo "$(SHAREDIR) $(ETCDIR)" >$@
$(BUILD)/config/locate.o: $(BUILD)/.paths

test: $(BUILD)/antisilo $(BUILD)/test-tool
	ANTISILO_BUILD=$(abspath $(BUILD)) prove -f tests/t[0-9]*.sh

# The whole suite, as the README and CI run it: plain, then sanitized
# (both run; tests/check.sh prints the total of both as its last line).
check: $(BUILD)/antisilo $(BUILD)/test-tool
	@ANTISILO_SANITIZE=1 $(MAKE) --no-print-directory BUILD=build-asan $(ASAN_VARS) \
	    build-asan/antisilo build-asan/test-tool
	@tests/check.sh $(BUILD) build-asan

# (ANTISILO_SANITIZE=1 tells tests what they cannot measure under ASan,
# such as the hook's peak memory in t90)
ASAN_VARS = OPT='-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all' \
	    LDFLAGS='-fsanitize=address,undefined'
sanitize:
	ANTISILO_SANITIZE=1 $(MAKE) --no-print-directory BUILD=build-asan $(ASAN_VARS) test

# The site file is the administrator's: an existing one is never
# overwritten (the Debian package ships it as a conffile instead).
install: $(BUILD)/antisilo
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(ETCDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(HOOKDIR)
	install -m 755 $(BUILD)/antisilo $(DESTDIR)$(BINDIR)/antisilo
	ln -sf antisilo $(DESTDIR)$(BINDIR)/git-antisilo
	install -m 644 rules.ini $(DESTDIR)$(SHAREDIR)/rules.ini
	install -d $(DESTDIR)$(SHAREDIR)/lexicon
	install -m 644 lexicon/*.lex $(DESTDIR)$(SHAREDIR)/lexicon/
	@if [ -e $(DESTDIR)$(ETCDIR)/rules.ini ]; then \
	    echo "  KEEP    $(DESTDIR)$(ETCDIR)/rules.ini (the site file: yours)"; \
	    if grep -q 'antisilo — the shipped default rules' $(DESTDIR)$(ETCDIR)/rules.ini; then \
	        echo "  NOTE    it is a copy of the shipped rules of an earlier install, read before"; \
	        echo "          $(SHAREDIR)/rules.ini: replace it with etc/antisilo/rules.ini"; \
	        echo "          (include = default) to get the new rules"; \
	    fi; \
	else \
	    sed -e 's|/usr/share/antisilo/rules.ini|$(SHAREDIR)/rules.ini|' \
	        -e 's|/etc/antisilo/rules.ini|$(ETCDIR)/rules.ini|' \
	        etc/antisilo/rules.ini >$(DESTDIR)$(ETCDIR)/rules.ini && \
	    chmod 644 $(DESTDIR)$(ETCDIR)/rules.ini; \
	fi
	install -m 644 docs/antisilo.1 $(DESTDIR)$(MANDIR)/antisilo.1
	ln -sf antisilo.1 $(DESTDIR)$(MANDIR)/git-antisilo.1
	for h in pre-receive commit-msg; do \
	    sed -e "s|^baked_bin=.*|baked_bin='$(BINDIR)/antisilo'|" \
	        -e "s|^baked_rules=.*|baked_rules='$(SHAREDIR)/rules.ini'|" \
	        -e "s|^baked_site=.*|baked_site='$(ETCDIR)/rules.ini'|" \
	        hooks/$$h >$(DESTDIR)$(HOOKDIR)/$$h && chmod 755 $(DESTDIR)$(HOOKDIR)/$$h || exit 1; \
	done
	install -m 755 install.sh $(DESTDIR)$(SHAREDIR)/install.sh

clean:
	rm -rf build build-asan antisilo

.PHONY: all antisilo test check sanitize install clean FORCE

# ---- fuzzing (issue 6; fuzz/README.md) ------------------------------------
#
#   make fuzz          build every harness of fuzz/ with clang, libFuzzer, ASan
#                      and UBSan (into build-fuzz/), then run each for
#                      FUZZ_SECONDS on a temporary copy of its seed corpus
#                      (fuzz/corpus/NAME, plus the regression inputs of
#                      tests/hostile/fuzz-regressions/NAME); fails on any
#                      crash, leak, timeout or broken invariant, and leaves
#                      the input that did it in build-fuzz/artifacts/NAME/
#   make fuzz-build    only build them: build-fuzz/fuzz/NAME
#   make fuzz FUZZ_HARNESSES='commit trailer' FUZZ_SECONDS=600
#
# Time: FUZZ_JOBS harnesses run at once (one core each), so the runs take
# ceil(20 / FUZZ_JOBS) x FUZZ_SECONDS: 10 x 60 s = 10 min on 2 cores, plus
# about a minute of build. CI runs `make fuzz FUZZ_SECONDS=60`.
FUZZ_CC        ?= clang
FUZZ_BUILD     ?= build-fuzz
FUZZ_SECONDS   ?= 60
FUZZ_JOBS      ?= 2
# (fuzz/repo_list.c, the list file of audit --repos, is left out of CI's
# list: `make fuzz FUZZ_HARNESSES=repo_list`; t91 replays its seeds)
FUZZ_HARNESSES ?= commit trailer mailmap config codeowners tracker_md \
                  tracker_github tracker_jira push sanitize rules loose \
                  attributes org_csv identities github_teams \
                  tracker_prs tracker_protection tracker_gitlab \
                  message
FUZZ_OPT       := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link \
                  -fsanitize=address,undefined -fno-sanitize-recover=all
# clang's -Wformat=2 also wants as_buf_vprintf's format checked (gcc does not)
FUZZ_WARN      := $(WARN) -Wno-format-nonliteral
FUZZ_COMMON    := fuzz/fuzz_util.c fuzz/tracker_export.c

fuzz: fuzz-build
	@FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) \
	    fuzz/run.sh $(FUZZ_HARNESSES)

fuzz-build:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) OPT='$(FUZZ_OPT)' WARN='$(FUZZ_WARN)' \
	    $(FUZZ_HARNESSES:%=$(FUZZ_BUILD)/fuzz/%)

# (made in the sub-make above, where BUILD is build-fuzz and CC clang)
$(BUILD)/fuzz/%: fuzz/%.c $(FUZZ_COMMON) $(wildcard fuzz/*.h) $(LIBOBJS)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  FUZZ    $@")
	$(Q)$(CC) $(CFLAGS_ALL) -DAS_FUZZ_LIBFUZZER -fsanitize=fuzzer $(LDFLAGS) -o $@ \
	    $< $(FUZZ_COMMON) $(LIBOBJS) $(LIBS)

.PHONY: fuzz fuzz-build
