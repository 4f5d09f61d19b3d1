// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_dma.c - kernel/dma/mapping.c: the DMA API over the
 * IOMMU and its DMA-API debug checks, with a driver bound to the fake
 * device which performs the DMA.
 */
#include "ktest.h"
#include "fakedev.h"

#include <linux/pci.h>
#include <linux/dma-mapping.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/io-64-nonatomic-lo-hi.h>

TestSuite(dma, .init = ktest_boot, .fini = ktest_shutdown);

static struct pci_dev *pdev;
static struct fakedev fd;
static void __iomem *bar0;

static int t_probe(struct pci_dev *p, const struct pci_device_id *id)
{
	pdev = p;
	cr_assert_eq(pcim_enable_device(p), 0);
	pci_set_master(p);
	bar0 = pcim_iomap(p, 0, 0);
	return bar0 ? 0 : -ENOMEM;
}

static const struct pci_device_id ids[] = { { PCI_DEVICE(FAKE_VENDOR, FAKE_DEVICE) }, { 0, } };
static struct pci_driver drv = { .name = "tdma", .id_table = ids, .probe = t_probe };

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

/* Let the device do DMA: dir 1 reads memory into fd.buf, 2 writes fd.buf. */
static int device_dma(dma_addr_t addr, u32 len, u32 dir)
{
	lo_hi_writeq(addr, bar0 + FAKE_DMA_ADDR);
	writel(len, bar0 + FAKE_DMA_LEN);
	writel(dir, bar0 + FAKE_DMA_DIR);
	writel(1, bar0 + FAKE_DMA_GO);
	return (int)readl(bar0 + FAKE_DMA_RESULT);
}

Test(dma, masks)
{
	setup();
	cr_assert_eq(dma_get_mask(&pdev->dev), DMA_BIT_MASK(32));
	cr_assert_eq(dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(24)), -EIO);
	cr_assert_eq(dma_set_mask_and_coherent(&pdev->dev, DMA_BIT_MASK(64)), 0);
	cr_assert_eq(dma_get_mask(&pdev->dev), DMA_BIT_MASK(64));
	cr_assert_eq(pdev->dev.coherent_dma_mask, DMA_BIT_MASK(64));
	teardown();
}

Test(dma, coherent_zeroed_and_shared)
{
	dma_addr_t h;
	u8 *p;

	setup();
	p = dma_alloc_coherent(&pdev->dev, 3000, &h, GFP_KERNEL);
	cr_assert_not_null(p);
	cr_assert_eq((uintptr_t)p & 4095, 0, "page aligned");
	for (int i = 0; i < 3000; i++)
		cr_assert_eq(p[i], 0);
	cr_assert_neq(h, (dma_addr_t)(uintptr_t)p);
	memset(fd.buf, 0x5a, 100);
	cr_assert_eq(device_dma(h + 8, 100, 2), 0);
	cr_assert_eq(p[8], 0x5a);
	p[200] = 0x77;
	cr_assert_eq(device_dma(h + 200, 1, 1), 0);
	cr_assert_eq(fd.buf[0], 0x77);
	dma_free_coherent(&pdev->dev, 3000, p, h);
	cr_assert_eq(ksim_iommu_nr_mappings(fd.kdev), 0);
	teardown();
}

Test(dma, map_single_to_device_is_read_only)
{
	char *buf = kmalloc(512, GFP_KERNEL);
	dma_addr_t a;

	ktest_expect_reports(KSIM_REPORT_IOMMU, 1);
	setup();
	memset(buf, 'q', 512);
	a = dma_map_single(&pdev->dev, buf, 512, DMA_TO_DEVICE);
	cr_assert_eq(dma_mapping_error(&pdev->dev, a), 0);
	cr_assert_eq(device_dma(a, 512, 1), 0);
	cr_assert_eq(fd.buf[511], 'q');
	memset(fd.buf, 'X', 512);
	cr_assert_eq(device_dma(a, 16, 2), -EFAULT);
	cr_assert_eq(buf[0], 'q', "a faulted write changed memory");
	/* unmapped now: the device reads fault too */
	dma_unmap_single(&pdev->dev, a, 512, DMA_TO_DEVICE);
	kfree(buf);
	teardown();
}

Test(dma, unmapped_and_beyond_mask_fault)
{
	ktest_expect_reports(KSIM_REPORT_IOMMU, 2);
	setup();
	cr_assert_eq(device_dma(0x90001000ULL, 8, 1), -EFAULT);
	cr_assert_eq(device_dma(0x200000000ULL, 8, 1), -EFAULT);
	teardown();
}

Test(dma, unmap_with_wrong_size_and_direction)
{
	char *buf = kmalloc(256, GFP_KERNEL);
	dma_addr_t a;

	ktest_expect_reports(KSIM_REPORT_DMA, 2);
	setup();
	a = dma_map_single(&pdev->dev, buf, 256, DMA_FROM_DEVICE);
	cr_assert(!dma_mapping_error(&pdev->dev, a));
	dma_unmap_single(&pdev->dev, a, 128, DMA_TO_DEVICE);
	cr_assert(ksim_dmesg_contains("DMA-API: tdma 0000:00:04.0: device driver frees DMA memory with different size"));
	cr_assert(ksim_dmesg_contains("[map size=256 bytes] [unmap size=128 bytes]"));
	cr_assert(ksim_dmesg_contains("[mapped with DMA_FROM_DEVICE] [unmapped with DMA_TO_DEVICE]"));
	cr_assert_eq(ksim_iommu_nr_mappings(fd.kdev), 0, "the mapping stays");
	kfree(buf);
	teardown();
}

