// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/drivers/iommu/iommu.c - one IOMMU per simulated PCI function.
 *
 * Bus addresses (IOVAs) are handed out from two arenas: 2-4 GiB for
 * drivers with a 32-bit DMA mask, and 4 GiB starting at 1 TiB for wider
 * masks, so an IOVA is never a host pointer and a driver that hands the
 * device a virtual address gets a fault.  Each mapping is followed by an
 * unmapped guard page, so a device overrunning a buffer faults rather than
 * hitting its neighbour.
 *
 * Translation is the device's hot path and takes no lock: a two-level
 * table maps an IOVA page to its mapping record.  Records are never freed
 * while the function exists (they are recycled), and each carries a
 * sequence count, so a reader racing with an unmap sees either the old
 * mapping whole or a miss, never a torn one.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/printk.h>
#include <ksim/report.h>

#include "drivers/pci/ksim-pci.h"
#include "sim/host.h"

#define IOVA_PAGE_SHIFT		12
#define IOVA_PAGE_SIZE		(1ULL << IOVA_PAGE_SHIFT)
#define LOW_ARENA_BASE		0x80000000ULL
#define LOW_ARENA_PAGES		(0x80000000ULL >> IOVA_PAGE_SHIFT)
#define HIGH_ARENA_BASE		0x10000000000ULL
#define HIGH_ARENA_PAGES	(0x100000000ULL >> IOVA_PAGE_SHIFT)
#define BITS_PER_UL		(8 * sizeof(unsigned long))

void ksim_iommu_init(struct ksim_pci_dev *kdev)
{
	struct ksim_iommu *mmu = &kdev->iommu;

	mmu->mask = 0xffffffffULL;
	mmu->arena[0].base = LOW_ARENA_BASE;
	mmu->arena[0].npages = LOW_ARENA_PAGES;
	mmu->arena[1].base = HIGH_ARENA_BASE;
	mmu->arena[1].npages = HIGH_ARENA_PAGES;
}

void ksim_iommu_release(struct ksim_pci_dev *kdev)
{
	struct ksim_iommu *mmu = &kdev->iommu;
	struct ksim_iommu_ent *e, *next;
	unsigned int a, i;

	for (a = 0; a < 2; a++) {
		struct ksim_iommu_arena *ar = &mmu->arena[a];

		if (ar->l1) {
			for (i = 0; i < (ar->npages >> KSIM_IOMMU_L2_BITS); i++)
				ksim_host->mem_free(ar->l1[i]);
			ksim_host->mem_free(ar->l1);
		}
		ksim_host->mem_free(ar->bitmap);
		ar->l1 = NULL;
		ar->bitmap = NULL;
	}
	for (e = mmu->all; e; e = next) {
		next = e->next_all;
		ksim_host->mem_free(e);
	}
	mmu->all = NULL;
	mmu->free = NULL;
}

static struct ksim_iommu_arena *arena_of(struct ksim_iommu *mmu, u64 iova)
{
	struct ksim_iommu_arena *ar;

	ar = &mmu->arena[iova >= HIGH_ARENA_BASE];
	if (iova < ar->base || iova - ar->base >= (ar->npages << IOVA_PAGE_SHIFT))
		return NULL;
	return ar;
}

/* The mapping record covering @iova's page, or NULL.  Lock free. */
static struct ksim_iommu_ent *lookup(struct ksim_iommu *mmu, u64 iova)
{
	struct ksim_iommu_arena *ar = arena_of(mmu, iova);
	struct ksim_iommu_ent ***l1, **leaf;
	u64 pg;

	if (!ar)
		return NULL;
	l1 = __atomic_load_n(&ar->l1, __ATOMIC_ACQUIRE);
	if (!l1)
		return NULL;
	pg = (iova - ar->base) >> IOVA_PAGE_SHIFT;
	leaf = __atomic_load_n(&l1[pg >> KSIM_IOMMU_L2_BITS], __ATOMIC_ACQUIRE);
	if (!leaf)
		return NULL;
	return __atomic_load_n(&leaf[pg & (KSIM_IOMMU_L2_SIZE - 1)], __ATOMIC_ACQUIRE);
}

