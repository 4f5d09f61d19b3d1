// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_mmio.c - drivers/pci/mmio.c: cookies, accessors reaching
 * the model with the right BAR/offset/size, bad accesses reported, MSI-X
 * table emulated, surprise removal.
 */
#include "ktest.h"
#include "fakedev.h"

#include <stdio.h>
#include <time.h>
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>

TestSuite(mmio, .init = ktest_boot, .fini = ktest_shutdown);

static struct pci_dev *probed;

static int t_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	probed = pdev;
	return pci_enable_device(pdev);
}

static void t_remove(struct pci_dev *pdev)
{
	pci_disable_device(pdev);
}

static const struct pci_device_id ids[] = { { PCI_DEVICE(FAKE_VENDOR, FAKE_DEVICE) }, { 0, } };
static struct pci_driver drv = { .name = "tmmio", .id_table = ids, .probe = t_probe,
				 .remove = t_remove };

static void setup(struct fakedev *fd)
{
	cr_assert_eq(pci_register_driver(&drv), 0);
	cr_assert_eq(fakedev_add(fd), 0);
	cr_assert_not_null(probed);
}

static void teardown(struct fakedev *fd)
{
	ksim_pci_remove_device(fd->kdev);
	pci_unregister_driver(&drv);
}

Test(mmio, accesses_reach_model)
{
	struct fakedev fd = { 0 };
	void __iomem *bar0, *bar2;

	setup(&fd);
	bar0 = pci_iomap(probed, 0, 0);
	bar2 = pci_iomap(probed, 2, 0);
	cr_assert_not_null(bar0);
	/* Not a host pointer: bits 63-48 make it non-canonical. */
	cr_assert_neq((uintptr_t)bar0 >> 48, 0);
	cr_assert_neq((uintptr_t)bar0 >> 48, 0xffff);

	writel(0xdeadbeef, bar0 + FAKE_SCRATCH);
	cr_assert_eq(fd.last_bar, 0);
	cr_assert_eq(fd.last_off, FAKE_SCRATCH);
	cr_assert_eq(fd.last_size, 4);
	cr_assert_eq(readl(bar0 + FAKE_SCRATCH), 0xdeadbeef);
	cr_assert_eq(readb(bar0 + FAKE_SCRATCH), 0xef);
	cr_assert_eq(fd.last_size, 1);
	writeq(0x1122334455667788ULL, bar0 + FAKE_SCRATCH);
	cr_assert_eq(fd.last_size, 8);
	cr_assert_eq(readq(bar0 + FAKE_SCRATCH), 0x1122334455667788ULL);
	cr_assert_eq(ioread16(bar0 + FAKE_SCRATCH), 0x7788);
	iowrite32(5, bar0 + FAKE_DMA_LEN);
	cr_assert_eq(fd.dma_len, 5);
	lo_hi_writeq(0xaabbccdd00112233ULL, bar0 + FAKE_DMA_ADDR);
	cr_assert_eq(fd.dma_addr, 0xaabbccdd00112233ULL);
	cr_assert_eq(lo_hi_readq(bar0 + FAKE_DMA_ADDR), 0xaabbccdd00112233ULL);
	readl(bar2 + 0x10);
	cr_assert_eq(fd.last_bar, 2);
	cr_assert_eq(fd.last_off, 0x10);

	/* A window: pci_iomap_range starts at an offset. */
	{
		void __iomem *win = pci_iomap_range(probed, 0, FAKE_DMA_LEN, 0x10);

		writel(9, win);
		cr_assert_eq(fd.dma_len, 9);
		pci_iounmap(probed, win);
	}
	pci_iounmap(probed, bar0);
	pci_iounmap(probed, bar2);
	teardown(&fd);
}

/*
 * Within a machine the cookies move on (a stale one most likely finds its
 * slot empty); a new machine starts from the same first cookie, so the
 * same run maps the same way in every machine of a process (fuzzing's
 * stability: the cursor used to wrap once every 4095 executions).
 */
Test(mmio, cookies_start_over_in_a_new_machine)
{
	struct fakedev fd = { 0 }, fd2 = { 0 };
	void __iomem *first, *next;

	setup(&fd);
	first = pci_iomap(probed, 0, 0);
	cr_assert_not_null(first);
	pci_iounmap(probed, first);
	next = pci_iomap(probed, 0, 0);
	cr_assert_not_null(next);
	cr_assert_neq(next, first);
	pci_iounmap(probed, next);
	teardown(&fd);
	ktest_shutdown();

	ktest_boot();
	probed = NULL;
	setup(&fd2);
	next = pci_iomap(probed, 0, 0);
	cr_assert_eq(next, first, "a new machine's first cookie %p, the last machine's %p",
		     next, first);
	pci_iounmap(probed, next);
	teardown(&fd2);
}

