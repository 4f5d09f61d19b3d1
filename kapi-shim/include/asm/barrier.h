/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_BARRIER_H
#define _ASM_X86_BARRIER_H

#include <linux/compiler.h>
#include <asm/processor.h>

/* Memory barriers as C11 fences: correct on any host, and TSan sees them. */
#define mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#define dma_rmb()	rmb()
#define dma_wmb()	wmb()
#define smp_mb()	mb()
#define smp_rmb()	rmb()
#define smp_wmb()	wmb()
#define __smp_mb()	mb()
#define smp_store_mb(var, value) do { WRITE_ONCE(var, value); smp_mb(); } while (0)
#define smp_load_acquire(p) __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_acquire__after_ctrl_dep() smp_rmb()
#define smp_mb__after_spinlock() smp_mb()
#define virt_mb() mb()

/*
 * Spin until @cond_expr (which names VAL, the loaded value) holds; the
 * value that satisfied it is the result.  cpu_relax() keeps jiffies moving.
 * Each load is a READ_ONCE: under TSan an acquire, so the _acquire form's
 * fence, which TSan does not see, is carried by the load it follows.
 */
#define smp_cond_load_relaxed(ptr, cond_expr) ({			\
	__typeof__(ptr) __PTR = (ptr);					\
	__typeof__(*(ptr)) VAL;						\
	for (;;) {							\
		VAL = __atomic_load_n(__PTR, __KSIM_ONCE_LOAD);	\
		if (cond_expr)						\
			break;						\
		cpu_relax();						\
	}								\
	VAL; })
#define smp_cond_load_acquire(ptr, cond_expr) ({			\
	__typeof__(*(ptr)) __VAL = smp_cond_load_relaxed(ptr, cond_expr); \
	__atomic_thread_fence(__ATOMIC_ACQUIRE);			\
	__VAL; })
#define atomic_cond_read_relaxed(v, c) smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic_cond_read_acquire(v, c) smp_cond_load_acquire(&(v)->counter, (c))
#define atomic64_cond_read_relaxed(v, c) smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic64_cond_read_acquire(v, c) smp_cond_load_acquire(&(v)->counter, (c))

#endif
