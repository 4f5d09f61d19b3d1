// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/dma/mapping.c - the DMA API over the simulated IOMMU,
 * with CONFIG_DMA_API_DEBUG always on.
 *
 * Every mapping is an IOMMU mapping of the device (drivers/iommu/), so a
 * dma_addr_t is a bus address the device model can use and nothing else.
 * The debug side keeps an entry per mapping (what, how big, which
 * direction, whether dma_mapping_error() looked at it, and the driver's
 * call site) in a per-device hash keyed by bus address, and reports, as
 * the kernel's lib/dma-debug does, every unmap or sync that does not match
 * its map and every mapping still live when the driver unbinds.
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/dma-mapping.h>
#include <linux/scatterlist.h>
#include <linux/string.h>
#include <linux/export.h>
#include <ksim/report.h>

#include "drivers/pci/ksim-pci.h"
#include "sim/host.h"

#define DEBUG_HASH_BITS		10
#define DEBUG_HASH_SIZE		(1u << DEBUG_HASH_BITS)

enum {
	dma_debug_single,
	dma_debug_sg,
	dma_debug_coherent,
	dma_debug_resource,
	dma_debug_page,
};

enum map_err_types {
	MAP_ERR_CHECK_NOT_APPLICABLE,
	MAP_ERR_NOT_CHECKED,
	MAP_ERR_CHECKED,
};

static const char *const type2name[] = {
	[dma_debug_single] = "single",
	[dma_debug_page] = "page",
	[dma_debug_sg] = "scatter-gather",
	[dma_debug_coherent] = "coherent",
	[dma_debug_resource] = "resource",
};

static const char *const dir2name[] = {
	[DMA_BIDIRECTIONAL] = "DMA_BIDIRECTIONAL",
	[DMA_TO_DEVICE] = "DMA_TO_DEVICE",
	[DMA_FROM_DEVICE] = "DMA_FROM_DEVICE",
	[DMA_NONE] = "DMA_NONE",
};

struct dma_debug_entry {
	struct dma_debug_entry *next;
	dma_addr_t dev_addr;
	size_t size;
	int type;
	int direction;
	int map_err_type;
	int sg_call_ents;
	void *cpu;		/* coherent: the host memory to free */
	unsigned long caller;
};

struct ksim_dma_debug {
	struct ksim_lock lock;
	unsigned long count;
	struct dma_debug_entry *hash[DEBUG_HASH_SIZE];
	struct dma_debug_entry *leaked;	/* reported at unbind, freed at release */
	/* Entries of finished mappings kept for the next map: no malloc per I/O. */
	struct dma_debug_entry *spare;
	unsigned int nr_spare;
};

#define DEBUG_SPARE_MAX		256

static unsigned int hash_fn(dma_addr_t addr)
{
	return (addr >> 12 ^ addr >> 24) & (DEBUG_HASH_SIZE - 1);
}

static enum ksim_dma_dir to_ksim_dir(enum dma_data_direction dir)
{
	switch (dir) {
	case DMA_TO_DEVICE:
		return KSIM_DMA_TO_DEVICE;
	case DMA_FROM_DEVICE:
		return KSIM_DMA_FROM_DEVICE;
	case DMA_BIDIRECTIONAL:
		return KSIM_DMA_BIDIRECTIONAL;
	default:
		return KSIM_DMA_NONE;
	}
}

static struct ksim_dma_debug *debug_of(struct ksim_pci_dev *kdev)
{
	struct ksim_dma_debug *dbg = __atomic_load_n(&kdev->dma_debug, __ATOMIC_ACQUIRE);
	struct ksim_dma_debug *expected = NULL;

