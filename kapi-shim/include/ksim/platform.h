/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim/platform.h - the simulated machine's hardware, as a device model
 * sees it: a PCI-like bus to plug functions into, MMIO that arrives as
 * calls, memory reachable only by DMA through an IOMMU, and MSI-X vectors
 * to raise.
 *
 * Device models (nvme-model/) include this header and nothing of the
 * kernel's; the shim's PCI, DMA and IRQ code (kapi-shim/drivers/) implement
 * it and offer the kernel API on top.  Tests that play a driver without one
 * use the "bus master" half at the end.
 *
 * Conventions: functions return 0 or a negative errno; "never blocks" means
 * the call may be made from a model's worker, from an MMIO callback or from
 * an interrupt handler.  Addresses called iova are bus addresses handed out
 * by the IOMMU; they are never host pointers.
 */
#ifndef _KSIM_PLATFORM_H
#define _KSIM_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KSIM_PCI_NUM_BARS	6

/* One function on the simulated PCI bus.  Opaque. */
struct ksim_pci_dev;

/* DMA direction, from the device's point of view of memory. */
enum ksim_dma_dir {
	KSIM_DMA_NONE = 0,
	KSIM_DMA_TO_DEVICE = 1,		/* the device reads memory */
	KSIM_DMA_FROM_DEVICE = 2,	/* the device writes memory */
	KSIM_DMA_BIDIRECTIONAL = 3,
};

struct ksim_pci_model_ops {
	/*
	 * A register access inside BAR @bar at @offset, @size bytes (1, 2, 4
	 * or 8, naturally aligned).  Called on the task that made the access
	 * (the driver's CPU), so keep it short; never blocks.  Accesses to the
	 * MSI-X table and PBA never reach the model: the platform emulates them.
	 */
	uint64_t (*mmio_read)(void *model, int bar, uint64_t offset, unsigned int size);
	void (*mmio_write)(void *model, int bar, uint64_t offset, uint64_t value,
			   unsigned int size);
	/*
	 * Optional.  The driver changed the command register's bus master
	 * enable; a device must not DMA (and ksim_dma_* fail) while it is off.
	 */
	void (*bus_master)(void *model, bool enabled);
};

struct ksim_pci_dev_info {
	/* For logs, e.g. "nvme0" (the device's own name, not the PCI address). */
	const char *name;
	uint16_t vendor, device;
	uint16_t subsystem_vendor, subsystem_device;
	uint32_t class_code;		/* 24 bits: base, sub, prog-if (0x010802: NVMe) */
	uint8_t revision;
	/* Memory BAR sizes (powers of two, >= 4096); 0: BAR absent. 64-bit BARs. */
	uint64_t bar_size[KSIM_PCI_NUM_BARS];
	/* MSI-X: table and PBA live in @msix_bar at the given offsets. 0 vectors: none. */
	unsigned int msix_vectors;
	int msix_bar;
	uint64_t msix_table_offset;
	uint64_t msix_pba_offset;
	const struct ksim_pci_model_ops *ops;
	void *model;
};

/*
 * Plug a function into the bus.  A registered driver whose id table
 * matches is probed now; otherwise when such a driver registers.  Returns
 * 0 and the device in *out.  May block (the probe runs).
 */
int ksim_pci_add_device(const struct ksim_pci_dev_info *info, struct ksim_pci_dev **out);
/*
 * Orderly unplug: the bound driver's remove() runs, then the device is
 * gone.  Also after a surprise removal.  May block.
 */
void ksim_pci_remove_device(struct ksim_pci_dev *dev);
/*
 * The first half of ksim_pci_remove_device(): the bound driver's remove()
 * runs and no driver can bind again, but the device is still there (its
 * DMA and interrupts work), so a model can stop its own tasks, which may
 * still be busy with what a driver left queued, before
 * ksim_pci_remove_device() takes the device away and frees it.  May block.
 */
void ksim_pci_unplug_device(struct ksim_pci_dev *dev);
/*
 * The device vanishes at once, as when a cable is pulled: MMIO reads return
 * all ones, writes are dropped, DMA fails, interrupts stop.  The driver
 * notices by itself (reads of ~0); remove() runs at ksim_pci_remove_device().
 * Never blocks.
 */
void ksim_pci_surprise_remove(struct ksim_pci_dev *dev);
/* "0000:00:04.0" */
const char *ksim_pci_dev_name(const struct ksim_pci_dev *dev);
/* Whether the driver enabled bus mastering (pci_set_master). */
bool ksim_pci_bus_master_enabled(const struct ksim_pci_dev *dev);
/* Whether a driver's probe() ran for @dev (whatever it returned). */
bool ksim_pci_probed(const struct ksim_pci_dev *dev);

/* ---- DMA: the only way a device reaches memory ---- */

