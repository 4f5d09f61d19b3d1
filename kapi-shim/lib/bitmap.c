// SPDX-License-Identifier: GPL-2.0-only
/*
 * lib/bitmap.c - the out-of-line bitmap operations (see <linux/bitmap.h>).
 */
#include <linux/bitmap.h>
#include <linux/ctype.h>
#include <linux/minmax.h>
#include <linux/kstrtox.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/export.h>
#include <asm/page.h>

/* Whole words of an @nbits bitmap, and the mask of the partial one. */
#define FULL_WORDS(nbits)	((nbits) / BITS_PER_LONG)
#define HAS_TAIL(nbits)		((nbits) % BITS_PER_LONG)

bool __bitmap_equal(const unsigned long *bitmap1, const unsigned long *bitmap2,
		    unsigned int bits)
{
	unsigned int k, lim = FULL_WORDS(bits);

	for (k = 0; k < lim; k++)
		if (bitmap1[k] != bitmap2[k])
			return false;
	if (HAS_TAIL(bits) &&
	    ((bitmap1[k] ^ bitmap2[k]) & BITMAP_LAST_WORD_MASK(bits)))
		return false;
	return true;
}
EXPORT_SYMBOL(__bitmap_equal);

bool __bitmap_intersects(const unsigned long *bitmap1,
			 const unsigned long *bitmap2, unsigned int bits)
{
	unsigned int k, lim = FULL_WORDS(bits);

	for (k = 0; k < lim; k++)
		if (bitmap1[k] & bitmap2[k])
			return true;
	if (HAS_TAIL(bits) &&
	    ((bitmap1[k] & bitmap2[k]) & BITMAP_LAST_WORD_MASK(bits)))
		return true;
	return false;
}
EXPORT_SYMBOL(__bitmap_intersects);

/* Every bit of @bitmap1 is also set in @bitmap2. */
bool __bitmap_subset(const unsigned long *bitmap1, const unsigned long *bitmap2,
		     unsigned int bits)
{
	unsigned int k, lim = FULL_WORDS(bits);

	for (k = 0; k < lim; k++)
		if (bitmap1[k] & ~bitmap2[k])
			return false;
	if (HAS_TAIL(bits) &&
	    ((bitmap1[k] & ~bitmap2[k]) & BITMAP_LAST_WORD_MASK(bits)))
		return false;
	return true;
}
EXPORT_SYMBOL(__bitmap_subset);

unsigned int __bitmap_weight(const unsigned long *bitmap, unsigned int bits)
{
	unsigned int k, w = 0, lim = FULL_WORDS(bits);

	for (k = 0; k < lim; k++)
		w += hweight_long(bitmap[k]);
	if (HAS_TAIL(bits))
		w += hweight_long(bitmap[k] & BITMAP_LAST_WORD_MASK(bits));
	return w;
}
EXPORT_SYMBOL(__bitmap_weight);

void __bitmap_set(unsigned long *map, unsigned int start, int len)
{
	unsigned long *p = map + BIT_WORD(start);
	const unsigned int size = start + len;
	int bits_to_set = BITS_PER_LONG - (start % BITS_PER_LONG);
	unsigned long mask_to_set = BITMAP_FIRST_WORD_MASK(start);

	while (len - bits_to_set >= 0) {
		*p++ |= mask_to_set;
		len -= bits_to_set;
		bits_to_set = BITS_PER_LONG;
		mask_to_set = ~0UL;
	}
	if (len) {
		mask_to_set &= BITMAP_LAST_WORD_MASK(size);
		*p |= mask_to_set;
	}
}
EXPORT_SYMBOL(__bitmap_set);

void __bitmap_clear(unsigned long *map, unsigned int start, int len)
{
	unsigned long *p = map + BIT_WORD(start);
	const unsigned int size = start + len;
	int bits_to_clear = BITS_PER_LONG - (start % BITS_PER_LONG);
	unsigned long mask_to_clear = BITMAP_FIRST_WORD_MASK(start);

	while (len - bits_to_clear >= 0) {
		*p++ &= ~mask_to_clear;
		len -= bits_to_clear;
		bits_to_clear = BITS_PER_LONG;
		mask_to_clear = ~0UL;
	}
	if (len) {
		mask_to_clear &= BITMAP_LAST_WORD_MASK(size);
		*p &= ~mask_to_clear;
	}
}
EXPORT_SYMBOL(__bitmap_clear);