	if (likely(dbg))
		return dbg;
	dbg = ksim_host->mem_alloc(sizeof(*dbg), 0);
	if (!dbg)
		return NULL;
	memset(dbg, 0, sizeof(*dbg));
	if (!__atomic_compare_exchange_n(&kdev->dma_debug, &expected, dbg, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		ksim_host->mem_free(dbg);
		dbg = expected;
	}
	return dbg;
}

/* ---- reports ---- */

static void __cold __printf(3, 4)
err_printk(struct device *dev, unsigned long caller, const char *fmt, ...)
{
	struct va_format vaf;
	char sym[256];
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	ksim_pci_report_begin();
	pr_warn("DMA-API: %s %s: %pV", dev_driver_string(dev), dev_name(dev), &vaf);
	va_end(args);
	if (caller) {
		ksim_host->symbolize((void *)caller, sym, sizeof(sym));
		pr_warn("DMA-API: caller is %s\n", sym);
	}
	ksim_pci_report_end(KSIM_REPORT_DMA, 2);
}

/* ---- entries ---- */

static int add_entry(struct ksim_pci_dev *kdev, dma_addr_t addr, size_t size, int type,
		     enum dma_data_direction dir, int err_type, void *cpu,
		     unsigned long caller)
{
	struct ksim_dma_debug *dbg = debug_of(kdev);
	struct dma_debug_entry *e;
	unsigned int h = hash_fn(addr);

	if (!dbg)
		return -ENOMEM;
	ksim_lock(&dbg->lock);
	e = dbg->spare;
	if (e) {
		dbg->spare = e->next;
		dbg->nr_spare--;
	}
	ksim_unlock(&dbg->lock);
	if (!e)
		e = ksim_host->mem_alloc(sizeof(*e), 0);
	if (!e)
		return -ENOMEM;
	e->dev_addr = addr;
	e->size = size;
	e->type = type;
	e->direction = dir;
	e->map_err_type = err_type;
	e->sg_call_ents = 0;
	e->cpu = cpu;
	e->caller = caller;
	ksim_lock(&dbg->lock);
	e->next = dbg->hash[h];
	dbg->hash[h] = e;
	dbg->count++;
	ksim_unlock(&dbg->lock);
	return 0;
}

/* Take the entry that starts at @addr out of the hash. */
static struct dma_debug_entry *take_entry(struct ksim_pci_dev *kdev, dma_addr_t addr)
{
	struct ksim_dma_debug *dbg = debug_of(kdev);
	struct dma_debug_entry **pp, *e = NULL;

	if (!dbg)
		return NULL;
	ksim_lock(&dbg->lock);
	for (pp = &dbg->hash[hash_fn(addr)]; *pp; pp = &(*pp)->next) {
		if ((*pp)->dev_addr == addr) {
			e = *pp;
			*pp = e->next;
			dbg->count--;
			break;
		}
	}
	ksim_unlock(&dbg->lock);
	return e;
}

/* An entry whose mapping is gone: kept for the next map, or freed. */
static void free_entry(struct ksim_pci_dev *kdev, struct dma_debug_entry *e)
{
	struct ksim_dma_debug *dbg = kdev->dma_debug;

	if (!e)
		return;
	if (dbg) {
		ksim_lock(&dbg->lock);
		if (dbg->nr_spare < DEBUG_SPARE_MAX) {
			e->next = dbg->spare;
			dbg->spare = e;
			dbg->nr_spare++;
			e = NULL;
		}
		ksim_unlock(&dbg->lock);
	}
	ksim_host->mem_free(e);
}

static void put_entry(struct ksim_pci_dev *kdev, struct dma_debug_entry *e)
{
	struct ksim_dma_debug *dbg = kdev->dma_debug;
	unsigned int h = hash_fn(e->dev_addr);

	ksim_lock(&dbg->lock);
	e->next = dbg->hash[h];
	dbg->hash[h] = e;
	dbg->count++;
	ksim_unlock(&dbg->lock);
}

/*
 * Compare an unmap (or free) with its map and report each difference, as
 * check_unmap() in the kernel's dma-debug does.  Consumes @e.
 */
static void check_unmap(struct ksim_pci_dev *kdev, struct dma_debug_entry *e,
			dma_addr_t addr, size_t size, int type,
			enum dma_data_direction dir, void *cpu, unsigned long caller)
{
	struct device *dev = &kdev->pdev.dev;