Test(dma, unmap_never_mapped)
{
	ktest_expect_reports(KSIM_REPORT_DMA, 1);
	setup();
	dma_unmap_page(&pdev->dev, 0x80004000ULL, 4096, DMA_TO_DEVICE);
	cr_assert(ksim_dmesg_contains("device driver tries to free DMA memory it has not allocated [device address=0x0000000080004000] [size=4096 bytes]"));
	teardown();
}

Test(dma, mapping_error_not_checked)
{
	char *buf = kmalloc(64, GFP_KERNEL);
	dma_addr_t a;

	ktest_expect_reports(KSIM_REPORT_DMA, 1);
	setup();
	a = dma_map_single(&pdev->dev, buf, 64, DMA_BIDIRECTIONAL);
	dma_unmap_single(&pdev->dev, a, 64, DMA_BIDIRECTIONAL);
	cr_assert(ksim_dmesg_contains("device driver failed to check map error"));
	/* Checked: no report. */
	a = dma_map_single(&pdev->dev, buf, 64, DMA_BIDIRECTIONAL);
	cr_assert(!dma_mapping_error(&pdev->dev, a));
	dma_unmap_single(&pdev->dev, a, 64, DMA_BIDIRECTIONAL);
	kfree(buf);
	teardown();
}

static noinline dma_addr_t leaky_mapper(struct device *dev, void *buf)
{
	return dma_map_single(dev, buf, 32, DMA_TO_DEVICE);
}

Test(dma, live_mapping_at_unbind_names_call_site)
{
	char *buf = kmalloc(64, GFP_KERNEL);
	dma_addr_t a;

	ktest_expect_reports(KSIM_REPORT_DMA, 1);
	setup();
	a = leaky_mapper(&pdev->dev, buf);
	cr_assert(!dma_mapping_error(&pdev->dev, a));
	pci_unregister_driver(&drv);
	cr_assert(ksim_dmesg_contains("device driver has pending DMA allocations while released from device [count=1]"));
	cr_assert(ksim_dmesg_contains("leaky_mapper"));
	cr_assert_eq(ksim_iommu_nr_mappings(fd.kdev), 0);
	ksim_pci_remove_device(fd.kdev);
	kfree(buf);
}

Test(dma, coherent_free_wrong_size)
{
	dma_addr_t h;
	void *p;

	ktest_expect_reports(KSIM_REPORT_DMA, 1);
	setup();
	p = dma_alloc_coherent(&pdev->dev, 8192, &h, GFP_KERNEL);
	dma_free_coherent(&pdev->dev, 4096, p, h);
	cr_assert(ksim_dmesg_contains("[map size=8192 bytes] [unmap size=4096 bytes]"));
	teardown();
}

Test(dma, map_sg_multi_entry)
{
	struct scatterlist sg[3], *s;
	char *bufs[3];
	int i, n;

	setup();
	sg_init_table(sg, 3);
	for (i = 0; i < 3; i++) {
		bufs[i] = kmalloc(300, GFP_KERNEL);
		memset(bufs[i], 'A' + i, 300);
		sg_set_buf(&sg[i], bufs[i], 100 + i);
	}
	n = dma_map_sg(&pdev->dev, sg, 3, DMA_TO_DEVICE);
	cr_assert_eq(n, 3);
	for_each_sg(sg, s, n, i) {
		cr_assert_eq(sg_dma_len(s), 100 + i);
		cr_assert_eq(device_dma(sg_dma_address(s), sg_dma_len(s), 1), 0);
		cr_assert_eq(fd.buf[99 + i], 'A' + i);
	}
	dma_sync_sg_for_cpu(&pdev->dev, sg, 3, DMA_TO_DEVICE);
	dma_unmap_sg(&pdev->dev, sg, 3, DMA_TO_DEVICE);
	cr_assert_eq(ksim_iommu_nr_mappings(fd.kdev), 0);
	for (i = 0; i < 3; i++)
		kfree(bufs[i]);
	teardown();
}

Test(dma, sync_checks)
{
	char *buf = kmalloc(128, GFP_KERNEL);
	dma_addr_t a;

	ktest_expect_reports(KSIM_REPORT_DMA, 2);
	setup();
	a = dma_map_single(&pdev->dev, buf, 128, DMA_TO_DEVICE);
	cr_assert(!dma_mapping_error(&pdev->dev, a));
	dma_sync_single_for_device(&pdev->dev, a + 64, 64, DMA_TO_DEVICE);	/* fine */
	dma_sync_single_for_cpu(&pdev->dev, a, 128, DMA_FROM_DEVICE);
	cr_assert(ksim_dmesg_contains("syncs DMA memory with different direction"));
	dma_sync_single_for_cpu(&pdev->dev, 0x9000, 4, DMA_TO_DEVICE);
	cr_assert(ksim_dmesg_contains("tries to sync DMA memory it has not allocated"));
	dma_unmap_single(&pdev->dev, a, 128, DMA_TO_DEVICE);
	kfree(buf);
	teardown();
}
