# ksim - the only build entry.
#
#   make            build ksim, the shim, the sample modules and the tests
#   make run        install missing packages, build, run configs/default.ini
#   make check      install missing packages, build, run every test
#                   (unit, build, integration, and the suite under valgrind)
#   make M=dir      build the out-of-tree module in dir, Kbuild style
#                   (also: make M=dir clean, make M=dir modules_install)
#   make valgrind M=dir   run dir's modules in ksim under valgrind memcheck
#   make deps       install the Debian packages ksim needs (as root)
#   make clean
#
#   SAN=address,undefined   build and test with the sanitizers (own tree)
#   SAN=thread (make tsan)  ThreadSanitizer build, checked by test-tsan
#   V=1                     show the test runners' full output

KSIM_SRC	:= $(CURDIR)
include mk/flags.mk

OBJ		:= $(OBJTREE)/build
KSIM		:= $(OBJTREE)/ksim
MODPOST		:= $(OBJ)/modpost
SYMVERS		:= $(OBJTREE)/Module.symvers

export KSIM_SRC SAN
export KSIM_BIN := $(abspath $(KSIM))
export KSIM_OBJTREE := $(abspath $(OBJTREE))

.DEFAULT_GOAL	:= all
# Keep the objects that pattern rules chain through (test_%.o).
.SECONDARY:
.PHONY: all run check deps clean modules tests test-unit test-build symbols bench \
	test-integration test-valgrind test-unit-det test-integration-det FORCE

# ---- host world ----

