/* SPDX-License-Identifier: GPL-2.0 */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

#include <linux/compiler_types.h>

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#define likely_notrace(x)	likely(x)
#define unlikely_notrace(x)	unlikely(x)

/* A compiler barrier: no memory access moves across it. */
#define barrier()		__asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr)	__asm__ __volatile__("" : : "r"(ptr) : "memory")
#define OPTIMIZER_HIDE_VAR(var)	__asm__ ("" : "=r" (var) : "0" (var))
#define RELOC_HIDE(ptr, off)	((typeof(ptr))((unsigned long)(ptr) + (off)))

/*
 * ThreadSanitizer (make SAN=thread; gcc says __SANITIZE_THREAD__, clang
 * __has_feature(thread_sanitizer)) models atomics but not fences.
 */
#if defined(__SANITIZE_THREAD__)
#define KSIM_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KSIM_TSAN 1
#endif
#endif

/*
 * READ_ONCE/WRITE_ONCE: a single access the compiler may not tear, merge or
 * repeat.  Relaxed atomics say that to both the compiler and TSan.
 *
 * Under TSan only, they are an acquire load and a release store.  The
 * kernel orders with fences around once-accesses ("READ_ONCE(cqe->status);
 * dma_rmb(); read the entry", "write the data; smp_wmb(); WRITE_ONCE(flag)"),
 * and TSan ignores fences: it would see no happens-before where the
 * hardware gives one and report the data behind every flag.  The fence
 * stays (asm/barrier.h); the once-access carries the same order to TSan,
 * from the very load or store the fence is paired with.  Plain builds are
 * unchanged: relaxed, as before.
 */
#ifdef KSIM_TSAN
#define __KSIM_ONCE_LOAD	__ATOMIC_ACQUIRE
#define __KSIM_ONCE_STORE	__ATOMIC_RELEASE
#else
#define __KSIM_ONCE_LOAD	__ATOMIC_RELAXED
#define __KSIM_ONCE_STORE	__ATOMIC_RELAXED
#endif
#define READ_ONCE(x)	__atomic_load_n(&(x), __KSIM_ONCE_LOAD)
#define WRITE_ONCE(x, val)						\
	do {								\
		__atomic_store_n(&(x), (val), __KSIM_ONCE_STORE);	\
	} while (0)

#define data_race(expr)		({ expr; })
#define __must_be_array(a)	BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))
#define __must_be_cstr(p)	0

#define unreachable()		__builtin_unreachable()
#define prefetch(x)		__builtin_prefetch(x)
#define prefetchw(x)		__builtin_prefetch(x, 1)

#include <linux/build_bug.h>

#endif