/* ---- writers (under mmu->lock) ---- */

static int arena_prepare(struct ksim_iommu_arena *ar)
{
	size_t l1n = ar->npages >> KSIM_IOMMU_L2_BITS;
	size_t bytes = DIV_ROUND_UP(ar->npages, BITS_PER_UL) * sizeof(long);
	void *l1;

	if (ar->bitmap)
		return 0;
	ar->bitmap = ksim_host->mem_alloc(bytes, 0);
	l1 = ksim_host->mem_alloc(l1n * sizeof(void *), 0);
	if (!ar->bitmap || !l1) {
		ksim_host->mem_free(ar->bitmap);
		ksim_host->mem_free(l1);
		ar->bitmap = NULL;
		return -ENOMEM;
	}
	memset(ar->bitmap, 0, bytes);
	memset(l1, 0, l1n * sizeof(void *));
	__atomic_store_n(&ar->l1, l1, __ATOMIC_RELEASE);
	return 0;
}

static bool page_used(struct ksim_iommu_arena *ar, u64 pg)
{
	return ar->bitmap[pg / BITS_PER_UL] & (1UL << (pg % BITS_PER_UL));
}

static void pages_mark(struct ksim_iommu_arena *ar, u64 pg, u64 n, bool used)
{
	for (; n; n--, pg++) {
		if (used)
			ar->bitmap[pg / BITS_PER_UL] |= 1UL << (pg % BITS_PER_UL);
		else
			ar->bitmap[pg / BITS_PER_UL] &= ~(1UL << (pg % BITS_PER_UL));
	}
}

/* Next fit: the first run of @n free pages at or after the cursor. */
static s64 pages_find(struct ksim_iommu_arena *ar, u64 n)
{
	u64 start = ar->cursor, pg = start, run = 0, scanned = 0;

	while (scanned < ar->npages + n) {
		if (pg + n > ar->npages) {
			pg = 0;
			run = 0;
		}
		if (!(pg % BITS_PER_UL) && !run &&
		    ar->bitmap[pg / BITS_PER_UL] == ~0UL) {
			pg += BITS_PER_UL;
			scanned += BITS_PER_UL;
			continue;
		}
		if (page_used(ar, pg + run)) {
			pg += run + 1;
			scanned += run + 1;
			run = 0;
			continue;
		}
		if (++run == n) {
			ar->cursor = (pg + n) % ar->npages;
			return pg;
		}
	}
	return -1;
}

static int slots_set(struct ksim_iommu_arena *ar, u64 pg, u64 n,
		     struct ksim_iommu_ent *e)
{
	for (; n; n--, pg++) {
		struct ksim_iommu_ent ***slot = &ar->l1[pg >> KSIM_IOMMU_L2_BITS];
		struct ksim_iommu_ent **leaf = *slot;

		if (!leaf) {
			if (!e)
				continue;
			leaf = ksim_host->mem_alloc(KSIM_IOMMU_L2_SIZE * sizeof(void *), 0);
			if (!leaf)
				return -ENOMEM;
			memset(leaf, 0, KSIM_IOMMU_L2_SIZE * sizeof(void *));
			__atomic_store_n(slot, leaf, __ATOMIC_RELEASE);
		}
		__atomic_store_n(&leaf[pg & (KSIM_IOMMU_L2_SIZE - 1)], e, __ATOMIC_RELEASE);
	}
	return 0;
}

static struct ksim_iommu_ent *ent_get(struct ksim_iommu *mmu)
{
	struct ksim_iommu_ent *e = mmu->free;

	if (e) {
		mmu->free = e->next_free;
		return e;
	}
	e = ksim_host->mem_alloc(sizeof(*e), 0);
	if (!e)
		return NULL;
	memset(e, 0, sizeof(*e));
	e->next_all = mmu->all;
	mmu->all = e;
	return e;
}

