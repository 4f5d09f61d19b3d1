// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_iommu.c - drivers/iommu/iommu.c through the platform's
 * bus-master half: bus addresses, translation, and every fault kind.
 */
#include "ktest.h"
#include "fakedev.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <uapi/linux/pci_regs.h>

TestSuite(iommu, .init = ktest_boot, .fini = ktest_shutdown);

static void enable_master(struct fakedev *fd)
{
	cr_assert_eq(ksim_pci_config_write(fd->kdev, PCI_COMMAND, 2,
					   PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER), 0);
	cr_assert(ksim_pci_bus_master_enabled(fd->kdev));
}

Test(iommu, map_read_write_roundtrip)
{
	struct fakedev fd = { 0 };
	char *mem = aligned_alloc(4096, 8192);
	char buf[64];
	uint64_t iova, iova2;
	size_t len;
	enum ksim_dma_dir dir;

	cr_assert_eq(fakedev_add(&fd), 0);
	enable_master(&fd);
	memset(mem, 'a', 8192);
	cr_assert_eq(ksim_iommu_map(fd.kdev, mem + 100, 200, KSIM_DMA_BIDIRECTIONAL, &iova), 0);
	cr_assert_eq(iova & 4095, 100, "page offset kept");
	cr_assert_neq(iova, (uintptr_t)(mem + 100), "an iova is not a host pointer");
	cr_assert_leq(iova + 199, 0xffffffffULL, "within the default 32-bit mask");
	cr_assert_eq(ksim_iommu_nr_mappings(fd.kdev), 1);
	cr_assert_eq(ksim_dma_read(fd.kdev, iova + 10, buf, 64), 0);
	cr_assert_eq(buf[0], 'a');
	memset(buf, 'z', sizeof(buf));
	cr_assert_eq(ksim_dma_write(fd.kdev, iova + 136, buf, 64), 0);
	cr_assert_eq(mem[100 + 136], 'z');
	cr_assert_eq(mem[100 + 135], 'a');
	cr_assert_eq(ksim_dma_translate(fd.kdev, iova, 200, KSIM_DMA_TO_DEVICE, &(int){0}), mem + 100);

	/* A wider mask moves new mappings above 4 GiB. */
	ksim_iommu_set_mask(fd.kdev, ~0ULL);
	cr_assert_eq(ksim_iommu_map(fd.kdev, mem, 8192, KSIM_DMA_TO_DEVICE, &iova2), 0);
	cr_assert_gt(iova2, 0xffffffffULL);
	cr_assert_eq(ksim_iommu_unmap(fd.kdev, iova2, &len, &dir), 0);
	cr_assert_eq(len, 8192);
	cr_assert_eq(dir, KSIM_DMA_TO_DEVICE);
	cr_assert_eq(ksim_iommu_unmap(fd.kdev, iova + 1, NULL, NULL), -ENOENT);
	cr_assert_eq(ksim_iommu_unmap(fd.kdev, iova, NULL, NULL), 0);
	cr_assert_eq(ksim_iommu_nr_mappings(fd.kdev), 0);
	ksim_pci_remove_device(fd.kdev);
	free(mem);
}

Test(iommu, faults)
{
	struct fakedev fd = { 0 };
	char *mem = aligned_alloc(4096, 8192);
	char buf[256] = { 0 };
	uint64_t to_dev, from_dev;
	struct ksim_pci_stats st;
	int err = 0;

	ktest_expect_reports(KSIM_REPORT_IOMMU, 7);
	cr_assert_eq(fakedev_add(&fd), 0);
	memset(mem, 'm', 8192);
	cr_assert_eq(ksim_iommu_map(fd.kdev, mem, 4096, KSIM_DMA_TO_DEVICE, &to_dev), 0);
	cr_assert_eq(ksim_iommu_map(fd.kdev, mem + 4096, 4096, KSIM_DMA_FROM_DEVICE, &from_dev), 0);

	/* 1: bus mastering still off */
	cr_assert_eq(ksim_dma_read(fd.kdev, to_dev, buf, 16), -EFAULT);
	cr_assert(ksim_dmesg_contains("Bus mastering disabled"));
	enable_master(&fd);
	/* 2: device writes a DMA_TO_DEVICE mapping; memory unchanged */
	cr_assert_eq(ksim_dma_write(fd.kdev, to_dev, buf, 16), -EFAULT);
	cr_assert_eq(mem[0], 'm');
	cr_assert(ksim_dmesg_contains("DMAR: [DMA Write NO_PASID] Request device [0000:00:04.0] fault addr"));
	cr_assert(ksim_dmesg_contains("is DMA_TO_DEVICE"));
	/* 3: device reads a DMA_FROM_DEVICE mapping */
	cr_assert_eq(ksim_dma_read(fd.kdev, from_dev, buf, 16), -EFAULT);
	/* 4: never mapped */
	cr_assert_null(ksim_dma_translate(fd.kdev, 0x90000000ULL, 8, KSIM_DMA_TO_DEVICE, &err));
	cr_assert_eq(err, -EFAULT);
	cr_assert(ksim_dmesg_contains("not mapped"));
	/* 5: partly mapped: runs off the end into the guard page */
	cr_assert_eq(ksim_dma_read(fd.kdev, to_dev + 4000, buf, 200), -EFAULT);
	cr_assert(ksim_dmesg_contains("partly mapped"));
	/* 6: beyond the mask */
	cr_assert_eq(ksim_dma_read(fd.kdev, 0x100000000ULL, buf, 4), -EFAULT);
	cr_assert(ksim_dmesg_contains("beyond the device's DMA mask"));
	/* 7: after surprise removal (reported once) */
	ksim_pci_surprise_remove(fd.kdev);
	cr_assert_eq(ksim_dma_read(fd.kdev, to_dev, buf, 16), -EFAULT);
	cr_assert_eq(ksim_dma_read(fd.kdev, to_dev, buf, 16), -EFAULT);
	ksim_pci_get_stats(fd.kdev, &st);
	cr_assert_eq(st.iommu_faults, 8);
	ksim_pci_remove_device(fd.kdev);
	free(mem);
}

Test(iommu, translate_cost)
{
	struct fakedev fd = { 0 };
	char *mem = aligned_alloc(4096, 65536);
	uint64_t iova[16];
	struct timespec a, b;
	const long n = 1000000;
	long i;
	int err;
	uintptr_t sum = 0;

	cr_assert_eq(fakedev_add(&fd), 0);
	enable_master(&fd);
	for (i = 0; i < 16; i++)
		cr_assert_eq(ksim_iommu_map(fd.kdev, mem + 4096 * i, 4096,
					    KSIM_DMA_BIDIRECTIONAL, &iova[i]), 0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (i = 0; i < n; i++)
		sum += (uintptr_t)ksim_dma_translate(fd.kdev, iova[i & 15] + 64, 64,
						     KSIM_DMA_FROM_DEVICE, &err);
	clock_gettime(CLOCK_MONOTONIC, &b);
	fprintf(stderr, "ksim_dma_translate: %.1f ns/call\n",
		((b.tv_sec - a.tv_sec) * 1e9 + (b.tv_nsec - a.tv_nsec)) / n);
	cr_assert_neq(sum, 0);
	for (i = 0; i < 16; i++)
		ksim_iommu_unmap(fd.kdev, iova[i], NULL, NULL);
	ksim_pci_remove_device(fd.kdev);
	free(mem);
}
