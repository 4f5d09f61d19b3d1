# mk/tsan.mk - the ThreadSanitizer build's test group.
#
#   make tsan                  the same as make SAN=thread check
#   make SAN=thread test-tsan  the integration scripts and tests/tsan/*.sh in
#                              the TSan build; any TSan report fails
#
# Under SAN=thread, check runs test-tsan in place of test-integration (the
# same scripts, with every process's TSan log checked) and skips the
# Criterion suites, whose runner cannot start under TSan (README.md,
# "ThreadSanitizer").  Threads backend only: the scripts' det-backend runs
# are not what TSan is for, and their reports would be the det scheduler's.

TSAN		:= $(filter thread,$(subst $(comma), ,$(SAN)))
# Not here: det.sh and fuzz_corpus.sh run only the deterministic backend;
# integrity.sh's verification needs reads to land within each job's short
# runtime, which TSan (5-15x slower) does not give it.
TSAN_SKIP	:= det fuzz_corpus integrity
TSAN_TESTS	= $(filter-out $(patsubst %,tests/integration/%.sh,$(TSAN_SKIP)),$(INTEGRATION_RUN)) \
		  $(sort $(wildcard tests/tsan/*.sh))

.PHONY: tsan test-tsan
tsan:
	@$(MAKE) --no-print-directory SAN=thread check

test-tsan: all
ifeq ($(TSAN),)
	@echo "test-tsan: needs the ThreadSanitizer build: make SAN=thread test-tsan (or make tsan)"; exit 2
else
	@scripts/run-tests tsan $(TSAN_TESTS)
endif
