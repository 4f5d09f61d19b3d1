/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration of the simulated kernel, as Kconfig would generate it.
 * ksim follows the Linux 6.1 API (the Debian 12 kernel); see README.md.
 */
#ifndef _KSIM_GENERATED_AUTOCONF_H
#define _KSIM_GENERATED_AUTOCONF_H

#define CONFIG_64BIT 1
#define CONFIG_X86_64 1
#define CONFIG_SMP 1
#define CONFIG_NR_CPUS 64
#define CONFIG_HZ 250
#define CONFIG_PRINTK 1
#define CONFIG_MODULES 1
#define CONFIG_MODULE_UNLOAD 1
#define CONFIG_BUG 1
#define CONFIG_GENERIC_BUG 1
#define CONFIG_DEBUG_KERNEL 1
#define CONFIG_DEBUG_ATOMIC_SLEEP 1
#define CONFIG_DEBUG_KMEMLEAK 1
#define CONFIG_FAILSLAB 1
#define CONFIG_FAULT_INJECTION 1
#define CONFIG_KSIM 1
#define CONFIG_KUNIT 1
/* Modules are built without -ftrivial-auto-var-init: stack variables start uninitialised. */
#define CONFIG_INIT_STACK_NONE 1

#endif
