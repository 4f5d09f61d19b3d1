// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/usercopy.c - copy_to_user() and friends.
 *
 * The calling task's address space (current->mm, mm/user_mm.c) translates
 * every user address; a kernel thread has none, so everything faults for
 * it.  Copies report how many bytes they did NOT move, and stop at the
 * first unmapped byte, as the kernel's do after a fault.  Each entry point
 * calls might_fault(): a user copy may sleep on a page fault, so doing one
 * under a spinlock or in an interrupt is reported even when the page
 * happens to be present.
 */
#include <linux/kernel.h>
#include <linux/uaccess.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/export.h>

#include "internal.h"
#include "mm/user_mm.h"

void __might_fault(const char *file, int line)
{
	__might_sleep(file, line);
}
EXPORT_SYMBOL(__might_fault);

static size_t user_copy(void *buf, unsigned long uaddr, unsigned long n, bool write)
{
	if (!n)
		return 0;
	if (!__access_ok((const void __user *)uaddr, n))
		return n;
	return ksim_mm_copy(current->mm, uaddr, buf, n, write);
}

unsigned long _copy_to_user(void __user *to, const void *from, unsigned long n)
{
	might_fault();
	return user_copy((void *)from, (unsigned long)to, n, true);
}
EXPORT_SYMBOL(_copy_to_user);

unsigned long _copy_from_user(void *to, const void __user *from, unsigned long n)
{
	unsigned long left;

	might_fault();
	left = user_copy(to, (unsigned long)from, n, false);
	if (unlikely(left))
		memset((char *)to + (n - left), 0, left);
	return left;
}
EXPORT_SYMBOL(_copy_from_user);

unsigned long clear_user(void __user *to, unsigned long n)
{
	might_fault();
	return user_copy(NULL, (unsigned long)to, n, true);
}
EXPORT_SYMBOL(clear_user);

int ksim_get_user_size(void *to, const void __user *from, unsigned long size)
{
	might_fault();
	if (user_copy(to, (unsigned long)from, size, false))
		return -EFAULT;
	return 0;
}
EXPORT_SYMBOL(ksim_get_user_size);

int ksim_put_user_size(const void *from, void __user *to, unsigned long size)
{
	might_fault();
	if (user_copy((void *)from, (unsigned long)to, size, true))
		return -EFAULT;
	return 0;
}
EXPORT_SYMBOL(ksim_put_user_size);

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	unsigned long addr = (unsigned long)src;
	long i;

	might_fault();
	if (count <= 0)
		return 0;
	for (i = 0; i < count; i++) {
		if (user_copy(&dst[i], addr + i, 1, false))
			return -EFAULT;
		if (!dst[i])
			return i;
	}
	return count;
}
EXPORT_SYMBOL(strncpy_from_user);

long strnlen_user(const char __user *str, long n)
{
	unsigned long addr = (unsigned long)str;
	long i;
	char c;

	might_fault();
	for (i = 0; i < n; i++) {
		if (user_copy(&c, addr + i, 1, false))
			return 0;
		if (!c)
			return i + 1;
	}
	return n + 1;
}
EXPORT_SYMBOL(strnlen_user);

void *memdup_user(const void __user *src, size_t len)
{
	void *p = kmalloc_track_caller(len, GFP_USER | __GFP_NOWARN);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}
EXPORT_SYMBOL(memdup_user);

void *vmemdup_user(const void __user *src, size_t len)
{
	void *p = kvmalloc(len, GFP_USER);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kvfree(p);
		return ERR_PTR(-EFAULT);
	}
	return p;
}
EXPORT_SYMBOL(vmemdup_user);

void *memdup_user_nul(const void __user *src, size_t len)
{
	char *p = kmalloc_track_caller(len + 1, GFP_KERNEL);

	if (!p)
		return ERR_PTR(-ENOMEM);
	if (copy_from_user(p, src, len)) {
		kfree(p);
		return ERR_PTR(-EFAULT);
	}
	p[len] = '\0';
	return p;
}
EXPORT_SYMBOL(memdup_user_nul);

char *strndup_user(const char __user *s, long n)
{
	char *p;
	long length = strnlen_user(s, n);

	if (!length)
		return ERR_PTR(-EFAULT);
	if (length > n)
		return ERR_PTR(-EINVAL);
	p = memdup_user(s, length);
	if (IS_ERR(p))
		return p;
	p[length - 1] = '\0';
	return p;
}
EXPORT_SYMBOL(strndup_user);
