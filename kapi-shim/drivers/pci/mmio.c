// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/drivers/pci/mmio.c - MMIO: the __iomem cookies pci_iomap()
 * and ioremap() hand out, the readl/writel family behind them, and the
 * dispatch of an access to the device model or to the MSI-X emulation.
 *
 * A cookie is KSIM_IOMEM_BASE | slot << 36 | offset: bits 63-48 make it a
 * non-canonical x86-64 address, so a driver dereferencing it directly
 * takes a fault at once, and the slot indexes a table of mappings (no
 * search on the hot path).  Slots are handed out round robin so a stale
 * cookie used after pci_iounmap() most likely finds its slot empty.
 */
#include <linux/kernel.h>
#include <linux/pci.h>
#include <linux/io.h>
#include <linux/string.h>
#include <linux/export.h>
#include <ksim/report.h>

#include "drivers/pci/ksim-pci.h"
#include "sim/host.h"

#define KSIM_IOMEM_BASE		0x0bad000000000000ULL
#define KSIM_IOMEM_TAG_MASK	0xffff000000000000ULL
#define IOMAP_SLOT_SHIFT	36
#define IOMAP_SLOTS		4096
#define IOMAP_OFF_MASK		((1ULL << IOMAP_SLOT_SHIFT) - 1)

struct iomap_slot {
	struct ksim_pci_dev *kdev;	/* NULL: free */
	int bar;
	u64 bar_off;			/* where in the BAR the cookie's 0 is */
	u64 len;
};

static struct iomap_slot iomap_slots[IOMAP_SLOTS];
static struct ksim_lock iomap_lock = KSIM_LOCK_INIT;
static unsigned int iomap_next = 1;

void __iomem *ksim_iomap_make(struct ksim_pci_dev *kdev, int bar, u64 offset, u64 len)
{
	unsigned int i, idx;
	void __iomem *cookie = NULL;

	if (!len || len > IOMAP_OFF_MASK)
		return NULL;
	ksim_lock(&iomap_lock);
	for (i = 0; i < IOMAP_SLOTS - 1; i++) {
		idx = iomap_next;
		iomap_next = iomap_next + 1 < IOMAP_SLOTS ? iomap_next + 1 : 1;
		if (iomap_slots[idx].kdev)
			continue;
		iomap_slots[idx].bar = bar;
		iomap_slots[idx].bar_off = offset;
		iomap_slots[idx].len = len;
		__atomic_store_n(&iomap_slots[idx].kdev, kdev, __ATOMIC_RELEASE);
		cookie = (void __iomem *)(uintptr_t)(KSIM_IOMEM_BASE |
						     ((u64)idx << IOMAP_SLOT_SHIFT));
		break;
	}
	ksim_unlock(&iomap_lock);
	return cookie;
}

static int cookie_slot(const volatile void __iomem *addr)
{
	u64 a = (uintptr_t)addr;

	if ((a & KSIM_IOMEM_TAG_MASK) != KSIM_IOMEM_BASE)
		return -1;
	return (a >> IOMAP_SLOT_SHIFT) & (IOMAP_SLOTS - 1);
}

int ksim_iomap_release(void __iomem *addr, struct ksim_pci_dev *expect)
{
	int idx = cookie_slot(addr);
	int ret = -ENOENT;

	if (idx <= 0 || ((uintptr_t)addr & IOMAP_OFF_MASK))
		return -EINVAL;
	ksim_lock(&iomap_lock);
	if (iomap_slots[idx].kdev && (!expect || iomap_slots[idx].kdev == expect)) {
		__atomic_store_n(&iomap_slots[idx].kdev, NULL, __ATOMIC_RELEASE);
		ret = 0;
	}
	ksim_unlock(&iomap_lock);
	return ret;
}

