// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_kfifo.c - lib/kfifo.c and the typed macros of linux/kfifo.h */
#include "ktest.h"

#include <string.h>

#include <linux/kernel.h>
#include <linux/kfifo.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <ksim/user.h>

#include "internal.h"
#include "mm/user_mm.h"

TestSuite(kfifo, .init = ktest_boot, .fini = ktest_shutdown);

Test(kfifo, elements_come_out_in_order_across_the_wrap)
{
	DEFINE_KFIFO(f, int, 8);
	int i, v;

	cr_assert_eq(kfifo_size(&f), 8);
	cr_assert(kfifo_is_empty(&f));
	for (i = 0; i < 6; i++)
		cr_assert_eq(kfifo_put(&f, i), 1);
	for (i = 0; i < 4; i++) {
		cr_assert_eq(kfifo_get(&f, &v), 1);
		cr_assert_eq(v, i);
	}
	/* The next six wrap around the end of the buffer. */
	for (i = 6; i < 12; i++)
		cr_assert_eq(kfifo_put(&f, i), 1);
	cr_assert(kfifo_is_full(&f));
	cr_assert_eq(kfifo_put(&f, 99), 0, "full");
	cr_assert_eq(kfifo_len(&f), 8);
	cr_assert_eq(kfifo_peek(&f, &v), 1);
	cr_assert_eq(v, 4);
	for (i = 4; i < 12; i++) {
		cr_assert_eq(kfifo_get(&f, &v), 1);
		cr_assert_eq(v, i);
	}
	cr_assert_eq(kfifo_get(&f, &v), 0, "empty");
}

Test(kfifo, bytes_in_and_out)
{
	DECLARE_KFIFO_PTR(f, unsigned char);
	unsigned char out[32];

	cr_assert_eq(kfifo_alloc(&f, 20, GFP_KERNEL), 0);
	cr_assert_eq(kfifo_size(&f), 32, "rounded up to a power of two");
	cr_assert_eq(kfifo_in(&f, (const unsigned char *)"hello, world", 12), 12);
	cr_assert_eq(kfifo_out_peek(&f, out, 5), 5);
	cr_assert_eq(kfifo_out(&f, out, 7), 7);
	cr_assert_eq(memcmp(out, "hello, ", 7), 0);
	cr_assert_eq(kfifo_avail(&f), 27);
	kfifo_reset_out(&f);
	cr_assert(kfifo_is_empty(&f));
	kfifo_free(&f);
}

Test(kfifo, struct_kfifo_with_kfifo_init)
{
	static unsigned char buffer[64];
	struct kfifo f;
	char out[4];

	cr_assert_eq(kfifo_init(&f, buffer, 100), 0);
	cr_assert_eq(kfifo_size(&f), 64, "rounded down for a given buffer");
	cr_assert_eq(kfifo_in(&f, "abc", 3), 3);
	cr_assert_eq(kfifo_out(&f, out, 4), 3);
	cr_assert_eq(memcmp(out, "abc", 3), 0);
}

Test(kfifo, to_and_from_user_memory)
{
	DEFINE_KFIFO(f, unsigned char, 16);
	struct mm_struct mm;
	unsigned int copied;
	unsigned long u;
	char *host;

	ksim_mm_setup(&mm);
	current->mm = &mm;
	u = ksim_mm_map(&mm, NULL, 8, KSIM_PROT_READ | KSIM_PROT_WRITE);
	host = ksim_mm_host_ptr(&mm, u, 8);
	memcpy(host, "ABCDEFGH", 8);
	cr_assert_eq(kfifo_from_user(&f, (void __user *)u, 8, &copied), 0);
	cr_assert_eq(copied, 8);
	/* 8 asked, 4 mapped past u + 4: -EFAULT, the 4 copied stay in. */
	cr_assert_eq(kfifo_from_user(&f, (void __user *)(u + 4), 8, &copied), -EFAULT);
	cr_assert_eq(copied, 4);
	cr_assert_eq(kfifo_len(&f), 12);
	memset(host, 0, 8);
	cr_assert_eq(kfifo_to_user(&f, (void __user *)u, 8, &copied), 0);
	cr_assert_eq(copied, 8);
	cr_assert_eq(memcmp(host, "ABCDEFGH", 8), 0);
	cr_assert_eq(kfifo_to_user(&f, (void __user *)0x1000, 4, &copied), -EFAULT);
	cr_assert_eq(copied, 0);
	cr_assert_eq(kfifo_len(&f), 4, "nothing consumed by a faulting copy");
	current->mm = NULL;
	ksim_mm_teardown(&mm);
}