SIM_SRCS	:= $(filter-out sim/main.c,$(wildcard sim/*.c))
SHIM_SRCS	:= $(shell find kapi-shim -name '*.c' | sort)
MODEL_SRCS	:= $(shell find nvme-model -name '*.c' | sort)
LIB_OBJS	:= $(patsubst %.c,$(OBJ)/%.o,$(SIM_SRCS) $(SHIM_SRCS))
# The device models are an archive: a binary gets the models it uses.
MODEL_LIB	:= $(OBJ)/libksim-models.a
MODEL_OBJS	:= $(patsubst %.c,$(OBJ)/%.o,$(MODEL_SRCS))

$(MODEL_LIB): $(MODEL_OBJS)
	@echo "  AR      $@"
	@rm -f $@ && ar rcs $@ $^

$(OBJ)/sim/fuse.o $(OBJ)/sim/fuse_chr.o: HOST_CFLAGS += $(FUSE_CFLAGS)
$(OBJ)/sim/%.o: sim/%.c mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

# Device models are host world: they see ksim/platform.h, never the kernel's headers.
$(OBJ)/nvme-model/%.o: nvme-model/%.c mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

$(OBJ)/kapi-shim/%.o: kapi-shim/%.c mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(SHIM_CFLAGS) -MMD -MP -c $< -o $@

# The ksim binary exports its symbols (-rdynamic) so modules bind to the
# shim at dlopen time; the loader first checks every undefined symbol of a
# module against the shim's EXPORT_SYMBOL table.
$(KSIM): $(OBJ)/sim/main.o $(LIB_OBJS) $(MODEL_LIB)
	@echo "  LD      $@"
	@$(CC) $(HOST_CFLAGS) -rdynamic -o $@ $^ $(HOST_LIBS)
	@# A ksim in its own object tree resolves config module paths there first.
	@$(if $(filter-out .,$(OBJTREE)),touch $(OBJTREE)/.ksim-objtree)

# modpost: the Kbuild step that checks a module's undefined symbols and
# writes its <mod>.mod.c.
$(MODPOST): scripts/mod/modpost.c $(OBJ)/sim/modelf.o
	@mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	@$(CC) $(HOST_CFLAGS) -o $@ $^ -lelf

# The shim's exports, in the kernel's Module.symvers format.
$(SYMVERS): $(KSIM)
	@echo "  SYMVERS $@"
	@$(KSIM) symvers > $@.tmp && mv $@.tmp $@

# ---- the nbdkit plugin: the shim, the models and sim/ as one shared object ----
# (position-independent copies of the host objects; sim/nbdkit/plugin.c on top)

NBDKIT_PLUGIN	:= $(OBJ)/nbdkit-ksim.so
PIC_OBJS	:= $(patsubst %.c,$(OBJ)/pic/%.o,$(SIM_SRCS) $(SHIM_SRCS) $(MODEL_SRCS))

$(OBJ)/pic/sim/fuse.o $(OBJ)/pic/sim/fuse_chr.o: HOST_CFLAGS += $(FUSE_CFLAGS)
$(OBJ)/pic/kapi-shim/%.o: kapi-shim/%.c mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC [PIC] $@"
	@$(CC) $(SHIM_CFLAGS) -fPIC -MMD -MP -c $< -o $@

$(OBJ)/pic/%.o: %.c mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC [PIC] $@"
	@$(CC) $(HOST_CFLAGS) -fPIC -MMD -MP -c $< -o $@

$(NBDKIT_PLUGIN): sim/nbdkit/plugin.c $(PIC_OBJS) mk/flags.mk
	@echo "  LD      $@"
	@$(CC) $(HOST_CFLAGS) -fPIC -shared -Wl,-z,defs -o $@ $< $(PIC_OBJS) $(HOST_LIBS) \
		-Wl,--unresolved-symbols=ignore-in-object-files

# ---- kernel world: every directory with a Kbuild file is a module dir ----

MODULE_DIRS	:= $(sort $(patsubst %/Kbuild,%,$(shell find drivers tests -name Kbuild)))

ifeq ($(M),)
modules: $(MODPOST) $(SYMVERS)
	@for d in $(MODULE_DIRS); do \
		$(MAKE) -s --no-print-directory -f mk/module.mk M=$$d || exit 1; \
	done
else
# make [-C ksim] M=dir [modules|clean|modules_install]: Kbuild's targets for
# an external module, acting on that directory only (a standard out-of-tree
# Makefile with KDIR pointing here works unchanged).
.DEFAULT_GOAL	:= external
EXTMOD		:= $(patsubst %/,%,$(M))
.PHONY: external modules_install
external: deps $(MODPOST) $(SYMVERS)
	@$(MAKE) --no-print-directory -f mk/module.mk M=$(EXTMOD)
modules: external
modules_install: external
	@$(MAKE) --no-print-directory -f mk/module.mk M=$(EXTMOD) modules_install
endif

# ---- tests ----

# tests/unit: suites for the shim (kernel headers on the path);
# tests/host: suites for host-world parts such as nvme-model (libc only).
TEST_SRCS	:= $(wildcard tests/unit/test_*.c)
HOST_TEST_SRCS	:= $(wildcard tests/host/test_*.c)
TEST_BINS	:= $(patsubst tests/unit/%.c,$(OBJ)/tests/%,$(TEST_SRCS)) \
		   $(patsubst tests/host/%.c,$(OBJ)/tests/%,$(HOST_TEST_SRCS))
TEST_HELPERS	:= $(patsubst %.c,$(OBJ)/%.o,$(filter-out $(TEST_SRCS),$(wildcard tests/unit/*.c)))
HOST_TEST_HELPERS := $(patsubst %.c,$(OBJ)/%.o,$(filter-out $(HOST_TEST_SRCS),$(wildcard tests/host/*.c)))

$(OBJ)/tests/host/%.o: tests/host/%.c mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(HOST_CFLAGS) -Itests/unit -MMD -MP -c $< -o $@

$(OBJ)/tests/test_%: $(OBJ)/tests/host/test_%.o $(TEST_HELPERS) $(HOST_TEST_HELPERS) $(LIB_OBJS) $(MODEL_LIB)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(HOST_CFLAGS) -rdynamic -o $@ $^ $(HOST_LIBS) -lcriterion

$(OBJ)/tests/unit/%.o: tests/unit/%.c mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(SHIM_CFLAGS) -Itests/unit -MMD -MP -c $< -o $@

$(OBJ)/tests/test_%: $(OBJ)/tests/unit/test_%.o $(TEST_HELPERS) $(LIB_OBJS) $(MODEL_LIB)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	@$(CC) $(HOST_CFLAGS) -rdynamic -o $@ $^ $(HOST_LIBS) -lcriterion

# tests/tools: plain host programs the integration scripts run as "real
# programs" (no ksim inside), e.g. ioctl and poll on a FUSE dev/ file.
TOOL_SRCS	:= $(wildcard tests/tools/*.c)
TOOL_BINS	:= $(patsubst tests/tools/%.c,$(OBJ)/tests/tools/%,$(TOOL_SRCS))

$(OBJ)/tests/tools/%: tests/tools/%.c mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(HOST_CFLAGS) -o $@ $<

tests: $(TEST_BINS) $(TOOL_BINS)

include mk/fuzz.mk
include mk/tsan.mk

# ---- benchmarks: host programs that boot the machine themselves ----

BENCH_SRCS	:= $(wildcard bench/*.c)
BENCH_BINS	:= $(patsubst bench/%.c,$(OBJ)/bench/%,$(BENCH_SRCS))

# bench/lib/: parts the benchmark programs share (engines, measurement).
BENCH_LIB_SRCS	:= $(wildcard bench/lib/*.c)

$(OBJ)/bench/fuse_passthrough: HOST_CFLAGS += $(FUSE_CFLAGS)
$(OBJ)/bench/%: bench/%.c $(BENCH_LIB_SRCS) bench/lib/bench.h $(LIB_OBJS) $(MODEL_LIB) mk/flags.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(HOST_CFLAGS) -Ibench -rdynamic -o $@ $< $(BENCH_LIB_SRCS) $(LIB_OBJS) $(MODEL_LIB) $(HOST_LIBS)

# 4 KiB random I/O through driver and device against the host's best engine
# on /dev/shm, the FUSE frontend, the deterministic backend, and start-up and
# memory per written page, in one run: tables on stdout, JSON in build/bench/.
bench: all $(BENCH_BINS)
	@mkdir -p build/bench
	$(OBJ)/bench/blkbench --json build/bench/blkbench.json $(BENCH_ARGS)
	$(OBJ)/bench/fusebench --ksim $(KSIM) --json build/bench/fusebench.json $(FUSEBENCH_ARGS)
	KSIM=$(KSIM) bench/detbench.sh --json build/bench/detbench.json $(DETBENCH_ARGS)
	bench/startup.sh --json build/bench/startup.json $(STARTUP_ARGS) $(KSIM)

all: deps $(KSIM) $(SYMVERS) modules tests $(BENCH_BINS) $(FUZZ_BINS)
ifeq ($(SAN),)
all: $(NBDKIT_PLUGIN)	# an ASan .so cannot load into nbdkit
endif

run: all
	$(KSIM) -c configs/default.ini

# Each suite is its own process (Criterion forks one per test as well).
test-unit: all
	@scripts/run-tests unit $(TEST_BINS)

test-build: all
	@scripts/run-tests build tests/build/run

# Scripts that only build or inspect, with no machine whose schedule or
# instrumentation matters: they run once, in the plain build's pass.
BUILD_ONLY_TESTS := header_probe real_kernel_headers kunit_upstream kbuild_habits symbols \
		    modinfo rust_kbuild
INTEGRATION_ALL	:= $(sort $(filter-out tests/integration/lib.sh,$(wildcard tests/integration/*.sh)))
INTEGRATION_RUN	:= $(filter-out $(patsubst %,tests/integration/%.sh,$(BUILD_ONLY_TESTS)),$(INTEGRATION_ALL))

ifeq ($(SAN),)
test-integration: all
	@scripts/run-tests integration $(INTEGRATION_ALL)
else
test-integration: all
	@scripts/run-tests integration $(INTEGRATION_RUN)
endif

# The same suites on the deterministic backend (one task at a time, virtual time).
# The unit pass runs det's tasks as fibers (as fuzzing does), the integration
# pass as threads (as ksim --backend=det does; det.sh compares the two).
test-unit-det: all
	@KSIM_BACKEND=det KSIM_DET_TASKS=fibers scripts/run-tests unit $(TEST_BINS)

test-integration-det: all
	@KSIM_BACKEND=det scripts/run-tests integration $(INTEGRATION_RUN)

# The whole unit suite again under memcheck: zero errors, nothing definitely lost.
test-valgrind: all
ifneq ($(SAN),)
	@echo "test-valgrind: skipped: valgrind and SAN=$(SAN) do not mix"
else
	@scripts/run-tests valgrind $(TEST_BINS) tests/valgrind/ksim.sh
endif

# Every group runs even when an earlier one failed; the summary decides.
check: all
	@rm -f build/test-results
	@status=0; \
	$(if $(TSAN),echo "test-unit: skipped under SAN=thread: Criterion cannot start under TSan";,$(MAKE) --no-print-directory test-unit || status=1;) \
	$(MAKE) --no-print-directory test-build || status=1; \
	$(MAKE) --no-print-directory $(if $(TSAN),test-tsan,test-integration) || status=1; \
	$(if $(SAN),,$(MAKE) --no-print-directory test-unit-det || status=1;) \
	$(if $(SAN),,$(MAKE) --no-print-directory test-integration-det || status=1;) \
	$(MAKE) --no-print-directory test-valgrind || status=1; \
	$(if $(SAN),,$(MAKE) --no-print-directory test-fuzz-smoke || status=1;) \
	scripts/run-tests summary || status=1; \
	exit $$status

# The kernel API the shim exports, kept in the tree (tests check it is current).
symbols: $(KSIM)
	@$(KSIM) symvers | awk -F'\t' '{ print $$2 ($$4 == "EXPORT_SYMBOL_GPL" ? " (GPL)" : "") }' \
		| LC_ALL=C sort > docs/kernel-api-symbols.txt
	@echo "docs/kernel-api-symbols.txt: $$(wc -l < docs/kernel-api-symbols.txt) symbols"

deps:
	@scripts/deps

# ksim under memcheck with ksim's suppressions (scripts/ksim-valgrind):
#   make valgrind M=dir [ARGS="param=1"]    the modules built in dir
#   make valgrind ARGS="-c configs/default.ini"
.PHONY: valgrind
valgrind: $(KSIM) $(if $(M),external)
	@KSIM_BIN=$(abspath $(KSIM)) scripts/ksim-valgrind -- \
		$(if $(M),$(wildcard $(if $(filter .,$(OBJTREE)),$(EXTMOD),$(OBJTREE)/$(EXTMOD))/*.ko)) $(ARGS)

ifeq ($(M),)
clean:
	rm -rf build ksim Module.symvers
	@for d in $(MODULE_DIRS); do \
		$(MAKE) --no-print-directory -f mk/module.mk M=$$d clean >/dev/null; \
	done
else
# As Kbuild's `make M=dir clean`: that directory's build products only.
clean:
	@$(MAKE) --no-print-directory -f mk/module.mk M=$(EXTMOD) clean
endif

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
