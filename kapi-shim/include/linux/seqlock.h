/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/seqlock.h - sequence counters and sequential locks (6.1 API).
 *
 * A writer makes the count odd while it writes and even again after;
 * a reader retries when the count was odd or changed meanwhile.  The
 * seqcount_LOCKNAME_t types carry the writer's lock as in the kernel
 * (for lockdep there; here only so the names and initializers exist), and
 * every accessor takes either a seqcount_t or one of them.
 */
#ifndef __LINUX_SEQLOCK_H
#define __LINUX_SEQLOCK_H

#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/spinlock.h>
#include <linux/rwlock.h>
#include <asm/processor.h>
#include <asm/barrier.h>

typedef struct seqcount {
	unsigned int sequence;
} seqcount_t;

#define SEQCNT_ZERO(name)	{ .sequence = 0 }
#define seqcount_init(s)	do { (s)->sequence = 0; } while (0)

#define __KSIM_SEQCOUNT_LOCKED(locktype, lockname)			\
typedef struct seqcount_##lockname {					\
	seqcount_t	seqcount;					\
	locktype	*lock;						\
} seqcount_##lockname##_t;

__KSIM_SEQCOUNT_LOCKED(raw_spinlock_t, raw_spinlock)
__KSIM_SEQCOUNT_LOCKED(spinlock_t, spinlock)
__KSIM_SEQCOUNT_LOCKED(rwlock_t, rwlock)
__KSIM_SEQCOUNT_LOCKED(struct mutex, mutex)

#define SEQCNT_LOCKNAME_ZERO(name, lock) { .seqcount = SEQCNT_ZERO(name), .lock = (lock) }
#define SEQCNT_RAW_SPINLOCK_ZERO(name, lock)	SEQCNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_SPINLOCK_ZERO(name, lock)	SEQCNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_RWLOCK_ZERO(name, lock)		SEQCNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_MUTEX_ZERO(name, lock)		SEQCNT_LOCKNAME_ZERO(name, lock)

#define __ksim_seqcount_lock_init(s, l)					\
	do { seqcount_init(&(s)->seqcount); (s)->lock = (l); } while (0)
#define seqcount_raw_spinlock_init(s, l)	__ksim_seqcount_lock_init(s, l)
#define seqcount_spinlock_init(s, l)		__ksim_seqcount_lock_init(s, l)
#define seqcount_rwlock_init(s, l)		__ksim_seqcount_lock_init(s, l)
#define seqcount_mutex_init(s, l)		__ksim_seqcount_lock_init(s, l)

/* The seqcount_t inside any of the seqcount types. */
#define __seqcount_ptr(s) _Generic(*(s),				\
	seqcount_t: (seqcount_t *)(s),					\
	seqcount_raw_spinlock_t: &((seqcount_raw_spinlock_t *)(s))->seqcount, \
	seqcount_spinlock_t: &((seqcount_spinlock_t *)(s))->seqcount,	\
	seqcount_rwlock_t: &((seqcount_rwlock_t *)(s))->seqcount,	\
	seqcount_mutex_t: &((seqcount_mutex_t *)(s))->seqcount)

static inline unsigned int __ksim_read_seqcount_begin(const seqcount_t *s)
{
	unsigned int seq;

	while ((seq = __atomic_load_n(&s->sequence, __ATOMIC_ACQUIRE)) & 1)
		cpu_relax();
	return seq;
}

static inline int __ksim_read_seqcount_retry(const seqcount_t *s,
					     unsigned int start)
{
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	return unlikely(__atomic_load_n(&s->sequence, __ATOMIC_RELAXED) != start);
}

