/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/bitops.h - bit operations on arrays of unsigned long.
 *
 * set_bit() and friends are atomic (the compiler's __atomic builtins, so TSan
 * sees them); the test_and_* forms are fully ordered, the plain ones relaxed,
 * as the kernel documents.  The __-prefixed forms are plain loads and stores
 * for bitmaps the caller already protects.
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bits.h>
#include <linux/typecheck.h>
/* As x86's asm/bitops.h, through asm-generic/bitops/le.h. */
#include <asm/byteorder.h>

#define BITS_PER_TYPE(type)	(sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr)	(((nr) + BITS_PER_TYPE(long) - 1) / BITS_PER_TYPE(long))
#define BITS_TO_U64(nr)		(((nr) + BITS_PER_TYPE(u64) - 1) / BITS_PER_TYPE(u64))
#define BITS_TO_U32(nr)		(((nr) + BITS_PER_TYPE(u32) - 1) / BITS_PER_TYPE(u32))
#define BITS_TO_BYTES(nr)	(((nr) + BITS_PER_TYPE(char) - 1) / BITS_PER_TYPE(char))

/* ---- atomic ---- */

static __always_inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(addr + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(addr + BIT_WORD(nr), BIT_MASK(nr),
				 __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static __always_inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(addr + BIT_WORD(nr), ~BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static __always_inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_xor(addr + BIT_WORD(nr), BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

/* Bit locks: acquire on a successful set, release on clear. */
static __always_inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(addr + BIT_WORD(nr), BIT_MASK(nr),
				 __ATOMIC_ACQUIRE) & BIT_MASK(nr);
}

static __always_inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

static __always_inline void __clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	clear_bit_unlock(nr, addr);
}

static __always_inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(addr + BIT_WORD(nr), __ATOMIC_RELAXED) >>
		(nr & (BITS_PER_LONG - 1))) & 1UL;
}

static __always_inline bool test_bit_acquire(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(addr + BIT_WORD(nr), __ATOMIC_ACQUIRE) >>
		(nr & (BITS_PER_LONG - 1))) & 1UL;
}

/* ---- non-atomic ---- */

