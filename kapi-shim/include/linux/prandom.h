/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/prandom.h - the seeded pseudo-random generator (6.1 API): a
 * four-component Tausworthe generator (L'Ecuyer's LFSR113) whose whole
 * state is a struct rnd_state, so the same seed gives the same sequence,
 * the one the kernel gives.  (kapi-shim/lib/random32.c)
 */
#ifndef _LINUX_PRANDOM_H
#define _LINUX_PRANDOM_H

#include <linux/types.h>
#include <linux/random.h>

struct rnd_state {
	__u32 s1, s2, s3, s4;
};

u32 prandom_u32_state(struct rnd_state *state);
void prandom_bytes_state(struct rnd_state *state, void *buf, size_t nbytes);
void prandom_seed_full_state(struct rnd_state __percpu *pcpu_state);

#define prandom_init_once(pcpu_state)					\
	prandom_seed_full_state(pcpu_state)

/* Each component needs a minimum value to be a valid LFSR113 state. */
static inline u32 __seed(u32 x, u32 m)
{
	return (x < m) ? x + m : x;
}

static inline void prandom_seed_state(struct rnd_state *state, u64 seed)
{
	u32 i = ((seed >> 32) ^ (seed << 10) ^ seed) & 0xffffffffUL;

	state->s1 = __seed(i,   2U);
	state->s2 = __seed(i,   8U);
	state->s3 = __seed(i,  16U);
	state->s4 = __seed(i, 128U);
}

/* A 32-bit linear congruential step, for cheap non-seeded uses. */
static inline u32 next_pseudo_random32(u32 seed)
{
	return seed * 1664525 + 1013904223;
}

#endif
