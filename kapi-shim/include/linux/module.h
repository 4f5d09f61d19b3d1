/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/module.h - loadable modules.  A ksim module is a shared object (.ko)
 * built Kbuild style; sim/ loads it with dlopen, sets its parameters, runs
 * its init, and at the end runs its exit and checks what it left behind.
 */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/list.h>
#include <linux/stat.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/moduleparam.h>
#include <linux/atomic.h>
/* What 6.1's module.h reaches through kmod.h, umh.h, elf.h and percpu.h. */
#include <linux/gfp.h>
#include <linux/workqueue.h>
#include <linux/kobject.h>
#include <linux/rbtree.h>
#include <linux/cache.h>
#include <linux/percpu.h>

#define MODULE_NAME_LEN (64 - sizeof(unsigned long))

enum module_state {
	MODULE_STATE_LIVE,	/* normal state */
	MODULE_STATE_COMING,	/* fully formed, running module_init */
	MODULE_STATE_GOING,	/* going away */
	MODULE_STATE_UNFORMED,	/* still setting it up */
};

struct kunit_suite;

struct module {
	enum module_state state;
	struct list_head list;
	char name[MODULE_NAME_LEN];

	/* Parameters: the module's __param section. */
	const struct kernel_param *kp;
	unsigned int num_kp;

	int (*init)(void);
	void (*exit)(void);

	/* Users through try_module_get(); unload waits for none. */
	atomic_t refcnt;

	/* KUnit suites: the module's ".kunit_test_suites" (set by the loader). */
	int num_kunit_suites;
	struct kunit_suite **kunit_suites;

	/* ksim: end of __param, set by the generated .mod.c */
	const struct kernel_param *ksim_kp_end;
	/* ksim: the loader's record of this module (sim/loader.c) */
	void *ksim_loaded;
};

#ifdef MODULE
extern struct module __this_module;
#define THIS_MODULE (&__this_module)
#else
#define THIS_MODULE ((struct module *)0)
#endif

#define MODULE_INFO(tag, info) __MODULE_INFO(tag, tag, info)

/*
 * "GPL", "GPL v2", "GPL and additional rights", "Dual BSD/GPL", "Dual MIT/GPL",
 * "Dual MPL/GPL" are GPL-compatible and may use EXPORT_SYMBOL_GPL symbols.
 */
#define MODULE_LICENSE(_license) __MODULE_INFO(license, license, _license)
#define MODULE_AUTHOR(_author) MODULE_INFO(author, _author)
#define MODULE_DESCRIPTION(_description) MODULE_INFO(description, _description)
#define MODULE_VERSION(_version) MODULE_INFO(version, _version)
#define MODULE_ALIAS(_alias) MODULE_INFO(alias, _alias)
#define MODULE_SOFTDEP(_softdep) MODULE_INFO(softdep, _softdep)
#define MODULE_FIRMWARE(_firmware) MODULE_INFO(firmware, _firmware)
#define MODULE_IMPORT_NS(ns) MODULE_INFO(import_ns, __stringify(ns))
/* Device tables matter to udev's autoloading, which ksim does not do. */
#define MODULE_DEVICE_TABLE(type, name)

bool try_module_get(struct module *module);
void module_put(struct module *module);
void __module_get(struct module *module);
#define module_name(mod) ((mod) ? (mod)->name : "kernel")
/* The module whose code contains @addr, or NULL for the shim itself. */
struct module *__module_address(unsigned long addr);
bool is_module_address(unsigned long addr);
static inline bool module_is_live(struct module *mod)
{
	return mod->state != MODULE_STATE_GOING;
}

#define symbol_get(x) ((typeof(&x))(__symbol_get(__stringify(x))))
#define symbol_put(x) __symbol_put(__stringify(x))
void *__symbol_get(const char *symbol);
void __symbol_put(const char *symbol);

/* Fixed by the module's generated .mod.c. */
#define module_param_prefix(mod) ""

#endif
