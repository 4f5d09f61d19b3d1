/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/kernel.h - the grab bag every driver includes.  As in the kernel, it
 * mostly pulls in the smaller headers that hold the real definitions.
 */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H

#include <linux/stdarg.h>
#include <linux/align.h>
#include <linux/array_size.h>
#include <linux/limits.h>
#include <linux/stddef.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/bitops.h>
#include <linux/kstrtox.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/typecheck.h>
#include <linux/printk.h>
#include <linux/build_bug.h>
#include <linux/bug.h>
#include <linux/sprintf.h>
#include <linux/stringify.h>
#include <linux/instruction_pointer.h>

#define STACK_MAGIC	0xdeadbeef

/* The upper and lower 32 bits of a number (no warning for 32-bit types). */
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define upper_16_bits(n) ((u16)((n) >> 16))
#define lower_16_bits(n) ((u16)((n) & 0xffff))

#define REPEAT_BYTE(x)	((~0ul / 0xff) * (x))

#define u64_to_user_ptr(x) ((void __user *)(uintptr_t)(x))

/*
 * might_sleep - annotation for a function that may sleep.  Reports (once per
 * call site) when called in atomic context: under a spinlock, with
 * preemption or interrupts disabled, or in an interrupt handler.
 */
void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)
#define might_sleep_if(cond) do { if (cond) might_sleep(); } while (0)
#define might_resched() do { } while (0)
#define cant_sleep() do { } while (0)
#define non_block_start() do { } while (0)
#define non_block_end() do { } while (0)

int __cond_resched(void);
#define cond_resched() ({ __might_sleep(__FILE__, __LINE__); __cond_resched(); })

/* Why the machine is tainted, as the kernel's panic.c letters them. */
#define TAINT_PROPRIETARY_MODULE	0
#define TAINT_FORCED_MODULE		1
#define TAINT_WARN			9
#define TAINT_CRAP			10
#define TAINT_OOT_MODULE		12
#define TAINT_UNSIGNED_MODULE		13
#define TAINT_SOFTLOCKUP		14
#define TAINT_LIVEPATCH			15
#define TAINT_AUX			16
#define TAINT_RANDSTRUCT		17
#define TAINT_TEST			18
#define TAINT_FLAGS_COUNT		19
enum lockdep_ok { LOCKDEP_STILL_OK, LOCKDEP_NOW_UNRELIABLE };
void add_taint(unsigned int flag, enum lockdep_ok lockdep_ok);
int test_taint(unsigned int flag);
unsigned long get_taint(void);

__printf(1, 2) __cold void panic(const char *fmt, ...) __noreturn;
extern int panic_on_warn;
extern int panic_on_oops;

enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING,
	SYSTEM_FREEING_INITMEM,
	SYSTEM_RUNNING,
	SYSTEM_HALT,
	SYSTEM_POWER_OFF,
	SYSTEM_RESTART,
	SYSTEM_SUSPEND,
};
extern enum system_states system_state;

#define num_online_cpus() ((unsigned int)nr_cpu_ids)
#define num_possible_cpus() ((unsigned int)nr_cpu_ids)
#define num_present_cpus() ((unsigned int)nr_cpu_ids)
extern unsigned int nr_cpu_ids;

#endif
