// SPDX-License-Identifier: GPL-2.0
/*
 * tests/host/test_diskio.c - sim/diskio.c, the byte-granular disk I/O the
 * FUSE frontend and the nbdkit plugin share, against the NVMe driver and
 * the emulated controller: writes and reads at any offset and length keep
 * the neighbouring bytes, zeroing (discard or Write Zeroes) with partial
 * edge blocks, the disk's end, device errors as -EIO and counted,
 * concurrent partial writes into one block, and the polled mode.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ktest.h"
#include "ksim/blkdev.h"
#include "nvme-model/ksim_nvme.h"
#include "sim/diskio.h"
#include "sim/loader.h"

TestSuite(diskio, .init = ktest_boot, .fini = ktest_shutdown, .timeout = 120);

struct machine {
	struct ksim_nvme_ctrl *ctrl;
	struct ksim_loaded_module *core, *pci;
	struct ksim_diskio d512, d4k;
};

static void insmod(const char *name, const char *arg, struct ksim_loaded_module **out)
{
	struct ksim_module_arg a = { .text = arg, .origin = "test" };
	const char *tree = getenv("KSIM_OBJTREE");
	char path[512], err[256];
	int ret;

	snprintf(path, sizeof(path), "%s/drivers/nvme/host/%s", tree && *tree ? tree : ".", name);
	ret = ksim_insmod(path, &a, arg ? 1 : 0, out, err, sizeof(err));
	cr_assert_eq(ret, 0, "insmod %s: %d %s", path, ret, err);
}

/* nvme0n1: 16 MiB of 512-byte blocks; nvme0n2: 16 MiB of 4096-byte blocks. */
static void up(struct machine *m, const char *fault, const char *pci_arg)
{
	struct ksim_nvme_config cfg;

	memset(m, 0, sizeof(*m));
	ksim_nvme_config_init(&cfg);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "queues", "2", NULL, 0), 0);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "ns1.size", "16M", NULL, 0), 0);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "ns2.size", "16M", NULL, 0), 0);
	cr_assert_eq(ksim_nvme_config_set(&cfg, "ns2.lba_size", "4096", NULL, 0), 0);
	if (fault)
		cr_assert_eq(ksim_nvme_config_set(&cfg, "fault", fault, NULL, 0), 0);
	cr_assert_eq(ksim_nvme_create("nvme0", &cfg, &m->ctrl), 0);
	insmod("nvme-core.ko", NULL, &m->core);
	insmod("nvme.ko", pci_arg, &m->pci);
	cr_assert_eq(ksim_diskio_open(&m->d512, "nvme0n1"), 0);
	cr_assert_eq(ksim_diskio_open(&m->d4k, "nvme0n2"), 0);
}

static void down(struct machine *m)
{
	/* See test_nvme_driver.c: let the last interrupt handler return. */
	ktest_sleep_ms(50);
	ksim_diskio_close(&m->d512);
	ksim_diskio_close(&m->d4k);
	ksim_rmmod(m->pci);
	ksim_rmmod(m->core);
	ksim_nvme_destroy(m->ctrl);
	cr_assert_eq(ksim_report_total(), 0, "no report");
}

static void pattern(unsigned char *p, size_t len, unsigned int seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (unsigned char)(seed * 37 + i * 11 + (i >> 8));
}

Test(diskio, geometry)
{
	struct machine m;

	up(&m, NULL, NULL);
	cr_assert_eq(m.d512.capacity, 16u << 20);
	cr_assert_eq(m.d512.lbs, 512);
	cr_assert_eq(m.d4k.lbs, 4096);
	cr_assert_str_eq(m.d4k.name, "nvme0n2");
	cr_assert_eq(ksim_diskio_open(&(struct ksim_diskio){ 0 }, "nvme9n9"), -ENODEV);
	down(&m);
}

/* Unaligned writes on both block sizes keep every byte around them. */
Test(diskio, unaligned_write_keeps_neighbours)
{
	static unsigned char base[64 << 10], want[64 << 10], got[64 << 10], data[10000];
	struct ksim_diskio *disks[2];
	struct machine m;
	int k;

	up(&m, NULL, NULL);
	disks[0] = &m.d512;
	disks[1] = &m.d4k;
	for (k = 0; k < 2; k++) {
		struct ksim_diskio *d = disks[k];
		static const struct { uint64_t off; size_t len; } cases[] = {
			{ 1, 1 }, { 4095, 2 }, { 100, 10000 }, { 8192, 1 }, { 12287, 4097 },
			{ 512, 512 }, { 30000, 3 },
		};

		pattern(base, sizeof(base), 1 + k);
		cr_assert_eq(ksim_diskio_write(d, base, 0, sizeof(base), 0), 0);
		memcpy(want, base, sizeof(want));
		for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
			pattern(data, cases[i].len, 100 + i);
			cr_assert_eq(ksim_diskio_write(d, data, cases[i].off, cases[i].len, 0), 0,
				     "%s: write %zu@%llu", d->name, cases[i].len,
				     (unsigned long long)cases[i].off);
			memcpy(want + cases[i].off, data, cases[i].len);
		}
		cr_assert_eq(ksim_diskio_read(d, got, 0, sizeof(got)), 0);
		cr_assert_eq(memcmp(got, want, sizeof(want)), 0, "%s: contents", d->name);
		/* unaligned reads see the same bytes */
		cr_assert_eq(ksim_diskio_read(d, got, 4093, 7), 0);
		cr_assert_eq(memcmp(got, want + 4093, 7), 0);
	}
	down(&m);
}

