/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/uaccess.h - moving data between the kernel and a user process.
 *
 * A __user pointer in ksim is an address in the calling process's
 * simulated address space (mm/user_mm.c), never a host pointer: the copy
 * routines translate it through the regions the user side mapped, so a
 * wild or kernel pointer gives -EFAULT (or a short copy) exactly where the
 * kernel would fault, and the harness never dereferences it.  A task with
 * no user address space (a kthread, a workqueue, a test's main thread)
 * faults on every user address, as a kthread does since set_fs() is gone.
 * Every copy may fault and therefore sleep: each calls might_fault(), so
 * a copy under a spinlock is reported.
 */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/kernel.h>

/* The top of user space on x86-64 with 4-level page tables. */
#define TASK_SIZE_MAX		((1UL << 47) - 4096)
#define TASK_SIZE		TASK_SIZE_MAX

void __might_fault(const char *file, int line);
#define might_fault() __might_fault(__FILE__, __LINE__)

/* Whether [addr, addr+size) lies below TASK_SIZE (a range check only, as in the kernel). */
static inline bool __access_ok(const void __user *ptr, unsigned long size)
{
	unsigned long addr = (unsigned long)ptr;

	return size <= TASK_SIZE && addr <= TASK_SIZE - size;
}
#define access_ok(addr, size) likely(__access_ok(addr, size))

/* Bytes NOT copied: 0 on success. */
unsigned long _copy_to_user(void __user *to, const void *from, unsigned long n);
unsigned long _copy_from_user(void *to, const void __user *from, unsigned long n);

static __always_inline unsigned long __must_check
copy_to_user(void __user *to, const void *from, unsigned long n)
{
	return _copy_to_user(to, from, n);
}

/* The uncopied tail of @to is zeroed, as in the kernel. */
static __always_inline unsigned long __must_check
copy_from_user(void *to, const void __user *from, unsigned long n)
{
	return _copy_from_user(to, from, n);
}

#define __copy_to_user(to, from, n)		_copy_to_user(to, from, n)
#define __copy_from_user(to, from, n)		_copy_from_user(to, from, n)
#define __copy_to_user_inatomic(to, from, n)	_copy_to_user(to, from, n)
#define __copy_from_user_inatomic(to, from, n)	_copy_from_user(to, from, n)
#define raw_copy_to_user(to, from, n)		_copy_to_user(to, from, n)
#define raw_copy_from_user(to, from, n)		_copy_from_user(to, from, n)

/* 0 or -EFAULT; used by get_user/put_user for 1, 2, 4 and 8 bytes. */
int ksim_get_user_size(void *to, const void __user *from, unsigned long size);
int ksim_put_user_size(const void *from, void __user *to, unsigned long size);

#define get_user(x, ptr)						\
({									\
	unsigned long long __gu_val = 0;				\
	int __gu_err = ksim_get_user_size(&__gu_val, (ptr),		\
					  sizeof(*(ptr)));		\
	(x) = (__force __typeof__(*(ptr)))__gu_val;			\
	__gu_err;							\
})

#define put_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __pu_val = (x);				\
	ksim_put_user_size(&__pu_val, (ptr), sizeof(*(ptr)));		\
})

#define __get_user(x, ptr)	get_user(x, ptr)
#define __put_user(x, ptr)	put_user(x, ptr)

/* Bytes NOT cleared: 0 on success. */
unsigned long clear_user(void __user *to, unsigned long n);
#define __clear_user(to, n) clear_user(to, n)

/*
 * Copy a NUL-terminated string of at most @count bytes: its length
 * (without the NUL; @count when no NUL was found in @count bytes, the
 * destination then unterminated), or -EFAULT.
 */
long strncpy_from_user(char *dst, const char __user *src, long count);
/* Length including the NUL, 0 on a fault, > @n when longer than @n. */
long strnlen_user(const char __user *str, long n);

/* A kmalloc'ed (kvmalloc'ed) copy of user memory, or ERR_PTR(-EFAULT/-ENOMEM). */
void *memdup_user(const void __user *src, size_t len);
void *vmemdup_user(const void __user *src, size_t len);
void *memdup_user_nul(const void __user *src, size_t len);
char *strndup_user(const char __user *s, long n);

#endif
