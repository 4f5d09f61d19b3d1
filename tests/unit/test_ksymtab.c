// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_ksymtab.c - kernel/module/main.c's table of exported
 * symbols, which the loader resolves every module symbol against: each
 * export is found by its name (the first one, where a name repeats),
 * unknown names are not, and __symbol_get() answers the same.
 */
#include "ktest.h"

#include <string.h>

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <ksim/module.h>

TestSuite(ksymtab, .init = ktest_boot, .fini = ktest_shutdown);

Test(ksymtab, every_export_is_found_by_name)
{
	const struct ksim_ksym *k, *first;
	unsigned int n = 0;

	for (k = ksim_ksymtab_begin(); k < ksim_ksymtab_end(); k++, n++) {
		for (first = ksim_ksymtab_begin(); strcmp(first->name, k->name); first++)
			;
		cr_assert_eq(ksim_ksymtab_find(k->name), first, "%s", k->name);
	}
	cr_assert_gt(n, 1000, "only %u exports", n);
}

Test(ksymtab, unknown_names_are_not_found)
{
	cr_assert_null(ksim_ksymtab_find("no_such_symbol_anywhere"));
	cr_assert_null(ksim_ksymtab_find(""));
	/* A prefix or an extension of an export is another name. */
	cr_assert_null(ksim_ksymtab_find("kmallo"));
	cr_assert_null(ksim_ksymtab_find("kfree_"));
}

Test(ksymtab, symbol_get_uses_the_table)
{
	cr_assert_eq(__symbol_get("kfree"), (void *)kfree);
	cr_assert_null(__symbol_get("no_such_symbol_anywhere"));
}
