/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/refcount.h - reference counts that saturate instead of wrapping.
 *
 * As in the kernel: an increment that overflows, an increment from 0, a
 * decrement below 0 and a refcount_dec() to 0 each leave the counter at
 * REFCOUNT_SATURATED (where it stays: the object leaks rather than being
 * freed under a user) and print a one-time WARN naming the case:
 * "refcount_t: saturated; leaking memory." and so on.
 * (kapi-shim/locking/refcount.c)
 */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/atomic.h>
#include <linux/limits.h>
#include <linux/refcount_types.h>
#include <asm/barrier.h>

struct mutex;
struct spinlock;

#define REFCOUNT_MAX		INT_MAX
#define REFCOUNT_SATURATED	(INT_MIN / 2)

/*
 * @a + @b with two's complement wrap-around.  The kernel builds with
 * -fno-strict-overflow; a driver built without it must still see the
 * overflow checks below, so they never rely on signed overflow.
 */
#define __refcount_wrap_add(a, b)	((int)((unsigned int)(a) + (unsigned int)(b)))

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

/* Saturate @r and print the one-time WARN for case @t. */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline void refcount_set_release(refcount_t *r, int n)
{
	atomic_set_release(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

/*
 * Add @i unless the count is 0; returns whether it was added.  A negative
 * count (saturated) or an overflow saturates.
 */
static inline __must_check bool __refcount_add_not_zero(int i, refcount_t *r,
							int *oldp)
{
	int old = refcount_read(r);

	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg_relaxed(&r->refs, &old,
					    __refcount_wrap_add(old, i)));
	if (oldp)
		*oldp = old;
	if (unlikely(old < 0 || __refcount_wrap_add(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return old;
}

static inline __must_check bool refcount_add_not_zero(int i, refcount_t *r)
{
	return __refcount_add_not_zero(i, r, NULL);
}

static inline __must_check bool refcount_inc_not_zero(refcount_t *r)
{
	return __refcount_add_not_zero(1, r, NULL);
}

static inline void __refcount_add(int i, refcount_t *r, int *oldp)
{
	int old = atomic_fetch_add_relaxed(i, &r->refs);

	if (oldp)
		*oldp = old;
	if (unlikely(!old))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(old < 0 || __refcount_wrap_add(old, i) < 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

static inline void refcount_add(int i, refcount_t *r)
{
	__refcount_add(i, r, NULL);
}

static inline void refcount_inc(refcount_t *r)
{
	__refcount_add(1, r, NULL);
}

/* Subtract @i; true when the count reached 0 (the caller frees). */
static inline __must_check bool __refcount_sub_and_test(int i, refcount_t *r,
							int *oldp)
{
	int old = atomic_fetch_sub_release(i, &r->refs);

	if (oldp)
		*oldp = old;
	if (old == i) {
		/* Order the caller's teardown after every earlier put. */
		smp_acquire__after_ctrl_dep();
		return true;
	}
	if (unlikely(old < 0 || __refcount_wrap_add(old, -i) < 0))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}

static inline __must_check bool refcount_sub_and_test(int i, refcount_t *r)
{
	return __refcount_sub_and_test(i, r, NULL);
}

static inline __must_check bool refcount_dec_and_test(refcount_t *r)
{
	return __refcount_sub_and_test(1, r, NULL);
}

/* A decrement that must not be the last one. */
static inline void refcount_dec(refcount_t *r)
{
	if (unlikely(atomic_fetch_sub_release(1, &r->refs) <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

bool refcount_dec_if_one(refcount_t *r);
bool refcount_dec_not_one(refcount_t *r);
bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock);
bool refcount_dec_and_lock(refcount_t *r, struct spinlock *lock);
bool refcount_dec_and_lock_irqsave(refcount_t *r, struct spinlock *lock,
				   unsigned long *flags);

#endif
