// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/random32.c - the seeded generator of linux/prandom.h:
 * L'Ecuyer's maximally equidistributed combined Tausworthe generator
 * (LFSR113, "Tables of maximally equidistributed combined LFSR
 * generators", Math. Comp. 1999), period about 2^113.
 */
#include <linux/kernel.h>
#include <linux/prandom.h>
#include <linux/percpu.h>
#include <linux/export.h>
#include <asm/unaligned.h>

/* One component: k, q, s are the generator's shift parameters, c the mask. */
static inline u32 taus_step(u32 z, unsigned int q, unsigned int k_minus_s,
			    u32 c, unsigned int s)
{
	return ((z & c) << s) ^ (((z << q) ^ z) >> k_minus_s);
}

u32 prandom_u32_state(struct rnd_state *state)
{
	state->s1 = taus_step(state->s1,  6U, 13U, 0xFFFFFFFEU, 18U);
	state->s2 = taus_step(state->s2,  2U, 27U, 0xFFFFFFF8U,  2U);
	state->s3 = taus_step(state->s3, 13U, 21U, 0xFFFFFFF0U,  7U);
	state->s4 = taus_step(state->s4,  3U, 12U, 0xFFFFFF80U, 13U);
	return state->s1 ^ state->s2 ^ state->s3 ^ state->s4;
}
EXPORT_SYMBOL(prandom_u32_state);

/* Whole words little-endian, then the tail from one more word's low bytes. */
void prandom_bytes_state(struct rnd_state *state, void *buf, size_t bytes)
{
	u8 *ptr = buf;

	while (bytes >= sizeof(u32)) {
		put_unaligned(prandom_u32_state(state), (u32 *)ptr);
		ptr += sizeof(u32);
		bytes -= sizeof(u32);
	}
	if (bytes > 0) {
		u32 rem = prandom_u32_state(state);

		do {
			*ptr++ = (u8)rem;
			rem >>= 8;
		} while (--bytes > 0);
	}
}
EXPORT_SYMBOL(prandom_bytes_state);

/* Seed every CPU's state from the (host-seeded) random source. */
void prandom_seed_full_state(struct rnd_state __percpu *pcpu_state)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct rnd_state *state = per_cpu_ptr(pcpu_state, cpu);
		u32 seeds[4];

		get_random_bytes(&seeds, sizeof(seeds));
		state->s1 = __seed(seeds[0],   2U);
		state->s2 = __seed(seeds[1],   8U);
		state->s3 = __seed(seeds[2],  16U);
		state->s4 = __seed(seeds[3], 128U);
	}
}
EXPORT_SYMBOL(prandom_seed_full_state);
