/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/kfifo.h - a lock-free single-reader single-writer ring of
 * power-of-two size (lib/kfifo.c).
 *
 * The typed front end is macros over one untyped core, struct __kfifo,
 * as in the kernel: `in` and `out` count elements forever (unsigned
 * wrap-around), `mask` is size - 1, `esize` the element size.  Record
 * fifos (a length header per record, recsize 1 or 2) are not provided in
 * ksim: a driver using STRUCT_KFIFO_REC_1/2 does not compile.
 */
#ifndef _LINUX_KFIFO_H
#define _LINUX_KFIFO_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/stddef.h>
#include <linux/scatterlist.h>
#include <linux/gfp.h>

struct __kfifo {
	unsigned int	in;
	unsigned int	out;
	unsigned int	mask;
	unsigned int	esize;
	void		*data;
};

#define __STRUCT_KFIFO_COMMON(datatype, recsize, ptrtype)		\
	union {								\
		struct __kfifo	kfifo;					\
		datatype	*type;					\
		const datatype	*const_type;				\
		char		(*rectype)[recsize];			\
		ptrtype		*ptr;					\
		ptrtype const	*ptr_const;				\
	}

/* An embedded buffer of @size elements (a power of two, at least 2). */
#define __STRUCT_KFIFO(type, size, recsize, ptrtype)			\
{									\
	__STRUCT_KFIFO_COMMON(type, recsize, ptrtype);			\
	type		buf[((size < 2) || (size & (size - 1))) ? -1 : size]; \
}

#define STRUCT_KFIFO(type, size)	struct __STRUCT_KFIFO(type, size, 0, type)

/* A buffer allocated later with kfifo_alloc() or given to kfifo_init(). */
#define __STRUCT_KFIFO_PTR(type, recsize, ptrtype)			\
{									\
	__STRUCT_KFIFO_COMMON(type, recsize, ptrtype);			\
	type		buf[0];						\
}

#define STRUCT_KFIFO_PTR(type)		struct __STRUCT_KFIFO_PTR(type, 0, type)

/* The byte fifo with a separately allocated buffer. */
struct kfifo __STRUCT_KFIFO_PTR(unsigned char, 0, void);

/* True when @fifo's buffer is not embedded. */
#define __is_kfifo_ptr(fifo)						\
	(sizeof(*fifo) == sizeof(STRUCT_KFIFO_PTR(typeof(*(fifo)->type))))

#define DECLARE_KFIFO_PTR(fifo, type)	STRUCT_KFIFO_PTR(type) fifo
#define DECLARE_KFIFO(fifo, type, size)	STRUCT_KFIFO(type, size) fifo

#define INIT_KFIFO(fifo)						\
(void)({								\
	typeof(&(fifo)) __tmp = &(fifo);				\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__kfifo->in = 0;						\
	__kfifo->out = 0;						\
	__kfifo->mask = __is_kfifo_ptr(__tmp) ? 0 : ARRAY_SIZE(__tmp->buf) - 1; \
	__kfifo->esize = sizeof(*__tmp->buf);				\
	__kfifo->data = __is_kfifo_ptr(__tmp) ? NULL : __tmp->buf;	\
})

#define DEFINE_KFIFO(fifo, type, size)					\
	DECLARE_KFIFO(fifo, type, size) =				\
	(typeof(fifo)) {						\
		{							\
			{						\
			.in	= 0,					\
			.out	= 0,					\
			.mask	= __is_kfifo_ptr(&(fifo)) ? 0 :		\
				  ARRAY_SIZE((fifo).buf) - 1,		\
			.esize	= sizeof(*(fifo).buf),			\
			.data	= __is_kfifo_ptr(&(fifo)) ? NULL : (fifo).buf, \
			}						\
		}							\
	}

/* The untyped core (lib/kfifo.c). */
int __kfifo_alloc(struct __kfifo *fifo, unsigned int size, size_t esize, gfp_t gfp_mask);
void __kfifo_free(struct __kfifo *fifo);
int __kfifo_init(struct __kfifo *fifo, void *buffer, unsigned int size, size_t esize);
unsigned int __kfifo_in(struct __kfifo *fifo, const void *buf, unsigned int len);
unsigned int __kfifo_out(struct __kfifo *fifo, void *buf, unsigned int len);
unsigned int __kfifo_out_peek(struct __kfifo *fifo, void *buf, unsigned int len);
int __kfifo_from_user(struct __kfifo *fifo, const void __user *from,
		      unsigned long len, unsigned int *copied);