	if (e->size != size)
		err_printk(dev, caller, "device driver frees DMA memory with different size [device address=0x%016llx] [map size=%zu bytes] [unmap size=%zu bytes]\n",
			   (unsigned long long)addr, e->size, size);
	if (e->type != type)
		err_printk(dev, caller, "device driver frees DMA memory with wrong function [device address=0x%016llx] [size=%zu bytes] [mapped as %s] [unmapped as %s]\n",
			   (unsigned long long)addr, e->size, type2name[e->type],
			   type2name[type]);
	else if (type == dma_debug_coherent && cpu != e->cpu)
		err_printk(dev, caller, "device driver frees DMA memory with different CPU address [device address=0x%016llx] [size=%zu bytes] [cpu alloc address=0x%px] [cpu free address=0x%px]\n",
			   (unsigned long long)addr, e->size, e->cpu, cpu);
	if (e->direction != dir)
		err_printk(dev, caller, "device driver frees DMA memory with different direction [device address=0x%016llx] [size=%zu bytes] [mapped with %s] [unmapped with %s]\n",
			   (unsigned long long)addr, e->size, dir2name[e->direction & 3],
			   dir2name[dir & 3]);
	if (e->map_err_type == MAP_ERR_NOT_CHECKED)
		err_printk(dev, caller, "device driver failed to check map error[device address=0x%016llx] [size=%zu bytes] [mapped as %s]\n",
			   (unsigned long long)addr, e->size, type2name[e->type]);
	ksim_iommu_unmap(kdev, e->dev_addr, NULL, NULL);
	if (e->type == dma_debug_coherent)
		ksim_host->mem_free(e->cpu);
	free_entry(kdev, e);
}

static void not_allocated(struct device *dev, dma_addr_t addr, size_t size,
			  unsigned long caller)
{
	err_printk(dev, caller, "device driver tries to free DMA memory it has not allocated [device address=0x%016llx] [size=%zu bytes]\n",
		   (unsigned long long)addr, size);
}

void debug_dma_mapping_error(struct device *dev, dma_addr_t dma_addr)
{
	struct ksim_pci_dev *kdev = ksim_dev_to_kdev(dev);
	struct ksim_dma_debug *dbg;
	struct dma_debug_entry *e;

	if (!kdev || !(dbg = kdev->dma_debug))
		return;
	ksim_lock(&dbg->lock);
	for (e = dbg->hash[hash_fn(dma_addr)]; e; e = e->next)
		if (e->dev_addr == dma_addr && e->map_err_type == MAP_ERR_NOT_CHECKED)
			e->map_err_type = MAP_ERR_CHECKED;
	ksim_unlock(&dbg->lock);
}
EXPORT_SYMBOL(debug_dma_mapping_error);

void ksim_dma_debug_check_unbind(struct ksim_pci_dev *kdev)
{
	struct ksim_dma_debug *dbg = kdev->dma_debug;
	struct dma_debug_entry *e;
	unsigned int h;
	char sym[256];

	if (!dbg || !dbg->count)
		return;
	ksim_pci_report_begin();
	pr_warn("DMA-API: %s %s: device driver has pending DMA allocations while released from device [count=%lu]\n",
		dev_driver_string(&kdev->pdev.dev), kdev->name, dbg->count);
	ksim_lock(&dbg->lock);
	for (h = 0; h < DEBUG_HASH_SIZE; h++) {
		while ((e = dbg->hash[h])) {
			dbg->hash[h] = e->next;
			ksim_host->symbolize((void *)e->caller, sym, sizeof(sym));
			pr_warn("DMA-API: leaked entry [device address=0x%016llx] [size=%zu bytes] [mapped as %s] [mapped with %s] mapped at %s\n",
				(unsigned long long)e->dev_addr, e->size, type2name[e->type],
				dir2name[e->direction & 3], sym);
			/* The device can no longer reach it; host memory goes at release. */
			ksim_iommu_unmap(kdev, e->dev_addr, NULL, NULL);
			e->next = dbg->leaked;
			dbg->leaked = e;
		}
	}
	dbg->count = 0;
	ksim_unlock(&dbg->lock);
	ksim_pci_report_end(KSIM_REPORT_DMA, 1);
}

void ksim_dma_debug_release(struct ksim_pci_dev *kdev)
{
	struct ksim_dma_debug *dbg = kdev->dma_debug;
	struct dma_debug_entry *e;
	unsigned int h;

	if (!dbg)
		return;
	for (h = 0; h < DEBUG_HASH_SIZE; h++) {
		while ((e = dbg->hash[h])) {
			dbg->hash[h] = e->next;
			e->next = dbg->leaked;
			dbg->leaked = e;
		}
	}
	while ((e = dbg->leaked)) {
		dbg->leaked = e->next;
		if (e->type == dma_debug_coherent)
			ksim_host->mem_free(e->cpu);
		ksim_host->mem_free(e);
	}
	while ((e = dbg->spare)) {
		dbg->spare = e->next;
		ksim_host->mem_free(e);
	}
	ksim_host->mem_free(dbg);
	kdev->dma_debug = NULL;
}

/* ---- streaming mappings ---- */

static struct ksim_pci_dev *dma_dev(struct device *dev, unsigned long caller)
{
	struct ksim_pci_dev *kdev = ksim_dev_to_kdev(dev);

