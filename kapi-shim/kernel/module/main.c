// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/kernel/module/main.c - the kernel's module list and module
 * lifetime: parameters, init, exit, reference counts, and the checks that
 * run when a module goes away (kmemleak, pending timers and work).
 *
 * Mapping the .ko is the host's job (sim/loader.c); this file only sees a
 * struct module and the address range its code and data occupy.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/export.h>
#include <linux/jhash.h>
#include <ksim/kunit.h>
#include <linux/sched.h>
#include <ksim/module.h>
#include <ksim/report.h>

#include "internal.h"
#include "sim/host.h"

#define MAX_MODULES 64

/*
 * Address ranges are read on every allocation (to attribute it), so they
 * live in a fixed table that readers scan without a lock; a slot is
 * published after it is filled and cleared only after the module's code
 * can no longer run.
 */
static struct module_slot {
	unsigned long start, end;
	struct module *mod;
} slots[MAX_MODULES];

static struct ksim_lock module_lock = KSIM_LOCK_INIT;
static LIST_HEAD(modules);
static void *(*module_symbol_lookup)(const char *name);

extern const struct ksim_ksym __start_ksim_ksymtab[];
extern const struct ksim_ksym __stop_ksim_ksymtab[];

const struct ksim_ksym *ksim_ksymtab_begin(void)
{
	return __start_ksim_ksymtab;
}

const struct ksim_ksym *ksim_ksymtab_end(void)
{
	return __stop_ksim_ksymtab;
}

/*
 * An index of the built-in symbol table, built at the first lookup: loading
 * a module resolves each of its undefined symbols here, and a scan of the
 * ~2,000 exports with strcmp per symbol was a quarter of the NVMe machine's
 * start-up instructions.  Open addressing over indices + 1 (0: empty); the
 * first of two exports with one name wins, as the scan's did.
 */
static u32 *ksymtab_index;
static u32 ksymtab_index_mask;
static struct ksim_lock ksymtab_index_lock = KSIM_LOCK_INIT;

static u32 ksymtab_hash(const char *name)
{
	return jhash(name, strlen(name), 0);
}

static u32 *ksymtab_index_build(void)
{
	size_t nr = __stop_ksim_ksymtab - __start_ksim_ksymtab, size = 16, i;
	u32 *index;

	while (size < 2 * nr)
		size <<= 1;
	index = ksim_host->mem_alloc(size * sizeof(*index), 0);
	if (!index)
		return NULL;
	memset(index, 0, size * sizeof(*index));
	for (i = 0; i < nr; i++) {
		const char *name = __start_ksim_ksymtab[i].name;
		u32 h = ksymtab_hash(name) & (size - 1);

		while (index[h] && strcmp(__start_ksim_ksymtab[index[h] - 1].name, name))
			h = (h + 1) & (size - 1);
		if (!index[h])
			index[h] = (u32)i + 1;
	}
	ksymtab_index_mask = (u32)size - 1;
	return index;
}

const struct ksim_ksym *ksim_ksymtab_find(const char *name)
{
	u32 *index = __atomic_load_n(&ksymtab_index, __ATOMIC_ACQUIRE);
	const struct ksim_ksym *k;
	u32 h;

	if (unlikely(!index)) {
		ksim_lock(&ksymtab_index_lock);
		index = ksymtab_index;
		if (!index) {
			index = ksymtab_index_build();
			__atomic_store_n(&ksymtab_index, index, __ATOMIC_RELEASE);
		}
		ksim_unlock(&ksymtab_index_lock);
	}
	if (unlikely(!index)) {
		/* No memory for the index: the scan still answers. */
		for (k = __start_ksim_ksymtab; k < __stop_ksim_ksymtab; k++)
			if (!strcmp(k->name, name))
				return k;
		return NULL;
	}
	for (h = ksymtab_hash(name) & ksymtab_index_mask; index[h];
	     h = (h + 1) & ksymtab_index_mask) {
		k = &__start_ksim_ksymtab[index[h] - 1];
		if (!strcmp(k->name, name))
			return k;
	}
	return NULL;
}

struct module *ksim_module_of(unsigned long addr)
{
	int i;

	for (i = 0; i < MAX_MODULES; i++) {
		struct module *mod = __atomic_load_n(&slots[i].mod, __ATOMIC_ACQUIRE);

		if (mod && addr >= slots[i].start && addr < slots[i].end)
			return mod;
	}
	return NULL;
}

struct module *__module_address(unsigned long addr)
{
	return ksim_module_of(addr);
}
EXPORT_SYMBOL_GPL(__module_address);

bool is_module_address(unsigned long addr)
{
	return ksim_module_of(addr) != NULL;
}
EXPORT_SYMBOL_GPL(is_module_address);

