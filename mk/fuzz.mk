# mk/fuzz.mk - the fuzz targets (tests/fuzz/), included by the Makefile.
#
# Each tests/fuzz/<target>.c is an LLVMFuzzerTestOneInput().  In the plain
# build it is linked with tests/fuzz/replay.c as main(): build/fuzz/<target>
# FILE|DIR runs inputs once, the way make check replays the corpora.

FUZZ_LIB_SRCS	:= tests/fuzz/fuzz_input.c tests/fuzz/fuzz_machine.c tests/fuzz/fuzz_nvme.c
FUZZ_TARGET_SRCS := $(filter-out $(FUZZ_LIB_SRCS) tests/fuzz/replay.c,$(wildcard tests/fuzz/*.c))
FUZZ_TARGETS	:= $(patsubst tests/fuzz/%.c,%,$(FUZZ_TARGET_SRCS))
FUZZ_BINS	:= $(addprefix $(OBJ)/fuzz/,$(FUZZ_TARGETS))
# Where a target finds its modules unless KSIM_FUZZ_OBJTREE says otherwise.
FUZZ_CFLAGS	:= -Itests/fuzz -DKSIM_FUZZ_DEFAULT_OBJTREE='"$(abspath $(OBJTREE))"' \
		   $(if $(FUZZ_INSTRUMENTED),-DKSIM_FUZZ_ENGINE=$(FUZZ_INSTRUMENTED))

$(OBJ)/fuzz/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h tests/fuzz/fuzz_nvme.h mk/flags.mk mk/fuzz.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(HOST_CFLAGS) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

FUZZ_LIB_OBJS	:= $(patsubst tests/fuzz/%.c,$(OBJ)/fuzz/%.o,$(FUZZ_LIB_SRCS))

# What drives LLVMFuzzerTestOneInput(): replay.c in the plain build, the
# engine in an instrumented one (FUZZ_INSTRUMENTED, set by fuzz-build below).
FUZZ_INSTRUMENTED ?=
FUZZ_DRIVER_afl		:= /usr/lib/afl/libAFLDriver.a
FUZZ_DRIVER_libfuzzer	:= -fsanitize=fuzzer
FUZZ_DRIVER_stability	:=
FUZZ_MAIN_OBJ	:= $(if $(FUZZ_INSTRUMENTED),,$(OBJ)/fuzz/replay.o)
FUZZ_DRIVER	?= $(FUZZ_DRIVER_$(FUZZ_INSTRUMENTED))
# Extra link flags of the targets (.clusterfuzzlite/build.sh: an rpath).
FUZZ_LDFLAGS	?=

$(OBJ)/fuzz/%: $(OBJ)/fuzz/%.o $(FUZZ_MAIN_OBJ) $(FUZZ_LIB_OBJS) $(LIB_OBJS) $(MODEL_LIB)
	@echo "  LD      $@"
	@$(CC) $(HOST_CFLAGS) -rdynamic -o $@ $^ $(FUZZ_DRIVER) $(FUZZ_LDFLAGS) $(HOST_LIBS)

fuzz-targets: $(FUZZ_BINS)
.PHONY: fuzz-targets

# The planted target's hostile device (host world, test only) lives beside
# the driver it tests, in tests/fuzz/planted/; only build/fuzz/planted links it.
$(OBJ)/fuzz/planted-device.o: tests/fuzz/planted/device.c tests/fuzz/planted/device.h \
		tests/fuzz/planted/ksim_mbox_hw.h tests/fuzz/fuzz.h mk/flags.mk mk/fuzz.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(HOST_CFLAGS) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@
$(OBJ)/fuzz/planted: $(OBJ)/fuzz/planted-device.o

# ---- instrumented builds, campaigns, smoke test, benchmark ----
#
#   make fuzz-build [FUZZ_ENGINE=afl|libfuzzer|stability] [FUZZ_SAN=address,undefined]
#   make fuzz TARGET=nvme-device [JOBS=N] [FUZZ_TIME=secs]
#   make fuzz-smoke                   short fixed-seed AFL++ campaigns (make check)
#   make fuzz-bench [FUZZBENCH_ARGS=--time 600]
#   make fuzz-stability               same edges on every run of an input (make check)
#
# fuzz-build is the plain build again, in its own object tree (as SAN=
# builds are, see mk/flags.mk), with the engine's compiler: the library
# objects, the shim, the model, the targets and the modules of
# FUZZ_MODULE_DIRS all get coverage (and ASan+UBSan unless FUZZ_SAN= is
# empty).  The .ko files are built by mk/module.mk with the same CC and
# SAN_FLAGS, so their coverage counters land in the same map; the targets
# link -rdynamic, so the modules' __afl_* / __sanitizer_cov_* references
# bind to the runtime in the binary.

FUZZ_ENGINE	?= afl
FUZZ_SAN	?= address,undefined
FUZZ_TREE	:= build-fuzz/$(FUZZ_ENGINE)$(if $(FUZZ_SAN),-$(subst $(comma),-,$(FUZZ_SAN)))
FUZZ_CC_afl	:= afl-clang-fast
FUZZ_CC_libfuzzer := clang
# stability: clang's trace-pc-guard with tests/fuzz/stability/main.c as
# main(), which runs inputs over and over and names the edges that vary.
FUZZ_CC_stability := clang
# libFuzzer's coverage (inline 8-bit counters, pc table, cmp tracing) for
# every object; the runtime itself is linked into the targets only.
FUZZ_DENYLIST	:= $(abspath tests/fuzz/coverage-denylist.txt)
FUZZ_COV_libfuzzer := -fsanitize=fuzzer-no-link -fsanitize-coverage-ignorelist=$(FUZZ_DENYLIST)
FUZZ_ENV_afl	:= AFL_LLVM_DENYLIST=$(FUZZ_DENYLIST)
FUZZ_COV_stability := -fsanitize-coverage=trace-pc-guard -fsanitize-coverage-ignorelist=$(FUZZ_DENYLIST)
# Modules with coverage: the NVMe driver, the planted-bug driver, the
# C samples (Rust modules have no AFL++ instrumentation; left out).
FUZZ_MODULE_DIRS := drivers/nvme/host $(patsubst %/Kbuild,%,$(wildcard tests/fuzz/planted/Kbuild)) \
		    $(patsubst %/Kbuild,%,$(filter-out drivers/samples/rust/Kbuild,$(wildcard drivers/samples/*/Kbuild)))

