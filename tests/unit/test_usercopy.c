// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_usercopy.c - lib/usercopy.c over mm/user_mm.c: user
 * addresses are translated through the calling task's address space;
 * what is not mapped faults (a short copy, -EFAULT), never a host access.
 */
#include "ktest.h"

#include <string.h>

#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/err.h>
#include <ksim/user.h>

#include "internal.h"
#include "mm/user_mm.h"

TestSuite(usercopy, .init = ktest_boot, .fini = ktest_shutdown);

static struct mm_struct mm;

/* The test's own task becomes a process with an address space. */
static void become_process(void)
{
	ksim_mm_setup(&mm);
	current->mm = &mm;
}

static void stop_being_process(void)
{
	current->mm = NULL;
	ksim_mm_teardown(&mm);
}

Test(usercopy, copies_through_the_mapping)
{
	unsigned long u;
	char out[8] = "";
	char *host;

	become_process();
	u = ksim_mm_map(&mm, NULL, 8, KSIM_PROT_READ | KSIM_PROT_WRITE);
	cr_assert_neq(u, 0);
	host = ksim_mm_host_ptr(&mm, u, 8);
	cr_assert_eq(copy_to_user((void __user *)u, "abcdefg", 8), 0);
	cr_assert_str_eq(host, "abcdefg");
	cr_assert_eq(copy_from_user(out, (void __user *)u, 8), 0);
	cr_assert_str_eq(out, "abcdefg");
	stop_being_process();
}

Test(usercopy, a_copy_stops_at_the_end_of_the_mapping)
{
	unsigned long u;
	char buf[16];

	become_process();
	u = ksim_mm_map(&mm, NULL, 10, KSIM_PROT_READ | KSIM_PROT_WRITE);
	memset(buf, 'x', sizeof(buf));
	/* 10 bytes mapped: 6 of 16 are not copied, and are zeroed in the kernel buffer. */
	cr_assert_eq(copy_from_user(buf, (void __user *)(u + 0), 16), 6);
	cr_assert_eq(buf[9], 0);
	cr_assert_eq(buf[15], 0);
	cr_assert_eq(copy_to_user((void __user *)(u + 4), buf, 16), 10);
	cr_assert_eq(clear_user((void __user *)u, 12), 2);
	stop_being_process();
}

Test(usercopy, unmapped_kernel_and_out_of_range_addresses_fault)
{
	int x = 5, v = 0;

	become_process();
	cr_assert_eq(copy_to_user((void __user *)0x1000, &x, 4), 4);
	cr_assert_eq(copy_from_user(&v, (void __user *)&x, 4), 4, "a kernel pointer is not user memory");
	cr_assert_eq(put_user(x, (int __user *)~0UL), -EFAULT);
	cr_assert_eq(get_user(v, (int __user *)0x1000), -EFAULT);
	cr_assert_eq(v, 0, "get_user zeroes its destination on a fault");
	cr_assert(!access_ok((void __user *)(TASK_SIZE - 4), 8));
	cr_assert(access_ok((void __user *)0x1000, 8));
	stop_being_process();
}

Test(usercopy, a_kernel_thread_has_no_user_memory)
{
	int x = 1;

	cr_assert_null(current->mm);
	cr_assert_eq(copy_to_user((void __user *)0x400000, &x, 4), 4);
}

Test(usercopy, get_put_user_and_permissions)
{
	unsigned long rw, ro;
	u64 big = 0;
	short s;
	int i;

	become_process();
	rw = ksim_mm_map(&mm, NULL, 64, KSIM_PROT_READ | KSIM_PROT_WRITE);
	ro = ksim_mm_map(&mm, NULL, 64, KSIM_PROT_READ);
	cr_assert_eq(put_user((u64)0x1122334455667788ULL, (u64 __user *)rw), 0);
	cr_assert_eq(get_user(big, (u64 __user *)rw), 0);
	cr_assert_eq(big, 0x1122334455667788ULL);
	cr_assert_eq(get_user(s, (short __user *)rw), 0);
	cr_assert_eq((unsigned short)s, 0x7788);
	cr_assert_eq(put_user(1, (int __user *)ro), -EFAULT, "read-only mapping");
	cr_assert_eq(get_user(i, (int __user *)ro), 0);
	cr_assert_eq(i, 0);
	cr_assert_eq(ksim_mm_unmap(&mm, ro), 0);
	cr_assert_eq(get_user(i, (int __user *)ro), -EFAULT, "after munmap");
	stop_being_process();
}

Test(usercopy, strings_from_user)
{
	unsigned long u;
	char dst[16], *dup;
	void *mem;

	become_process();
	u = ksim_mm_map(&mm, NULL, 8, KSIM_PROT_READ | KSIM_PROT_WRITE);
	cr_assert_eq(copy_to_user((void __user *)u, "hi\0", 3), 0);
	cr_assert_eq(strncpy_from_user(dst, (const char __user *)u, sizeof(dst)), 2);
	cr_assert_str_eq(dst, "hi");
	cr_assert_eq(strnlen_user((const char __user *)u, 8), 3);
	dup = strndup_user((const char __user *)u, 8);
	cr_assert(!IS_ERR(dup));
	cr_assert_str_eq(dup, "hi");
	kfree(dup);
	/* No NUL before the end of the mapping: a fault. */
	cr_assert_eq(copy_to_user((void __user *)u, "abcdefgh", 8), 0);
	cr_assert_eq(strncpy_from_user(dst, (const char __user *)u, sizeof(dst)), -EFAULT);
	cr_assert_eq(strncpy_from_user(dst, (const char __user *)u, 4), 4);
	mem = memdup_user((const void __user *)(u + 4), 8);
	cr_assert_eq(PTR_ERR(mem), -EFAULT);
	mem = memdup_user_nul((const void __user *)u, 3);
	cr_assert_str_eq(mem, "abc");
	kfree(mem);
	stop_being_process();
}

Test(usercopy, a_copy_under_a_spinlock_is_reported)
{
	static DEFINE_SPINLOCK(lock);
	int x = 0;

	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 1);
	become_process();
	spin_lock(&lock);
	cr_assert_eq(copy_to_user((void __user *)0x1000, &x, 4), 4);
	spin_unlock(&lock);
	stop_being_process();
}
