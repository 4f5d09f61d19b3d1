// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/drivers/pci/bus.c - the simulated PCI bus: the slot registry
 * device models plug into (ksim/platform.h), each function's type 0
 * configuration space, and the PCI driver core (match, probe, remove).
 *
 * Locking: slots_lock guards the slot table (short); drivers_lock the
 * driver list; each function's bind_lock serialises its probe and remove
 * (the kernel's device_lock), and its lock guards config space.
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/export.h>
#include <linux/module.h>
#include <ksim/report.h>

#include "drivers/pci/ksim-pci.h"
#include "sim/host.h"

/* Where BARs live in the (fictional) physical address space: 4 GiB a slot. */
#define KSIM_BAR_WINDOW_BASE	0x8000000000ULL
#define KSIM_BAR_WINDOW_SIZE	0x100000000ULL
#define KSIM_FIRST_SLOT		4
#define KSIM_MSIX_CAP		0x40

struct bus_type pci_bus_type = {
	.name = "pci",
};
EXPORT_SYMBOL(pci_bus_type);

static struct ksim_lock slots_lock = KSIM_LOCK_INIT;
static struct ksim_pci_dev *slots[KSIM_PCI_MAX_SLOTS];
static unsigned int nr_devs;
static struct ksim_lock drivers_lock = KSIM_LOCK_INIT;
static LIST_HEAD(pci_drivers);

struct ksim_pci_dev *ksim_dev_to_kdev(const struct device *dev)
{
	if (!dev || dev->bus != &pci_bus_type)
		return NULL;
	return ksim_pdev(to_pci_dev(dev));
}

void ksim_pci_report_begin(void)
{
	pr_warn("------------[ cut here ]------------\n");
}

void ksim_pci_report_end(enum ksim_report_kind kind, int skip)
{
	ksim_print_task_header(KERN_WARNING);
	ksim_dump_stack_skip(KERN_WARNING, skip + 1);
	pr_warn("---[ end trace 0000000000000000 ]---\n");
	ksim_report(kind);
}

/*
 * Call @fn on the plugged functions of the slots set in @mask (bit i: slot
 * i), holding a reference, no lock held: the interrupt path visits only the
 * devices that left something pending, not all KSIM_PCI_MAX_SLOTS.
 */
void ksim_pci_for_each_dev_in(unsigned long mask,
			      void (*fn)(struct ksim_pci_dev *kdev, void *arg), void *arg)
{
	struct ksim_pci_dev *kdev;

	BUILD_BUG_ON(KSIM_PCI_MAX_SLOTS > 8 * sizeof(mask));
	for (; mask; mask &= mask - 1) {
		unsigned int i = __builtin_ctzl(mask);

		ksim_lock(&slots_lock);
		kdev = i < KSIM_PCI_MAX_SLOTS ? slots[i] : NULL;
		if (kdev)
			get_device(&kdev->pdev.dev);
		ksim_unlock(&slots_lock);
		if (!kdev)
			continue;
		fn(kdev, arg);
		put_device(&kdev->pdev.dev);
	}
}

/* Call @fn on every plugged function, holding a reference, no lock held. */
void ksim_pci_for_each_dev(void (*fn)(struct ksim_pci_dev *kdev, void *arg), void *arg)
{
	ksim_pci_for_each_dev_in(~0UL >> (8 * sizeof(unsigned long) - KSIM_PCI_MAX_SLOTS),
				 fn, arg);
}

/* ---- configuration space ---- */

static void cfg_put(struct ksim_pci_dev *kdev, unsigned int where, unsigned int size, u32 v)
{
	unsigned int i;

	for (i = 0; i < size; i++)
		kdev->cfg[where + i] = v >> (8 * i);
}

static u32 cfg_get(struct ksim_pci_dev *kdev, unsigned int where, unsigned int size)
{
	u32 v = 0;
	unsigned int i;

	for (i = 0; i < size; i++)
		v |= (u32)kdev->cfg[where + i] << (8 * i);
	return v;
}

static void cfg_init(struct ksim_pci_dev *kdev)
{
	const struct ksim_pci_dev_info *info = &kdev->info;
	unsigned int i;

	cfg_put(kdev, PCI_VENDOR_ID, 2, info->vendor);
	cfg_put(kdev, PCI_DEVICE_ID, 2, info->device);
	cfg_put(kdev, PCI_CLASS_REVISION, 4, (info->class_code << 8) | info->revision);
	cfg_put(kdev, PCI_HEADER_TYPE, 1, PCI_HEADER_TYPE_NORMAL);
	cfg_put(kdev, PCI_SUBSYSTEM_VENDOR_ID, 2, info->subsystem_vendor);
	cfg_put(kdev, PCI_SUBSYSTEM_ID, 2, info->subsystem_device);
	for (i = 0; i < KSIM_PCI_NUM_BARS; i++) {
		if (!info->bar_size[i])
			continue;
		if (kdev->bar_is64[i]) {
			cfg_put(kdev, PCI_BASE_ADDRESS_0 + 4 * i, 4,
				(u32)kdev->bar_phys[i] | PCI_BASE_ADDRESS_MEM_TYPE_64);
			cfg_put(kdev, PCI_BASE_ADDRESS_0 + 4 * (i + 1), 4,
				kdev->bar_phys[i] >> 32);
		} else {
			cfg_put(kdev, PCI_BASE_ADDRESS_0 + 4 * i, 4, (u32)kdev->bar_phys[i]);
		}
	}
	if (info->msix_vectors) {
		u8 *cap = &kdev->cfg[KSIM_MSIX_CAP];

		cfg_put(kdev, PCI_STATUS, 2, PCI_STATUS_CAP_LIST);
		cfg_put(kdev, PCI_CAPABILITY_LIST, 1, KSIM_MSIX_CAP);
		cap[PCI_CAP_LIST_ID] = PCI_CAP_ID_MSIX;
		cap[PCI_CAP_LIST_NEXT] = 0;
		cfg_put(kdev, KSIM_MSIX_CAP + PCI_MSIX_FLAGS, 2, info->msix_vectors - 1);
		cfg_put(kdev, KSIM_MSIX_CAP + PCI_MSIX_TABLE, 4,
			(u32)info->msix_table_offset | info->msix_bar);
		cfg_put(kdev, KSIM_MSIX_CAP + PCI_MSIX_PBA, 4,
			(u32)info->msix_pba_offset | info->msix_bar);
	}
}

u32 ksim_cfg_read(struct ksim_pci_dev *kdev, unsigned int where, unsigned int size)
{
	u32 v;

	if (ksim_pci_removed(kdev))
		return size == 4 ? ~0u : (1u << (8 * size)) - 1;
	ksim_lock(&kdev->lock);
	v = cfg_get(kdev, where, size);
	ksim_unlock(&kdev->lock);
	return v;
}

/* A BAR dword reads back what was written, less the bits the size fixes. */
static u32 bar_dword(struct ksim_pci_dev *kdev, unsigned int idx, u32 val)
{
	unsigned int i;

	for (i = 0; i < KSIM_PCI_NUM_BARS; i++) {
		u64 size = kdev->info.bar_size[i];

		if (!size)
			continue;
		if (idx == i) {
			u32 type = kdev->bar_is64[i] ? PCI_BASE_ADDRESS_MEM_TYPE_64 : 0;

			return (val & ~(u32)(size - 1) & (u32)PCI_BASE_ADDRESS_MEM_MASK) | type;
		}
		if (kdev->bar_is64[i] && idx == i + 1)
			return val & ~(u32)((size - 1) >> 32);
	}
	return 0;	/* a BAR the function does not have reads as zero (PCI spec) */
}

void ksim_cfg_write(struct ksim_pci_dev *kdev, unsigned int where, unsigned int size, u32 val)
{
	const struct ksim_pci_model_ops *ops = kdev->info.ops;
	unsigned int i, cap = KSIM_MSIX_CAP;
	u16 cmd_before, cmd_after;
	u16 msix_before = 0, msix_after = 0;

	if (ksim_pci_removed(kdev))
		return;
	ksim_lock(&kdev->lock);
	cmd_before = cfg_get(kdev, PCI_COMMAND, 2);
	if (kdev->info.msix_vectors)
		msix_before = cfg_get(kdev, cap + PCI_MSIX_FLAGS, 2);
	for (i = 0; i < size; i++) {
		unsigned int off = where + i;
		u8 b = val >> (8 * i);

		if (off == PCI_COMMAND)
			kdev->cfg[off] = (kdev->cfg[off] & ~0x46) | (b & 0x46);
		else if (off == PCI_COMMAND + 1)
			kdev->cfg[off] = (kdev->cfg[off] & ~0x05) | (b & 0x05);
		else if (off == PCI_CACHE_LINE_SIZE || off == PCI_LATENCY_TIMER ||
			 off == PCI_INTERRUPT_LINE)
			kdev->cfg[off] = b;
		else if (off >= PCI_BASE_ADDRESS_0 && off <= PCI_BASE_ADDRESS_5 + 3) {
			unsigned int d = (off - PCI_BASE_ADDRESS_0) / 4;
			unsigned int base = PCI_BASE_ADDRESS_0 + 4 * d;
			u32 cur = cfg_get(kdev, base, 4);
			unsigned int sh = 8 * (off - base);

			cur = (cur & ~(0xffu << sh)) | ((u32)b << sh);
			cfg_put(kdev, base, 4, bar_dword(kdev, d, cur));
		} else if (kdev->info.msix_vectors && off == cap + PCI_MSIX_FLAGS + 1)
			kdev->cfg[off] = (kdev->cfg[off] & ~0xc0) | (b & 0xc0);
		/* everything else is read-only */
	}
	cmd_after = cfg_get(kdev, PCI_COMMAND, 2);
	if (kdev->info.msix_vectors)
		msix_after = cfg_get(kdev, cap + PCI_MSIX_FLAGS, 2);
	ksim_unlock(&kdev->lock);

	if ((cmd_before ^ cmd_after) & PCI_COMMAND_MASTER && ops && ops->bus_master)
		ops->bus_master(kdev->info.model, cmd_after & PCI_COMMAND_MASTER);
	if (msix_before != msix_after)
		ksim_msix_ctrl_changed(kdev);
}

/* ---- the registry ---- */

static void ksim_pci_release(struct device *dev)
{
	struct ksim_pci_dev *kdev = ksim_pdev(to_pci_dev(dev));

	ksim_dma_debug_release(kdev);
	ksim_msix_release(kdev);
	ksim_iommu_release(kdev);
	ksim_host->mem_free(kdev);
}

static int place_bars(struct ksim_pci_dev *kdev, unsigned int slot)
{
	const struct ksim_pci_dev_info *info = &kdev->info;
	u64 next = KSIM_BAR_WINDOW_BASE + slot * KSIM_BAR_WINDOW_SIZE;
	u64 end = next + KSIM_BAR_WINDOW_SIZE;
	unsigned int i;

	for (i = 0; i < KSIM_PCI_NUM_BARS; i++) {
		u64 size = info->bar_size[i];
		struct resource *res = &kdev->pdev.resource[i];

		if (!size)
			continue;
		if (size < 4096 || (size & (size - 1)))
			return -EINVAL;
		/* A 64-bit BAR takes the next register too; BAR5 has none. */
		kdev->bar_is64[i] = i < KSIM_PCI_NUM_BARS - 1;
		if (kdev->bar_is64[i] && info->bar_size[i + 1])
			return -EINVAL;
		next = ALIGN(next, size);
		if (next + size > end)
			return -ENOSPC;
		kdev->bar_phys[i] = next;
		res->start = next;
		res->end = next + size - 1;
		res->name = kdev->name;
		res->flags = IORESOURCE_MEM | IORESOURCE_SIZEALIGN |
			     (kdev->bar_is64[i] ? IORESOURCE_MEM_64 : 0);
		next += size;
	}
	return 0;
}

static int check_info(const struct ksim_pci_dev_info *info)
{
	if (!info || !info->ops || !info->ops->mmio_read || !info->ops->mmio_write)
		return -EINVAL;
	if (info->msix_vectors) {
		u64 tbl = info->msix_table_offset, pba = info->msix_pba_offset;
		u64 size;

		if (info->msix_vectors > KSIM_MSIX_MAX || info->msix_bar < 0 ||
		    info->msix_bar >= KSIM_PCI_NUM_BARS)
			return -EINVAL;
		size = info->bar_size[info->msix_bar];
		if ((tbl & 7) || (pba & 7) ||
		    tbl + 16ULL * info->msix_vectors > size ||
		    pba + 8ULL * DIV_ROUND_UP(info->msix_vectors, 64) > size)
			return -EINVAL;
	}
	return 0;
}

static int take_slot(struct ksim_pci_dev *kdev)
{
	unsigned int i, slot;
	int ret = -ENOSPC;

	ksim_lock(&slots_lock);
	for (i = 0; i < KSIM_PCI_MAX_SLOTS - 1; i++) {
		/* 00:00-00:03 are where a PC has its host bridge and friends. */
		slot = KSIM_FIRST_SLOT + i;
		if (slot >= KSIM_PCI_MAX_SLOTS)
			slot -= KSIM_PCI_MAX_SLOTS - 1;
		if (!slots[slot]) {
			slots[slot] = kdev;
			kdev->slot = slot;
			nr_devs++;
			ret = 0;
			break;
		}
	}
	ksim_unlock(&slots_lock);
	return ret;
}

static void init_pci_dev(struct ksim_pci_dev *kdev)
{
	struct pci_dev *pdev = &kdev->pdev;
	const struct ksim_pci_dev_info *info = &kdev->info;

	INIT_LIST_HEAD(&pdev->bus_list);
	kdev->bus.number = 0;
	pdev->bus = &kdev->bus;
	pdev->devfn = PCI_DEVFN(kdev->slot, 0);
	pdev->vendor = info->vendor;
	pdev->device = info->device;
	pdev->subsystem_vendor = info->subsystem_vendor;
	pdev->subsystem_device = info->subsystem_device;
	pdev->class = info->class_code & 0xffffff;
	pdev->revision = info->revision;
	pdev->hdr_type = PCI_HEADER_TYPE_NORMAL;
	pdev->msix_cap = info->msix_vectors ? KSIM_MSIX_CAP : 0;
	pdev->cfg_size = PCI_CFG_SPACE_SIZE;
	pdev->current_state = PCI_D0;
	pdev->error_state = pci_channel_io_normal;
	pdev->dma_mask = DMA_BIT_MASK(32);
	atomic_set(&pdev->enable_cnt, 0);

	device_initialize(&pdev->dev);
	pdev->dev.kobj.name = kdev->name;
	pdev->dev.bus = &pci_bus_type;
	pdev->dev.dma_mask = &pdev->dma_mask;
	pdev->dev.coherent_dma_mask = DMA_BIT_MASK(32);
	pdev->dev.dma_parms = &pdev->dma_parms;
	pdev->dma_parms.max_segment_size = 65536;
	pdev->dev.release = ksim_pci_release;
}

static void pci_try_probe(struct ksim_pci_dev *kdev, struct pci_driver *only);

int ksim_pci_add_device(const struct ksim_pci_dev_info *info, struct ksim_pci_dev **out)
{
	struct ksim_pci_dev *kdev;
	bool first;
	int ret;

	ret = check_info(info);
	if (ret)
		return ret;
	kdev = ksim_host->mem_alloc(sizeof(*kdev), 64);
	if (!kdev)
		return -ENOMEM;
	memset(kdev, 0, sizeof(*kdev));
	kdev->info = *info;
	strscpy(kdev->model_name, info->name ? info->name : "?", sizeof(kdev->model_name));
	kdev->info.name = kdev->model_name;
	ret = take_slot(kdev);
	if (ret)
		goto out_free;
	scnprintf(kdev->name, sizeof(kdev->name), "0000:00:%02x.0", kdev->slot);
	ret = place_bars(kdev, kdev->slot);
	if (ret)
		goto out_slot;
	cfg_init(kdev);
	ksim_iommu_init(kdev);
	ret = ksim_msix_init(kdev);
	if (ret)
		goto out_slot;
	init_pci_dev(kdev);

	ksim_lock(&slots_lock);
	first = nr_devs == 1;
	ksim_unlock(&slots_lock);
	if (first)
		ksim_irq_task_start();
	pr_info("pci %s: [%04x:%04x] type 00 class 0x%06x (%s)\n", kdev->name,
		info->vendor, info->device, info->class_code, kdev->model_name);
	*out = kdev;
	pci_try_probe(kdev, NULL);
	return 0;

out_slot:
	ksim_msix_release(kdev);
	ksim_iommu_release(kdev);
	ksim_lock(&slots_lock);
	slots[kdev->slot] = NULL;
	nr_devs--;
	ksim_unlock(&slots_lock);
out_free:
	ksim_host->mem_free(kdev);
	return ret;
}

static void pci_unbind(struct ksim_pci_dev *kdev);

/* The driver lets go and none can bind again; the device itself still works. */
void ksim_pci_unplug_device(struct ksim_pci_dev *kdev)
{
	ksim_lock(&kdev->bind_lock);
	if (!kdev->unplugged) {
		pci_unbind(kdev);
		__atomic_store_n(&kdev->unplugged, 1, __ATOMIC_RELEASE);
	}
	ksim_unlock(&kdev->bind_lock);
}

void ksim_pci_remove_device(struct ksim_pci_dev *kdev)
{
	bool last;

	ksim_pci_unplug_device(kdev);
	__atomic_store_n(&kdev->removed, 1, __ATOMIC_RELEASE);
	ksim_iomap_forget_dev(kdev);
	ksim_lock(&slots_lock);
	slots[kdev->slot] = NULL;
	last = --nr_devs == 0;
	ksim_unlock(&slots_lock);
	pr_info("pci %s: removed\n", kdev->name);
	if (last)
		ksim_irq_task_stop();
	put_device(&kdev->pdev.dev);
}

void ksim_pci_surprise_remove(struct ksim_pci_dev *kdev)
{
	__atomic_store_n(&kdev->removed, 1, __ATOMIC_RELEASE);
	kdev->pdev.error_state = pci_channel_io_perm_failure;
}

const char *ksim_pci_dev_name(const struct ksim_pci_dev *kdev)
{
	return kdev->name;
}

bool ksim_pci_probed(const struct ksim_pci_dev *kdev)
{
	return kdev->probed;
}

bool ksim_pci_bus_master_enabled(const struct ksim_pci_dev *kdev)
{
	return __atomic_load_n(&kdev->cfg[PCI_COMMAND], __ATOMIC_RELAXED) & PCI_COMMAND_MASTER;
}

int ksim_pci_config_read(struct ksim_pci_dev *kdev, unsigned int where,
			 unsigned int size, uint32_t *val)
{
	if ((size != 1 && size != 2 && size != 4) || (where & (size - 1)) ||
	    where + size > PCI_CFG_SPACE_SIZE)
		return -EINVAL;
	*val = ksim_cfg_read(kdev, where, size);
	return ksim_pci_removed(kdev) ? -ENODEV : 0;
}

int ksim_pci_config_write(struct ksim_pci_dev *kdev, unsigned int where,
			  unsigned int size, uint32_t val)
{
	if ((size != 1 && size != 2 && size != 4) || (where & (size - 1)) ||
	    where + size > PCI_CFG_SPACE_SIZE)
		return -EINVAL;
	if (ksim_pci_removed(kdev))
		return -ENODEV;
	ksim_cfg_write(kdev, where, size, val);
	return 0;
}

void ksim_platform_log(int level, const char *fmt, ...)
{
	char buf[512];
	va_list args;

	if (level < 0 || level > 7)
		level = 7;
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	/* The level goes in as text: printk takes it from the formatted line. */
	printk("%c%c%s", KERN_SOH_ASCII, '0' + level, buf);
}

void ksim_pci_get_stats(const struct ksim_pci_dev *kdev, struct ksim_pci_stats *stats)
{
	const unsigned long *src = (const unsigned long *)&kdev->stats;
	unsigned long *dst = (unsigned long *)stats;
	unsigned int i;

	for (i = 0; i < sizeof(*stats) / sizeof(long); i++)
		dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
}

/* ---- the driver core ---- */

const struct pci_device_id *pci_match_id(const struct pci_device_id *ids,
					 struct pci_dev *dev)
{
	if (!ids)
		return NULL;
	for (; ids->vendor || ids->subvendor || ids->class_mask; ids++) {
		if ((ids->vendor == (u32)PCI_ANY_ID || ids->vendor == dev->vendor) &&
		    (ids->device == (u32)PCI_ANY_ID || ids->device == dev->device) &&
		    (ids->subvendor == (u32)PCI_ANY_ID ||
		     ids->subvendor == dev->subsystem_vendor) &&
		    (ids->subdevice == (u32)PCI_ANY_ID ||
		     ids->subdevice == dev->subsystem_device) &&
		    !((ids->class ^ dev->class) & ids->class_mask))
			return ids;
	}
	return NULL;
}
EXPORT_SYMBOL(pci_match_id);

/* What is left once a driver lets go: report what it leaked, clean up. */
static void pci_after_unbind(struct ksim_pci_dev *kdev)
{
	struct pci_dev *pdev = &kdev->pdev;

	devres_release_all(&pdev->dev);
	ksim_irq_check_unbind(kdev);
	ksim_dma_debug_check_unbind(kdev);
	if (kdev->irq_nvec)
		ksim_irq_free_vectors(kdev);
	pdev->msix_enabled = 0;
	kdev->regions = 0;
	if (atomic_read(&pdev->enable_cnt) > 0) {
		atomic_set(&pdev->enable_cnt, 0);
		ksim_cfg_write(kdev, PCI_COMMAND, 2, 0);
	}
	pdev->is_busmaster = 0;
	pdev->driver = NULL;
	pdev->dev.driver = NULL;
	pdev->dev.driver_data = NULL;
	pdev->dev.ksim_bound = false;
}

/* Called with bind_lock held. */
static int pci_probe_one(struct ksim_pci_dev *kdev, struct pci_driver *drv)
{
	struct pci_dev *pdev = &kdev->pdev;
	const struct pci_device_id *id;
	int ret;

	if (pdev->driver || kdev->unplugged)
		return -EBUSY;
	id = pci_match_id(drv->id_table, pdev);
	if (!id)
		return -ENODEV;
	pci_dev_get(pdev);
	pdev->driver = drv;
	pdev->dev.driver = &drv->driver;
	pdev->dev.ksim_bound = true;
	kdev->probed = true;
	ret = drv->probe ? drv->probe(pdev, id) : -ENODEV;
	if (ret == 0)
		return 0;
	if (ret != -ENODEV && ret != -ENXIO)
		pr_warn("%s: probe of %s failed with error %d\n", drv->name,
			kdev->name, ret);
	pci_after_unbind(kdev);
	pci_dev_put(pdev);
	return ret;
}

static void pci_try_probe(struct ksim_pci_dev *kdev, struct pci_driver *only)
{
	struct pci_driver *drv;

	ksim_lock(&kdev->bind_lock);
	ksim_lock(&drivers_lock);
	list_for_each_entry(drv, &pci_drivers, node) {
		if (only && drv != only)
			continue;
		if (pci_probe_one(kdev, drv) == 0 || kdev->pdev.driver)
			break;
	}
	ksim_unlock(&drivers_lock);
	ksim_unlock(&kdev->bind_lock);
}

/* Called with bind_lock held. */
static void pci_unbind(struct ksim_pci_dev *kdev)
{
	struct pci_dev *pdev = &kdev->pdev;
	struct pci_driver *drv = pdev->driver;

	if (!drv)
		return;
	if (drv->remove)
		drv->remove(pdev);
	pci_after_unbind(kdev);
	pci_dev_put(pdev);
}

void device_release_driver(struct device *dev)
{
	struct ksim_pci_dev *kdev = ksim_dev_to_kdev(dev);

	if (!kdev)
		return;
	ksim_lock(&kdev->bind_lock);
	pci_unbind(kdev);
	ksim_unlock(&kdev->bind_lock);
}
EXPORT_SYMBOL_GPL(device_release_driver);

static void probe_new_driver(struct ksim_pci_dev *kdev, void *arg)
{
	pci_try_probe(kdev, arg);
}

int __pci_register_driver(struct pci_driver *drv, struct module *owner,
			  const char *mod_name)
{
	drv->driver.name = drv->name;
	drv->driver.bus = &pci_bus_type;
	drv->driver.owner = owner;
	drv->driver.mod_name = mod_name;
	ksim_lock(&drivers_lock);
	list_add_tail(&drv->node, &pci_drivers);
	ksim_unlock(&drivers_lock);
	ksim_pci_for_each_dev(probe_new_driver, drv);
	return 0;
}
EXPORT_SYMBOL(__pci_register_driver);

static void unbind_driver(struct ksim_pci_dev *kdev, void *arg)
{
	ksim_lock(&kdev->bind_lock);
	if (kdev->pdev.driver == arg)
		pci_unbind(kdev);
	ksim_unlock(&kdev->bind_lock);
}

void pci_unregister_driver(struct pci_driver *drv)
{
	ksim_lock(&drivers_lock);
	list_del_init(&drv->node);
	ksim_unlock(&drivers_lock);
	ksim_pci_for_each_dev(unbind_driver, drv);
}
EXPORT_SYMBOL(pci_unregister_driver);

struct pci_dev *pci_dev_get(struct pci_dev *dev)
{
	if (dev)
		get_device(&dev->dev);
	return dev;
}
EXPORT_SYMBOL(pci_dev_get);

void pci_dev_put(struct pci_dev *dev)
{
	if (dev)
		put_device(&dev->dev);
}
EXPORT_SYMBOL(pci_dev_put);

struct pci_dev *pci_get_device(unsigned int vendor, unsigned int device,
			       struct pci_dev *from)
{
	unsigned int i = from ? ksim_pdev(from)->slot + 1 : 0;
	struct pci_dev *found = NULL;

	ksim_lock(&slots_lock);
	for (; i < KSIM_PCI_MAX_SLOTS; i++) {
		struct ksim_pci_dev *kdev = slots[i];

		if (!kdev)
			continue;
		if ((vendor == (unsigned int)PCI_ANY_ID || vendor == kdev->pdev.vendor) &&
		    (device == (unsigned int)PCI_ANY_ID || device == kdev->pdev.device)) {
			found = pci_dev_get(&kdev->pdev);
			break;
		}
	}
	ksim_unlock(&slots_lock);
	pci_dev_put(from);
	return found;
}
EXPORT_SYMBOL(pci_get_device);

bool pci_device_is_present(struct pci_dev *pdev)
{
	return !ksim_pci_removed(ksim_pdev(pdev));
}
EXPORT_SYMBOL_GPL(pci_device_is_present);

/* ---- config space accessors ---- */

static int cfg_access_ok(const struct pci_dev *dev, int where, int size)
{
	if (where < 0 || where + size > PCI_CFG_SPACE_SIZE || (where & (size - 1)))
		return PCIBIOS_BAD_REGISTER_NUMBER;
	if (ksim_pci_removed(ksim_pdev(dev)))
		return PCIBIOS_DEVICE_NOT_FOUND;
	return PCIBIOS_SUCCESSFUL;
}

static int cfg_read(const struct pci_dev *dev, int where, int size, u32 *val)
{
	int ret = cfg_access_ok(dev, where, size);

	if (ret) {
		*val = size == 4 ? ~0u : (1u << (8 * size)) - 1;
		return ret;
	}
	*val = ksim_cfg_read(ksim_pdev(dev), where, size);
	return 0;
}

int pci_read_config_byte(const struct pci_dev *dev, int where, u8 *val)
{
	u32 v;
	int ret = cfg_read(dev, where, 1, &v);

	*val = v;
	return ret;
}
EXPORT_SYMBOL(pci_read_config_byte);

int pci_read_config_word(const struct pci_dev *dev, int where, u16 *val)
{
	u32 v;
	int ret = cfg_read(dev, where, 2, &v);

	*val = v;
	return ret;
}
EXPORT_SYMBOL(pci_read_config_word);

int pci_read_config_dword(const struct pci_dev *dev, int where, u32 *val)
{
	return cfg_read(dev, where, 4, val);
}
EXPORT_SYMBOL(pci_read_config_dword);

static int cfg_write(const struct pci_dev *dev, int where, int size, u32 val)
{
	int ret = cfg_access_ok(dev, where, size);

	if (ret)
		return ret;
	ksim_cfg_write(ksim_pdev(dev), where, size, val);
	return 0;
}

int pci_write_config_byte(const struct pci_dev *dev, int where, u8 val)
{
	return cfg_write(dev, where, 1, val);
}
EXPORT_SYMBOL(pci_write_config_byte);

int pci_write_config_word(const struct pci_dev *dev, int where, u16 val)
{
	return cfg_write(dev, where, 2, val);
}
EXPORT_SYMBOL(pci_write_config_word);

int pci_write_config_dword(const struct pci_dev *dev, int where, u32 val)
{
	return cfg_write(dev, where, 4, val);
}
EXPORT_SYMBOL(pci_write_config_dword);

u8 pci_find_capability(struct pci_dev *dev, int cap)
{
	u8 pos, id;
	int ttl = 48;

	pci_read_config_byte(dev, PCI_CAPABILITY_LIST, &pos);
	while (pos >= 0x40 && ttl--) {
		pos &= ~3;
		pci_read_config_byte(dev, pos + PCI_CAP_LIST_ID, &id);
		if (id == 0xff)
			break;
		if (id == cap)
			return pos;
		pci_read_config_byte(dev, pos + PCI_CAP_LIST_NEXT, &pos);
	}
	return 0;
}
EXPORT_SYMBOL(pci_find_capability);

/*
 * A module is going away: a pci_driver it registered and never unregistered
 * would leave the bus calling into unmapped code.  Report it, as the kernel's
 * module loader would find the driver still on the bus, and unregister it.
 */
void ksim_pci_module_unload(struct module *mod)
{
	struct pci_driver *drv, *tmp;
	LIST_HEAD(stale);

	ksim_lock(&drivers_lock);
	list_for_each_entry_safe(drv, tmp, &pci_drivers, node)
		if (drv->driver.owner == mod || ksim_module_of((unsigned long)drv) == mod)
			list_move_tail(&drv->node, &stale);
	ksim_unlock(&drivers_lock);
	list_for_each_entry_safe(drv, tmp, &stale, node) {
		ksim_pci_report_begin();
		pr_err("%s: pci_driver '%s' is still registered as its module unloads (missing pci_unregister_driver?)\n",
		       module_name(mod), drv->name);
		ksim_pci_report_end(KSIM_REPORT_OBJECT, 0);
		list_del_init(&drv->node);
		ksim_pci_for_each_dev(unbind_driver, drv);
	}
}

/* Shutdown: unplug what is still plugged in, so no device task outlives the kernel. */
void ksim_pci_exit(void)
{
	unsigned int i;

	for (i = 0; i < KSIM_PCI_MAX_SLOTS; i++) {
		struct ksim_pci_dev *kdev;

		ksim_lock(&slots_lock);
		kdev = slots[i];
		ksim_unlock(&slots_lock);
		if (kdev)
			ksim_pci_remove_device(kdev);
	}
	ksim_iomap_reset();
}