int ksim_iommu_map(struct ksim_pci_dev *kdev, void *host, size_t len,
		   enum ksim_dma_dir dir, uint64_t *iova)
{
	struct ksim_iommu *mmu = &kdev->iommu;
	struct ksim_iommu_arena *ar;
	struct ksim_iommu_ent *e;
	u64 off = (uintptr_t)host & (IOVA_PAGE_SIZE - 1);
	u64 npages = (off + len + IOVA_PAGE_SIZE - 1) >> IOVA_PAGE_SHIFT;
	s64 pg;
	int ret;

	if (!len || dir == KSIM_DMA_NONE || dir > KSIM_DMA_BIDIRECTIONAL)
		return -EINVAL;
	ksim_lock(&mmu->lock);
	if (mmu->mask >= HIGH_ARENA_BASE + (HIGH_ARENA_PAGES << IOVA_PAGE_SHIFT) - 1)
		ar = &mmu->arena[1];
	else if (mmu->mask >= 0xffffffffULL)
		ar = &mmu->arena[0];
	else {
		ret = -ENOSPC;
		goto out;
	}
	ret = arena_prepare(ar);
	if (ret)
		goto out;
	/* One unmapped guard page after each mapping. */
	pg = pages_find(ar, npages + 1);
	if (pg < 0) {
		ret = -ENOSPC;
		goto out;
	}
	e = ent_get(mmu);
	if (!e) {
		ret = -ENOMEM;
		goto out;
	}
	__atomic_store_n(&e->seq, e->seq + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	e->iova = ar->base + ((u64)pg << IOVA_PAGE_SHIFT) + off;
	e->len = len;
	e->host = host;
	e->dir = dir;
	__atomic_store_n(&e->seq, e->seq + 1, __ATOMIC_RELEASE);
	ret = slots_set(ar, pg, npages, e);
	if (ret) {
		slots_set(ar, pg, npages, NULL);
		e->next_free = mmu->free;
		mmu->free = e;
		goto out;
	}
	pages_mark(ar, pg, npages + 1, true);
	mmu->nr_mappings++;
	*iova = e->iova;
out:
	ksim_unlock(&mmu->lock);
	return ret;
}

int ksim_iommu_unmap(struct ksim_pci_dev *kdev, uint64_t iova, size_t *len,
		     enum ksim_dma_dir *dir)
{
	struct ksim_iommu *mmu = &kdev->iommu;
	struct ksim_iommu_arena *ar;
	struct ksim_iommu_ent *e;
	u64 pg, npages;
	int ret = -ENOENT;