/*
 * Shutdown, after every device is gone: the next machine hands out cookies
 * from slot 1 again.  With the cursor kept, each machine went on where the
 * last stopped and it wrapped every 4095 mappings: one execution in about
 * 4095 of a fuzz campaign took the wrap and covered edges the same input
 * does not cover again (AFL++ counted them as variable: stability below
 * 100% for every target that maps a BAR).
 */
void ksim_iomap_reset(void)
{
	ksim_lock(&iomap_lock);
	memset(iomap_slots, 0, sizeof(iomap_slots));
	iomap_next = 1;
	ksim_unlock(&iomap_lock);
}

void ksim_iomap_forget_dev(struct ksim_pci_dev *kdev)
{
	unsigned int i;

	ksim_lock(&iomap_lock);
	for (i = 1; i < IOMAP_SLOTS; i++)
		if (iomap_slots[i].kdev == kdev)
			__atomic_store_n(&iomap_slots[i].kdev, NULL, __ATOMIC_RELEASE);
	ksim_unlock(&iomap_lock);
}

/* ---- reports ---- */

static const char *access_name(bool write, unsigned int size)
{
	switch (size) {
	case 1: return write ? "writeb" : "readb";
	case 2: return write ? "writew" : "readw";
	case 4: return write ? "writel" : "readl";
	case 8: return write ? "writeq" : "readq";
	}
	return write ? "write" : "read";
}

static void __cold mmio_report(const volatile void *addr, bool write, unsigned int size,
			       unsigned long caller, const char *fmt, ...)
{
	char sym[256], why[192];
	va_list args;

	va_start(args, fmt);
	ksim_vsnprintf(why, sizeof(why), fmt, args);
	va_end(args);
	ksim_host->symbolize((void *)caller, sym, sizeof(sym));
	ksim_pci_report_begin();
	pr_warn("Bad IO access at address %#lx (%s of %u bytes): %s\n",
		(unsigned long)(uintptr_t)addr, access_name(write, size), size, why);
	pr_warn("caller is %s\n", sym);
	ksim_pci_report_end(KSIM_REPORT_MMIO, 2);
}

static inline u64 all_ones(unsigned int size)
{
	return size >= 8 ? ~0ULL : (1ULL << (8 * size)) - 1;
}

/* ---- dispatch ---- */

static u64 bar_read(struct ksim_pci_dev *kdev, int bar, u64 off, unsigned int size)
{
	ksim_stat_inc(kdev, mmio_reads, 1);
	if (unlikely(ksim_pci_removed(kdev)))
		return all_ones(size);
	if (unlikely(ksim_msix_in_table(kdev, bar, off, size)))
		return ksim_msix_mmio_read(kdev, off, size);
	return kdev->info.ops->mmio_read(kdev->info.model, bar, off, size);
}

static void bar_write(struct ksim_pci_dev *kdev, int bar, u64 off, u64 val, unsigned int size)
{
	ksim_stat_inc(kdev, mmio_writes, 1);
	if (unlikely(ksim_pci_removed(kdev)))
		return;
	if (size < 8)
		val &= all_ones(size);
	if (unlikely(ksim_msix_in_table(kdev, bar, off, size))) {
		ksim_msix_mmio_write(kdev, off, val, size);
		return;
	}
	kdev->info.ops->mmio_write(kdev->info.model, bar, off, val, size);
}

static bool bar_access_ok(struct ksim_pci_dev *kdev, int bar, u64 offset, unsigned int size,
			  bool write, unsigned long caller)
{
	u64 bsize;

	if (bar < 0 || bar >= KSIM_PCI_NUM_BARS || !kdev->info.bar_size[bar]) {
		mmio_report(NULL, write, size, caller, "%s has no BAR%d", kdev->name, bar);
		return false;
	}
	bsize = kdev->info.bar_size[bar];
	if ((size != 1 && size != 2 && size != 4 && size != 8) || (offset & (size - 1))) {
		mmio_report((void *)(uintptr_t)(kdev->bar_phys[bar] + offset), write, size,
			    caller, "misaligned access at offset 0x%llx of BAR%d of %s",
			    (unsigned long long)offset, bar, kdev->name);
		return false;
	}
	if (offset >= bsize || bsize - offset < size) {
		mmio_report((void *)(uintptr_t)(kdev->bar_phys[bar] + offset), write, size,
			    caller, "offset 0x%llx is outside BAR%d of %s (length 0x%llx)",
			    (unsigned long long)offset, bar, kdev->name,
			    (unsigned long long)bsize);
		return false;
	}
	return true;
}

