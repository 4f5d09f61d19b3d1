// SPDX-License-Identifier: GPL-2.0
/*
 * lib/sort.c - heapsort with the kernel's sort()/sort_r() interface.
 *
 * Heapsort because it needs neither recursion nor memory and has no bad
 * inputs: kernel callers sort in atomic context and on small stacks.
 */
#include <linux/sort.h>
#include <linux/bsearch.h>
#include <linux/export.h>

/* Swaps by the widest unit the element size and alignment allow. */
static void swap_words_64(void *a, void *b, size_t n)
{
	u64 *x = a, *y = b, t;

	for (n /= 8; n; n--, x++, y++) {
		t = *x;
		*x = *y;
		*y = t;
	}
}

static void swap_words_32(void *a, void *b, size_t n)
{
	u32 *x = a, *y = b, t;

	for (n /= 4; n; n--, x++, y++) {
		t = *x;
		*x = *y;
		*y = t;
	}
}

static void swap_bytes(void *a, void *b, size_t n)
{
	u8 *x = a, *y = b, t;

	for (; n; n--, x++, y++) {
		t = *x;
		*x = *y;
		*y = t;
	}
}

enum swap_kind { SWAP_BYTES, SWAP_WORDS_32, SWAP_WORDS_64 };

static enum swap_kind pick_swap(const void *base, size_t size)
{
	unsigned long align = (unsigned long)base | size;

	if (align % 8 == 0)
		return SWAP_WORDS_64;
	if (align % 4 == 0)
		return SWAP_WORDS_32;
	return SWAP_BYTES;
}

struct sort_ctx {
	char *base;
	size_t size;
	cmp_r_func_t cmp_r;
	cmp_func_t cmp;
	swap_func_t swap;
	enum swap_kind kind;
	const void *priv;
};

static inline int do_cmp(const struct sort_ctx *c, size_t i, size_t j)
{
	const void *a = c->base + i * c->size, *b = c->base + j * c->size;

	if (c->cmp)
		return c->cmp(a, b);
	return c->cmp_r(a, b, c->priv);
}

static inline void do_swap(const struct sort_ctx *c, size_t i, size_t j)
{
	void *a = c->base + i * c->size, *b = c->base + j * c->size;

	if (c->swap)
		c->swap(a, b, (int)c->size);
	else if (c->kind == SWAP_WORDS_64)
		swap_words_64(a, b, c->size);
	else if (c->kind == SWAP_WORDS_32)
		swap_words_32(a, b, c->size);
	else
		swap_bytes(a, b, c->size);
}

/* Move element @i down the max-heap of the first @n elements. */
static void sift_down(const struct sort_ctx *c, size_t i, size_t n)
{
	size_t child;

	for (;;) {
		child = 2 * i + 1;
		if (child >= n)
			return;
		if (child + 1 < n && do_cmp(c, child + 1, child) > 0)
			child++;
		if (do_cmp(c, child, i) <= 0)
			return;
		do_swap(c, i, child);
		i = child;
	}
}

static void heapsort(const struct sort_ctx *c, size_t num)
{
	size_t i;

	if (num < 2)
		return;
	for (i = num / 2; i-- > 0;)
		sift_down(c, i, num);
	/* Move the current maximum to the end and shrink the heap. */
	for (i = num - 1; i > 0; i--) {
		do_swap(c, 0, i);
		sift_down(c, 0, i);
	}
}

void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_func_t swap_func, const void *priv)
{
	struct sort_ctx c = {
		.base = base, .size = size, .cmp_r = cmp_func,
		.swap = swap_func, .kind = pick_swap(base, size), .priv = priv,
	};

	if (size)
		heapsort(&c, num);
}
EXPORT_SYMBOL(sort_r);

void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func,
	  swap_func_t swap_func)
{
	struct sort_ctx c = {
		.base = base, .size = size, .cmp = cmp_func,
		.swap = swap_func, .kind = pick_swap(base, size),
	};

	if (size)
		heapsort(&c, num);
}
EXPORT_SYMBOL(sort);

/* libc's bsearch() has the kernel's meaning; modules bind to it. */
EXPORT_SYMBOL(bsearch);
