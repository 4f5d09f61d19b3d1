// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lib/find_bit.c - bitmap searches (see <linux/find.h>).  Each returns
 * @size when nothing is found.  Bits of the last word beyond @size are
 * never looked at.
 */
#include <linux/bitmap.h>
#include <linux/minmax.h>
#include <linux/export.h>

/*
 * The first bit at or after @start that is set in @addr1 (and in @addr2 if
 * given); with @invert = ~0UL, the first clear bit of @addr1.
 */
static unsigned long find_next(const unsigned long *addr1,
			       const unsigned long *addr2, unsigned long size,
			       unsigned long start, unsigned long invert)
{
	unsigned long idx, word;

	if (start >= size)
		return size;
	idx = start / BITS_PER_LONG;
	word = (addr1[idx] & (addr2 ? addr2[idx] : ~0UL)) ^ invert;
	word &= BITMAP_FIRST_WORD_MASK(start);
	while (!word) {
		idx++;
		if (idx * BITS_PER_LONG >= size)
			return size;
		word = (addr1[idx] & (addr2 ? addr2[idx] : ~0UL)) ^ invert;
	}
	return min(idx * BITS_PER_LONG + __ffs(word), size);
}

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset)
{
	return find_next(addr, NULL, size, offset, 0UL);
}
EXPORT_SYMBOL(find_next_bit);

unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset)
{
	return find_next(addr, NULL, size, offset, ~0UL);
}
EXPORT_SYMBOL(find_next_zero_bit);

unsigned long find_next_and_bit(const unsigned long *addr1,
				const unsigned long *addr2, unsigned long size,
				unsigned long offset)
{
	return find_next(addr1, addr2, size, offset, 0UL);
}
EXPORT_SYMBOL(find_next_and_bit);

unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return find_next(addr, NULL, size, 0, 0UL);
}
EXPORT_SYMBOL(find_first_bit);

unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return find_next(addr, NULL, size, 0, ~0UL);
}
EXPORT_SYMBOL(find_first_zero_bit);

unsigned long find_first_and_bit(const unsigned long *addr1,
				 const unsigned long *addr2, unsigned long size)
{
	return find_next(addr1, addr2, size, 0, 0UL);
}
EXPORT_SYMBOL(find_first_and_bit);

unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long idx, mask, word;

	if (!size)
		return size;
	idx = (size - 1) / BITS_PER_LONG;
	mask = BITMAP_LAST_WORD_MASK(size);
	for (;;) {
		word = addr[idx] & mask;
		if (word)
			return idx * BITS_PER_LONG + __fls(word);
		if (!idx)
			return size;
		idx--;
		mask = ~0UL;
	}
}
EXPORT_SYMBOL(find_last_bit);

unsigned long find_nth_bit(const unsigned long *addr, unsigned long size,
			   unsigned long n)
{
	unsigned long idx, word, w;

	for (idx = 0; idx * BITS_PER_LONG < size; idx++) {
		word = addr[idx];
		if ((idx + 1) * BITS_PER_LONG > size)
			word &= BITMAP_LAST_WORD_MASK(size);
		w = hweight_long(word);
		if (n >= w) {
			n -= w;
			continue;
		}
		/* Drop the n lowest set bits; the next one is the answer. */
		while (n--)
			word &= word - 1;
		return idx * BITS_PER_LONG + __ffs(word);
	}
	return size;
}
EXPORT_SYMBOL(find_nth_bit);
