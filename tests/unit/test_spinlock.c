// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_spinlock.c - kapi-shim/locking/spinlock.c */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/err.h>

#include "internal.h"
#include "ktest.h"

TestSuite(spinlock, .init = ktest_boot, .fini = ktest_shutdown);

static DEFINE_SPINLOCK(static_lock);

struct counter {
	spinlock_t lock;
	unsigned long value;
	atomic_t dec;
};

static int count_fn(void *arg)
{
	struct counter *c = arg;
	unsigned long flags;
	int i;

	for (i = 0; i < 20000; i++) {
		unsigned long v;

		if (i & 1)
			spin_lock_irqsave(&c->lock, flags);
		else
			spin_lock(&c->lock);
		v = c->value;
		if ((i & 255) == 0)
			ktest_sleep_ms(0);	/* host sleep: not a kernel sleep */
		c->value = v + 1;
		if (i & 1)
			spin_unlock_irqrestore(&c->lock, flags);
		else
			spin_unlock(&c->lock);
	}
	return 0;
}

Test(spinlock, mutual_exclusion_under_contention)
{
	static struct counter c = { .lock = __SPIN_LOCK_UNLOCKED(c.lock) };
	struct task_struct *t[4];
	int i;

	for (i = 0; i < 4; i++) {
		t[i] = ksim_task_create(count_fn, &c, "spin_test");
		cr_assert(!IS_ERR(t[i]));
	}
	for (i = 0; i < 4; i++) {
		ksim_task_join(t[i]);
		put_task_struct(t[i]);
	}
	cr_assert_eq(c.value, 80000UL);
	cr_assert(!spin_is_locked(&c.lock));
}

Test(spinlock, lock_makes_the_task_atomic)
{
	spinlock_t l;

	spin_lock_init(&l);
	cr_assert_str_eq(l.rlock.dep_map.name, "&l");
	cr_assert(!in_atomic());
	spin_lock(&l);
	cr_assert(in_atomic());
	cr_assert(spin_is_locked(&l));
	cr_assert(!irqs_disabled());
	assert_spin_locked(&l);
	lockdep_assert_held(&l);
	spin_unlock(&l);
	cr_assert(!in_atomic());
	cr_assert(!spin_is_locked(&static_lock));
}

Test(spinlock, might_sleep_under_spinlock_reports)
{
	ktest_expect_reports(KSIM_REPORT_ATOMIC_SLEEP, 1);
	spin_lock(&static_lock);
	might_sleep();
	spin_unlock(&static_lock);
	cr_assert_eq(ksim_report_count(KSIM_REPORT_ATOMIC_SLEEP), 1);
	cr_assert(ksim_dmesg_contains("BUG: sleeping function called from invalid context"));
}

Test(spinlock, irq_and_bh_variants)
{
	DEFINE_SPINLOCK(l);
	unsigned long flags, outer;

	spin_lock_irq(&l);
	cr_assert(irqs_disabled());
	cr_assert(in_atomic());
	spin_unlock_irq(&l);
	cr_assert(!irqs_disabled());
	cr_assert(!in_atomic());

	/* irqsave restores the state it found: enabled... */
	spin_lock_irqsave(&l, flags);
	cr_assert(irqs_disabled());
	spin_unlock_irqrestore(&l, flags);
	cr_assert(!irqs_disabled());
	/* ...or disabled. */
	local_irq_save(outer);
	spin_lock_irqsave(&l, flags);
	spin_unlock_irqrestore(&l, flags);
	cr_assert(irqs_disabled());
	local_irq_restore(outer);
	cr_assert(!irqs_disabled());

	spin_lock_bh(&l);
	cr_assert(in_softirq());
	cr_assert(in_atomic());
	spin_unlock_bh(&l);
	cr_assert(!in_softirq());
	cr_assert(!in_atomic());
}

