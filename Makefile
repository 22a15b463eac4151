# bigre — build, run, test.  See README.md.
#   make            build/bigre
#   make run        install what is missing, build, serve the demo database
#   make test       install what the tests need, build, run every suite
#   make fuzz       run the fuzz targets longer
#   make screenshots  run the browser suites, saving docs/screenshots/
#   make ratchet  write the structure counts after they went down
CC      ?= cc
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)
PKGS    := libmicrohttpd jansson sqlite3 libsodium libcurl libical pangocairo fontconfig zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g
MAKEFLAGS += --no-print-directory
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc $(PKG_CFLAGS)
LDLIBS  := $(PKG_LIBS) -lcsv -lpthread  # libcsv (libcsv-dev) has no pkg-config file

SRC     := $(shell find src -name '*.c' | sort)
LIB_SRC := $(filter-out src/cli/main.c,$(SRC))
MIGRATIONS := $(sort $(wildcard src/db/migrations/*.sql))
ASSETS  := $(sort $(wildcard src/assets/*))
PO      := po/fr.po po/en.po

B := build
OBJ      := $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC))
GEN_SRC  := $(B)/gen/migrations.c $(B)/gen/assets.c $(B)/gen/catalogues.c $(B)/gen/version.c
GEN_OBJ  := $(patsubst $(B)/gen/%.c,$(B)/obj/gen/%.o,$(GEN_SRC))

.PHONY: all run test fuzz clean deps deps-test pot FORCE
all: $(B)/bigre

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $<

$(B)/gen/migrations.c: $(MIGRATIONS) $(B)/tools/embed
	@mkdir -p $(@D)
	$(B)/tools/embed $@ embedded_migrations $(MIGRATIONS)
$(B)/gen/assets.c: $(ASSETS) $(B)/tools/embed
	@mkdir -p $(@D)
	$(B)/tools/embed $@ embedded_assets $(ASSETS)
$(B)/locale/%.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<
$(B)/gen/catalogues.c: $(B)/locale/fr.mo $(B)/locale/en.mo $(B)/tools/embed
	@mkdir -p $(@D)
	$(B)/tools/embed $@ embedded_catalogues $(B)/locale/fr.mo $(B)/locale/en.mo

# the version string, rewritten only when `git describe` changes
$(B)/gen/version.c: FORCE
	@mkdir -p $(@D)
	@printf 'const char bigre_version[] = "%s";\n' '$(VERSION)' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@

$(B)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "CC $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<
$(B)/obj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/libbigre.a: $(OBJ) $(GEN_OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/bigre: $(B)/obj/src/cli/main.o $(B)/libbigre.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# --- translations: extract, then merge into both catalogues ---
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=tr:2 --keyword=trn:2,3 \
	  --keyword=N_ --no-location --sort-output -o po/bigre.pot $(SRC)
	for l in fr en; do msgmerge --quiet --update --backup=none --no-fuzzy-matching po/$$l.po po/bigre.pot; done

# --- running ---
DEMO_DB ?= demo.db
deps:
	@bash scripts/deps.sh run
deps-test:
	@bash scripts/deps.sh test
run: deps
	@$(MAKE) --no-print-directory $(B)/bigre
	@test -f $(DEMO_DB) || $(B)/bigre demo --db $(DEMO_DB)
	$(B)/bigre serve --db $(DEMO_DB) --listen 127.0.0.1:8080

# --- tests ---
include tests/tests.mk

clean:
	rm -rf $(B)
