// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_rwlock.c - kapi-shim/locking/rwlock.c */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/err.h>

#include "internal.h"
#include "ktest.h"

TestSuite(rwlock, .init = ktest_boot, .fini = ktest_shutdown);

static DEFINE_RWLOCK(static_rw);

struct shared {
	rwlock_t lock;
	unsigned long a, b;	/* always equal outside the write lock */
	int bad;
};

static int rw_fn(void *arg)
{
	struct shared *s = arg;
	unsigned long flags;
	int i;

	for (i = 0; i < 20000; i++) {
		if (i % 4 == 0) {
			write_lock_irqsave(&s->lock, flags);
			s->a++;
			if ((i & 255) == 0)
				ktest_sleep_ms(0);
			s->b++;
			write_unlock_irqrestore(&s->lock, flags);
		} else {
			read_lock(&s->lock);
			if (s->a != s->b)
				__atomic_store_n(&s->bad, 1, __ATOMIC_SEQ_CST);
			read_unlock(&s->lock);
		}
	}
	return 0;
}

Test(rwlock, writers_exclusive_readers_consistent)
{
	static struct shared s = { .lock = __RW_LOCK_UNLOCKED(s.lock) };
	struct task_struct *t[4];
	int i;

	for (i = 0; i < 4; i++) {
		t[i] = ksim_task_create(rw_fn, &s, "rwlock_test");
		cr_assert(!IS_ERR(t[i]));
	}
	for (i = 0; i < 4; i++) {
		ksim_task_join(t[i]);
		put_task_struct(t[i]);
	}
	cr_assert_eq(s.a, 4 * 5000UL);
	cr_assert_eq(s.b, s.a);
	cr_assert_eq(s.bad, 0, "a reader saw a half-done write");
}

Test(rwlock, trylock_and_context)
{
	rwlock_t l;
	unsigned long flags;

	rwlock_init(&l);
	cr_assert_str_eq(l.dep_map.name, "&l");
	read_lock(&l);
	cr_assert(in_atomic());
	cr_assert_eq(read_trylock(&l), 1, "readers share");
	cr_assert_eq(write_trylock(&l), 0);
	read_unlock(&l);
	read_unlock(&l);
	cr_assert_eq(preempt_count(), 0);
	cr_assert_eq(write_trylock(&l), 1);
	cr_assert_eq(read_trylock(&l), 0);
	write_unlock(&l);
	read_lock_irqsave(&l, flags);
	cr_assert(irqs_disabled());
	read_unlock_irqrestore(&l, flags);
	write_lock_bh(&l);
	cr_assert(in_softirq());
	write_unlock_bh(&l);
	write_lock_irq(&static_rw);
	cr_assert(irqs_disabled());
	write_unlock_irq(&static_rw);
	cr_assert(!irqs_disabled());
	cr_assert_eq(preempt_count(), 0);
}

Test(rwlock, read_unlock_of_free_lock_is_reported)
{
	DEFINE_RWLOCK(l);

	ktest_expect_reports(KSIM_REPORT_LOCKING, 1);
	preempt_disable();
	read_unlock(&l);
	cr_assert(ksim_dmesg_contains("BUG: rwlock already unlocked"));
}

Test(rwlock, recursive_write_panics, .exit_code = 3)
{
	DEFINE_RWLOCK(l);

	write_lock(&l);
	read_lock(&l);
	cr_assert_fail("read_lock under own write_lock returned");
}
