// SPDX-License-Identifier: GPL-2.0
/* tests/unit/test_kref.c - linux/kref.h */
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/sched.h>
#include <linux/err.h>

#include "internal.h"
#include "ktest.h"

TestSuite(kref, .init = ktest_boot, .fini = ktest_shutdown);

struct obj {
	struct kref ref;
	int released;
	struct mutex *m;
};

static void obj_release(struct kref *ref)
{
	struct obj *o = container_of(ref, struct obj, ref);

	__atomic_fetch_add(&o->released, 1, __ATOMIC_SEQ_CST);
}

static void obj_release_unlock(struct kref *ref)
{
	struct obj *o = container_of(ref, struct obj, ref);

	cr_assert(mutex_is_locked(o->m));
	o->released++;
	mutex_unlock(o->m);
}

Test(kref, release_once)
{
	struct obj o = { .ref = KREF_INIT(1) };

	kref_get(&o.ref);
	cr_assert_eq(kref_read(&o.ref), 2u);
	cr_assert_eq(kref_put(&o.ref, obj_release), 0);
	cr_assert_eq(o.released, 0);
	cr_assert_eq(kref_put(&o.ref, obj_release), 1);
	cr_assert_eq(o.released, 1);
	cr_assert_eq(kref_get_unless_zero(&o.ref), 0);
}

static int getput_fn(void *arg)
{
	struct obj *o = arg;
	int i;

	for (i = 0; i < 10000; i++) {
		kref_get(&o->ref);
		kref_put(&o->ref, obj_release);
	}
	kref_put(&o->ref, obj_release);
	return 0;
}

Test(kref, concurrent_puts_release_exactly_once)
{
	static struct obj o;
	struct task_struct *t[4];
	int i;

	kref_init(&o.ref);
	for (i = 0; i < 3; i++)
		kref_get(&o.ref);	/* one per task, plus ours */
	for (i = 0; i < 3; i++) {
		t[i] = ksim_task_create(getput_fn, &o, "kref_test");
		cr_assert(!IS_ERR(t[i]));
	}
	kref_put(&o.ref, obj_release);
	for (i = 0; i < 3; i++) {
		ksim_task_join(t[i]);
		put_task_struct(t[i]);
	}
	cr_assert_eq(o.released, 1);
	cr_assert_eq(kref_read(&o.ref), 0u);
}

Test(kref, put_mutex_calls_release_locked)
{
	DEFINE_MUTEX(m);
	struct obj o = { .m = &m };

	kref_init(&o.ref);
	kref_get(&o.ref);
	cr_assert_eq(kref_put_mutex(&o.ref, obj_release_unlock, &m), 0);
	cr_assert(!mutex_is_locked(&m));
	cr_assert_eq(kref_put_mutex(&o.ref, obj_release_unlock, &m), 1);
	cr_assert_eq(o.released, 1);
	cr_assert(!mutex_is_locked(&m));
}

Test(kref, get_after_release_warns)
{
	struct obj o = { .ref = KREF_INIT(1) };

	kref_put(&o.ref, obj_release);
	/* As in the kernel: the get saturates, the put then underflows. */
	ktest_expect_reports(KSIM_REPORT_WARN, 2);
	kref_get(&o.ref);
	cr_assert(ksim_dmesg_contains("refcount_t: addition on 0; use-after-free."));
	cr_assert_eq(kref_put(&o.ref, obj_release), 0, "a saturated kref never releases");
	cr_assert(ksim_dmesg_contains("refcount_t: underflow; use-after-free."));
	cr_assert_eq(o.released, 1);
	cr_assert_eq(kref_read(&o.ref), (unsigned int)REFCOUNT_SATURATED);
}
