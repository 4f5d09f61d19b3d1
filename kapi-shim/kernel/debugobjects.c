// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/debugobjects.c - the registry behind "ODEBUG: free active
 * object" reports.  The allocator calls ksim_debug_check_free() before it
 * releases memory; the owners of live objects (timers, work items) register
 * a check that looks for theirs inside the freed range.
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "internal.h"

#define MAX_FREE_CHECKS 8

static ksim_free_check_fn free_checks[MAX_FREE_CHECKS];
static unsigned int nr_free_checks;

void ksim_register_free_check(ksim_free_check_fn fn)
{
	unsigned int i;

	for (i = 0; i < nr_free_checks; i++)
		if (free_checks[i] == fn)
			return;
	if (!WARN_ON(nr_free_checks >= MAX_FREE_CHECKS))
		free_checks[nr_free_checks++] = fn;
}

/*
 * A new machine starts with no check registered: its timers and workqueues
 * register theirs as they come up, so every boot runs the same code
 * (with the registry kept from the last machine, each registration found
 * its entry already there, and a fuzzer saw that as unstable coverage).
 */
void ksim_free_checks_reset(void)
{
	memset(free_checks, 0, sizeof(free_checks));
	nr_free_checks = 0;
}

void ksim_debug_check_free(const void *addr, size_t size)
{
	unsigned int i;

	for (i = 0; i < nr_free_checks; i++)
		free_checks[i](addr, size);
}
