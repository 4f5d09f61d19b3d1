// SPDX-License-Identifier: GPL-2.0
/*
 * lib/random.c - random numbers from the host's seeded generator, so that
 * --seed replays them (see <linux/random.h>).
 */
#include <linux/random.h>
#include <linux/export.h>

#include "sim/host.h"

u64 get_random_u64(void)
{
	return ksim_host->random_u64();
}
EXPORT_SYMBOL(get_random_u64);

u32 get_random_u32(void)
{
	return (u32)(ksim_host->random_u64() >> 32);
}
EXPORT_SYMBOL(get_random_u32);

u16 get_random_u16(void)
{
	return (u16)(ksim_host->random_u64() >> 48);
}
EXPORT_SYMBOL(get_random_u16);

u8 get_random_u8(void)
{
	return (u8)(ksim_host->random_u64() >> 56);
}
EXPORT_SYMBOL(get_random_u8);

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;
	u64 v;

	while (len >= sizeof(v)) {
		v = ksim_host->random_u64();
		__builtin_memcpy(p, &v, sizeof(v));
		p += sizeof(v);
		len -= sizeof(v);
	}
	if (len) {
		v = ksim_host->random_u64();
		__builtin_memcpy(p, &v, len);
	}
}
EXPORT_SYMBOL(get_random_bytes);

/*
 * Lemire's multiply-and-reject: the high half of rand * ceil is uniform
 * once the few low-half values that would bias it are rejected.
 */
u32 get_random_u32_below(u32 ceil)
{
	u64 mult;
	u32 threshold;

	if (!ceil)
		return 0;
	mult = (u64)get_random_u32() * ceil;
	if ((u32)mult < ceil) {
		threshold = -ceil % ceil;
		while ((u32)mult < threshold)
			mult = (u64)get_random_u32() * ceil;
	}
	return mult >> 32;
}
EXPORT_SYMBOL(get_random_u32_below);