uint64_t ksim_pci_mmio_read(struct ksim_pci_dev *kdev, int bar, uint64_t offset,
			    unsigned int size)
{
	if (!bar_access_ok(kdev, bar, offset, size, false, _RET_IP_))
		return all_ones(size);
	return bar_read(kdev, bar, offset, size);
}

void ksim_pci_mmio_write(struct ksim_pci_dev *kdev, int bar, uint64_t offset,
			 uint64_t value, unsigned int size)
{
	if (!bar_access_ok(kdev, bar, offset, size, true, _RET_IP_))
		return;
	bar_write(kdev, bar, offset, value, size);
}

/*
 * Decode a cookie: the slot's device, BAR and BAR offset, or a report.
 * The caller's return address names the driver's line in the report.
 */
static struct ksim_pci_dev *decode(const volatile void __iomem *addr, unsigned int size,
				   bool write, unsigned long caller, int *bar, u64 *off)
{
	int idx = cookie_slot(addr);
	struct iomap_slot *s;
	struct ksim_pci_dev *kdev;
	u64 o = (uintptr_t)addr & IOMAP_OFF_MASK;

	if (unlikely(idx <= 0)) {
		mmio_report(addr, write, size, caller, "not an address pci_iomap() or ioremap() returned");
		return NULL;
	}
	s = &iomap_slots[idx];
	kdev = __atomic_load_n(&s->kdev, __ATOMIC_ACQUIRE);
	if (unlikely(!kdev)) {
		mmio_report(addr, write, size, caller, "not mapped (after pci_iounmap() or device removal?)");
		return NULL;
	}
	if (unlikely(o >= s->len || s->len - o < size)) {
		mmio_report(addr, write, size, caller,
			    "offset 0x%llx is beyond the mapping of BAR%d of %s (length 0x%llx)",
			    (unsigned long long)o, s->bar, kdev->name, (unsigned long long)s->len);
		return NULL;
	}
	if (unlikely(o & (size - 1))) {
		mmio_report(addr, write, size, caller, "misaligned access to BAR%d of %s",
			    s->bar, kdev->name);
		return NULL;
	}
	*bar = s->bar;
	*off = s->bar_off + o;
	return kdev;
}

u64 ksim_mmio_read(const volatile void __iomem *addr, unsigned int size)
{
	struct ksim_pci_dev *kdev;
	int bar;
	u64 off;

	kdev = decode(addr, size, false, _RET_IP_, &bar, &off);
	if (unlikely(!kdev))
		return all_ones(size);
	return bar_read(kdev, bar, off, size);
}
EXPORT_SYMBOL(ksim_mmio_read);

void ksim_mmio_write(volatile void __iomem *addr, u64 value, unsigned int size)
{
	struct ksim_pci_dev *kdev;
	int bar;
	u64 off;

	kdev = decode(addr, size, true, _RET_IP_, &bar, &off);
	if (unlikely(!kdev))
		return;
	bar_write(kdev, bar, off, value, size);
}
EXPORT_SYMBOL(ksim_mmio_write);

/* Byte-wise, as the kernel's generic versions may be; the model sees each. */
void ksim_memcpy_fromio(void *to, const volatile void __iomem *from, size_t count)
{
	u8 *p = to;
	size_t i;

	for (i = 0; i < count; i++)
		p[i] = ksim_mmio_read((const volatile char __iomem *)from + i, 1);
}
EXPORT_SYMBOL(ksim_memcpy_fromio);