/* Returns whether any bit (below @bits) is set in the result. */
bool __bitmap_and(unsigned long *dst, const unsigned long *bitmap1,
		  const unsigned long *bitmap2, unsigned int bits)
{
	unsigned int k, lim = FULL_WORDS(bits);
	unsigned long result = 0;

	for (k = 0; k < lim; k++)
		result |= (dst[k] = bitmap1[k] & bitmap2[k]);
	if (HAS_TAIL(bits))
		result |= (dst[k] = bitmap1[k] & bitmap2[k] &
				    BITMAP_LAST_WORD_MASK(bits));
	return result != 0;
}
EXPORT_SYMBOL(__bitmap_and);

void __bitmap_or(unsigned long *dst, const unsigned long *bitmap1,
		 const unsigned long *bitmap2, unsigned int bits)
{
	unsigned int k, nr = BITS_TO_LONGS(bits);

	for (k = 0; k < nr; k++)
		dst[k] = bitmap1[k] | bitmap2[k];
}
EXPORT_SYMBOL(__bitmap_or);

void __bitmap_xor(unsigned long *dst, const unsigned long *bitmap1,
		  const unsigned long *bitmap2, unsigned int bits)
{
	unsigned int k, nr = BITS_TO_LONGS(bits);

	for (k = 0; k < nr; k++)
		dst[k] = bitmap1[k] ^ bitmap2[k];
}
EXPORT_SYMBOL(__bitmap_xor);

bool __bitmap_andnot(unsigned long *dst, const unsigned long *bitmap1,
		     const unsigned long *bitmap2, unsigned int bits)
{
	unsigned int k, lim = FULL_WORDS(bits);
	unsigned long result = 0;

	for (k = 0; k < lim; k++)
		result |= (dst[k] = bitmap1[k] & ~bitmap2[k]);
	if (HAS_TAIL(bits))
		result |= (dst[k] = bitmap1[k] & ~bitmap2[k] &
				    BITMAP_LAST_WORD_MASK(bits));
	return result != 0;
}
EXPORT_SYMBOL(__bitmap_andnot);

void __bitmap_complement(unsigned long *dst, const unsigned long *src,
			 unsigned int bits)
{
	unsigned int k, lim = BITS_TO_LONGS(bits);

	for (k = 0; k < lim; k++)
		dst[k] = ~src[k];
}
EXPORT_SYMBOL(__bitmap_complement);

/*
 * Bit i of @dst becomes bit i + @shift of @src (0 past the end).  Works in
 * place: each destination word only reads source words at or above it.
 */
void __bitmap_shift_right(unsigned long *dst, const unsigned long *src,
			  unsigned int shift, unsigned int nbits)
{
	unsigned int k, lim = BITS_TO_LONGS(nbits);
	unsigned int off = shift / BITS_PER_LONG, rem = shift % BITS_PER_LONG;
	unsigned long mask = BITMAP_LAST_WORD_MASK(nbits);
	unsigned long lower, upper;

	for (k = 0; off + k < lim; k++) {
		/* The bits beyond @nbits in the last word must not come in. */
		lower = src[off + k];
		if (off + k == lim - 1)
			lower &= mask;
		lower >>= rem;
		upper = 0;
		if (rem && off + k + 1 < lim) {
			upper = src[off + k + 1];
			if (off + k + 1 == lim - 1)
				upper &= mask;
			upper <<= BITS_PER_LONG - rem;
		}
		dst[k] = lower | upper;
	}
	if (off)
		memset(&dst[lim - min(off, lim)], 0, min(off, lim) * sizeof(*dst));
}
EXPORT_SYMBOL(__bitmap_shift_right);

