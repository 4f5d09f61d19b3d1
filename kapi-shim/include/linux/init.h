/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

/*
 * Init and exit sections.  The kernel discards __init code after boot; a
 * module's .so keeps it, so these only mark intent (and keep the code cold).
 */
#define __init		__section(".init.text") __cold
#define __exit		__section(".exit.text") __cold
#define __initdata	__section(".init.data")
#define __initconst	__section(".init.rodata")
#define __exitdata	__section(".exit.data")
#define __exit_call	__used __section(".exitcall.exit")
#define __ref
#define __refdata
#define __refconst
#define __meminit
#define __meminitdata
#define __devinit
#define __devexit
#define __init_or_module

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

/*
 * module_init(fn): the module's entry point is init_module, an alias of fn,
 * which modpost's generated <mod>.mod.c stores in __this_module.init.  The
 * inline function exists only to type-check fn.
 */
#define module_init(initfn)					\
	static inline initcall_t __maybe_unused __inittest(void)	\
	{ return initfn; }					\
	int init_module(void) __copy(initfn)			\
		__attribute__((alias(#initfn)))

#define module_exit(exitfn)					\
	static inline exitcall_t __maybe_unused __exittest(void)	\
	{ return exitfn; }					\
	void cleanup_module(void) __copy(exitfn)		\
		__attribute__((alias(#exitfn)))

/* Inside a module every initcall level is its module_init. */
#define early_initcall(fn)		module_init(fn)
#define core_initcall(fn)		module_init(fn)
#define postcore_initcall(fn)		module_init(fn)
#define arch_initcall(fn)		module_init(fn)
#define subsys_initcall(fn)		module_init(fn)
#define fs_initcall(fn)			module_init(fn)
#define device_initcall(fn)		module_init(fn)
#define late_initcall(fn)		module_init(fn)
#define __initcall(fn)			device_initcall(fn)
#define __exitcall(fn)			module_exit(fn)

#endif
