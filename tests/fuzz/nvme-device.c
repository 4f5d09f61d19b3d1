// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/nvme-device.c - a hostile NVMe controller against drivers/nvme.
 *
 * The input decides the controller's shape (queues, namespaces, sizes),
 * the scheduler's seed, and then, through the model's hostile mode
 * (nvme-model/hostile.c), what the device does wherever a real device
 * could misbehave.  Each execution probes, does I/O on every disk, resets
 * once, and removes the device.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksim/blkdev.h"

#include "fuzz.h"
#include "nvme-model/ksim_nvme.h"

#define IOS_PER_DISK	8
#define IO_BYTES	4096

static const char *default_modules[] = {
	"drivers/nvme/host/nvme-core.ko",
	"drivers/nvme/host/nvme.ko",
};

static struct fuzz_input in;
static uint8_t *io_buf;
static struct ksim_nvme_ctrl *ctrl;

static uint32_t hostile_decide(void *arg, uint32_t n)
{
	return fuzz_below(arg, n);
}

static void hostile_fill(void *arg, void *buf, size_t len)
{
	fuzz_bytes(arg, buf, len);
}

static const struct ksim_nvme_hostile hostile = {
	.decide = hostile_decide,
	.fill = hostile_fill,
	.arg = &in,
};

/* I/O on one disk: reads and writes of 4 KiB (a few larger), as the input says. */
static int exercise_disk(const char *name, void *arg)
{
	struct ksim_bdev *bdev = ksim_bdev_open(name);
	uint64_t sectors;
	int i;

	if (!bdev)
		return 0;
	sectors = ksim_bdev_capacity(bdev) >> 9;
	for (i = 0; i < IOS_PER_DISK && sectors >= IO_BYTES / 512; i++) {
		/* Once per execution, half way: the controller fails and the driver resets it. */
		if (i == IOS_PER_DISK / 2 && !*(bool *)arg) {
			*(bool *)arg = true;
			ksim_nvme_inject_fatal(ctrl);
		}
		uint64_t sector = fuzz_below(&in, (uint32_t)(sectors / 8)) * 8;

		if (sector + IO_BYTES / 512 > sectors)
			sector = 0;
		switch (fuzz_below(&in, 4)) {
		case 0:
		case 1:
			ksim_bdev_read(bdev, sector, io_buf, IO_BYTES);
			break;
		case 2:
			memset(io_buf, i, IO_BYTES);
			ksim_bdev_write(bdev, sector, io_buf, IO_BYTES, 0);
			break;
		default:
			ksim_bdev_flush(bdev);
			break;
		}
	}
	ksim_bdev_close(bdev);
	return 0;
}

/* The NVMe driver, or the user's own PCI driver modules (KSIM_FUZZ_MODULES="a.ko b.ko"). */
static void load_modules(void)
{
	const char *user = getenv("KSIM_FUZZ_MODULES");
	char list[4096], *save, *path;

	if (!user || !*user) {
		fuzz_insmod(default_modules[0], NULL, 0);
		fuzz_insmod(default_modules[1], NULL, 0);
		return;
	}
	snprintf(list, sizeof(list), "%s", user);
	for (path = strtok_r(list, " ", &save); path; path = strtok_r(NULL, " ", &save))
		fuzz_insmod(path, NULL, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ksim_nvme_config cfg;
	bool reset_done = false;

	if (!io_buf && posix_memalign((void **)&io_buf, 4096, IO_BYTES))
		abort();
	fuzz_input_init(&in, data, size);
	fuzz_machine_begin(data, size, fuzz_u32(&in));

	/* The controller's shape: what a real device would report about itself. */
	ksim_nvme_config_init(&cfg);
	cfg.queues = 1 + fuzz_below(&in, 8);
	/* Small queues by default: the tag set's memory is zeroed on every probe. */
	cfg.mqes = fuzz_one_in(&in, 4) ? 1 + fuzz_below(&in, 255) : 31;
	cfg.mdts = 1 + fuzz_below(&in, 9);
	cfg.vwc = fuzz_bool(&in);
	cfg.sgl = fuzz_bool(&in);
	cfg.ready_delay_ms = fuzz_below(&in, 4) * 50;
	cfg.nr_ns = fuzz_one_in(&in, 8) ? fuzz_below(&in, 4) : 1;
	for (unsigned int i = 0; i < cfg.nr_ns; i++) {
		cfg.ns[i] = cfg.ns[0];
		cfg.ns[i].size = 1 << 20;
		cfg.ns[i].lba_size = 512 << fuzz_below(&in, 4);
		cfg.ns[i].backend = KSIM_NVME_BACKEND_RAM;
	}
	if (ksim_nvme_create("nvme0", &cfg, &ctrl)) {
		fprintf(stderr, "ksim-fuzz: the NVMe model could not be created\n");
		exit(2);
	}
	ksim_nvme_set_hostile(ctrl, &hostile);
	load_modules();
	ksim_bdev_for_each(exercise_disk, &reset_done);
	ksim_nvme_destroy(ctrl);
	fuzz_machine_end();
	return 0;
}