.PHONY: fuzz-build fuzz-instrumented fuzz-modules fuzz fuzz-smoke fuzz-bench fuzz-stability

fuzz-build: deps
	@if [ -z "$(FUZZ_CC_$(FUZZ_ENGINE))" ]; then \
		echo "fuzz-build: FUZZ_ENGINE=$(FUZZ_ENGINE): use afl, libfuzzer or stability" >&2; exit 2; fi
	@command -v $(FUZZ_CC_$(FUZZ_ENGINE)) >/dev/null || { \
		echo "fuzz-build: $(FUZZ_CC_$(FUZZ_ENGINE)) not found (make deps installs afl++ and clang)" >&2; exit 2; }
	@$(FUZZ_ENV_$(FUZZ_ENGINE)) $(MAKE) --no-print-directory CC=$(FUZZ_CC_$(FUZZ_ENGINE)) SAN=$(FUZZ_SAN) \
		OBJTREE=$(FUZZ_TREE) FUZZ_INSTRUMENTED=$(FUZZ_ENGINE) \
		CFLAGS="$(CFLAGS) $(FUZZ_COV_$(FUZZ_ENGINE))" KCFLAGS="$(KCFLAGS) $(FUZZ_COV_$(FUZZ_ENGINE))" \
		fuzz-instrumented
	@echo "fuzz-build: $(FUZZ_ENGINE) targets in $(FUZZ_TREE)/build/fuzz/: $(FUZZ_TARGETS)"

# Inside the instrumented make (FUZZ_INSTRUMENTED set): what fuzzing needs.
# A change of the denylist changes what is instrumented.
ifneq ($(FUZZ_INSTRUMENTED),)
$(LIB_OBJS) $(MODEL_OBJS): tests/fuzz/coverage-denylist.txt
endif
fuzz-instrumented: $(KSIM) $(SYMVERS) $(MODPOST) fuzz-modules $(FUZZ_BINS)

fuzz-modules: $(MODPOST) $(SYMVERS)
	@for d in $(FUZZ_MODULE_DIRS); do \
		$(MAKE) -s --no-print-directory -f mk/module.mk M=$$d || exit 1; \
	done

# make fuzz TARGET=t [JOBS=N] [FUZZ_TIME=secs]: AFL++ on the instrumented
# target, seeds from tests/fuzz/corpus/t/, output (and the sync dir of
# JOBS>1) in build-fuzz/out/t/.
JOBS		?= 1
FUZZ_TIME	?=
fuzz:
	@if [ -z "$(filter $(TARGET),$(FUZZ_TARGETS))" ] || [ -z "$(TARGET)" ]; then \
		echo "make fuzz: TARGET='$(TARGET)': want one of: $(FUZZ_TARGETS)" >&2; exit 2; fi
	@if [ "$(FUZZ_ENGINE)" != afl ]; then \
		echo "make fuzz: runs AFL++; for libFuzzer run $(FUZZ_TREE)/build/fuzz/$(TARGET) DIR" >&2; exit 2; fi
	@$(MAKE) --no-print-directory fuzz-build
	@tests/fuzz/afl-run.sh --tree $(FUZZ_TREE) --jobs $(JOBS) $(if $(FUZZ_TIME),--time $(FUZZ_TIME)) $(TARGET)

# Short fixed-seed campaigns on every target (part of make check).
fuzz-smoke:
	@tests/fuzz/smoke.sh

# Each corpus three times over in one process, with clang's edge coverage:
# an edge that varies fails (tests/fuzz/stability/check.sh).
fuzz-stability:
	@tests/fuzz/stability/check.sh

# AFL++ and libFuzzer speed, coverage of drivers/nvme/host, stability, and
# the old way (one ksim process per execution) as the baseline.
fuzz-bench: all
	@mkdir -p build/bench
	KSIM=$(KSIM) bench/fuzzbench.sh --json build/bench/fuzzbench.json $(FUZZBENCH_ARGS)

# make check's fuzz group: the smoke campaigns, scored by scripts/run-tests
# (skipped with the reason when AFL++ is missing).
.PHONY: test-fuzz-smoke
test-fuzz-smoke: all
	@scripts/run-tests fuzz tests/fuzz/smoke.sh tests/fuzz/stability/check.sh

# config.c holds a module's parameter table (kapi-shim/kernel/params.c), so
# it sees the shim's kernel headers as the shim's own tests do.
$(OBJ)/fuzz/config.o: HOST_CFLAGS := $(SHIM_CFLAGS)

# The stability engine's main() (tests/fuzz/stability/main.c): the guards'
# callbacks live there, so it has no coverage itself.
ifeq ($(FUZZ_INSTRUMENTED),stability)
$(OBJ)/fuzz/stability-main.o: tests/fuzz/stability/main.c tests/fuzz/fuzz.h mk/flags.mk mk/fuzz.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(HOST_CFLAGS) $(FUZZ_CFLAGS) -fno-sanitize-coverage=trace-pc-guard -MMD -MP -c $< -o $@
$(FUZZ_BINS): $(OBJ)/fuzz/stability-main.o
endif
