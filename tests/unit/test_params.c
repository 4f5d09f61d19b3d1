// SPDX-License-Identifier: GPL-2.0
/* kernel/params.c and kernel/module/main.c: parameters, module life cycle. */
#include <string.h>

#include "ktest.h"
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include "ksim/module.h"

TestSuite(params, .init = ktest_boot, .fini = ktest_shutdown);

static int set(const struct kernel_param_ops *ops, void *arg, const char *val)
{
	struct kernel_param kp = { .name = "p", .ops = ops, .arg = arg };

	return ops->set(val, &kp);
}

Test(params, integers)
{
	int i = 0;
	unsigned int u = 0;
	unsigned char b = 0;
	long l = 0;

	cr_assert_eq(set(&param_ops_int, &i, "-42"), 0);
	cr_assert_eq(i, -42);
	cr_assert_eq(set(&param_ops_int, &i, "0x10"), 0, "base 0: hex");
	cr_assert_eq(i, 16);
	cr_assert_eq(set(&param_ops_int, &i, "12\n"), 0, "one trailing newline is fine");
	cr_assert_eq(set(&param_ops_int, &i, "12abc"), -EINVAL);
	cr_assert_eq(set(&param_ops_int, &i, "99999999999"), -ERANGE);
	cr_assert_eq(set(&param_ops_uint, &u, "-1"), -EINVAL);
	cr_assert_eq(set(&param_ops_byte, &b, "256"), -ERANGE);
	cr_assert_eq(set(&param_ops_byte, &b, "255"), 0);
	cr_assert_eq(b, 255);
	cr_assert_eq(set(&param_ops_long, &l, "-9000000000"), 0);
	cr_assert_eq(l, -9000000000L);
}

Test(params, bools)
{
	bool v = false, inv = false;
	int bi = 0;

	cr_assert_eq(set(&param_ops_bool, &v, "y"), 0);
	cr_assert(v);
	cr_assert_eq(set(&param_ops_bool, &v, "N"), 0);
	cr_assert(!v);
	cr_assert_eq(set(&param_ops_bool, &v, NULL), 0, "a bare name means true");
	cr_assert(v);
	cr_assert_eq(set(&param_ops_bool, &v, "maybe"), -EINVAL);
	cr_assert_eq(set(&param_ops_invbool, &inv, "1"), 0);
	cr_assert(!inv);
	cr_assert_eq(set(&param_ops_bint, &bi, "on"), 0);
	cr_assert_eq(bi, 1);
}

Test(params, charp_copies_and_frees)
{
	char *s = "default";
	struct kernel_param kp = { .name = "s", .ops = &param_ops_charp, .arg = &s };

	cr_assert_eq(kp.ops->set("hello", &kp), 0);
	cr_assert_str_eq(s, "hello");
	cr_assert_eq(kp.ops->set("again", &kp), 0);
	cr_assert_str_eq(s, "again");
	kp.ops->free(kp.arg);
	cr_assert_null(s, "our copy is freed (no leak report at shutdown)");
}

Test(params, string_must_fit)
{
	char buf[8];
	struct kparam_string kps = { .maxlen = sizeof(buf), .string = buf };
	struct kernel_param kp = { .name = "s", .ops = &param_ops_string, .str = &kps };

	cr_assert_eq(kp.ops->set("1234567", &kp), 0);
	cr_assert_str_eq(buf, "1234567");
	cr_assert_eq(kp.ops->set("12345678", &kp), -ENOSPC);
}

Test(params, arrays)
{
	int vals[3] = { 0 };
	unsigned int n = 0;
	struct kparam_array arr = { .max = 3, .elemsize = sizeof(int), .num = &n,
				    .ops = &param_ops_int, .elem = vals };
	struct kernel_param kp = { .name = "a", .ops = &param_array_ops, .arr = &arr };
	char out[64];

	cr_assert_eq(kp.ops->set("1,2,3", &kp), 0);
	cr_assert_eq(n, 3);
	cr_assert_eq(vals[2], 3);
	cr_assert_eq(kp.ops->set("7,8", &kp), 0);
	cr_assert_eq(n, 2);
	kp.ops->get(out, &kp);
	cr_assert_str_eq(out, "7,8\n");
	cr_assert_eq(kp.ops->set("1,2,3,4", &kp), -EINVAL, "more than fit");
	cr_assert_eq(kp.ops->set("1,x", &kp), -EINVAL);
}

/*
 * Found by tests/fuzz/config (corpus bug-charp-array-leak): the copies a
 * charp array holds are all freed, after a list refused half-way and after
 * a shorter list than before.
 */