Test(spinlock, trylock_variants)
{
	DEFINE_SPINLOCK(l);
	unsigned long flags;

	cr_assert_eq(spin_trylock(&l), 1);
	cr_assert(in_atomic());
	cr_assert_eq(spin_trylock(&l), 0);
	cr_assert_eq(spin_trylock_bh(&l), 0);
	cr_assert_eq(preempt_count(), 1, "failed trylocks must undo their context");
	cr_assert_eq(spin_trylock_irqsave(&l, flags), 0);
	cr_assert(!irqs_disabled());
	spin_unlock(&l);
	cr_assert_eq(spin_trylock_irqsave(&l, flags), 1);
	cr_assert(irqs_disabled());
	spin_unlock_irqrestore(&l, flags);
	cr_assert(!irqs_disabled());
	cr_assert_eq(preempt_count(), 0);
}

Test(spinlock, raw_and_nested)
{
	DEFINE_RAW_SPINLOCK(r);
	DEFINE_SPINLOCK(a);
	DEFINE_SPINLOCK(b);
	unsigned long flags;

	raw_spin_lock_irqsave(&r, flags);
	cr_assert(raw_spin_is_locked(&r));
	raw_spin_unlock_irqrestore(&r, flags);
	spin_lock(&a);
	spin_lock_nested(&b, SINGLE_DEPTH_NESTING);
	cr_assert_eq(preempt_count(), 2);
	spin_unlock(&b);
	spin_unlock(&a);
	spin_lock_irqsave_nested(&a, flags, 1);
	spin_unlock_irqrestore(&a, flags);
	cr_assert_eq(preempt_count(), 0);
}

Test(spinlock, unlock_of_free_lock_is_reported)
{
	DEFINE_SPINLOCK(l);

	ktest_expect_reports(KSIM_REPORT_LOCKING, 1);
	preempt_disable();	/* keeps the preempt count balanced */
	spin_unlock(&l);
	cr_assert(ksim_dmesg_contains("BUG: spinlock already unlocked on CPU#0"));
	cr_assert(!spin_is_locked(&l));
}

static int lock_and_leave(void *arg)
{
	spin_lock(arg);
	preempt_enable();	/* the task ends holding it; keep its count sane */
	return 0;
}

Test(spinlock, unlock_by_wrong_owner_is_reported)
{
	DEFINE_SPINLOCK(l);
	struct task_struct *t = ksim_task_create(lock_and_leave, &l, "spin_owner");

	cr_assert(!IS_ERR(t));
	ksim_task_join(t);
	ktest_expect_reports(KSIM_REPORT_LOCKING, 1);
	preempt_disable();
	/* The report names the owner: keep its task_struct until then. */
	spin_unlock(&l);
	put_task_struct(t);
	cr_assert(ksim_dmesg_contains("BUG: spinlock wrong owner on CPU#0"));
	cr_assert(!spin_is_locked(&l));
}

Test(spinlock, recursive_lock_panics, .exit_code = 3)
{
	DEFINE_SPINLOCK(l);

	spin_lock(&l);
	spin_lock(&l);
	cr_assert_fail("spin_lock on a held lock returned");
}

Test(spinlock, atomic_dec_and_lock)
{
	DEFINE_SPINLOCK(l);
	atomic_t cnt = ATOMIC_INIT(2);
	unsigned long flags;

	cr_assert_eq(atomic_dec_and_lock(&cnt, &l), 0);
	cr_assert(!spin_is_locked(&l));
	cr_assert_eq(preempt_count(), 0);
	cr_assert_eq(atomic_dec_and_lock(&cnt, &l), 1);
	cr_assert(spin_is_locked(&l));
	spin_unlock(&l);
	atomic_set(&cnt, 1);
	cr_assert_eq(atomic_dec_and_lock_irqsave(&cnt, &l, flags), 1);
	cr_assert(irqs_disabled());
	spin_unlock_irqrestore(&l, flags);
	cr_assert(!irqs_disabled());
	cr_assert_eq(preempt_count(), 0);
}
