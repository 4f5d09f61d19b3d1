// SPDX-License-Identifier: GPL-2.0
/*
 * tests/fuzz/fuzz_input.c - reading a fuzz input as a stream of decisions.
 *
 * Little-endian, byte by byte, zeros once the input runs out: a short
 * input is a valid input whose remaining decisions are all "the default",
 * so a fuzzer's mutations (truncation, splicing) stay meaningful.
 */
#include <string.h>

#include "fuzz.h"

uint8_t fuzz_u8(struct fuzz_input *in)
{
	return fuzz_empty(in) ? 0 : in->data[in->pos++];
}

uint16_t fuzz_u16(struct fuzz_input *in)
{
	uint16_t lo = fuzz_u8(in);

	return lo | (uint16_t)fuzz_u8(in) << 8;
}

uint32_t fuzz_u32(struct fuzz_input *in)
{
	uint32_t lo = fuzz_u16(in);

	return lo | (uint32_t)fuzz_u16(in) << 16;
}

uint64_t fuzz_u64(struct fuzz_input *in)
{
	uint64_t lo = fuzz_u32(in);

	return lo | (uint64_t)fuzz_u32(in) << 32;
}

bool fuzz_bool(struct fuzz_input *in)
{
	return fuzz_u8(in) & 1;
}

uint32_t fuzz_below(struct fuzz_input *in, uint32_t n)
{
	if (n <= 1)
		return 0;
	if (n <= 256)
		return fuzz_u8(in) % n;
	if (n <= 65536)
		return fuzz_u16(in) % n;
	return fuzz_u32(in) % n;
}

bool fuzz_one_in(struct fuzz_input *in, uint32_t n)
{
	/* Zero (an exhausted input) means "no": the default is the quiet path. */
	return n && fuzz_below(in, n) == n - 1;
}

size_t fuzz_bytes(struct fuzz_input *in, void *dst, size_t len)
{
	size_t left = fuzz_empty(in) ? 0 : in->size - in->pos;
	size_t n = len < left ? len : left;

	memcpy(dst, in->data + in->pos, n);
	memset((uint8_t *)dst + n, 0, len - n);
	in->pos += n;
	return n;
}
