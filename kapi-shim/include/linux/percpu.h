/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/percpu.h - per-CPU variables: DEFINE_PER_CPU, alloc_percpu, and the
 * per_cpu_ptr / this_cpu_* accessors (6.1 names).
 *
 * ksim's layout: every per-CPU object has one copy per possible CPU, the
 * copies KSIM_PERCPU_UNIT bytes apart, so per_cpu_ptr(p, cpu) is p plus
 * cpu units whatever p points into (a whole variable or one of its
 * members, as this_cpu_inc(stats.count) needs).  A static variable is an
 * array of NR_CPUS units in .bss (pages nobody touches cost nothing);
 * alloc_percpu carves from a pool of nr_cpu_ids units (mm/percpu.c).
 *
 * this_cpu_* operations are atomic on the current CPU's copy: in ksim an
 * interrupt handler or timer may run on another host thread that reports
 * the same CPU, so "no one else touches this CPU's copy" does not hold.
 */
#ifndef __LINUX_PERCPU_H
#define __LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/smp.h>
#include <linux/preempt.h>
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/cache.h>

/* Distance between two CPUs' copies; also the largest per-CPU object. */
#define KSIM_PERCPU_UNIT	(64 * 1024)
#define PERCPU_MODULE_RESERVE	KSIM_PERCPU_UNIT
#define PCPU_MIN_UNIT_SIZE	KSIM_PERCPU_UNIT

#define per_cpu_ptr(ptr, cpu)						\
	((__typeof__(ptr))((unsigned long)(ptr) +			\
			   (unsigned long)(cpu) * KSIM_PERCPU_UNIT))
#define raw_cpu_ptr(ptr)	per_cpu_ptr(ptr, raw_smp_processor_id())
#define this_cpu_ptr(ptr)	raw_cpu_ptr(ptr)
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), cpu))
#define get_cpu_ptr(var)	({ preempt_disable(); this_cpu_ptr(var); })
#define put_cpu_ptr(var)	do { (void)(var); preempt_enable(); } while (0)
#define get_cpu_var(var)	(*({ preempt_disable(); this_cpu_ptr(&(var)); }))
#define put_cpu_var(var)	do { (void)&(var); preempt_enable(); } while (0)

/* The storage behind a static per-CPU variable: NR_CPUS units. */
#define __KSIM_PERCPU_STORAGE(type, name)				\
	union {								\
		__typeof__(type) v;					\
		char unit[KSIM_PERCPU_UNIT];				\
	} __ksim_pcpu_##name[NR_CPUS] __aligned(SMP_CACHE_BYTES)

#define DECLARE_PER_CPU(type, name)	extern __typeof__(type) name
#define DECLARE_PER_CPU_ALIGNED(type, name)	DECLARE_PER_CPU(type, name)
#define DECLARE_PER_CPU_SHARED_ALIGNED(type, name) DECLARE_PER_CPU(type, name)
#define DECLARE_PER_CPU_READ_MOSTLY(type, name)	DECLARE_PER_CPU(type, name)

/*
 * The variable's name is CPU 0's copy: an alias of the first unit.  (No
 * initializer: every copy starts zeroed.)  "static DEFINE_PER_CPU" works;
 * the static applies to the storage.
 */