void ksim_memcpy_toio(volatile void __iomem *to, const void *from, size_t count)
{
	const u8 *p = from;
	size_t i;

	for (i = 0; i < count; i++)
		ksim_mmio_write((volatile char __iomem *)to + i, p[i], 1);
}
EXPORT_SYMBOL(ksim_memcpy_toio);

void ksim_memset_io(volatile void __iomem *addr, int value, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		ksim_mmio_write((volatile char __iomem *)addr + i, (u8)value, 1);
}
EXPORT_SYMBOL(ksim_memset_io);

/* ---- pci_iomap and friends ---- */

void __iomem *pci_iomap_range(struct pci_dev *dev, int bar, unsigned long offset,
			      unsigned long maxlen)
{
	struct ksim_pci_dev *kdev = ksim_pdev(dev);
	u64 size;

	if (bar < 0 || bar >= KSIM_PCI_NUM_BARS)
		return NULL;
	size = kdev->info.bar_size[bar];
	if (!size || offset >= size)
		return NULL;
	size -= offset;
	if (maxlen && maxlen < size)
		size = maxlen;
	return ksim_iomap_make(kdev, bar, offset, size);
}
EXPORT_SYMBOL(pci_iomap_range);

void __iomem *pci_iomap(struct pci_dev *dev, int bar, unsigned long maxlen)
{
	return pci_iomap_range(dev, bar, 0, maxlen);
}
EXPORT_SYMBOL(pci_iomap);

void __iomem *pci_ioremap_bar(struct pci_dev *pdev, int bar)
{
	return pci_iomap_range(pdev, bar, 0, 0);
}
EXPORT_SYMBOL_GPL(pci_ioremap_bar);

static void __cold bad_unmap(const char *fn, void __iomem *addr, unsigned long caller)
{
	char sym[256];

	ksim_host->symbolize((void *)caller, sym, sizeof(sym));
	ksim_pci_report_begin();
	pr_warn("%s: %px is not a live mapping (caller %s)\n", fn, addr, sym);
	ksim_pci_report_end(KSIM_REPORT_MMIO, 2);
}

void pci_iounmap(struct pci_dev *dev, void __iomem *addr)
{
	if (!addr)
		return;
	if (ksim_iomap_release(addr, ksim_pdev(dev)))
		bad_unmap(__func__, addr, _RET_IP_);
}
EXPORT_SYMBOL(pci_iounmap);

struct ioremap_find {
	u64 phys, size;
	void __iomem *cookie;
};

static void ioremap_one(struct ksim_pci_dev *kdev, void *arg)
{
	struct ioremap_find *f = arg;
	unsigned int i;

	if (f->cookie || ksim_pci_removed(kdev))
		return;
	for (i = 0; i < KSIM_PCI_NUM_BARS; i++) {
		u64 start = kdev->bar_phys[i], size = kdev->info.bar_size[i];

		if (size && f->phys >= start && f->phys - start < size &&
		    size - (f->phys - start) >= f->size) {
			f->cookie = ksim_iomap_make(kdev, i, f->phys - start, f->size);
			return;
		}
	}
}

void __iomem *ioremap(resource_size_t offset, unsigned long size)
{
	struct ioremap_find f = { .phys = offset, .size = size };

	if (!size)
		return NULL;
	ksim_pci_for_each_dev(ioremap_one, &f);
	if (!f.cookie)
		pr_warn("ioremap: no device decodes [%#llx-%#llx]\n",
			(unsigned long long)offset, (unsigned long long)(offset + size - 1));
	return f.cookie;
}
EXPORT_SYMBOL(ioremap);

void iounmap(volatile void __iomem *addr)
{
	if (!addr)
		return;
	if (ksim_iomap_release((void __iomem *)addr, NULL))
		bad_unmap(__func__, (void __iomem *)addr, _RET_IP_);
}
EXPORT_SYMBOL(iounmap);