/*
 * Copy @len bytes at bus address @iova from (read) or to (write) memory.
 * Returns 0, or -EFAULT after an IOMMU fault report (KSIM_REPORT_IOMMU):
 * unmapped, partly mapped, wrong direction, beyond the driver's DMA mask,
 * bus mastering off, or the device removed.  Never blocks.
 */
int ksim_dma_read(struct ksim_pci_dev *dev, uint64_t iova, void *buf, size_t len);
int ksim_dma_write(struct ksim_pci_dev *dev, uint64_t iova, const void *buf, size_t len);
/*
 * The fast path: a host pointer for [@iova, @iova + @len) when the range
 * lies inside one mapping that allows @dir; NULL otherwise, with *err set to
 * -EFAULT after a fault report, or to -EAGAIN (no report) when the range is
 * mapped but spans mappings, so the caller falls back to ksim_dma_read/write.
 * The pointer is valid until the driver unmaps the range.  Never blocks.
 */
void *ksim_dma_translate(struct ksim_pci_dev *dev, uint64_t iova, size_t len,
			 enum ksim_dma_dir dir, int *err);

/* ---- interrupts ---- */

/*
 * Raise MSI-X vector @vector.  Masked (per vector or function-wide) or
 * MSI-X disabled: the pending bit is set and the message is sent when the
 * driver unmasks.  Delivery runs the handler registered for the vector on
 * a CPU of the machine, in interrupt context; it is never run nested inside
 * a task that has interrupts disabled.  Never blocks.
 */
void ksim_msix_raise(struct ksim_pci_dev *dev, unsigned int vector);

/* ---- the bus-master half: what the kernel's DMA/IRQ code (or a test) uses ---- */

/* MMIO as the CPU issues it (readl/writel end here); outside a BAR: a report. */
uint64_t ksim_pci_mmio_read(struct ksim_pci_dev *dev, int bar, uint64_t offset,
			    unsigned int size);
void ksim_pci_mmio_write(struct ksim_pci_dev *dev, int bar, uint64_t offset,
			 uint64_t value, unsigned int size);
/*
 * Map @len bytes of host memory at @host for the device, in direction @dir.
 * The IOMMU picks the bus address (below the device's DMA mask, with the
 * same offset within a 4 KiB page as @host) and returns it in *iova.
 * Returns 0 or -ENOMEM (-ENOSPC when the mask's space is full).
 */
int ksim_iommu_map(struct ksim_pci_dev *dev, void *host, size_t len,
		   enum ksim_dma_dir dir, uint64_t *iova);
/*
 * Unmap what ksim_iommu_map returned.  Returns 0, or -ENOENT when @iova is
 * not the start of a live mapping; on success *len and *dir (may be NULL)
 * say what the mapping was, for the DMA-API debug checks.
 */
int ksim_iommu_unmap(struct ksim_pci_dev *dev, uint64_t iova, size_t *len,
		     enum ksim_dma_dir *dir);
/* Live mappings of @dev (leak checks at unbind). */
unsigned long ksim_iommu_nr_mappings(const struct ksim_pci_dev *dev);
/* The driver's DMA mask (bits the device may drive).  Default 32 bits. */
void ksim_iommu_set_mask(struct ksim_pci_dev *dev, uint64_t mask);

/*
 * Route MSI-X vector @vector of @dev to @handler(@arg, @vector), called in
 * interrupt context on delivery (NULL: unroute).  The kernel's IRQ layer
 * installs its dispatcher here; a test may install its own.
 */
void ksim_msix_set_handler(struct ksim_pci_dev *dev, unsigned int vector,
			   void (*handler)(void *arg, unsigned int vector), void *arg);

/*
 * Configuration space as the CPU sees it (pci_read_config_* end here):
 * @size 1, 2 or 4, naturally aligned, below 256.  A test playing the
 * driver enables the function with these (PCI_COMMAND memory and bus
 * master bits; MSI-X enable in the capability's message control).
 * Returns 0, -EINVAL for a bad access, -ENODEV after surprise removal
 * (reads then give all ones).  Never blocks (an MSI-X unmask may deliver).
 */
int ksim_pci_config_read(struct ksim_pci_dev *dev, unsigned int where,
			 unsigned int size, uint32_t *val);
int ksim_pci_config_write(struct ksim_pci_dev *dev, unsigned int where,
			  unsigned int size, uint32_t val);

/*
 * Log a device's line into the kernel log at @level (0 KERN_EMERG .. 7
 * KERN_DEBUG, as the kernel's levels; out of range: 7), so a model's
 * complaints appear between the driver's own messages.  @fmt is printf's
 * and should end with a newline.  Never blocks.
 */
void ksim_platform_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Device-side event counters kept by the platform, for tests. */
struct ksim_pci_stats {
	unsigned long mmio_reads, mmio_writes;
	unsigned long dma_reads, dma_writes, dma_bytes;
	unsigned long iommu_faults;
	unsigned long msix_raised, msix_delivered, msix_pended;
};
void ksim_pci_get_stats(const struct ksim_pci_dev *dev, struct ksim_pci_stats *stats);

#endif
