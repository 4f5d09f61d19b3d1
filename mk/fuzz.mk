# mk/fuzz.mk - the fuzz targets (tests/fuzz/), included by the Makefile.
#
# Each tests/fuzz/<target>.c is an LLVMFuzzerTestOneInput().  In the plain
# build it is linked with tests/fuzz/replay.c as main(): build/fuzz/<target>
# FILE|DIR runs inputs once, the way make check replays the corpora.

FUZZ_LIB_SRCS	:= tests/fuzz/fuzz_input.c tests/fuzz/fuzz_machine.c
FUZZ_TARGET_SRCS := $(filter-out $(FUZZ_LIB_SRCS) tests/fuzz/replay.c,$(wildcard tests/fuzz/*.c))
FUZZ_TARGETS	:= $(patsubst tests/fuzz/%.c,%,$(FUZZ_TARGET_SRCS))
FUZZ_BINS	:= $(addprefix $(OBJ)/fuzz/,$(FUZZ_TARGETS))
# Where a target finds its modules unless KSIM_FUZZ_OBJTREE says otherwise.
FUZZ_CFLAGS	:= -Itests/fuzz -DKSIM_FUZZ_DEFAULT_OBJTREE='"$(abspath $(OBJTREE))"'

$(OBJ)/fuzz/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h mk/flags.mk mk/fuzz.mk
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(HOST_CFLAGS) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

FUZZ_LIB_OBJS	:= $(patsubst tests/fuzz/%.c,$(OBJ)/fuzz/%.o,$(FUZZ_LIB_SRCS))

$(OBJ)/fuzz/%: $(OBJ)/fuzz/%.o $(OBJ)/fuzz/replay.o $(FUZZ_LIB_OBJS) $(LIB_OBJS) $(MODEL_LIB)
	@echo "  LD      $@"
	@$(CC) $(HOST_CFLAGS) -rdynamic -o $@ $^ $(HOST_LIBS)

fuzz-targets: $(FUZZ_BINS)
.PHONY: fuzz-targets

# config.c holds a module's parameter table (kapi-shim/kernel/params.c), so
# it sees the shim's kernel headers as the shim's own tests do.
$(OBJ)/fuzz/config.o: HOST_CFLAGS := $(SHIM_CFLAGS)
