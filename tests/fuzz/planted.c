// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/planted.c - a hostile ksim mailbox (tests/fuzz/planted/device.c)
 * against the mailbox driver with planted bugs (tests/fuzz/planted/ksim_mbox.c).
 *
 * Input, in order: the scheduler's seed (4 bytes); the device's shape (1
 * byte, see device.c); the number of operations (1 byte, up to 8) and one
 * byte per operation (bit 0 clear: write() a message of 1 + (byte >> 1)
 * bytes; set: read() a query's reply); then three bytes per command the
 * device receives, deciding how it completes it.  Each execution binds the
 * driver, opens /dev/kmbox as a user process, runs the operations, closes,
 * unplugs the device and unloads the driver.
 *
 * KSIM_FUZZ_MODULES="a.ko b.ko" (paths as given) loads those modules in
 * place of the planted driver: the same hostile device against a driver of
 * your own for it (tests/fuzz/README.md).
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksim/user.h"

#include "fuzz.h"
#include "planted/device.h"

#define MAX_OPS		8
static const char *const default_module[] = { "tests/fuzz/planted/ksim_mbox.ko" };

static void load_driver(void)
{
	fuzz_load_driver(default_module, 1);
}

/* What a user of the mailbox does: post messages, ask queries. */
static void run_ops(struct fuzz_input *in)
{
	uint8_t ops[MAX_OPS], msg[128], reply[256];
	unsigned int nr_ops, i;
	struct ksim_proc *proc;
	int fd;

	nr_ops = fuzz_below(in, MAX_OPS + 1);
	for (i = 0; i < nr_ops; i++)
		ops[i] = fuzz_u8(in);
	proc = ksim_proc_create("mboxctl");
	if (!proc)
		abort();
	fd = ksim_sys_open(proc, "/dev/kmbox", O_RDWR);
	if (fd >= 0) {
		for (i = 0; i < nr_ops; i++) {
			if (ops[i] & 1) {
				ksim_user_read(proc, fd, reply, sizeof(reply));
			} else {
				size_t len = 1 + (ops[i] >> 1);

				memset(msg, 'a' + i, len);
				ksim_user_write(proc, fd, msg, len);
			}
		}
		ksim_sys_close(proc, fd);
	}
	ksim_proc_destroy(proc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_input in;
	struct mbox_model *dev;

	fuzz_input_init(&in, data, size);
	fuzz_machine_begin(data, size, fuzz_u32(&in));
	if (mbox_model_create(&in, &dev)) {
		fprintf(stderr, "ksim-fuzz: the mailbox device could not be created\n");
		exit(2);
	}
	load_driver();
	run_ops(&in);
	mbox_model_destroy(dev);
	fuzz_machine_end();
	return 0;
}
