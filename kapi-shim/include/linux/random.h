/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/random.h - random numbers (lib/random.c).
 *
 * Every value comes from the host's seeded generator (ksim_host->random_u64),
 * not from an entropy pool: a run replayed with the same --seed on the
 * deterministic backend sees the same numbers.  Not cryptographically
 * strong, which a test bench does not need.
 */
#ifndef _LINUX_RANDOM_H
#define _LINUX_RANDOM_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/limits.h>

void get_random_bytes(void *buf, size_t len);
u8 get_random_u8(void);
u16 get_random_u16(void);
u32 get_random_u32(void);
u64 get_random_u64(void);
/* Uniform in [0, @ceil); 0 for @ceil == 0. */
u32 get_random_u32_below(u32 ceil);

static inline unsigned int get_random_int(void)
{
	return get_random_u32();
}

static inline unsigned long get_random_long(void)
{
	return get_random_u64();
}

/* Uniform in [@floor, U32_MAX] and [@floor, @ceil]. */
static inline u32 get_random_u32_above(u32 floor)
{
	return floor + 1 + get_random_u32_below(U32_MAX - floor);
}

static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	if (ceil - floor == U32_MAX)
		return get_random_u32();
	return floor + get_random_u32_below(ceil - floor + 1);
}

/* The 6.1 names. */
static inline u32 prandom_u32_max(u32 ep_ro)
{
	return get_random_u32_below(ep_ro);
}

static inline u32 prandom_u32(void)
{
	return get_random_u32();
}

static inline void prandom_bytes(void *buf, size_t nbytes)
{
	get_random_bytes(buf, nbytes);
}

static inline int get_random_bytes_wait(void *buf, size_t nbytes)
{
	get_random_bytes(buf, nbytes);
	return 0;
}

static inline bool rng_is_initialized(void)
{
	return true;
}

static inline int wait_for_random_bytes(void)
{
	return 0;
}

#endif