	if (unlikely(!kdev)) {
		char sym[256];

		ksim_host->symbolize((void *)caller, sym, sizeof(sym));
		WARN(1, "DMA-API: %s: not a DMA-capable device (caller %s)\n",
		     dev ? dev_name(dev) : "(NULL device *)", sym);
	}
	return kdev;
}

static dma_addr_t map_one(struct device *dev, void *ptr, size_t size,
			  enum dma_data_direction dir, int type, unsigned long caller)
{
	struct ksim_pci_dev *kdev = dma_dev(dev, caller);
	uint64_t iova;

	if (!kdev)
		return DMA_MAPPING_ERROR;
	if (WARN(!valid_dma_direction(dir), "DMA-API: invalid direction %d\n", dir))
		return DMA_MAPPING_ERROR;
	if (ksim_iommu_map(kdev, ptr, size, to_ksim_dir(dir), &iova))
		return DMA_MAPPING_ERROR;
	if (add_entry(kdev, iova, size, type, dir, MAP_ERR_NOT_CHECKED, NULL, caller)) {
		ksim_iommu_unmap(kdev, iova, NULL, NULL);
		return DMA_MAPPING_ERROR;
	}
	return iova;
}

static void unmap_one(struct device *dev, dma_addr_t addr, size_t size,
		      enum dma_data_direction dir, int type, unsigned long caller)
{
	struct ksim_pci_dev *kdev = dma_dev(dev, caller);
	struct dma_debug_entry *e;

	if (!kdev)
		return;
	e = take_entry(kdev, addr);
	if (!e) {
		not_allocated(dev, addr, size, caller);
		return;
	}
	check_unmap(kdev, e, addr, size, type, dir, NULL, caller);
}

dma_addr_t dma_map_single_attrs(struct device *dev, void *ptr, size_t size,
				enum dma_data_direction dir, unsigned long attrs)
{
	return map_one(dev, ptr, size, dir, dma_debug_single, _RET_IP_);
}
EXPORT_SYMBOL(dma_map_single_attrs);

void dma_unmap_single_attrs(struct device *dev, dma_addr_t addr, size_t size,
			    enum dma_data_direction dir, unsigned long attrs)
{
	unmap_one(dev, addr, size, dir, dma_debug_single, _RET_IP_);
}
EXPORT_SYMBOL(dma_unmap_single_attrs);

dma_addr_t dma_map_page_attrs(struct device *dev, struct page *page, size_t offset,
			      size_t size, enum dma_data_direction dir,
			      unsigned long attrs)
{
	return map_one(dev, (char *)page_address(page) + offset, size, dir,
		       dma_debug_page, _RET_IP_);
}
EXPORT_SYMBOL(dma_map_page_attrs);

void dma_unmap_page_attrs(struct device *dev, dma_addr_t addr, size_t size,
			  enum dma_data_direction dir, unsigned long attrs)
{
	unmap_one(dev, addr, size, dir, dma_debug_page, _RET_IP_);
}
EXPORT_SYMBOL(dma_unmap_page_attrs);

/* A resource is another device's MMIO: there is no peer-to-peer here. */
dma_addr_t dma_map_resource(struct device *dev, phys_addr_t phys_addr, size_t size,
			    enum dma_data_direction dir, unsigned long attrs)
{
	return DMA_MAPPING_ERROR;
}
EXPORT_SYMBOL(dma_map_resource);

void dma_unmap_resource(struct device *dev, dma_addr_t addr, size_t size,
			enum dma_data_direction dir, unsigned long attrs)
{
	unmap_one(dev, addr, size, dir, dma_debug_resource, _RET_IP_);
}
EXPORT_SYMBOL(dma_unmap_resource);

static int map_sg(struct device *dev, struct scatterlist *sgl, int nents,
		  enum dma_data_direction dir, unsigned long caller)
{
	struct ksim_pci_dev *kdev = dma_dev(dev, caller);
	struct scatterlist *s;
	int i, j;
	uint64_t iova;

