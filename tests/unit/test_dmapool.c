// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_dmapool.c - kernel/dma/dmapool.c: alignment, boundary,
 * reuse, zeroing, device access, and the busy-destroy report.
 */
#include "ktest.h"
#include "fakedev.h"

#include <linux/pci.h>
#include <linux/dmapool.h>

TestSuite(dmapool, .init = ktest_boot, .fini = ktest_shutdown);

static struct pci_dev *pdev;
static struct fakedev fd;

static int t_probe(struct pci_dev *p, const struct pci_device_id *id)
{
	pdev = p;
	pci_set_master(p);
	return 0;
}

static const struct pci_device_id ids[] = { { PCI_DEVICE(FAKE_VENDOR, FAKE_DEVICE) }, { 0, } };
static struct pci_driver drv = { .name = "tpool", .id_table = ids, .probe = t_probe };

static void setup(void)
{
	memset(&fd, 0, sizeof(fd));
	cr_assert_eq(pci_register_driver(&drv), 0);
	cr_assert_eq(fakedev_add(&fd), 0);
}

static void teardown(void)
{
	pci_unregister_driver(&drv);
	ksim_pci_remove_device(fd.kdev);
}

Test(dmapool, aligned_and_within_boundary)
{
	struct dma_pool *pool;
	void *v[64];
	dma_addr_t d[64];
	int i;

	setup();
	pool = dma_pool_create("prp", &pdev->dev, 96, 32, 256);
	cr_assert_not_null(pool);
	for (i = 0; i < 64; i++) {
		v[i] = dma_pool_zalloc(pool, GFP_KERNEL, &d[i]);
		cr_assert_not_null(v[i]);
		cr_assert_eq(d[i] % 32, 0, "misaligned block");
		cr_assert_eq((uintptr_t)v[i] % 32, 0);
		cr_assert_eq(d[i] / 256, (d[i] + 95) / 256, "block crosses the boundary");
		cr_assert_eq(((u8 *)v[i])[95], 0);
		cr_assert_eq(ksim_dma_translate(fd.kdev, d[i], 96, KSIM_DMA_FROM_DEVICE,
						&(int){0}), v[i], "device and CPU disagree");
		memset(v[i], 0xee, 96);
	}
	for (i = 0; i < 64; i++)
		for (int j = i + 1; j < 64; j++)
			cr_assert_neq(d[i], d[j]);
	{
		dma_addr_t old = d[5];

		dma_pool_free(pool, v[5], d[5]);
		v[5] = dma_pool_alloc(pool, GFP_KERNEL, &d[5]);
		cr_assert_eq(d[5], old, "a freed block was not reused");
	}
	for (i = 0; i < 64; i++)
		dma_pool_free(pool, v[i], d[i]);
	dma_pool_destroy(pool);
	teardown();
}

Test(dmapool, destroy_busy_and_bad_free_reported)
{
	struct dma_pool *pool;
	dma_addr_t d;
	void *v;

	ktest_expect_reports(KSIM_REPORT_DMA, 2);
	setup();
	pool = dma_pool_create("busy", &pdev->dev, 64, 8, 0);
	v = dma_pool_alloc(pool, GFP_KERNEL, &d);
	cr_assert_not_null(v);
	dma_pool_free(pool, v, d + 8);
	cr_assert(ksim_dmesg_contains("dma_pool_free busy"));
	dma_pool_destroy(pool);
	cr_assert(ksim_dmesg_contains("dma_pool_destroy busy"));
	teardown();
}