bool ksim_license_is_gpl_compatible(const char *license)
{
	static const char *const ok[] = {
		"GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL",
		"Dual MIT/GPL", "Dual MPL/GPL",
	};
	unsigned int i;

	if (!license)
		return false;
	for (i = 0; i < ARRAY_SIZE(ok); i++)
		if (!strcmp(license, ok[i]))
			return true;
	return false;
}

void ksim_module_set_symbol_lookup(void *(*lookup)(const char *name))
{
	module_symbol_lookup = lookup;
}

int ksim_module_add(struct module *mod, unsigned long start, unsigned long end,
		    const char *license)
{
	struct module *other;
	int i, slot = -1;

	ksim_lock(&module_lock);
	list_for_each_entry(other, &modules, list) {
		if (!strcmp(other->name, mod->name)) {
			ksim_unlock(&module_lock);
			return -EEXIST;
		}
	}
	for (i = 0; i < MAX_MODULES; i++) {
		if (!slots[i].mod) {
			slot = i;
			break;
		}
	}
	if (slot < 0) {
		ksim_unlock(&module_lock);
		return -ENOMEM;
	}
	mod->state = MODULE_STATE_UNFORMED;
	mod->num_kp = mod->ksim_kp_end && mod->kp ? mod->ksim_kp_end - mod->kp : 0;
	atomic_set(&mod->refcnt, 0);
	slots[slot].start = start;
	slots[slot].end = end;
	__atomic_store_n(&slots[slot].mod, mod, __ATOMIC_RELEASE);
	list_add_tail(&mod->list, &modules);
	ksim_unlock(&module_lock);

	if (!ksim_license_is_gpl_compatible(license)) {
		pr_warn("%s: module license '%s' taints kernel.\n", mod->name,
			license ? license : "unspecified");
		pr_warn("Disabling lock debugging due to kernel taint\n");
		add_taint(TAINT_PROPRIETARY_MODULE, LOCKDEP_NOW_UNRELIABLE);
	}
	return 0;
}

static void module_forget(struct module *mod)
{
	int i;

	ksim_lock(&module_lock);
	list_del(&mod->list);
	for (i = 0; i < MAX_MODULES; i++) {
		if (slots[i].mod != mod)
			continue;
		/* Its lock classes die with its image, as lockdep_free_key_range(). */
		ksim_lockdep_free_key_range(slots[i].start, slots[i].end);
		__atomic_store_n(&slots[i].mod, NULL, __ATOMIC_RELEASE);
	}
	ksim_unlock(&module_lock);
}

/*
 * What do_one_initcall() and the return to user space check after a
 * module's init or exit function: locks still held (named, with where they
 * were taken), a preemption count or interrupt state it did not restore.
 * The state is put back so the rest of the run is judged on its own.
 */
static void module_check_return(struct module *mod, const char *what,
				void *fn, int preempt_before,
				unsigned long irqs_before)
{
	struct task_struct *p = current;
	char msg[64] = "";

	ksim_lockdep_sys_exit();
	if (p->preempt_count != preempt_before) {
		strlcat(msg, "preemption imbalance ", sizeof(msg));
		p->preempt_count = preempt_before;
	}
	if (p->ksim_irqs_off != irqs_before) {
		strlcat(msg, "disabled interrupts ", sizeof(msg));
		p->ksim_irqs_off = irqs_before;
	}
	WARN(msg[0], "%s: %s %pS returned with %s\n", mod->name, what, fn, msg);
}

/* Parameter names treat '-' and '_' alike, as the kernel's parser does. */
static bool param_name_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char ca = *a == '-' ? '_' : *a;
		char cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return false;
	}
	return *a == *b;
}

int ksim_module_set_param(struct module *mod, const char *name, const char *value,
			  char *err, size_t errlen)
{
	const struct kernel_param *kp;
	unsigned int i;
	int ret;

	for (i = 0; i < mod->num_kp; i++) {
		kp = &mod->kp[i];
		if (!param_name_eq(kp->name, name))
			continue;
		if (!value && !(kp->ops->flags & KERNEL_PARAM_OPS_FL_NOARG)) {
			if (err)
				scnprintf(err, errlen, "parameter '%s' needs a value (%s=...)",
					  name, name);
			return -EINVAL;
		}
		ret = kp->ops->set(value, kp);
		if (ret && err)
			scnprintf(err, errlen, "'%s' invalid for parameter '%s' (%pe)",
				  value ? value : "", name, ERR_PTR(ret));
		if (ret)
			pr_err("%s: `%s' invalid for parameter `%s'\n", mod->name,
			       value ? value : "", name);
		return ret;
	}
	if (err)
		scnprintf(err, errlen, "unknown parameter '%s'", name);
	return -ENOENT;
}