	if (!kdev || WARN(!valid_dma_direction(dir), "DMA-API: invalid direction %d\n", dir))
		return -EINVAL;
	for_each_sg(sgl, s, nents, i) {
		if (ksim_iommu_map(kdev, sg_virt(s), s->length, to_ksim_dir(dir), &iova))
			goto unwind;
		if (add_entry(kdev, iova, s->length, dma_debug_sg, dir,
			      MAP_ERR_CHECK_NOT_APPLICABLE, NULL, caller)) {
			ksim_iommu_unmap(kdev, iova, NULL, NULL);
			goto unwind;
		}
		s->dma_address = iova;
		s->dma_length = s->length;
	}
	return nents;
unwind:
	for_each_sg(sgl, s, i, j) {
		struct dma_debug_entry *e = take_entry(kdev, s->dma_address);

		ksim_iommu_unmap(kdev, s->dma_address, NULL, NULL);
		free_entry(kdev, e);
		s->dma_address = DMA_MAPPING_ERROR;
		s->dma_length = 0;
	}
	return -ENOMEM;
}

int dma_map_sg_attrs(struct device *dev, struct scatterlist *sg, int nents,
		     enum dma_data_direction dir, unsigned long attrs)
{
	int ret = map_sg(dev, sg, nents, dir, _RET_IP_);

	return ret < 0 ? 0 : ret;
}
EXPORT_SYMBOL(dma_map_sg_attrs);

int dma_map_sgtable(struct device *dev, struct sg_table *sgt,
		    enum dma_data_direction dir, unsigned long attrs)
{
	int nents = map_sg(dev, sgt->sgl, sgt->orig_nents, dir, _RET_IP_);

	if (nents < 0)
		return nents;
	sgt->nents = nents;
	return 0;
}
EXPORT_SYMBOL_GPL(dma_map_sgtable);

void dma_unmap_sg_attrs(struct device *dev, struct scatterlist *sg, int nents,
			enum dma_data_direction dir, unsigned long attrs)
{
	struct scatterlist *s;
	int i;

	for_each_sg(sg, s, nents, i)
		unmap_one(dev, s->dma_address, s->length, dir, dma_debug_sg, _RET_IP_);
}
EXPORT_SYMBOL(dma_unmap_sg_attrs);

/* ---- sync: no-ops on coherent memory, but checked ---- */

static void check_sync(struct device *dev, dma_addr_t addr, size_t size,
		       enum dma_data_direction dir, bool to_cpu, unsigned long caller)
{
	struct ksim_pci_dev *kdev = dma_dev(dev, caller);
	struct ksim_dma_debug *dbg;
	struct dma_debug_entry *e, *found = NULL;
	unsigned int h;

