/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/export.h - EXPORT_SYMBOL.
 *
 * In a module (kernel world) an export is a string in the .ksim_ksymtab or
 * .ksim_ksymtab_gpl section of the object.  ksim's modpost reads them, keeps
 * exactly those symbols (and __this_module) global in the .ko and hides the
 * rest, so one module reaches only what another exports, as in the kernel.
 *
 * In the shim itself (host world) an export is a struct ksim_ksym entry in
 * the ksim_ksymtab section of the ksim binary: the table the module loader
 * and modpost check every undefined symbol of a module against.
 */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#include <linux/compiler_types.h>
#include <linux/stringify.h>


#ifdef __KERNEL__

#define __EXPORT_SYMBOL(sym, sec)					\
	static const char __PASTE(__kstrtab_, sym)[]			\
	__used __section(sec) __aligned(1) = #sym

#define EXPORT_SYMBOL(sym)		__EXPORT_SYMBOL(sym, ".ksim_ksymtab")
#define EXPORT_SYMBOL_GPL(sym)		__EXPORT_SYMBOL(sym, ".ksim_ksymtab_gpl")
#define EXPORT_SYMBOL_NS(sym, ns)	EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	EXPORT_SYMBOL_GPL(sym)

#else /* host world: the shim's own exports */

#include <ksim/module.h>	/* struct ksim_ksym */

#define __KSIM_EXPORT(sym, gpl)						\
	static const struct ksim_ksym __PASTE(__ksim_ksym_, sym)	\
	__used __section("ksim_ksymtab") __aligned(sizeof(void *)) =	\
		{ #sym, (void *)&sym, gpl }

#define EXPORT_SYMBOL(sym)		__KSIM_EXPORT(sym, 0)
#define EXPORT_SYMBOL_GPL(sym)		__KSIM_EXPORT(sym, 1)
#define EXPORT_SYMBOL_NS(sym, ns)	EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	EXPORT_SYMBOL_GPL(sym)

#endif

#endif