int __kfifo_to_user(struct __kfifo *fifo, void __user *to,
		    unsigned long len, unsigned int *copied);

static inline unsigned int __kfifo_unused(struct __kfifo *fifo)
{
	return (fifo->mask + 1) - (READ_ONCE(fifo->in) - READ_ONCE(fifo->out));
}

#define kfifo_initialized(fifo)	((fifo)->kfifo.mask)
#define kfifo_esize(fifo)	((fifo)->kfifo.esize)
#define kfifo_recsize(fifo)	(sizeof(*(fifo)->rectype))
#define kfifo_size(fifo)	((fifo)->kfifo.mask + 1)

#define kfifo_reset(fifo)						\
(void)({								\
	typeof((fifo) + 1) __tmp = (fifo);				\
	__tmp->kfifo.in = __tmp->kfifo.out = 0;				\
})

#define kfifo_reset_out(fifo)						\
(void)({								\
	typeof((fifo) + 1) __tmp = (fifo);				\
	WRITE_ONCE(__tmp->kfifo.out, READ_ONCE(__tmp->kfifo.in));	\
})

#define kfifo_len(fifo)							\
({									\
	typeof((fifo) + 1) __tmpl = (fifo);				\
	READ_ONCE(__tmpl->kfifo.in) - READ_ONCE(__tmpl->kfifo.out);	\
})

#define kfifo_is_empty(fifo)						\
({									\
	typeof((fifo) + 1) __tmpq = (fifo);				\
	READ_ONCE(__tmpq->kfifo.in) == READ_ONCE(__tmpq->kfifo.out);	\
})

#define kfifo_is_empty_spinlocked(fifo, lock)				\
({									\
	unsigned long __flags;						\
	bool __ret;							\
	spin_lock_irqsave(lock, __flags);				\
	__ret = kfifo_is_empty(fifo);					\
	spin_unlock_irqrestore(lock, __flags);				\
	__ret;								\
})

#define kfifo_is_full(fifo)						\
({									\
	typeof((fifo) + 1) __tmpq = (fifo);				\
	kfifo_len(__tmpq) > __tmpq->kfifo.mask;				\
})

#define kfifo_avail(fifo)						\
({									\
	typeof((fifo) + 1) __tmpq = (fifo);				\
	__kfifo_unused(&__tmpq->kfifo);					\
})

#define kfifo_skip(fifo)						\
(void)({								\
	typeof((fifo) + 1) __tmp = (fifo);				\
	WRITE_ONCE(__tmp->kfifo.out, __tmp->kfifo.out + 1);		\
})

#define kfifo_peek_len(fifo)						\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	__tmp->kfifo.esize;						\
})

/* Allocate a buffer of @size elements, rounded down to a power of two. */
#define kfifo_alloc(fifo, size, gfp_mask)				\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__is_kfifo_ptr(__tmp) ?						\
	__kfifo_alloc(__kfifo, size, sizeof(*__tmp->type), gfp_mask) :	\
	-EINVAL;							\
})

#define kfifo_free(fifo)						\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	if (__is_kfifo_ptr(__tmp))					\
		__kfifo_free(__kfifo);					\
})

#define kfifo_init(fifo, buffer, size)					\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__is_kfifo_ptr(__tmp) ?						\
	__kfifo_init(__kfifo, buffer, size, sizeof(*__tmp->type)) :	\
	-EINVAL;							\
})

/* Put one element; 0 when full, else 1. */
#define kfifo_put(fifo, val)						\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	typeof(*__tmp->const_type) __val = (val);			\
	unsigned int __ret;						\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__ret = !kfifo_is_full(__tmp);					\
	if (__ret) {							\
		((typeof(__tmp->type))__kfifo->data)[__kfifo->in & __tmp->kfifo.mask] = \
			*(typeof(__tmp->type))&__val;			\
		__atomic_thread_fence(__ATOMIC_RELEASE);		\
		WRITE_ONCE(__kfifo->in, __kfifo->in + 1);		\
	}								\
	__ret;								\
})