#define DEFINE_PER_CPU(type, name)					\
	__KSIM_PERCPU_STORAGE(type, name);				\
	_Static_assert(sizeof(type) <= KSIM_PERCPU_UNIT,		\
		       "per-CPU variable larger than KSIM_PERCPU_UNIT"); \
	extern __typeof__(type) name					\
		__attribute__((alias("__ksim_pcpu_" #name)))
#define DEFINE_PER_CPU_ALIGNED(type, name)	DEFINE_PER_CPU(type, name)
#define DEFINE_PER_CPU_SHARED_ALIGNED(type, name) DEFINE_PER_CPU(type, name)
#define DEFINE_PER_CPU_READ_MOSTLY(type, name)	DEFINE_PER_CPU(type, name)
#define DEFINE_PER_CPU_PAGE_ALIGNED(type, name)	DEFINE_PER_CPU(type, name)
#define EXPORT_PER_CPU_SYMBOL(var)		EXPORT_SYMBOL(var)
#define EXPORT_PER_CPU_SYMBOL_GPL(var)		EXPORT_SYMBOL_GPL(var)

/* The accessors, each on the current CPU's copy. */
#define __ksim_pcpu(pcp)	this_cpu_ptr(&(pcp))
#define this_cpu_read(pcp)	__atomic_load_n(__ksim_pcpu(pcp), __ATOMIC_RELAXED)
#define this_cpu_write(pcp, val)					\
	__atomic_store_n(__ksim_pcpu(pcp), (val), __ATOMIC_RELAXED)
#define this_cpu_add(pcp, val)						\
	((void)__atomic_fetch_add(__ksim_pcpu(pcp), (val), __ATOMIC_RELAXED))
#define this_cpu_sub(pcp, val)						\
	((void)__atomic_fetch_sub(__ksim_pcpu(pcp), (val), __ATOMIC_RELAXED))
#define this_cpu_inc(pcp)	this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp)	this_cpu_sub(pcp, 1)
#define this_cpu_and(pcp, val)						\
	((void)__atomic_fetch_and(__ksim_pcpu(pcp), (val), __ATOMIC_RELAXED))
#define this_cpu_or(pcp, val)						\
	((void)__atomic_fetch_or(__ksim_pcpu(pcp), (val), __ATOMIC_RELAXED))
#define this_cpu_add_return(pcp, val)					\
	__atomic_add_fetch(__ksim_pcpu(pcp), (val), __ATOMIC_RELAXED)
#define this_cpu_sub_return(pcp, val)					\
	__atomic_sub_fetch(__ksim_pcpu(pcp), (val), __ATOMIC_RELAXED)
#define this_cpu_inc_return(pcp)	this_cpu_add_return(pcp, 1)
#define this_cpu_dec_return(pcp)	this_cpu_sub_return(pcp, 1)
#define this_cpu_xchg(pcp, nval)					\
	__atomic_exchange_n(__ksim_pcpu(pcp), (nval), __ATOMIC_RELAXED)
#define this_cpu_cmpxchg(pcp, oval, nval) ({				\
	__typeof__(pcp) __pc_old = (oval);				\
	__atomic_compare_exchange_n(__ksim_pcpu(pcp), &__pc_old, (nval), \
				    false, __ATOMIC_RELAXED, __ATOMIC_RELAXED); \
	__pc_old; })

#define __this_cpu_read(pcp)		this_cpu_read(pcp)
#define __this_cpu_write(pcp, val)	this_cpu_write(pcp, val)
#define __this_cpu_add(pcp, val)	this_cpu_add(pcp, val)
#define __this_cpu_sub(pcp, val)	this_cpu_sub(pcp, val)
#define __this_cpu_inc(pcp)		this_cpu_inc(pcp)
#define __this_cpu_dec(pcp)		this_cpu_dec(pcp)
#define __this_cpu_and(pcp, val)	this_cpu_and(pcp, val)
#define __this_cpu_or(pcp, val)		this_cpu_or(pcp, val)
#define __this_cpu_add_return(pcp, val)	this_cpu_add_return(pcp, val)
#define __this_cpu_sub_return(pcp, val)	this_cpu_sub_return(pcp, val)
#define __this_cpu_inc_return(pcp)	this_cpu_inc_return(pcp)
#define __this_cpu_dec_return(pcp)	this_cpu_dec_return(pcp)
#define __this_cpu_xchg(pcp, nval)	this_cpu_xchg(pcp, nval)
#define __this_cpu_cmpxchg(pcp, o, n)	this_cpu_cmpxchg(pcp, o, n)
#define raw_cpu_read(pcp)		this_cpu_read(pcp)
#define raw_cpu_write(pcp, val)		this_cpu_write(pcp, val)
#define raw_cpu_add(pcp, val)		this_cpu_add(pcp, val)
#define raw_cpu_sub(pcp, val)		this_cpu_sub(pcp, val)
#define raw_cpu_inc(pcp)		this_cpu_inc(pcp)
#define raw_cpu_dec(pcp)		this_cpu_dec(pcp)
#define raw_cpu_add_return(pcp, val)	this_cpu_add_return(pcp, val)
#define raw_cpu_xchg(pcp, nval)		this_cpu_xchg(pcp, nval)
#define raw_cpu_cmpxchg(pcp, o, n)	this_cpu_cmpxchg(pcp, o, n)

/*
 * Dynamic per-CPU memory: one zeroed copy per possible CPU; NULL when the
 * pool is exhausted or @size exceeds KSIM_PERCPU_UNIT.  May sleep unless
 * @gfp says otherwise.  free_percpu(NULL) is a no-op.
 */
void __percpu *__alloc_percpu_gfp(size_t size, size_t align, gfp_t gfp);
void __percpu *__alloc_percpu(size_t size, size_t align);
void free_percpu(void __percpu *__pdata);
bool is_kernel_percpu_address(unsigned long addr);

#define alloc_percpu_gfp(type, gfp)					\
	(typeof(type) __percpu *)__alloc_percpu_gfp(sizeof(type),	\
						__alignof__(type), gfp)
#define alloc_percpu(type)						\
	(typeof(type) __percpu *)__alloc_percpu(sizeof(type),		\
						__alignof__(type))

#endif
