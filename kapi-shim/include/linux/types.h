/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

/*
 * The compiler's freestanding headers give size_t, bool and the intN_t
 * family.  Taking intN_t from <stdint.h> (rather than typedef'ing them to
 * the kernel's u64) keeps them identical to libc's, so host-world code can
 * include kernel headers next to libc headers.
 */
#include <stddef.h>
#include <stdint.h>
#ifdef __KERNEL__
/*
 * A typedef, not <stdbool.h>'s macro: module_param(x, bool, ...) pastes the
 * type name into param_ops_bool, which a macro would turn into _Bool.
 */
typedef _Bool bool;
enum {
	false	= 0,
	true	= 1
};
#else
#include <stdbool.h>
#endif
#include <uapi/linux/types.h>
#include <linux/compiler_types.h>

typedef __s8  s8;
typedef __u8  u8;
typedef __s16 s16;
typedef __u16 u16;
typedef __s32 s32;
typedef __u32 u32;
typedef __s64 s64;
typedef __u64 u64;

typedef unsigned char		u_char;
typedef unsigned short		u_short;
typedef unsigned int		u_int;
typedef unsigned long		u_long;
typedef unsigned char		unchar;
typedef unsigned short		ushort;
typedef unsigned int		uint;
typedef unsigned long		ulong;
typedef uint8_t			u_int8_t;
typedef uint16_t		u_int16_t;
typedef uint32_t		u_int32_t;
typedef uint64_t		u_int64_t;

typedef long			__kernel_long_t;
typedef unsigned long		__kernel_ulong_t;
typedef long long		time64_t;
typedef unsigned short		umode_t;
typedef unsigned int		fmode_t;
#ifdef __KERNEL__
typedef long			ssize_t;
typedef int			pid_t;
typedef unsigned int		uid_t;
typedef unsigned int		gid_t;
typedef long long		loff_t;
typedef long			off_t;
typedef u32			dev_t;
#else
/*
 * Host world: libc owns these names (with types of the same size); taking
 * its definitions keeps kernel and libc headers includable together.
 */
#include <sys/types.h>
#endif

typedef u64 dma_addr_t;
typedef u64 phys_addr_t;
typedef phys_addr_t resource_size_t;
typedef unsigned long irq_hw_number_t;

typedef unsigned int __bitwise gfp_t;
typedef unsigned int __bitwise slab_flags_t;
typedef unsigned int __bitwise blk_opf_t;
typedef u64 sector_t;
#ifdef __KERNEL__
typedef u64 blkcnt_t;
#endif

#define DECLARE_BITMAP(name, bits) \
	unsigned long name[((bits) + 8 * sizeof(long) - 1) / (8 * sizeof(long))]

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	s64 counter;
} atomic64_t;

typedef atomic64_t atomic_long_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head

#endif
