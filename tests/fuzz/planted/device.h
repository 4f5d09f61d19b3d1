/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/fuzz/planted/device.h - the hostile ksim mailbox (host world):
 * a device model on the simulated PCI bus whose every choice is read from
 * the fuzz input.
 */
#ifndef KSIM_FUZZ_PLANTED_DEVICE_H
#define KSIM_FUZZ_PLANTED_DEVICE_H

#include "fuzz.h"

struct mbox_model;

/*
 * Decode the device's shape from @in (one byte: its channel count and
 * whether it ever becomes ready) and plug it into the bus; the driver
 * binds when it is loaded.  Later decisions (one per command) are read
 * from @in as the commands arrive, so @in must outlive the device.
 * Returns 0 or a negative errno.
 */
int mbox_model_create(struct fuzz_input *in, struct mbox_model **out);
/* Unplug (the driver's remove() runs) and free. */
void mbox_model_destroy(struct mbox_model *m);

#endif