Test(mmio, outside_bar_reported)
{
	struct fakedev fd = { 0 };
	void __iomem *bar2;
	unsigned long writes;

	ktest_expect_reports(KSIM_REPORT_MMIO, 4);
	setup(&fd);
	bar2 = pci_iomap(probed, 2, 0);
	writes = fd.writes;
	cr_assert_eq(readl(bar2 + FAKE_BAR2_SIZE), 0xffffffff);
	cr_assert(ksim_dmesg_contains("Bad IO access at address"));
	cr_assert(ksim_dmesg_contains("beyond the mapping of BAR2"));
	writel(1, bar2 + FAKE_BAR2_SIZE - 2);	/* straddles the end */
	cr_assert_eq(fd.writes, writes, "a bad write reached the model");
	cr_assert_eq(readw(bar2 + 1), 0xffff);	/* misaligned */
	pci_iounmap(probed, bar2);
	cr_assert_eq(readl(bar2), 0xffffffff);	/* after pci_iounmap */
	cr_assert(ksim_dmesg_contains("caller is"));
	teardown(&fd);
}

Test(mmio, bus_master_half_reports_outside_bar)
{
	struct fakedev fd = { 0 };

	ktest_expect_reports(KSIM_REPORT_MMIO, 1);
	setup(&fd);
	cr_assert_eq(ksim_pci_mmio_read(fd.kdev, 4, 0, 4), 0xffffffff);
	ksim_pci_mmio_write(fd.kdev, 0, FAKE_SCRATCH, 3, 8);
	cr_assert_eq(ksim_pci_mmio_read(fd.kdev, 0, FAKE_SCRATCH, 8), 3);
	teardown(&fd);
}

Test(mmio, msix_table_emulated)
{
	struct fakedev fd = { 0 };
	void __iomem *bar0;
	struct ksim_pci_stats st;

	setup(&fd);
	bar0 = pci_iomap(probed, 0, 0);
	/* Out of reset every vector is masked. */
	cr_assert_eq(readl(bar0 + FAKE_MSIX_TABLE + 16 * 3 + PCI_MSIX_ENTRY_VECTOR_CTRL), 1);
	writel(0x4242, bar0 + FAKE_MSIX_TABLE + 16 * 3 + PCI_MSIX_ENTRY_DATA);
	cr_assert_eq(readl(bar0 + FAKE_MSIX_TABLE + 16 * 3 + PCI_MSIX_ENTRY_DATA), 0x4242);
	cr_assert_eq(fd.msix_seen, 0, "the model saw MSI-X table accesses");
	/* A raised masked vector shows in the PBA. */
	writel(3, bar0 + FAKE_DOORBELL);
	cr_assert_eq(readq(bar0 + FAKE_MSIX_PBA), 1ULL << 3);
	writel(0, bar0 + FAKE_MSIX_PBA);	/* read-only */
	cr_assert_eq(readq(bar0 + FAKE_MSIX_PBA), 1ULL << 3);
	ksim_pci_get_stats(fd.kdev, &st);
	cr_assert_eq(st.msix_raised, 1);
	cr_assert_eq(st.msix_pended, 1);
	cr_assert_eq(st.msix_delivered, 0);
	pci_iounmap(probed, bar0);
	teardown(&fd);
}

Test(mmio, surprise_removal_reads_ones_drops_writes)
{
	struct fakedev fd = { 0 };
	void __iomem *bar0;
	unsigned long writes;

	setup(&fd);
	bar0 = pci_iomap(probed, 0, 0);
	writel(7, bar0 + FAKE_SCRATCH);
	ksim_pci_surprise_remove(fd.kdev);
	cr_assert(!pci_device_is_present(probed));
	writes = fd.writes;
	writel(8, bar0 + FAKE_SCRATCH);
	cr_assert_eq(fd.writes, writes);
	cr_assert_eq(readl(bar0 + FAKE_SCRATCH), 0xffffffff);
	cr_assert_eq(readb(bar0 + FAKE_SCRATCH), 0xff);
	cr_assert_eq(readq(bar0 + FAKE_SCRATCH), ~0ULL);
	cr_assert_eq(fd.scratch, 7);
	pci_iounmap(probed, bar0);
	teardown(&fd);
}

Test(mmio, ioremap_of_bar_address)
{
	struct fakedev fd = { 0 };
	void __iomem *p;

	setup(&fd);
	p = ioremap(pci_resource_start(probed, 0) + FAKE_SCRATCH, 8);
	cr_assert_not_null(p);
	writel(0x55, p);
	cr_assert_eq(fd.scratch, 0x55);
	iounmap(p);
	teardown(&fd);
}

Test(mmio, doorbell_cost)
{
	struct fakedev fd = { 0 };
	void __iomem *bar0;
	struct timespec a, b;
	const long n = 1000000;
	long i;

	setup(&fd);
	bar0 = pci_iomap(probed, 0, 0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		writel(i, bar0 + FAKE_DMA_LEN);
	clock_gettime(CLOCK_MONOTONIC, &b);
	cr_log_info("writel doorbell: %.1f ns/call\n",
		    ((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n);
	fprintf(stderr, "writel doorbell: %.1f ns/call\n",
		((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n);
	cr_assert_eq(fd.dma_len, (uint32_t)(n - 1));
	pci_iounmap(probed, bar0);
	teardown(&fd);
}
