// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/fuzz_nvme.c - the NVMe targets' shared execution (fuzz_nvme.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ksim/blkdev.h"

#include "fuzz_nvme.h"
#include "nvme-model/ksim_nvme.h"

#define IOS_PER_DISK	8
#define IO_BYTES	4096

struct exercise {
	struct fuzz_input *in;
	struct ksim_nvme_ctrl *ctrl;
	bool failed_once;
};

static uint8_t *io_buf;

struct ksim_nvme_ctrl *fuzz_nvme_create(struct fuzz_input *in)
{
	struct ksim_nvme_config cfg;
	struct ksim_nvme_ctrl *ctrl;
	unsigned int i;

	ksim_nvme_config_init(&cfg);
	cfg.queues = 1 + fuzz_below(in, 8);
	/* Small queues by default: the tag set's memory is zeroed on every probe. */
	cfg.mqes = fuzz_one_in(in, 4) ? 1 + fuzz_below(in, 255) : 31;
	cfg.mdts = 1 + fuzz_below(in, 9);
	cfg.vwc = fuzz_bool(in);
	cfg.sgl = fuzz_bool(in);
	cfg.ready_delay_ms = fuzz_below(in, 4) * 50;
	cfg.nr_ns = fuzz_one_in(in, 8) ? fuzz_below(in, 4) : 1;
	for (i = 0; i < cfg.nr_ns; i++) {
		cfg.ns[i] = cfg.ns[0];
		cfg.ns[i].size = 1 << 20;
		cfg.ns[i].lba_size = 512 << fuzz_below(in, 4);
		cfg.ns[i].backend = KSIM_NVME_BACKEND_RAM;
	}
	if (ksim_nvme_create("nvme0", &cfg, &ctrl)) {
		fprintf(stderr, "ksim-fuzz: the NVMe model could not be created\n");
		exit(2);
	}
	return ctrl;
}

void fuzz_nvme_load_driver(void)
{
	static const char *const nvme[] = {
		"drivers/nvme/host/nvme-core.ko",
		"drivers/nvme/host/nvme.ko",
	};

	fuzz_load_driver(nvme, 2);
}

static int exercise_disk(const char *name, void *arg)
{
	struct exercise *ex = arg;
	struct ksim_bdev *bdev = ksim_bdev_open(name);
	uint64_t sectors;
	int i;

	if (!bdev)
		return 0;
	sectors = ksim_bdev_capacity(bdev) >> 9;
	for (i = 0; i < IOS_PER_DISK && sectors >= IO_BYTES / 512; i++) {
		uint64_t sector = fuzz_below(ex->in, (uint32_t)(sectors / 8)) * 8;

		if (i == IOS_PER_DISK / 2 && !ex->failed_once) {
			ex->failed_once = true;
			ksim_nvme_inject_fatal(ex->ctrl);
		}
		if (sector + IO_BYTES / 512 > sectors)
			sector = 0;
		switch (fuzz_below(ex->in, 4)) {
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

void fuzz_nvme_exercise(struct fuzz_input *in, struct ksim_nvme_ctrl *ctrl)
{
	struct exercise ex = { .in = in, .ctrl = ctrl };

	if (!io_buf && posix_memalign((void **)&io_buf, 4096, IO_BYTES))
		abort();
	ksim_bdev_for_each(exercise_disk, &ex);
}