/* Bit i + @shift of @dst becomes bit i of @src; the low @shift bits are 0. */
void __bitmap_shift_left(unsigned long *dst, const unsigned long *src,
			 unsigned int shift, unsigned int nbits)
{
	unsigned int lim = BITS_TO_LONGS(nbits);
	unsigned int off = shift / BITS_PER_LONG, rem = shift % BITS_PER_LONG;
	unsigned long lower, upper;
	int k;

	for (k = (int)lim - (int)off - 1; k >= 0; k--) {
		upper = src[k] << rem;
		lower = (rem && k > 0) ? src[k - 1] >> (BITS_PER_LONG - rem) : 0;
		dst[k + off] = upper | lower;
	}
	if (off)
		memset(dst, 0, min(off, lim) * sizeof(*dst));
	if (HAS_TAIL(nbits))
		dst[lim - 1] &= BITMAP_LAST_WORD_MASK(nbits);
}
EXPORT_SYMBOL(__bitmap_shift_left);

unsigned long bitmap_find_next_zero_area_off(unsigned long *map,
					     unsigned long size,
					     unsigned long start,
					     unsigned int nr,
					     unsigned long align_mask,
					     unsigned long align_offset)
{
	unsigned long index, end, busy;

	for (;;) {
		index = find_next_zero_bit(map, size, start);
		/* Round up so that index + align_offset is aligned. */
		index = ((index + align_offset + align_mask) & ~align_mask) -
			align_offset;
		end = index + nr;
		if (end > size)
			return end;
		busy = find_next_bit(map, end, index);
		if (busy >= end)
			return index;
		start = busy + 1;
	}
}
EXPORT_SYMBOL(bitmap_find_next_zero_area_off);

unsigned long *bitmap_alloc(unsigned int nbits, gfp_t flags)
{
	return kmalloc_array(BITS_TO_LONGS(nbits), sizeof(unsigned long), flags);
}
EXPORT_SYMBOL(bitmap_alloc);

unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags)
{
	return bitmap_alloc(nbits, flags | __GFP_ZERO);
}
EXPORT_SYMBOL(bitmap_zalloc);

void bitmap_free(const unsigned long *bitmap)
{
	kfree(bitmap);
}
EXPORT_SYMBOL(bitmap_free);

int bitmap_print_to_pagebuf(bool list, char *buf, const unsigned long *maskp,
			    int nmaskbits)
{
	ptrdiff_t len = PAGE_SIZE - ((unsigned long)buf & (PAGE_SIZE - 1));

	return list ? scnprintf(buf, len, "%*pbl\n", nmaskbits, maskp) :
		      scnprintf(buf, len, "%*pb\n", nmaskbits, maskp);
}
EXPORT_SYMBOL(bitmap_print_to_pagebuf);

/* A decimal number, or "N" for the last bit.  Returns the end, NULL if none. */
static const char *parse_bit(const char *s, unsigned int *bit, int nmaskbits)
{
	char *end;

	if (*s == 'N') {
		*bit = nmaskbits - 1;
		return s + 1;
	}
	if (!isdigit(*s))
		return NULL;
	*bit = simple_strtoul(s, &end, 10);
	return end;
}

/*
 * "0-3,8,16-31:2/4" -> bitmap.  Each region is a bit, a range, or a range
 * with "used/group" (the first @used bits of every @group).  -EINVAL for
 * malformed input, -ERANGE for a bit beyond @nmaskbits.
 */
int bitmap_parselist(const char *buf, unsigned long *maskp, int nmaskbits)
{
	unsigned int start, end, used, group, bit;
	const char *s = buf;

	bitmap_zero(maskp, nmaskbits);
	s = skip_spaces(s);
	while (*s) {
		s = parse_bit(s, &start, nmaskbits);
		if (!s)
			return -EINVAL;
		end = start;
		used = group = 1;
		if (*s == '-') {
			s = parse_bit(s + 1, &end, nmaskbits);
			if (!s)
				return -EINVAL;
			if (*s == ':') {
				s = parse_bit(s + 1, &used, nmaskbits);
				if (!s || *s != '/')
					return -EINVAL;
				s = parse_bit(s + 1, &group, nmaskbits);
				if (!s)
					return -EINVAL;
			}
		}
		if (start > end || used == 0 || used > group)
			return -EINVAL;
		if (end >= (unsigned int)nmaskbits)
			return -ERANGE;
		for (bit = start; bit <= end; bit++)
			if ((bit - start) % group < used)
				__set_bit(bit, maskp);
		s = skip_spaces(s);
		if (*s == ',')
			s++;
		else if (*s)
			return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL(bitmap_parselist);
