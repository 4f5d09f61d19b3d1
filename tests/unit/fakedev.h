/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tests/unit/fakedev.h - a tiny PCI device model for the platform suites
 * (test_pci, test_mmio, test_iommu, test_dma, test_irq...).
 *
 * BAR0 (16 KiB):
 *	0x00	scratch (read/write, any size)
 *	0x08	DMA bus address (64 bit)
 *	0x10	DMA length
 *	0x14	DMA direction: 1 = the device reads memory into its buffer,
 *		2 = the device writes its buffer to memory
 *	0x18	go: any write performs the DMA; its result lands in 0x1c
 *	0x1c	result of the last DMA (0 or -errno)
 *	0x20	doorbell: writing N raises MSI-X vector N
 *	0x2000	MSI-X table (8 vectors), 0x3000 PBA: emulated by the platform
 */
#ifndef KSIM_TEST_FAKEDEV_H
#define KSIM_TEST_FAKEDEV_H

#include <stdint.h>
#include <string.h>
#include <ksim/platform.h>

#define FAKE_VENDOR		0x1234
#define FAKE_DEVICE		0x5678
#define FAKE_CLASS		0xff0000
#define FAKE_BAR0_SIZE		0x4000
#define FAKE_BAR2_SIZE		0x1000
#define FAKE_MSIX_VECS		8
#define FAKE_MSIX_TABLE		0x2000
#define FAKE_MSIX_PBA		0x3000

#define FAKE_SCRATCH		0x00
#define FAKE_DMA_ADDR		0x08
#define FAKE_DMA_LEN		0x10
#define FAKE_DMA_DIR		0x14
#define FAKE_DMA_GO		0x18
#define FAKE_DMA_RESULT		0x1c
#define FAKE_DOORBELL		0x20

struct fakedev {
	struct ksim_pci_dev *kdev;
	uint64_t scratch;
	uint64_t dma_addr;
	uint32_t dma_len, dma_dir;
	int32_t dma_result;
	uint8_t buf[8192];
	int last_bar;
	uint64_t last_off;
	unsigned int last_size;
	unsigned long reads, writes, msix_seen;
	int bus_master_calls;
};

static uint64_t fake_read(void *model, int bar, uint64_t off, unsigned int size)
{
	struct fakedev *fd = model;

	fd->reads++;
	fd->last_bar = bar;
	fd->last_off = off;
	fd->last_size = size;
	if (off >= FAKE_MSIX_TABLE)
		fd->msix_seen++;
	switch (off) {
	case FAKE_SCRATCH:
		return size == 8 ? fd->scratch : fd->scratch & ((1ULL << (8 * size)) - 1);
	case FAKE_DMA_ADDR:
		return size == 8 ? fd->dma_addr : (uint32_t)fd->dma_addr;
	case FAKE_DMA_ADDR + 4:
		return fd->dma_addr >> 32;
	case FAKE_DMA_RESULT:
		return (uint32_t)fd->dma_result;
	}
	return 0;
}

static void fake_write(void *model, int bar, uint64_t off, uint64_t val, unsigned int size)
{
	struct fakedev *fd = model;

	fd->writes++;
	fd->last_bar = bar;
	fd->last_off = off;
	fd->last_size = size;
	if (off >= FAKE_MSIX_TABLE)
		fd->msix_seen++;
	switch (off) {
	case FAKE_SCRATCH:
		fd->scratch = val;
		break;
	case FAKE_DMA_ADDR:
		if (size == 8)
			fd->dma_addr = val;
		else
			fd->dma_addr = (fd->dma_addr & ~0xffffffffULL) | (uint32_t)val;
		break;
	case FAKE_DMA_ADDR + 4:
		fd->dma_addr = (fd->dma_addr & 0xffffffffULL) | (val << 32);
		break;
	case FAKE_DMA_LEN:
		fd->dma_len = val;
		break;
	case FAKE_DMA_DIR:
		fd->dma_dir = val;
		break;
	case FAKE_DMA_GO:
		if (fd->dma_dir == 1)
			fd->dma_result = ksim_dma_read(fd->kdev, fd->dma_addr, fd->buf, fd->dma_len);
		else
			fd->dma_result = ksim_dma_write(fd->kdev, fd->dma_addr, fd->buf, fd->dma_len);
		break;
	case FAKE_DOORBELL:
		ksim_msix_raise(fd->kdev, val);
		break;
	}
}

static void fake_bus_master(void *model, bool on)
{
	((struct fakedev *)model)->bus_master_calls++;
}

static const struct ksim_pci_model_ops fake_ops = {
	.mmio_read = fake_read,
	.mmio_write = fake_write,
	.bus_master = fake_bus_master,
};

static inline int fakedev_add_ids(struct fakedev *fd, uint16_t vendor, uint16_t device,
				  uint32_t class_code)
{
	struct ksim_pci_dev_info info;

	memset(&info, 0, sizeof(info));
	info.name = "fake0";
	info.vendor = vendor;
	info.device = device;
	info.subsystem_vendor = 0xabcd;
	info.subsystem_device = 0x0001;
	info.class_code = class_code;
	info.revision = 3;
	info.bar_size[0] = FAKE_BAR0_SIZE;
	info.bar_size[2] = FAKE_BAR2_SIZE;
	info.msix_vectors = FAKE_MSIX_VECS;
	info.msix_bar = 0;
	info.msix_table_offset = FAKE_MSIX_TABLE;
	info.msix_pba_offset = FAKE_MSIX_PBA;
	info.ops = &fake_ops;
	info.model = fd;
	return ksim_pci_add_device(&info, &fd->kdev);
}

static inline int fakedev_add(struct fakedev *fd)
{
	return fakedev_add_ids(fd, FAKE_VENDOR, FAKE_DEVICE, FAKE_CLASS);
}

#endif
