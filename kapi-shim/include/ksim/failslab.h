/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim/failslab.h - allocation failure injection and leak detector options,
 * as the ksim command and tests set them.  Not for drivers.
 *
 * Failure injection follows the kernel's failslab (and fault_attr) and
 * covers every allocation API of the shim: kmalloc and friends,
 * kmem_cache_alloc, vmalloc, kvmalloc (one decision for both of its
 * attempts) and the page allocator.  __GFP_NOFAIL allocations never fail.
 *
 * Keys (ksim_failslab_set):
 *   probability      0-100: percent of eligible calls that fail (0: off)
 *   interval         fail only every Nth eligible call (1: any)
 *   times            at most N failures; -1: no limit (default 1, as the kernel)
 *   space            N bytes must be allocated before failures start
 *   after            the first N eligible calls never fail (ksim)
 *   module           only calls made from this module ("" or "*": any)
 *   ignore_gfp_wait  Y: only allocations that cannot sleep are eligible
 *                    (ksim's default is N, so GFP_KERNEL fails too)
 *   verbose          0 silent, 1 one line per failure, 2 also a stack dump
 * Dashes and underscores in a key are the same ("ignore-gfp-wait").
 *
 * Kmemleak (ksim_kmemleak_set):
 *   stack            1: record a 16-frame stack with every allocation and
 *                    print it in leak reports (default 0: the call site)
 */
#ifndef _KSIM_FAILSLAB_H
#define _KSIM_FAILSLAB_H

/* 0, -ENOENT for an unknown key, -EINVAL for a bad value. */
int ksim_failslab_set(const char *key, const char *value);
/* Back to the defaults (injection off) and a zero failure count. */
void ksim_failslab_reset(void);
/* Failures injected so far. */
unsigned long ksim_failslab_injected(void);

/* 0, -ENOENT for an unknown key, -EINVAL for a bad value. */
int ksim_kmemleak_set(const char *key, const char *value);

#endif