Test(params, charp_array_frees_every_copy)
{
	char *vals[3] = { NULL };
	unsigned int n = 0;
	struct kparam_array arr = { .max = 3, .elemsize = sizeof(char *), .num = &n,
				    .ops = &param_ops_charp, .elem = vals };
	struct kernel_param kp = { .name = "a", .ops = &param_array_ops, .arr = &arr };

	cr_assert_eq(kp.ops->set("a,b,c,d", &kp), -EINVAL, "more than fit");
	cr_assert_eq(n, 3, "the count follows what was set");
	cr_assert_eq(kp.ops->set("x,y,z", &kp), 0);
	cr_assert_eq(kp.ops->set("q", &kp), 0);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(vals[0], "q");
	kp.ops->free(&arr);
	cr_assert_null(vals[0]);
	cr_assert_null(vals[1], "beyond the count, still ours to free");
	cr_assert_null(vals[2]);
}

/* ---- module life cycle, with a module made by hand ---- */

static int count;
static bool verbose;
static struct kernel_param fake_params[] = {
	{ .name = "count", .ops = &param_ops_int, .arg = &count },
	{ .name = "be_verbose", .ops = &param_ops_bool, .arg = &verbose },
};
static void *fake_buf;
static int fake_init_ret;

/* The "module's code": allocations made here are the module's. */
static noinline int fake_init(void)
{
	fake_buf = kmalloc(32, GFP_KERNEL);
	return fake_init_ret;
}

static noinline void fake_exit(void)
{
}

static struct module fake = {
	.name = "fake",
	.init = fake_init,
	.exit = fake_exit,
	.kp = fake_params,
	.ksim_kp_end = fake_params + 2,
};

static void add_fake(void)
{
	unsigned long start = (unsigned long)fake_init;

	cr_assert_eq(ksim_module_add(&fake, start, start + 256, "GPL"), 0);
}

Test(params, set_param_by_name)
{
	char err[128];

	add_fake();
	cr_assert_eq(ksim_module_set_param(&fake, "count", "5", err, sizeof(err)), 0);
	cr_assert_eq(count, 5);
	cr_assert_eq(ksim_module_set_param(&fake, "be-verbose", NULL, err, sizeof(err)), 0,
		     "'-' and '_' are the same");
	cr_assert(verbose);
	cr_assert_eq(ksim_module_set_param(&fake, "count", NULL, err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "needs a value"), "%s", err);
	cr_assert_eq(ksim_module_set_param(&fake, "nope", "1", err, sizeof(err)), -ENOENT);
	cr_assert(strstr(err, "unknown parameter 'nope'"), "%s", err);
	cr_assert_eq(ksim_module_set_param(&fake, "count", "x", err, sizeof(err)), -EINVAL);
	cr_assert(strstr(err, "'x' invalid for parameter 'count'"), "%s", err);
	ksim_module_discard(&fake);
}

Test(params, a_module_of_the_same_name_is_refused)
{
	add_fake();
	cr_assert_eq(ksim_module_add(&fake, 1, 2, "GPL"), -EEXIST);
	ksim_module_discard(&fake);
}

Test(params, allocations_are_attributed_and_leaks_reported_at_unload)
{
	fake_init_ret = 0;
	add_fake();
	cr_assert_eq(ksim_module_init(&fake), 0);
	cr_assert_eq(fake.state, MODULE_STATE_LIVE);
	ktest_expect_reports(KSIM_REPORT_LEAK, 1);
	ksim_module_remove(&fake);
	cr_assert(ksim_dmesg_contains("unreferenced object"));
	cr_assert(ksim_dmesg_contains("(size 32)"));
	cr_assert(ksim_dmesg_contains("fake_init"));
}

Test(params, a_failing_init_takes_the_module_out_and_reports_its_leaks)
{
	fake_init_ret = -ENOMEM;
	add_fake();
	ktest_expect_reports(KSIM_REPORT_LEAK, 1);
	cr_assert_eq(ksim_module_init(&fake), -ENOMEM);
	cr_assert(ksim_dmesg_contains("fake_init"));
	/* Gone: the name can be used again. */
	add_fake();
	ksim_module_discard(&fake);
}

Test(params, license_taints)
{
	cr_assert(ksim_license_is_gpl_compatible("GPL"));
	cr_assert(ksim_license_is_gpl_compatible("Dual MIT/GPL"));
	cr_assert(!ksim_license_is_gpl_compatible("Proprietary"));
	cr_assert(!ksim_license_is_gpl_compatible(NULL));
	fake.name[0] = 'p';
	cr_assert_eq(ksim_module_add(&fake, 0, 0, "Proprietary"), 0);
	cr_assert(test_taint(TAINT_PROPRIETARY_MODULE));
	cr_assert(ksim_dmesg_contains("module license 'Proprietary' taints kernel"));
	ksim_module_discard(&fake);
	fake.name[0] = 'f';
}

Test(params, try_module_get_and_put)
{
	add_fake();
	cr_assert(try_module_get(&fake));
	cr_assert_eq(atomic_read(&fake.refcnt), 1);
	module_put(&fake);
	cr_assert(try_module_get(NULL), "the kernel itself");
	ksim_module_discard(&fake);
}
