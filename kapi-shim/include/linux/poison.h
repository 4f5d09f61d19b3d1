/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

/*
 * Non-canonical addresses: a deleted list entry that is used again faults
 * (SIGSEGV under gdb, an ASan report) instead of corrupting memory.
 */
#define POISON_POINTER_DELTA 0xdead000000000000UL
#define LIST_POISON1  ((void *) 0x100 + POISON_POINTER_DELTA)
#define LIST_POISON2  ((void *) 0x122 + POISON_POINTER_DELTA)

/* What freshly allocated and freed slab memory is filled with. */
#define POISON_INUSE	0x5a
#define POISON_FREE	0x6b
#define POISON_END	0xa5

#endif