/* Zeroing: discard or Write Zeroes for whole blocks, RMW at the edges. */
Test(diskio, zero_ranges_with_partial_edges)
{
	static unsigned char base[64 << 10], got[64 << 10];
	struct machine m;
	struct ksim_diskio_stats st;
	int discard;

	up(&m, NULL, NULL);
	for (discard = 0; discard < 2; discard++) {
		struct ksim_diskio *d = discard ? &m.d4k : &m.d512;

		pattern(base, sizeof(base), 7);
		cr_assert_eq(ksim_diskio_write(d, base, 0, sizeof(base), 0), 0);
		cr_assert_eq(ksim_diskio_zero(d, 1000, 20000, discard), 0);	/* edges + blocks */
		cr_assert_eq(ksim_diskio_zero(d, 40001, 10, discard), 0);	/* inside one block */
		memset(base + 1000, 0, 20000);
		memset(base + 40001, 0, 10);
		cr_assert_eq(ksim_diskio_read(d, got, 0, sizeof(got)), 0);
		cr_assert_eq(memcmp(got, base, sizeof(base)), 0, "%s: zeroed contents", d->name);
	}
	ksim_diskio_get_stats(&m.d4k, &st);
	cr_assert_eq(st.discards, 1);
	ksim_diskio_get_stats(&m.d512, &st);
	cr_assert_eq(st.write_zeroes, 1);
	cr_assert_gt(ksim_nvme_event_count(m.ctrl, "nvme_dsm"), 0);
	cr_assert_gt(ksim_nvme_event_count(m.ctrl, "nvme_write_zeroes"), 0);
	down(&m);
}

Test(diskio, end_of_disk)
{
	unsigned char buf[1024] = { 0 };
	struct machine m;
	int err;

	up(&m, NULL, NULL);
	cr_assert_eq(ksim_diskio_write(&m.d512, buf, (16u << 20) - 100, 100, 0), 0);
	cr_assert_eq(ksim_diskio_write(&m.d512, buf, (16u << 20) - 100, 101, 0), -ENOSPC);
	cr_assert_eq(ksim_diskio_read(&m.d512, buf, 16u << 20, 1), -ENOSPC);
	cr_assert_null(ksim_diskio_read_ref(&m.d512, ~0ULL - 10, 100, &err));
	cr_assert_eq(err, -ENOSPC);
	cr_assert_eq(ksim_diskio_zero(&m.d512, 16u << 20, 512, false), -ENOSPC);
	cr_assert_eq(ksim_diskio_flush(&m.d512), 0);
	down(&m);
}

/* An Unrecovered Read Error (no retry) is -EIO and counted; writes still work. */
Test(diskio, device_error_is_eio)
{
	unsigned char buf[4096];
	struct ksim_diskio_stats st;
	struct machine m;

	up(&m, "read:every=1:sc=0x281:dnr", NULL);
	memset(buf, 0x5a, sizeof(buf));
	cr_assert_eq(ksim_diskio_write(&m.d512, buf, 0, sizeof(buf), 0), 0);
	cr_assert_eq(ksim_diskio_read(&m.d512, buf, 0, sizeof(buf)), -EIO);
	/* a partial write needs a read first: it fails too, and writes nothing */
	cr_assert_eq(ksim_diskio_write(&m.d512, buf, 1, 10, 0), -EIO);
	ksim_diskio_get_stats(&m.d512, &st);
	cr_assert_eq(st.errors, 2);
	cr_assert_eq(st.writes, 1);
	down(&m);
}

struct racer {
	struct ksim_diskio *d;
	unsigned int index;
};

/* Each thread owns one byte of the same block and writes it many times. */
static void *race(void *arg)
{
	struct racer *r = arg;

	for (unsigned char v = 1; v <= 50; v++)
		if (ksim_diskio_write(r->d, &v, 100 + r->index, 1, 0))
			return (void *)1;
	return NULL;
}

Test(diskio, concurrent_partial_writes_into_one_block)
{
	struct racer r[4];
	pthread_t t[4];
	unsigned char got[4];
	struct machine m;
	int i;

	up(&m, NULL, NULL);
	for (i = 0; i < 4; i++) {
		r[i] = (struct racer){ .d = &m.d4k, .index = i };
		pthread_create(&t[i], NULL, race, &r[i]);
	}
	for (i = 0; i < 4; i++) {
		void *ret;

		pthread_join(t[i], &ret);
		cr_assert_null(ret, "thread %d: a write failed", i);
	}
	cr_assert_eq(ksim_diskio_read(&m.d4k, got, 100, 4), 0);
	for (i = 0; i < 4; i++)
		cr_assert_eq(got[i], 50, "byte %d lost an update (%u)", i, got[i]);
	down(&m);
}

/* Polled: on a poll queue when the driver has one, else back to interrupts. */
Test(diskio, polled_with_and_without_poll_queues)
{
	unsigned char buf[8192], got[8192];
	struct machine m;

	up(&m, NULL, "poll_queues=1");
	m.d512.polled = true;
	pattern(buf, sizeof(buf), 3);
	cr_assert_eq(ksim_diskio_write(&m.d512, buf, 3, sizeof(buf), 0), 0);
	cr_assert_eq(ksim_diskio_read(&m.d512, got, 3, sizeof(got)), 0);
	cr_assert_eq(memcmp(buf, got, sizeof(buf)), 0);
	cr_assert(m.d512.polled, "poll queues exist: still polled");
	down(&m);

	up(&m, NULL, NULL);
	m.d512.polled = true;
	cr_assert_eq(ksim_diskio_write(&m.d512, buf, 0, sizeof(buf), 0), 0);
	cr_assert_eq(ksim_diskio_read(&m.d512, got, 0, sizeof(got)), 0);
	cr_assert_eq(memcmp(buf, got, sizeof(buf)), 0);
	cr_assert_not(m.d512.polled, "no poll queues: back to interrupts");
	down(&m);
}
