/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kapi-shim/drivers/pci/ksim-pci.h - the simulated PCI function as the
 * shim's bus, MMIO, MSI-X, IOMMU, DMA and IRQ code share it.  Not for
 * drivers or models.
 */
#ifndef _KSIM_PCI_INTERNAL_H
#define _KSIM_PCI_INTERNAL_H

#include <linux/pci.h>
#include <ksim/platform.h>
#include <ksim/report.h>

#include "internal.h"

#define KSIM_PCI_MAX_SLOTS	32
#define KSIM_MSIX_MAX		2048

/* ---- IOMMU (drivers/iommu/iommu.c) ---- */

#define KSIM_IOMMU_L2_BITS	10
#define KSIM_IOMMU_L2_SIZE	(1u << KSIM_IOMMU_L2_BITS)

struct ksim_iommu_ent {
	u32 seq;		/* odd while being rewritten */
	u32 dir;		/* enum ksim_dma_dir */
	u64 iova;
	u64 len;
	char *host;
	struct ksim_iommu_ent *next_free;
	struct ksim_iommu_ent *next_all;
};

struct ksim_iommu_arena {
	u64 base;		/* first iova */
	u64 npages;
	u64 cursor;		/* next-fit start, in pages */
	unsigned long *bitmap;	/* pages in use (mappings and guard pages) */
	struct ksim_iommu_ent ***l1;	/* page -> mapping, two levels */
};

struct ksim_iommu {
	struct ksim_lock lock;	/* writers only: map, unmap */
	u64 mask;
	unsigned long nr_mappings;
	struct ksim_iommu_arena arena[2];	/* [0] below 4 GiB, [1] high */
	struct ksim_iommu_ent *free;
	struct ksim_iommu_ent *all;
};

void ksim_iommu_init(struct ksim_pci_dev *kdev);
void ksim_iommu_release(struct ksim_pci_dev *kdev);

/* ---- MSI-X (drivers/pci/msi.c) ---- */

struct ksim_msix_vec {
	void (*handler)(void *arg, unsigned int vector);
	void *arg;
	u32 inflight;		/* deliveries that loaded handler */
};

/* ---- the function ---- */

struct ksim_pci_dev {
	struct pci_dev pdev;		/* the kernel's view; first */
	struct ksim_pci_dev_info info;
	char name[16];			/* "0000:00:04.0" */
	char model_name[32];
	unsigned int slot;
	struct pci_bus bus;
	struct ksim_lock lock;		/* config space, MSI-X table writes */
	struct ksim_lock bind_lock;	/* probe and remove (the kernel's device_lock) */
	int removed;			/* surprise removal (atomic) */
	int unplugged;			/* ksim_pci_remove_device() ran */
	bool probed;			/* a driver's probe() ran for it */

	u8 cfg[PCI_CFG_SPACE_SIZE];
	u64 bar_phys[KSIM_PCI_NUM_BARS];
	int bar_is64[KSIM_PCI_NUM_BARS];

	/* MSI-X: the emulated table (4 dwords a vector) and PBA */
	u32 *msix_table;
	unsigned long *msix_pba;
	unsigned long *msix_deferred;
	struct ksim_msix_vec *msix_vec;
	int msix_fn_ok;			/* enabled and not function-masked */
	int deferred_any;

	struct ksim_iommu iommu;
	struct ksim_pci_stats stats;
	int dma_removed_reported;

	/* Kernel side: IRQ vectors, regions, managed iomaps, DMA debug */
	unsigned int irq_base, irq_nvec;
	unsigned int regions;		/* BARs requested */
	void __iomem *iomap_table[PCI_STD_NUM_BARS];
	struct ksim_dma_debug *dma_debug;
};

static inline struct ksim_pci_dev *ksim_pdev(const struct pci_dev *pdev)
{
	return (struct ksim_pci_dev *)pdev;
}

/* The simulated function behind a struct device on the PCI bus, or NULL. */
struct ksim_pci_dev *ksim_dev_to_kdev(const struct device *dev);

#define ksim_stat_inc(kdev, field, n) \
	__atomic_fetch_add(&(kdev)->stats.field, (n), __ATOMIC_RELAXED)

static inline bool ksim_pci_removed(const struct ksim_pci_dev *kdev)
{
	return __atomic_load_n(&kdev->removed, __ATOMIC_ACQUIRE);
}

/* mmio.c: forget every cookie that maps @kdev (device removal). */
void ksim_iomap_forget_dev(struct ksim_pci_dev *kdev);
void ksim_iomap_reset(void);
void __iomem *ksim_iomap_make(struct ksim_pci_dev *kdev, int bar, u64 offset, u64 len);
int ksim_iomap_release(void __iomem *addr, struct ksim_pci_dev *expect);

/* msi.c */
int ksim_msix_init(struct ksim_pci_dev *kdev);
void ksim_msix_release(struct ksim_pci_dev *kdev);
/* A config write changed MSI-X enable or function mask. */
void ksim_msix_ctrl_changed(struct ksim_pci_dev *kdev);
bool ksim_msix_in_table(struct ksim_pci_dev *kdev, int bar, u64 off, unsigned int size);
u64 ksim_msix_mmio_read(struct ksim_pci_dev *kdev, u64 off, unsigned int size);
void ksim_msix_mmio_write(struct ksim_pci_dev *kdev, u64 off, u64 val, unsigned int size);
/* Mask or unmask vector @v in the table, as the kernel's MSI code does. */
void ksim_msix_mask_vector(struct ksim_pci_dev *kdev, unsigned int v, bool mask);
/* Deliver @v again now (enable_irq replay): the message, not a new raise. */
void ksim_msix_resend(struct ksim_pci_dev *kdev, unsigned int v);
void ksim_irq_task_start(void);
void ksim_irq_task_stop(void);

/* bus.c */
void ksim_pci_for_each_dev(void (*fn)(struct ksim_pci_dev *kdev, void *arg), void *arg);
/* The same for the slots set in @mask (bit i: slot i). */
void ksim_pci_for_each_dev_in(unsigned long mask,
			      void (*fn)(struct ksim_pci_dev *kdev, void *arg), void *arg);
u32 ksim_cfg_read(struct ksim_pci_dev *kdev, unsigned int where, unsigned int size);
void ksim_cfg_write(struct ksim_pci_dev *kdev, unsigned int where, unsigned int size, u32 val);

/* kernel/irq/manage.c */
int ksim_irq_alloc_vectors(struct ksim_pci_dev *kdev, unsigned int nvec);
/* Returns the number of irqs that still had handlers. */
unsigned int ksim_irq_free_vectors(struct ksim_pci_dev *kdev);
void ksim_irq_check_unbind(struct ksim_pci_dev *kdev);

/* kernel/dma/debug.c */
void ksim_dma_debug_check_unbind(struct ksim_pci_dev *kdev);
void ksim_dma_debug_release(struct ksim_pci_dev *kdev);

/* Print a report's "cut here" line, header and stack, then count it. */
void ksim_pci_report_begin(void);
void ksim_pci_report_end(enum ksim_report_kind kind, int skip);

#endif
