// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/mm/failslab.c - allocation failure injection, as the kernel's
 * failslab, applied to every allocation API of the shim; and the warning
 * a failed allocation prints.
 *
 * A failure is not a finding: the driver must cope with NULL.  What it
 * does next (a leak on the error path, a NULL dereference) is what the
 * other checks catch.  The decision is taken under one lock so that the
 * interval and "after" counters see each eligible call exactly once, and
 * the random draw comes from the host's seeded generator: the same seed
 * fails the same calls.
 */
#include <string.h>

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/fault-inject.h>
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sprintf.h>
#include <ksim/failslab.h>

#include "internal.h"
#include "sim/host.h"
#include "ksim_mm.h"

struct failslab_state {
	struct fault_attr attr;
	/* The kernel's ignore-gfp-wait: only non-sleeping calls are eligible. */
	bool ignore_gfp_reclaim;
	/* ksim: the first @after eligible calls never fail. */
	unsigned long after;
	unsigned long calls;
	/* ksim: only calls from this module ("" for any). */
	char module[MODULE_NAME_LEN];
	unsigned long injected;
};

#define FAILSLAB_DEFAULTS {					\
		.attr = FAULT_ATTR_INITIALIZER,			\
		.ignore_gfp_reclaim = false,			\
	}

static struct failslab_state failslab = FAILSLAB_DEFAULTS;
static struct ksim_lock failslab_lock;
/* Mirrors probability != 0 for the unlocked fast path. */
static bool failslab_on;

static bool failslab_eligible(gfp_t flags, unsigned long caller)
{
	struct module *mod;

	if (failslab.ignore_gfp_reclaim && (flags & __GFP_DIRECT_RECLAIM))
		return false;
	if (failslab.module[0]) {
		mod = ksim_module_of(caller);
		if (!mod || strcmp(mod->name, failslab.module))
			return false;
	}
	return failslab.calls++ >= failslab.after;
}

bool ksim_should_failslab(size_t size, gfp_t flags, unsigned long caller)
{
	bool fail;

	/* The common case, injection off, costs one load. */
	if (likely(!READ_ONCE(failslab_on)))
		return false;
	if (flags & __GFP_NOFAIL)
		return false;

	ksim_lock(&failslab_lock);
	failslab.attr.ksim_name = "failslab";
	fail = failslab_eligible(flags, caller) &&
	       ksim_fault_decide(&failslab.attr, size);
	if (fail)
		failslab.injected++;
	ksim_unlock(&failslab_lock);

	if (fail)
		ksim_fault_dump(&failslab.attr);
	return fail;
}

void ksim_mm_might_alloc(gfp_t gfp)
{
	if (gfpflags_allow_blocking(gfp))
		__might_sleep(__FILE__, __LINE__);
}

bool ksim_mm_should_fail(size_t size, gfp_t gfp, unsigned int order,
			 unsigned long caller)
{
	if (!ksim_should_failslab(size, gfp, caller))
		return false;
	if (!(gfp & __GFP_NOWARN))
		ksim_mm_warn_alloc(gfp, order);
	return true;
}

static const struct {
	unsigned int mask;
	const char *name;
} gfp_names[] = {
	/* Combinations first, largest first, as the kernel's %pGg. */
	{ (__force unsigned int)GFP_TRANSHUGE, "GFP_TRANSHUGE" },
	{ (__force unsigned int)GFP_TRANSHUGE_LIGHT, "GFP_TRANSHUGE_LIGHT" },
	{ (__force unsigned int)GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ (__force unsigned int)GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ (__force unsigned int)GFP_USER, "GFP_USER" },
	{ (__force unsigned int)GFP_KERNEL_ACCOUNT, "GFP_KERNEL_ACCOUNT" },
	{ (__force unsigned int)GFP_KERNEL, "GFP_KERNEL" },
	{ (__force unsigned int)GFP_NOFS, "GFP_NOFS" },
	{ (__force unsigned int)GFP_ATOMIC, "GFP_ATOMIC" },
	{ (__force unsigned int)GFP_NOIO, "GFP_NOIO" },
	{ (__force unsigned int)GFP_NOWAIT, "GFP_NOWAIT" },
	{ ___GFP_DMA, "GFP_DMA" },
	{ ___GFP_HIGHMEM, "__GFP_HIGHMEM" },
	{ ___GFP_DMA32, "GFP_DMA32" },
	{ ___GFP_HIGH, "__GFP_HIGH" },
	{ ___GFP_ATOMIC, "__GFP_ATOMIC" },
	{ ___GFP_IO, "__GFP_IO" },
	{ ___GFP_FS, "__GFP_FS" },
	{ ___GFP_NOWARN, "__GFP_NOWARN" },
	{ ___GFP_RETRY_MAYFAIL, "__GFP_RETRY_MAYFAIL" },
	{ ___GFP_NOFAIL, "__GFP_NOFAIL" },
	{ ___GFP_NORETRY, "__GFP_NORETRY" },
	{ ___GFP_COMP, "__GFP_COMP" },
	{ ___GFP_ZERO, "__GFP_ZERO" },
	{ ___GFP_NOMEMALLOC, "__GFP_NOMEMALLOC" },
	{ ___GFP_MEMALLOC, "__GFP_MEMALLOC" },
	{ ___GFP_HARDWALL, "__GFP_HARDWALL" },
	{ ___GFP_THISNODE, "__GFP_THISNODE" },
	{ ___GFP_RECLAIMABLE, "__GFP_RECLAIMABLE" },
	{ ___GFP_MOVABLE, "__GFP_MOVABLE" },
	{ ___GFP_ACCOUNT, "__GFP_ACCOUNT" },
	{ ___GFP_WRITE, "__GFP_WRITE" },
	{ ___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM, "__GFP_RECLAIM" },
	{ ___GFP_DIRECT_RECLAIM, "__GFP_DIRECT_RECLAIM" },
	{ ___GFP_KSWAPD_RECLAIM, "__GFP_KSWAPD_RECLAIM" },
	{ ___GFP_ZEROTAGS, "__GFP_ZEROTAGS" },
	{ ___GFP_SKIP_ZERO, "__GFP_SKIP_ZERO" },
	{ ___GFP_SKIP_KASAN_UNPOISON, "__GFP_SKIP_KASAN_UNPOISON" },
	{ ___GFP_SKIP_KASAN_POISON, "__GFP_SKIP_KASAN_POISON" },
	{ ___GFP_NOLOCKDEP, "__GFP_NOLOCKDEP" },
};