static inline void __ksim_write_seqcount_begin(seqcount_t *s)
{
	__atomic_store_n(&s->sequence, s->sequence + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

static inline void __ksim_write_seqcount_end(seqcount_t *s)
{
	__atomic_store_n(&s->sequence, s->sequence + 1, __ATOMIC_RELEASE);
}

#define __read_seqcount_begin(s)	__ksim_read_seqcount_begin(__seqcount_ptr(s))
#define raw_read_seqcount_begin(s)	__ksim_read_seqcount_begin(__seqcount_ptr(s))
#define read_seqcount_begin(s)		__ksim_read_seqcount_begin(__seqcount_ptr(s))
/* The count now, odd or not. */
#define raw_read_seqcount(s)						\
	__atomic_load_n(&__seqcount_ptr(s)->sequence, __ATOMIC_ACQUIRE)
/* The count now, with the writer's bit cleared: a reader then retries. */
#define raw_seqcount_begin(s)	(raw_read_seqcount(s) & ~1u)
#define __read_seqcount_retry(s, start)					\
	__ksim_read_seqcount_retry(__seqcount_ptr(s), start)
#define read_seqcount_retry(s, start)					\
	__ksim_read_seqcount_retry(__seqcount_ptr(s), start)
#define raw_write_seqcount_begin(s)	__ksim_write_seqcount_begin(__seqcount_ptr(s))
#define raw_write_seqcount_end(s)	__ksim_write_seqcount_end(__seqcount_ptr(s))
#define write_seqcount_begin(s)						\
	do { preempt_disable(); raw_write_seqcount_begin(s); } while (0)
#define write_seqcount_begin_nested(s, subclass) write_seqcount_begin(s)
#define write_seqcount_end(s)						\
	do { raw_write_seqcount_end(s); preempt_enable(); } while (0)
/* Make every reader in progress retry. */
#define write_seqcount_invalidate(s)					\
	__atomic_add_fetch(&__seqcount_ptr(s)->sequence, 2, __ATOMIC_RELEASE)

/* Latch counters: readers pick the copy indexed by the count's low bit. */
typedef struct {
	seqcount_t seqcount;
} seqcount_latch_t;

#define SEQCNT_LATCH_ZERO(seq_name)	{ .seqcount = SEQCNT_ZERO(seq_name.seqcount) }
#define seqcount_latch_init(s)		seqcount_init(&(s)->seqcount)

static inline unsigned int raw_read_seqcount_latch(const seqcount_latch_t *s)
{
	return __atomic_load_n(&s->seqcount.sequence, __ATOMIC_ACQUIRE);
}

static inline int raw_read_seqcount_latch_retry(const seqcount_latch_t *s,
						unsigned int start)
{
	return __ksim_read_seqcount_retry(&s->seqcount, start);
}

static inline void raw_write_seqcount_latch(seqcount_latch_t *s)
{
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_add_fetch(&s->seqcount.sequence, 1, __ATOMIC_RELEASE);
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

/* ---- seqlock_t: a seqcount and the spinlock that serializes writers ---- */

typedef struct {
	seqcount_spinlock_t seqcount;
	spinlock_t lock;
} seqlock_t;

#define __SEQLOCK_UNLOCKED(lockname)					\
	{								\
		.seqcount = SEQCNT_SPINLOCK_ZERO(lockname, &(lockname).lock), \
		.lock = __SPIN_LOCK_UNLOCKED(lockname)			\
	}

#define seqlock_init(sl)						\
	do {								\
		spin_lock_init(&(sl)->lock);				\
		seqcount_spinlock_init(&(sl)->seqcount, &(sl)->lock);	\
	} while (0)

#define DEFINE_SEQLOCK(sl)	seqlock_t sl = __SEQLOCK_UNLOCKED(sl)

static inline unsigned int read_seqbegin(const seqlock_t *sl)
{
	return __ksim_read_seqcount_begin(&sl->seqcount.seqcount);
}

static inline unsigned int read_seqretry(const seqlock_t *sl, unsigned int start)
{
	return __ksim_read_seqcount_retry(&sl->seqcount.seqcount, start);
}

static inline void write_seqlock(seqlock_t *sl)
{
	spin_lock(&sl->lock);
	__ksim_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock(seqlock_t *sl)
{
	__ksim_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock(&sl->lock);
}

static inline void write_seqlock_bh(seqlock_t *sl)
{
	spin_lock_bh(&sl->lock);
	__ksim_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock_bh(seqlock_t *sl)
{
	__ksim_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_bh(&sl->lock);
}

static inline void write_seqlock_irq(seqlock_t *sl)
{
	spin_lock_irq(&sl->lock);
	__ksim_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock_irq(seqlock_t *sl)
{
	__ksim_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_irq(&sl->lock);
}

#define write_seqlock_irqsave(sl, flags)				\
	do {								\
		spin_lock_irqsave(&(sl)->lock, flags);			\
		__ksim_write_seqcount_begin(&(sl)->seqcount.seqcount);	\
	} while (0)

static inline void write_sequnlock_irqrestore(seqlock_t *sl,
					      unsigned long flags)
{
	__ksim_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_irqrestore(&sl->lock, flags);
}

/* A reader that locks out writers instead of retrying. */
static inline void read_seqlock_excl(seqlock_t *sl)
{
	spin_lock(&sl->lock);
}

static inline void read_sequnlock_excl(seqlock_t *sl)
{
	spin_unlock(&sl->lock);
}

static inline void read_seqlock_excl_bh(seqlock_t *sl)
{
	spin_lock_bh(&sl->lock);
}

static inline void read_sequnlock_excl_bh(seqlock_t *sl)
{
	spin_unlock_bh(&sl->lock);
}

static inline void read_seqlock_excl_irq(seqlock_t *sl)
{
	spin_lock_irq(&sl->lock);
}

static inline void read_sequnlock_excl_irq(seqlock_t *sl)
{
	spin_unlock_irq(&sl->lock);
}

#define read_seqlock_excl_irqsave(sl, flags)				\
	spin_lock_irqsave(&(sl)->lock, flags)

static inline void read_sequnlock_excl_irqrestore(seqlock_t *sl,
						  unsigned long flags)
{
	spin_unlock_irqrestore(&sl->lock, flags);
}

/*
 * Lockless first (*seq even), locking on the retry (*seq odd):
 *	int seq = 0;
 *	do { read_seqbegin_or_lock(&sl, &seq); ... }
 *	while (need_seqretry(&sl, seq));
 *	done_seqretry(&sl, seq);
 */
static inline void read_seqbegin_or_lock(seqlock_t *lock, int *seq)
{
	if (!(*seq & 1))
		*seq = read_seqbegin(lock);
	else
		read_seqlock_excl(lock);
}

static inline int need_seqretry(seqlock_t *lock, int seq)
{
	return !(seq & 1) && read_seqretry(lock, seq);
}

static inline void done_seqretry(seqlock_t *lock, int seq)
{
	if (seq & 1)
		read_sequnlock_excl(lock);
}

#endif
