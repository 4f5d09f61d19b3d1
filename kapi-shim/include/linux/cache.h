/* SPDX-License-Identifier: GPL-2.0 */
/* linux/cache.h - cache line size and alignment annotations (x86-64). */
#ifndef __LINUX_CACHE_H
#define __LINUX_CACHE_H

#include <linux/compiler_types.h>

#define L1_CACHE_SHIFT		6
#define L1_CACHE_BYTES		(1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES		L1_CACHE_BYTES
#define L1_CACHE_ALIGN(x)	(((x) + L1_CACHE_BYTES - 1) & ~(L1_CACHE_BYTES - 1))
#define SMP_CACHE_ALIGN(x)	L1_CACHE_ALIGN(x)
#define cache_line_size()	L1_CACHE_BYTES

#ifndef __cacheline_aligned
#define __cacheline_aligned	__aligned(SMP_CACHE_BYTES)
#endif
#ifndef __cacheline_aligned_in_smp
#define __cacheline_aligned_in_smp __cacheline_aligned
#endif
#define ____cacheline_internodealigned_in_smp __aligned(SMP_CACHE_BYTES)
#ifndef __read_mostly
#define __read_mostly
#endif
#ifndef __ro_after_init
#define __ro_after_init
#endif

#endif