/* Get one element into *@val; 0 when empty, else 1. */
#define kfifo_get(fifo, val)						\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	typeof(__tmp->ptr) __val = (val);				\
	unsigned int __ret;						\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__ret = !kfifo_is_empty(__tmp);					\
	if (__ret) {							\
		*(typeof(__tmp->type))__val =				\
			((typeof(__tmp->type))__kfifo->data)[__kfifo->out & __tmp->kfifo.mask]; \
		__atomic_thread_fence(__ATOMIC_RELEASE);		\
		WRITE_ONCE(__kfifo->out, __kfifo->out + 1);		\
	}								\
	__ret;								\
})

/* Look at the next element without removing it; 0 when empty. */
#define kfifo_peek(fifo, val)						\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	typeof(__tmp->ptr) __val = (val);				\
	unsigned int __ret;						\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__ret = !kfifo_is_empty(__tmp);					\
	if (__ret) {							\
		*(typeof(__tmp->type))__val =				\
			((typeof(__tmp->type))__kfifo->data)[__kfifo->out & __tmp->kfifo.mask]; \
	}								\
	__ret;								\
})

/* Copy up to @n elements in; returns how many fitted. */
#define kfifo_in(fifo, buf, n)						\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	typeof(__tmp->ptr_const) __buf = (buf);				\
	unsigned long __n = (n);					\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__kfifo_in(__kfifo, __buf, __n);				\
})

#define kfifo_in_spinlocked(fifo, buf, n, lock)				\
({									\
	unsigned long __flags;						\
	unsigned int __ret;						\
	spin_lock_irqsave(lock, __flags);				\
	__ret = kfifo_in(fifo, buf, n);					\
	spin_unlock_irqrestore(lock, __flags);				\
	__ret;								\
})

#define kfifo_in_spinlocked_noirqsave(fifo, buf, n, lock)		\
({									\
	unsigned int __ret;						\
	spin_lock(lock);						\
	__ret = kfifo_in(fifo, buf, n);					\
	spin_unlock(lock);						\
	__ret;								\
})

/* Copy up to @n elements out; returns how many were there. */
#define kfifo_out(fifo, buf, n)						\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	typeof(__tmp->ptr) __buf = (buf);				\
	unsigned long __n = (n);					\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__kfifo_out(__kfifo, __buf, __n);				\
})

#define kfifo_out_spinlocked(fifo, buf, n, lock)			\
({									\
	unsigned long __flags;						\
	unsigned int __ret;						\
	spin_lock_irqsave(lock, __flags);				\
	__ret = kfifo_out(fifo, buf, n);				\
	spin_unlock_irqrestore(lock, __flags);				\
	__ret;								\
})

#define kfifo_out_spinlocked_noirqsave(fifo, buf, n, lock)		\
({									\
	unsigned int __ret;						\
	spin_lock(lock);						\
	__ret = kfifo_out(fifo, buf, n);				\
	spin_unlock(lock);						\
	__ret;								\
})

#define kfifo_out_peek(fifo, buf, n)					\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	typeof(__tmp->ptr) __buf = (buf);				\
	unsigned long __n = (n);					\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__kfifo_out_peek(__kfifo, __buf, __n);				\
})

/*
 * Copy up to @len bytes from user space into the fifo (whole elements
 * only); *@copied gets the bytes taken.  0, or -EFAULT when the user
 * buffer faulted (what was copied before the fault stays in).
 */
#define kfifo_from_user(fifo, from, len, copied)			\
__kfifo_int_must_check_helper(						\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	const void __user *__from = (from);				\
	unsigned int __len = (len);					\
	unsigned int *__copied = (copied);				\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__kfifo_from_user(__kfifo, __from, __len, __copied);		\
})									\
)

/* The other way: to user space, *@copied bytes, 0 or -EFAULT. */
#define kfifo_to_user(fifo, to, len, copied)				\
__kfifo_int_must_check_helper(						\
({									\
	typeof((fifo) + 1) __tmp = (fifo);				\
	void __user *__to = (to);					\
	unsigned int __len = (len);					\
	unsigned int *__copied = (copied);				\
	struct __kfifo *__kfifo = &__tmp->kfifo;			\
	__kfifo_to_user(__kfifo, __to, __len, __copied);		\
})									\
)

static inline unsigned int __must_check
__kfifo_uint_must_check_helper(unsigned int val)
{
	return val;
}

static inline int __must_check __kfifo_int_must_check_helper(int val)
{
	return val;
}

#endif