	ksim_lock(&mmu->lock);
	e = lookup(mmu, iova);
	if (!e || e->iova != iova)
		goto out;
	ar = arena_of(mmu, iova);
	pg = (iova - ar->base) >> IOVA_PAGE_SHIFT;
	npages = ((iova & (IOVA_PAGE_SIZE - 1)) + e->len + IOVA_PAGE_SIZE - 1) >> IOVA_PAGE_SHIFT;
	if (len)
		*len = e->len;
	if (dir)
		*dir = e->dir;
	slots_set(ar, pg, npages, NULL);
	/* Readers holding @e now see the sequence change and miss. */
	__atomic_store_n(&e->seq, e->seq + 1, __ATOMIC_RELEASE);
	e->len = 0;
	e->iova = 0;
	__atomic_store_n(&e->seq, e->seq + 1, __ATOMIC_RELEASE);
	pages_mark(ar, pg, npages + 1, false);
	e->next_free = mmu->free;
	mmu->free = e;
	mmu->nr_mappings--;
	ret = 0;
out:
	ksim_unlock(&mmu->lock);
	return ret;
}

unsigned long ksim_iommu_nr_mappings(const struct ksim_pci_dev *kdev)
{
	return __atomic_load_n(&kdev->iommu.nr_mappings, __ATOMIC_RELAXED);
}

void ksim_iommu_set_mask(struct ksim_pci_dev *kdev, uint64_t mask)
{
	__atomic_store_n(&kdev->iommu.mask, mask, __ATOMIC_RELEASE);
}

/* ---- faults ---- */

enum fault_why {
	FAULT_UNMAPPED,
	FAULT_PARTIAL,
	FAULT_DIRECTION,
	FAULT_MASK,
	FAULT_MASTER,
	FAULT_REMOVED,
};

static void iommu_fault(struct ksim_pci_dev *kdev, u64 iova, size_t len,
			enum ksim_dma_dir dir, enum fault_why why, u64 at,
			const struct ksim_iommu_ent *e)
{
	bool write = dir == KSIM_DMA_FROM_DEVICE;
	static const char *const dirs[] = {
		"DMA_NONE", "DMA_TO_DEVICE", "DMA_FROM_DEVICE", "DMA_BIDIRECTIONAL",
	};
	unsigned int reason;
	const char *text;

	ksim_stat_inc(kdev, iommu_faults, 1);
	if (why == FAULT_REMOVED) {
		/* The model keeps going for a while after a surprise removal. */
		if (__atomic_exchange_n(&kdev->dma_removed_reported, 1, __ATOMIC_RELAXED))
			return;
	}
	switch (why) {
	case FAULT_MASK:
		reason = 0x04;
		text = "Access beyond the device's DMA mask";
		break;
	case FAULT_MASTER:
		reason = 0x02;
		text = "Bus mastering disabled (PCI_COMMAND_MASTER clear)";
		break;
	case FAULT_REMOVED:
		reason = 0x01;
		text = "Device removed";
		break;
	default:
		reason = write ? 0x05 : 0x06;
		text = write ? "PTE Write access is not set" : "PTE Read access is not set";
		break;
	}
	pr_err("DMAR: [DMA %s NO_PASID] Request device [%s] fault addr 0x%llx [fault reason 0x%02x] %s\n",
	       write ? "Write" : "Read", kdev->name, (unsigned long long)at, reason, text);
	pr_err("DMAR: %s: device %s of %zu bytes at iova 0x%llx by %s\n",
	       why == FAULT_UNMAPPED ? "not mapped" :
	       why == FAULT_PARTIAL ? "partly mapped" :
	       why == FAULT_DIRECTION ? "wrong direction" : "refused",
	       write ? "write" : "read", len, (unsigned long long)iova,
	       kdev->model_name);
	if (why == FAULT_DIRECTION && e)
		pr_err("DMAR: mapping [0x%llx-0x%llx] is %s\n", (unsigned long long)e->iova,
		       (unsigned long long)(e->iova + e->len - 1), dirs[e->dir & 3]);
	if (why == FAULT_MASK)
		pr_err("DMAR: DMA mask 0x%llx\n", (unsigned long long)kdev->iommu.mask);
	ksim_print_task_header(KERN_ERR);
	ksim_dump_stack_skip(KERN_ERR, 2);
	ksim_report(KSIM_REPORT_IOMMU);
}

static bool dir_allows(u32 have, enum ksim_dma_dir want)
{
	return (have & want) == want;
}

/*
 * Resolve [@iova, @iova + @len) for @dir.  Returns the host pointer when a
 * single mapping covers it; otherwise NULL with *err = -EAGAIN (mapped, but
 * across mappings: *chunk says how much of the front one covers) or
 * -EFAULT after a report.
 */
static void *resolve(struct ksim_pci_dev *kdev, u64 iova, size_t len,
		     enum ksim_dma_dir dir, size_t *chunk, int *err, bool report,
		     u64 whole_iova, size_t whole_len)
{
	struct ksim_iommu *mmu = &kdev->iommu;
	struct ksim_iommu_ent *e;
	u64 eiova, elen;
	char *host;
	u32 seq, edir;

	for (;;) {
		e = lookup(mmu, iova);
		if (!e)
			break;
		seq = __atomic_load_n(&e->seq, __ATOMIC_ACQUIRE);
		if (seq & 1)
			continue;
		eiova = e->iova;
		elen = e->len;
		host = e->host;
		edir = e->dir;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&e->seq, __ATOMIC_RELAXED) != seq)
			continue;
		if (iova < eiova || iova - eiova >= elen)
			break;	/* recycled for another range */
		if (!dir_allows(edir, dir)) {
			if (report)
				iommu_fault(kdev, whole_iova, whole_len, dir,
					    FAULT_DIRECTION, iova, e);
			*err = -EFAULT;
			return NULL;
		}
		*chunk = min_t(u64, len, eiova + elen - iova);
		if (*chunk < len) {
			*err = -EAGAIN;
			return NULL;
		}
		return host + (iova - eiova);
	}
	if (report)
		iommu_fault(kdev, whole_iova, whole_len, dir,
			    iova == whole_iova ? FAULT_UNMAPPED : FAULT_PARTIAL, iova, NULL);
	*err = -EFAULT;
	return NULL;
}

