// SPDX-License-Identifier: GPL-2.0
/*
 * slab_oob - writes one byte past the end of a kmalloc'd buffer (an
 * off-by-one in a copy, the classic).  slub_debug's red zone must catch it
 * when the buffer is freed.  where=cache does the same to a kmem_cache
 * object; where=left writes one byte before the start.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

static char *where = "kmalloc";
module_param(where, charp, 0444);
MODULE_PARM_DESC(where, "kmalloc, cache or left");

static struct kmem_cache *oob_cache;

static noinline void copy_name(char *dst, const char *src, size_t len)
{
	/* The bug: the terminator goes one past the buffer. */
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static int __init slab_oob_init(void)
{
	char *buf;

	if (!strcmp(where, "cache")) {
		oob_cache = kmem_cache_create("slab_oob_cache", 24, 0, 0, NULL);
		if (!oob_cache)
			return -ENOMEM;
		buf = kmem_cache_alloc(oob_cache, GFP_KERNEL);
		if (!buf)
			return -ENOMEM;
		copy_name(buf, "twenty-four bytes long!!", 24);
		kmem_cache_free(oob_cache, buf);
		kmem_cache_destroy(oob_cache);
		return 0;
	}
	buf = kmalloc(13, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (!strcmp(where, "left"))
		((volatile char *)buf)[-1] = 'X';
	else
		copy_name(buf, "hello, world!", 13);
	kfree(buf);
	return 0;
}

static void __exit slab_oob_exit(void)
{
}

module_init(slab_oob_init);
module_exit(slab_oob_exit);
MODULE_LICENSE("GPL");
