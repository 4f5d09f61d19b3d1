// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/failslab.c - allocation failures where the input says, through
 * probe, I/O, reset and removal of the NVMe driver with a well-behaved
 * controller, so every error path of the driver and of the shim under it
 * runs.  The input picks the scheduler's seed, then failslab's settings:
 * how many fail in all (times=, 0: none), how many allocations succeed
 * first (after=) and every how many one fails (interval=); then the
 * controller's shape and the I/O.  A leak, a WARN, a crash on an error
 * path is a finding; a probe that fails cleanly is not.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ksim/failslab.h"

#include "fuzz_nvme.h"
#include "nvme-model/ksim_nvme.h"

static void set(const char *key, unsigned long value)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lu", value);
	if (ksim_failslab_set(key, buf)) {
		fprintf(stderr, "ksim-fuzz: failslab %s=%s refused\n", key, buf);
		exit(2);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	struct ksim_nvme_ctrl *ctrl;
	unsigned long after, interval, times;

	fuzz_input_init(&in, data, size);
	fuzz_machine_begin(data, size, fuzz_u32(&in));
	/*
	 * times 0 (and so the empty input) fails nothing: the engines' warm-up
	 * execution loads every module before the fork server starts.  An
	 * execution makes a few dozen allocations: most choices land inside it.
	 */
	times = fuzz_below(&in, 5);
	after = fuzz_below(&in, 24);
	interval = 1 + fuzz_below(&in, 4);
	ksim_failslab_reset();
	if (times) {
		set("after", after);
		set("interval", interval);
		set("times", times);
		set("verbose", 0);
		set("probability", 100);
	}
	ctrl = fuzz_nvme_create(&in);
	fuzz_nvme_load_driver();
	fuzz_nvme_exercise(&in, ctrl);
	if (getenv("KSIM_FUZZ_CONSOLE"))
		fprintf(stderr, "ksim-fuzz: failslab: after=%lu interval=%lu times=%lu: %lu failed\n",
			after, interval, times, ksim_failslab_injected());
	ksim_nvme_destroy(ctrl);
	/* Removal and shutdown run with every allocation succeeding again. */
	ksim_failslab_reset();
	fuzz_machine_end();
	return 0;
}