static void module_free_params(struct module *mod)
{
	unsigned int i;

	for (i = 0; i < mod->num_kp; i++) {
		const struct kernel_param *kp = &mod->kp[i];

		if (kp->ops->free)
			kp->ops->free(kp->arg);
	}
}

/* What a module must not leave behind when it goes. */
static void module_check_leftovers(struct module *mod)
{
	/* A driver still bound would be called into unmapped code: first. */
	ksim_pci_module_unload(mod);
	ksim_fs_module_unload(mod);
	ksim_timers_module_unload(mod);
	ksim_hrtimers_module_unload(mod);
	ksim_workqueue_module_unload(mod);
	ksim_kmemleak_module_unload(mod);
}

int ksim_module_init(struct module *mod)
{
	int ret = 0;

	int preempt = current->preempt_count;
	unsigned long irqs = current->ksim_irqs_off;

	mod->state = MODULE_STATE_COMING;
	/* KUnit's module notifier runs a module's suites here, before init. */
	ksim_kunit_module_init(mod);
	if (mod->init) {
		ret = mod->init();
		module_check_return(mod, "initcall", mod->init, preempt, irqs);
	}
	if (ret > 0) {
		pr_warn("%s: 'init' suspiciously returned %d, it should follow 0/-E convention\n",
			mod->name, ret);
		dump_stack();
		ret = 0;
	}
	if (ret < 0) {
		mod->state = MODULE_STATE_GOING;
		module_check_leftovers(mod);
		module_free_params(mod);
		module_forget(mod);
		return ret;
	}
	mod->state = MODULE_STATE_LIVE;
	return 0;
}

void ksim_module_remove(struct module *mod)
{
	int refs = atomic_read(&mod->refcnt);

	if (refs > 0) {
		pr_err("%s: module is still in use (%d references) while it is removed\n",
		       mod->name, refs);
		ksim_report(KSIM_REPORT_OBJECT);
	}
	int preempt = current->preempt_count;
	unsigned long irqs = current->ksim_irqs_off;

	mod->state = MODULE_STATE_GOING;
	ksim_kunit_module_exit(mod);
	if (mod->exit) {
		mod->exit();
		module_check_return(mod, "exit", mod->exit, preempt, irqs);
	}
	module_check_leftovers(mod);
	module_free_params(mod);
	module_forget(mod);
}

int ksim_module_delete(struct module *mod)
{
	/* GOING first: a try_module_get() racing with us fails from now on. */
	WRITE_ONCE(mod->state, MODULE_STATE_GOING);
	smp_mb();
	if (atomic_read(&mod->refcnt) > 0) {
		WRITE_ONCE(mod->state, MODULE_STATE_LIVE);
		return -EWOULDBLOCK;
	}
	ksim_module_remove(mod);
	return 0;
}

void ksim_module_discard(struct module *mod)
{
	module_free_params(mod);
	module_forget(mod);
}

void ksim_module_set_kunit_suites(struct module *mod, void *suites, size_t nr)
{
	mod->kunit_suites = suites;
	mod->num_kunit_suites = (int)nr;
}

const char *ksim_module_name(const struct module *mod)
{
	return mod->name;
}

void ksim_print_modules(const char *level)
{
	char line[512];
	struct module *mod;
	int n;

	n = scnprintf(line, sizeof(line), "Modules linked in:");
	ksim_lock(&module_lock);
	list_for_each_entry(mod, &modules, list)
		n += scnprintf(line + n, sizeof(line) - n, " %s", mod->name);
	ksim_unlock(&module_lock);
	printk("%s%s\n", level, line);
}

bool try_module_get(struct module *module)
{
	if (!module)
		return true;
	if (READ_ONCE(module->state) == MODULE_STATE_GOING)
		return false;
	atomic_inc(&module->refcnt);
	return true;
}
EXPORT_SYMBOL(try_module_get);

void __module_get(struct module *module)
{
	if (module)
		atomic_inc(&module->refcnt);
}
EXPORT_SYMBOL(__module_get);

void module_put(struct module *module)
{
	if (module)
		WARN_ON(atomic_dec_return(&module->refcnt) < 0);
}
EXPORT_SYMBOL(module_put);

void *__symbol_get(const char *symbol)
{
	const struct ksim_ksym *k = ksim_ksymtab_find(symbol);

	if (k)
		return k->addr;
	return module_symbol_lookup ? module_symbol_lookup(symbol) : NULL;
}
EXPORT_SYMBOL_GPL(__symbol_get);

void __symbol_put(const char *symbol)
{
}
EXPORT_SYMBOL(__symbol_put);