static __always_inline void __set_bit(long nr, volatile unsigned long *addr)
{
	((unsigned long *)addr)[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static __always_inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	((unsigned long *)addr)[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static __always_inline void __change_bit(long nr, volatile unsigned long *addr)
{
	((unsigned long *)addr)[BIT_WORD(nr)] ^= BIT_MASK(nr);
}

static __always_inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = (unsigned long *)addr + BIT_WORD(nr);
	unsigned long old = *p;

	*p = old | BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

static __always_inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = (unsigned long *)addr + BIT_WORD(nr);
	unsigned long old = *p;

	*p = old & ~BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

static __always_inline bool __test_and_change_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = (unsigned long *)addr + BIT_WORD(nr);
	unsigned long old = *p;

	*p = old ^ BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

#define assign_bit(nr, addr, value) \
	((value) ? set_bit((nr), (addr)) : clear_bit((nr), (addr)))
#define __assign_bit(nr, addr, value) \
	((value) ? __set_bit((nr), (addr)) : __clear_bit((nr), (addr)))

/* ---- searching one word ---- */

/*
 * ffs(): 1 + index of the least significant set bit, 0 for 0.  libc has
 * the same function with the same meaning; host code gets libc's.
 */
#ifdef __KERNEL__
static __always_inline int ffs(int x)
{
	return __builtin_ffs(x);
}
#else
#include <strings.h>
#endif

/* fls(): 1 + index of the most significant set bit, 0 for 0. */
static __always_inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static __always_inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static __always_inline int fls_long(unsigned long l)
{
	return l ? BITS_PER_LONG - __builtin_clzl(l) : 0;
}

/* __ffs/__fls: 0-based index; undefined for 0, as in the kernel. */
static __always_inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

static __always_inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

static __always_inline unsigned long __ffs64(u64 word)
{
	return __builtin_ctzll(word);
}

/* ffz: index of the first zero bit; undefined when there is none. */
#define ffz(x) __ffs(~(x))

/*
 * Population counts by bit arithmetic, as lib/hweight.c does: without
 * -mpopcnt, __builtin_popcount becomes a call to libgcc's __popcountdi2,
 * which a module (linked -nostdlib, like the kernel's) cannot resolve.
 * Constant arguments still fold at compile time.
 */
static __always_inline unsigned int hweight32(unsigned int w)
{
	w = w - ((w >> 1) & 0x55555555u);
	w = (w & 0x33333333u) + ((w >> 2) & 0x33333333u);
	w = (w + (w >> 4)) & 0x0f0f0f0fu;
	return (w * 0x01010101u) >> 24;
}

static __always_inline unsigned int hweight16(unsigned int w)
{
	return hweight32(w & 0xffff);
}

static __always_inline unsigned int hweight8(unsigned int w)
{
	return hweight32(w & 0xff);
}

static __always_inline unsigned long hweight64(u64 w)
{
	w = w - ((w >> 1) & 0x5555555555555555ull);
	w = (w & 0x3333333333333333ull) + ((w >> 2) & 0x3333333333333333ull);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0full;
	return (unsigned long)((w * 0x0101010101010101ull) >> 56);
}

static __always_inline unsigned long hweight_long(unsigned long w)
{
	return hweight64(w);
}

static __always_inline u64 rol64(u64 word, unsigned int shift)
{
	return (word << (shift & 63)) | (word >> ((-shift) & 63));
}

static __always_inline u64 ror64(u64 word, unsigned int shift)
{
	return (word >> (shift & 63)) | (word << ((-shift) & 63));
}

static __always_inline u32 rol32(u32 word, unsigned int shift)
{
	return (word << (shift & 31)) | (word >> ((-shift) & 31));
}

static __always_inline u32 ror32(u32 word, unsigned int shift)
{
	return (word >> (shift & 31)) | (word << ((-shift) & 31));
}

static __always_inline u16 rol16(u16 word, unsigned int shift)
{
	return (word << (shift & 15)) | (word >> ((-shift) & 15));
}

static __always_inline u16 ror16(u16 word, unsigned int shift)
{
	return (word >> (shift & 15)) | (word << ((-shift) & 15));
}

static __always_inline u8 rol8(u8 word, unsigned int shift)
{
	return (word << (shift & 7)) | (word >> ((-shift) & 7));
}

static __always_inline u8 ror8(u8 word, unsigned int shift)
{
	return (word >> (shift & 7)) | (word << ((-shift) & 7));
}

/* Sign-extend the value whose sign bit is bit @index. */
static __always_inline s32 sign_extend32(u32 value, int index)
{
	u8 shift = 31 - index;

	return (s32)(value << shift) >> shift;
}

static __always_inline s64 sign_extend64(u64 value, int index)
{
	u8 shift = 63 - index;

	return (s64)(value << shift) >> shift;
}

/* log2 of @count rounded up; -1 for 0. */
static inline int get_count_order(unsigned int count)
{
	if (count == 0)
		return -1;
	return fls(--count);
}

static inline int get_count_order_long(unsigned long l)
{
	if (l == 0UL)
		return -1;
	return (int)fls_long(--l);
}

#define for_each_set_bit(bit, addr, size)				\
	for ((bit) = find_first_bit((addr), (size));			\
	     (bit) < (size);						\
	     (bit) = find_next_bit((addr), (size), (bit) + 1))

#define for_each_set_bit_from(bit, addr, size)				\
	for ((bit) = find_next_bit((addr), (size), (bit));		\
	     (bit) < (size);						\
	     (bit) = find_next_bit((addr), (size), (bit) + 1))

#define for_each_clear_bit(bit, addr, size)				\
	for ((bit) = find_first_zero_bit((addr), (size));		\
	     (bit) < (size);						\
	     (bit) = find_next_zero_bit((addr), (size), (bit) + 1))

#define for_each_clear_bit_from(bit, addr, size)			\
	for ((bit) = find_next_zero_bit((addr), (size), (bit));		\
	     (bit) < (size);						\
	     (bit) = find_next_zero_bit((addr), (size), (bit) + 1))

/* Iterate over runs of set bits: [b, e) is one run. */
#define for_each_set_bitrange(b, e, addr, size)				\
	for ((b) = find_next_bit((addr), (size), 0),			\
	     (e) = find_next_zero_bit((addr), (size), (b) + 1);		\
	     (b) < (size);						\
	     (b) = find_next_bit((addr), (size), (e) + 1),		\
	     (e) = find_next_zero_bit((addr), (size), (b) + 1))

#include <linux/find.h>

#endif