static int access_check(struct ksim_pci_dev *kdev, u64 iova, size_t len,
			enum ksim_dma_dir dir)
{
	u64 mask = __atomic_load_n(&kdev->iommu.mask, __ATOMIC_RELAXED);

	if (unlikely(ksim_pci_removed(kdev))) {
		iommu_fault(kdev, iova, len, dir, FAULT_REMOVED, iova, NULL);
		return -EFAULT;
	}
	if (unlikely(!(kdev->cfg[PCI_COMMAND] & PCI_COMMAND_MASTER))) {
		iommu_fault(kdev, iova, len, dir, FAULT_MASTER, iova, NULL);
		return -EFAULT;
	}
	if (unlikely(iova > mask || len - 1 > mask - iova)) {
		iommu_fault(kdev, iova, len, dir, FAULT_MASK,
			    iova > mask ? iova : mask + 1, NULL);
		return -EFAULT;
	}
	return 0;
}

void *ksim_dma_translate(struct ksim_pci_dev *kdev, uint64_t iova, size_t len,
			 enum ksim_dma_dir dir, int *err)
{
	size_t chunk;
	int e;
	void *p;

	if (!len)
		len = 1;
	e = access_check(kdev, iova, len, dir);
	if (e) {
		*err = e;
		return NULL;
	}
	p = resolve(kdev, iova, len, dir, &chunk, &e, false, iova, len);
	if (p)
		return p;
	if (e == -EAGAIN) {
		/* Spans mappings: fine if every byte is mapped, else a fault. */
		u64 at = iova + chunk;
		size_t left = len - chunk;

		while (left) {
			if (resolve(kdev, at, left, dir, &chunk, &e, true, iova, len))
				break;
			if (e != -EAGAIN) {
				*err = e;
				return NULL;
			}
			at += chunk;
			left -= chunk;
		}
		*err = -EAGAIN;
		return NULL;
	}
	/* Report the miss (the lookup above stayed quiet). */
	resolve(kdev, iova, len, dir, &chunk, &e, true, iova, len);
	*err = -EFAULT;
	return NULL;
}

static int dma_copy(struct ksim_pci_dev *kdev, u64 iova, void *buf, size_t len,
		    enum ksim_dma_dir dir)
{
	u64 at = iova;
	size_t left = len, chunk;
	char *p = buf;
	void *host;
	int err = access_check(kdev, iova, len ? len : 1, dir);

	if (err)
		return err;
	while (left) {
		host = resolve(kdev, at, left, dir, &chunk, &err, true, iova, len);
		if (host)
			chunk = left;
		else if (err != -EAGAIN)
			return err;
		else
			host = resolve(kdev, at, chunk, dir, &chunk, &err, true, iova, len);
		if (!host)
			return -EFAULT;
		if (dir == KSIM_DMA_TO_DEVICE)
			memcpy(p, host, chunk);
		else
			memcpy(host, p, chunk);
		at += chunk;
		p += chunk;
		left -= chunk;
	}
	if (dir == KSIM_DMA_TO_DEVICE)
		ksim_stat_inc(kdev, dma_reads, 1);
	else
		ksim_stat_inc(kdev, dma_writes, 1);
	ksim_stat_inc(kdev, dma_bytes, len);
	return 0;
}

int ksim_dma_read(struct ksim_pci_dev *kdev, uint64_t iova, void *buf, size_t len)
{
	return dma_copy(kdev, iova, buf, len, KSIM_DMA_TO_DEVICE);
}

int ksim_dma_write(struct ksim_pci_dev *kdev, uint64_t iova, const void *buf, size_t len)
{
	return dma_copy(kdev, iova, (void *)buf, len, KSIM_DMA_FROM_DEVICE);
}
