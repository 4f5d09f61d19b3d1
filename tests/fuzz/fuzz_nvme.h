/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/fuzz/fuzz_nvme.h - what the NVMe targets (nvme-device, failslab)
 * share: one emulated controller shaped by the input, the driver loaded,
 * I/O on every disk, one controller failure and reset, removal.
 */
#ifndef KSIM_FUZZ_NVME_H
#define KSIM_FUZZ_NVME_H

#include <stdbool.h>

#include "fuzz.h"

struct ksim_nvme_ctrl;

/* A controller whose shape (queues, sizes, namespaces...) the input decides. */
struct ksim_nvme_ctrl *fuzz_nvme_create(struct fuzz_input *in);
/* The NVMe driver, or the user's own modules (KSIM_FUZZ_MODULES="a.ko b.ko"). */
void fuzz_nvme_load_driver(void);
/*
 * Reads, writes and flushes on every disk, at offsets and in an order the
 * input decides; half way through the first disk the controller fails
 * (CSTS.CFS), so the driver's timeout and reset paths run once.
 */
void fuzz_nvme_exercise(struct fuzz_input *in, struct ksim_nvme_ctrl *ctrl);

#endif