int ksim_gfp_name(gfp_t gfp, char *buf, size_t len)
{
	unsigned int left = (__force unsigned int)gfp;
	size_t i, pos = 0;

	buf[0] = '\0';
	if (!left)
		return scnprintf(buf, len, "none");
	for (i = 0; i < ARRAY_SIZE(gfp_names) && left; i++) {
		if ((left & gfp_names[i].mask) != gfp_names[i].mask)
			continue;
		left &= ~gfp_names[i].mask;
		pos += scnprintf(buf + pos, len - pos, "%s%s",
				pos ? "|" : "", gfp_names[i].name);
	}
	if (left)
		pos += scnprintf(buf + pos, len - pos, "%s%#x",
				pos ? "|" : "", left);
	return pos;
}

void ksim_mm_warn_alloc(gfp_t gfp, unsigned int order)
{
	char names[160];

	ksim_gfp_name(gfp, names, sizeof(names));
	pr_warn("%s: page allocation failure: order:%u, mode:%#x(%s), nodemask=(null)\n",
		current->comm, order, (__force unsigned int)gfp, names);
}

/* ---- settings ---- */

static bool parse_ulong(const char *s, unsigned long *out)
{
	return s && *s != '-' && !kstrtoul(s, 0, out);
}

static bool parse_long(const char *s, long *out)
{
	return s && !kstrtol(s, 0, out);
}

static bool parse_bool(const char *s, bool *out)
{
	return s && !kstrtobool(s, out);
}

static bool key_is(const char *key, const char *name)
{
	for (; *key && *name; key++, name++) {
		char k = *key == '-' ? '_' : *key;

		if (k != *name)
			return false;
	}
	return *key == *name;
}

static int failslab_set_locked(const char *key, const char *value)
{
	unsigned long u;
	long l;
	bool b;

	if (key_is(key, "probability")) {
		if (!parse_ulong(value, &u) || u > 100)
			return -EINVAL;
		failslab.attr.probability = u;
		WRITE_ONCE(failslab_on, u != 0);
	} else if (key_is(key, "interval")) {
		if (!parse_ulong(value, &u))
			return -EINVAL;
		failslab.attr.interval = u;
		failslab.attr.count = 0;
	} else if (key_is(key, "times")) {
		if (!parse_long(value, &l) || l < -1 || l > INT_MAX)
			return -EINVAL;
		atomic_set(&failslab.attr.times, (int)l);
	} else if (key_is(key, "space")) {
		if (!parse_ulong(value, &u) || u > INT_MAX)
			return -EINVAL;
		atomic_set(&failslab.attr.space, (int)u);
	} else if (key_is(key, "after")) {
		if (!parse_ulong(value, &u))
			return -EINVAL;
		failslab.after = u;
		failslab.calls = 0;
	} else if (key_is(key, "module")) {
		if (!value || strlen(value) >= sizeof(failslab.module))
			return -EINVAL;
		if (!strcmp(value, "*"))
			value = "";
		strcpy(failslab.module, value);
	} else if (key_is(key, "ignore_gfp_wait") || key_is(key, "ignore_gfp_reclaim")) {
		if (!parse_bool(value, &b))
			return -EINVAL;
		failslab.ignore_gfp_reclaim = b;
	} else if (key_is(key, "verbose")) {
		if (!parse_ulong(value, &u) || u > 2)
			return -EINVAL;
		failslab.attr.verbose = u;
	} else {
		return -ENOENT;
	}
	return 0;
}

int ksim_failslab_set(const char *key, const char *value)
{
	int ret;

	if (!key)
		return -ENOENT;
	ksim_lock(&failslab_lock);
	ret = failslab_set_locked(key, value);
	ksim_unlock(&failslab_lock);
	return ret;
}

void ksim_failslab_reset(void)
{
	static const struct failslab_state defaults = FAILSLAB_DEFAULTS;

	ksim_lock(&failslab_lock);
	failslab = defaults;
	WRITE_ONCE(failslab_on, false);
	ksim_unlock(&failslab_lock);
}

unsigned long ksim_failslab_injected(void)
{
	unsigned long n;

	ksim_lock(&failslab_lock);
	n = failslab.injected;
	ksim_unlock(&failslab_lock);
	return n;
}