	if (!kdev)
		return;
	dbg = debug_of(kdev);
	if (!dbg)
		return;
	ksim_lock(&dbg->lock);
	for (h = 0; h < DEBUG_HASH_SIZE && !found; h++)
		for (e = dbg->hash[h]; e; e = e->next)
			if (addr >= e->dev_addr && addr - e->dev_addr < e->size) {
				found = e;
				break;
			}
	if (found) {
		e = found;
		if (size > e->size - (addr - e->dev_addr)) {
			ksim_unlock(&dbg->lock);
			err_printk(dev, caller, "device driver syncs DMA memory outside allocated range [device address=0x%016llx] [allocation size=%zu bytes] [sync offset+size=%llu]\n",
				   (unsigned long long)e->dev_addr, e->size,
				   (unsigned long long)(addr - e->dev_addr + size));
			return;
		}
		if (e->direction != DMA_BIDIRECTIONAL && e->direction != dir) {
			int mapped = e->direction;
			size_t esize = e->size;

			ksim_unlock(&dbg->lock);
			err_printk(dev, caller, "device driver syncs DMA memory with different direction [device address=0x%016llx] [size=%zu bytes] [mapped with %s] [synced with %s]\n",
				   (unsigned long long)addr, esize, dir2name[mapped & 3],
				   dir2name[dir & 3]);
			return;
		}
	}
	ksim_unlock(&dbg->lock);
	if (!found)
		err_printk(dev, caller, "device driver tries to sync DMA memory it has not allocated [device address=0x%016llx] [size=%zu bytes]\n",
			   (unsigned long long)addr, size);
}

void dma_sync_single_for_cpu(struct device *dev, dma_addr_t addr, size_t size,
			     enum dma_data_direction dir)
{
	check_sync(dev, addr, size, dir, true, _RET_IP_);
}
EXPORT_SYMBOL(dma_sync_single_for_cpu);

void dma_sync_single_for_device(struct device *dev, dma_addr_t addr, size_t size,
				enum dma_data_direction dir)
{
	check_sync(dev, addr, size, dir, false, _RET_IP_);
}
EXPORT_SYMBOL(dma_sync_single_for_device);

void dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg, int nelems,
			 enum dma_data_direction dir)
{
	struct scatterlist *s;
	int i;

	for_each_sg(sg, s, nelems, i)
		check_sync(dev, s->dma_address, s->length, dir, true, _RET_IP_);
}
EXPORT_SYMBOL(dma_sync_sg_for_cpu);

void dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg, int nelems,
			    enum dma_data_direction dir)
{
	struct scatterlist *s;
	int i;

	for_each_sg(sg, s, nelems, i)
		check_sync(dev, s->dma_address, s->length, dir, false, _RET_IP_);
}
EXPORT_SYMBOL(dma_sync_sg_for_device);

bool dma_need_sync(struct device *dev, dma_addr_t dma_addr)
{
	return false;
}
EXPORT_SYMBOL_GPL(dma_need_sync);

/* ---- coherent memory ---- */

void *ksim_dma_alloc_coherent_caller(struct device *dev, size_t size, dma_addr_t *handle,
				     unsigned long caller);
void ksim_dma_free_coherent_caller(struct device *dev, size_t size, void *cpu,
				   dma_addr_t handle, unsigned long caller);

void *ksim_dma_alloc_coherent_caller(struct device *dev, size_t size, dma_addr_t *handle,
				     unsigned long caller)
{
	struct ksim_pci_dev *kdev = dma_dev(dev, caller);
	size_t len = PAGE_ALIGN(size);
	void *cpu;
	uint64_t iova;

	if (!kdev || !size)
		return NULL;
	cpu = ksim_host->mem_alloc(len, PAGE_SIZE);
	if (!cpu)
		return NULL;
	memset(cpu, 0, len);
	if (ksim_iommu_map(kdev, cpu, size, KSIM_DMA_BIDIRECTIONAL, &iova))
		goto out_free;
	if (add_entry(kdev, iova, size, dma_debug_coherent, DMA_BIDIRECTIONAL,
		      MAP_ERR_CHECK_NOT_APPLICABLE, cpu, caller)) {
		ksim_iommu_unmap(kdev, iova, NULL, NULL);
		goto out_free;
	}
	*handle = iova;
	return cpu;
out_free:
	ksim_host->mem_free(cpu);
	return NULL;
}

void ksim_dma_free_coherent_caller(struct device *dev, size_t size, void *cpu,
				   dma_addr_t handle, unsigned long caller)
{
	struct ksim_pci_dev *kdev = dma_dev(dev, caller);
	struct dma_debug_entry *e;

	if (!kdev || !cpu)
		return;
	e = take_entry(kdev, handle);
	if (!e) {
		not_allocated(dev, handle, size, caller);
		return;
	}
	if (e->type != dma_debug_coherent) {
		/* Freeing a streaming mapping's memory is not ours to do. */
		err_printk(dev, caller, "device driver frees DMA memory with wrong function [device address=0x%016llx] [size=%zu bytes] [mapped as %s] [unmapped as %s]\n",
			   (unsigned long long)handle, e->size, type2name[e->type],
			   type2name[dma_debug_coherent]);
		put_entry(kdev, e);
		return;
	}
	check_unmap(kdev, e, handle, size, dma_debug_coherent, DMA_BIDIRECTIONAL, cpu, caller);
}

