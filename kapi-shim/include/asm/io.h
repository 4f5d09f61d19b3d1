/* SPDX-License-Identifier: GPL-2.0 */
/*
 * asm/io.h - MMIO accessors.
 *
 * A void __iomem * that pci_iomap() or ioremap() returns is a cookie, not a
 * host pointer: it encodes (mapping, offset) in a non-canonical address
 * range, so dereferencing it directly faults at once (as a missing
 * readl() would be a bug in the kernel too).  Every accessor calls into the
 * shim, which decodes the cookie with one table lookup and forwards the
 * access to the device model (kapi-shim/drivers/pci/mmio.c).  An access
 * outside any mapping is reported (KSIM_REPORT_MMIO) and reads as all ones.
 */
#ifndef _ASM_X86_IO_H
#define _ASM_X86_IO_H

#include <linux/types.h>
#include <linux/compiler.h>

/* Out of line in kapi-shim/drivers/pci/mmio.c. */
u64 ksim_mmio_read(const volatile void __iomem *addr, unsigned int size);
void ksim_mmio_write(volatile void __iomem *addr, u64 value, unsigned int size);
void ksim_memcpy_fromio(void *to, const volatile void __iomem *from, size_t count);
void ksim_memcpy_toio(volatile void __iomem *to, const void *from, size_t count);
void ksim_memset_io(volatile void __iomem *addr, int value, size_t count);

static __always_inline u8 readb(const volatile void __iomem *addr)
{
	return ksim_mmio_read(addr, 1);
}
static __always_inline u16 readw(const volatile void __iomem *addr)
{
	return ksim_mmio_read(addr, 2);
}
static __always_inline u32 readl(const volatile void __iomem *addr)
{
	return ksim_mmio_read(addr, 4);
}
static __always_inline u64 readq(const volatile void __iomem *addr)
{
	return ksim_mmio_read(addr, 8);
}
static __always_inline void writeb(u8 value, volatile void __iomem *addr)
{
	ksim_mmio_write(addr, value, 1);
}
static __always_inline void writew(u16 value, volatile void __iomem *addr)
{
	ksim_mmio_write(addr, value, 2);
}
static __always_inline void writel(u32 value, volatile void __iomem *addr)
{
	ksim_mmio_write(addr, value, 4);
}
static __always_inline void writeq(u64 value, volatile void __iomem *addr)
{
	ksim_mmio_write(addr, value, 8);
}

#define readb_relaxed(a)	readb(a)
#define readw_relaxed(a)	readw(a)
#define readl_relaxed(a)	readl(a)
#define readq_relaxed(a)	readq(a)
#define writeb_relaxed(v, a)	writeb(v, a)
#define writew_relaxed(v, a)	writew(v, a)
#define writel_relaxed(v, a)	writel(v, a)
#define writeq_relaxed(v, a)	writeq(v, a)
#define __raw_readb(a)		readb(a)
#define __raw_readw(a)		readw(a)
#define __raw_readl(a)		readl(a)
#define __raw_readq(a)		readq(a)
#define __raw_writeb(v, a)	writeb(v, a)
#define __raw_writew(v, a)	writew(v, a)
#define __raw_writel(v, a)	writel(v, a)
#define __raw_writeq(v, a)	writeq(v, a)

static __always_inline unsigned int ioread8(const void __iomem *addr)
{
	return ksim_mmio_read(addr, 1);
}
static __always_inline unsigned int ioread16(const void __iomem *addr)
{
	return ksim_mmio_read(addr, 2);
}
static __always_inline unsigned int ioread32(const void __iomem *addr)
{
	return ksim_mmio_read(addr, 4);
}
static __always_inline u64 ioread64(const void __iomem *addr)
{
	return ksim_mmio_read(addr, 8);
}
static __always_inline unsigned int ioread16be(const void __iomem *addr)
{
	return __builtin_bswap16(ksim_mmio_read(addr, 2));
}
static __always_inline unsigned int ioread32be(const void __iomem *addr)
{
	return __builtin_bswap32(ksim_mmio_read(addr, 4));
}
static __always_inline void iowrite8(u8 value, void __iomem *addr)
{
	ksim_mmio_write(addr, value, 1);
}
static __always_inline void iowrite16(u16 value, void __iomem *addr)
{
	ksim_mmio_write(addr, value, 2);
}
static __always_inline void iowrite32(u32 value, void __iomem *addr)
{
	ksim_mmio_write(addr, value, 4);
}
static __always_inline void iowrite64(u64 value, void __iomem *addr)
{
	ksim_mmio_write(addr, value, 8);
}
static __always_inline void iowrite16be(u16 value, void __iomem *addr)
{
	ksim_mmio_write(addr, __builtin_bswap16(value), 2);
}
static __always_inline void iowrite32be(u32 value, void __iomem *addr)
{
	ksim_mmio_write(addr, __builtin_bswap32(value), 4);
}

static __always_inline void memcpy_fromio(void *to, const volatile void __iomem *from,
					  size_t count)
{
	ksim_memcpy_fromio(to, from, count);
}
static __always_inline void memcpy_toio(volatile void __iomem *to, const void *from,
					size_t count)
{
	ksim_memcpy_toio(to, from, count);
}
static __always_inline void memset_io(volatile void __iomem *addr, int value,
				      size_t count)
{
	ksim_memset_io(addr, value, count);
}

/* ioremap of a BAR's bus address (pci_resource_start()). */
void __iomem *ioremap(resource_size_t offset, unsigned long size);
void iounmap(volatile void __iomem *addr);
#define ioremap_wc(off, size)	ioremap(off, size)
#define ioremap_uc(off, size)	ioremap(off, size)
#define ioremap_cache(off, size) ioremap(off, size)
#define ioremap_np(off, size)	ioremap(off, size)

/* Write-combining and ordering helpers: the simulated bus is in order. */
#define mmiowb()		do { } while (0)

#endif
