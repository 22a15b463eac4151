# tests.mk — the test suites, included by the Makefile.
#
#   make test   all suites; one closing line "N passed, N failed"
# Suites: C units (cmocka), the same under ASan+UBSan, HTTP (node --test),
# browser (playwright-core + Debian chromium), fuzz (libFuzzer, short).
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRC))
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_OBJ  := $(patsubst %.c,$(B)/asan/%.o,$(LIB_SRC)) $(patsubst $(B)/gen/%.c,$(B)/asan/gen/%.o,$(GEN_SRC))
ASAN_BIN  := $(patsubst tests/unit/%.c,$(B)/tests-asan/%,$(UNIT_SRC))
FUZZ_SRC  := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN  := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRC))
FUZZ_OBJ  := $(patsubst %.c,$(B)/fuzzobj/%.o,$(LIB_SRC)) $(patsubst $(B)/gen/%.c,$(B)/fuzzobj/gen/%.o,$(GEN_SRC))
FUZZ_SECONDS ?= 10

$(B)/tests/%: tests/unit/%.c $(B)/libbigre.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -Itests/unit -o $@ $< $(B)/libbigre.a $(LDLIBS) -lcmocka

$(B)/asan/%.o: %.c
	@mkdir -p $(@D)
	@echo "CC (asan) $<"
	@$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) -MMD -MP -c -o $@ $<
$(B)/asan/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(@D)
	@echo "CC (asan) $<"
	@$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) -MMD -MP -c -o $@ $<
$(B)/libbigre-asan.a: $(ASAN_OBJ)
	rm -f $@; ar rcs $@ $^
$(B)/tests-asan/%: tests/unit/%.c $(B)/libbigre-asan.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) -MMD -MP -Itests/unit -o $@ $< $(B)/libbigre-asan.a $(LDLIBS) -lcmocka

$(B)/fuzzobj/%.o: %.c
	@mkdir -p $(@D)
	@echo "CC (fuzz) $<"
	@clang $(filter-out -Wshadow,$(ALL_CFLAGS)) -O1 -g -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c -o $@ $<
$(B)/fuzzobj/gen/%.o: $(B)/gen/%.c
	@mkdir -p $(@D)
	clang $(ALL_CFLAGS) -O1 -g -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c -o $@ $<
$(B)/libbigre-fuzz.a: $(FUZZ_OBJ)
	rm -f $@; ar rcs $@ $^
$(B)/fuzz/%: tests/fuzz/%.c $(B)/libbigre-fuzz.a
	@mkdir -p $(@D)
	clang $(ALL_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -o $@ $< $(B)/libbigre-fuzz.a $(LDLIBS)

.PHONY: test test-build unit fuzz screenshots ratchet
test-build: $(B)/bigre $(UNIT_BIN) $(ASAN_BIN) $(FUZZ_BIN)

test: deps-test
	@$(MAKE) --no-print-directory -j2 test-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) bash tests/run.sh

# the browser suites alone, saving their screenshots into docs/screenshots
# (make test saves them under build/screenshots, untracked)
screenshots: deps-test $(B)/bigre
	@cd tests && BIGRE_SCREENSHOTS=$(CURDIR)/docs/screenshots node --test --test-concurrency=1 $$(ls browser/*.test.mjs)

# writes the structure counts (SQL in faces, SQLite-only SQL, long files)
# into tests/structure/ratchet.json, after they went down
ratchet:
	@cd tests && BIGRE_RATCHET_WRITE=1 node --test structure/structure.test.mjs >/dev/null && git diff --stat structure/ratchet.json

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do $$t || exit 1; done

fuzz: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do n=$$(basename $$f); mkdir -p $(B)/fuzz-corpus/$$n; \
	  $$f -max_total_time=300 $(B)/fuzz-corpus/$$n tests/fuzz/corpus/$$n || exit 1; done