void *dma_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle,
		      gfp_t flag, unsigned long attrs)
{
	return ksim_dma_alloc_coherent_caller(dev, size, dma_handle, _RET_IP_);
}
EXPORT_SYMBOL(dma_alloc_attrs);

void dma_free_attrs(struct device *dev, size_t size, void *cpu_addr,
		    dma_addr_t dma_handle, unsigned long attrs)
{
	ksim_dma_free_coherent_caller(dev, size, cpu_addr, dma_handle, _RET_IP_);
}
EXPORT_SYMBOL(dma_free_attrs);

struct dma_devres {
	size_t size;
	void *vaddr;
	dma_addr_t dma_handle;
};

static void dmam_release(struct device *dev, void *res)
{
	struct dma_devres *this = res;

	ksim_dma_free_coherent_caller(dev, this->size, this->vaddr, this->dma_handle, 0);
}

static int dmam_match(struct device *dev, void *res, void *match_data)
{
	struct dma_devres *this = res, *match = match_data;

	return this->vaddr == match->vaddr && this->dma_handle == match->dma_handle;
}

void *dmam_alloc_attrs(struct device *dev, size_t size, dma_addr_t *dma_handle,
		       gfp_t gfp, unsigned long attrs)
{
	struct dma_devres *dr;
	void *vaddr;

	dr = devres_alloc(dmam_release, sizeof(*dr), gfp);
	if (!dr)
		return NULL;
	vaddr = ksim_dma_alloc_coherent_caller(dev, size, dma_handle, _RET_IP_);
	if (!vaddr) {
		devres_free(dr);
		return NULL;
	}
	dr->vaddr = vaddr;
	dr->dma_handle = *dma_handle;
	dr->size = size;
	devres_add(dev, dr);
	return vaddr;
}
EXPORT_SYMBOL(dmam_alloc_attrs);

void dmam_free_coherent(struct device *dev, size_t size, void *vaddr,
			dma_addr_t dma_handle)
{
	struct dma_devres match = { size, vaddr, dma_handle };

	WARN_ON(devres_destroy(dev, dmam_release, dmam_match, &match));
	ksim_dma_free_coherent_caller(dev, size, vaddr, dma_handle, _RET_IP_);
}
EXPORT_SYMBOL(dmam_free_coherent);

/* ---- masks ---- */

int dma_supported(struct device *dev, u64 mask)
{
	return mask >= DMA_BIT_MASK(32);
}
EXPORT_SYMBOL(dma_supported);

int dma_set_mask(struct device *dev, u64 mask)
{
	struct ksim_pci_dev *kdev = ksim_dev_to_kdev(dev);

	if (!dev->dma_mask || !dma_supported(dev, mask))
		return -EIO;
	*dev->dma_mask = mask;
	if (kdev)
		ksim_iommu_set_mask(kdev, mask);
	return 0;
}
EXPORT_SYMBOL(dma_set_mask);

int dma_set_coherent_mask(struct device *dev, u64 mask)
{
	if (!dma_supported(dev, mask))
		return -EIO;
	dev->coherent_dma_mask = mask;
	return 0;
}
EXPORT_SYMBOL(dma_set_coherent_mask);

u64 dma_get_required_mask(struct device *dev)
{
	return DMA_BIT_MASK(64);
}
EXPORT_SYMBOL_GPL(dma_get_required_mask);

size_t dma_max_mapping_size(struct device *dev)
{
	return SIZE_MAX;
}
EXPORT_SYMBOL_GPL(dma_max_mapping_size);

size_t dma_opt_mapping_size(struct device *dev)
{
	return SIZE_MAX;
}
EXPORT_SYMBOL_GPL(dma_opt_mapping_size);
