/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/bug.h - WARN and BUG.  A WARN prints a "cut here" report with a
 * symbolized backtrace, taints the machine and makes ksim exit non-zero; a
 * BUG is an oops: report, then panic (ksim stops the machine).
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/build_bug.h>
#include <linux/instruction_pointer.h>

#define BUGFLAG_WARNING		(1 << 0)
#define BUGFLAG_ONCE		(1 << 1)
#define BUGFLAG_DONE		(1 << 2)
#define BUGFLAG_NO_CUT_HERE	(1 << 3)
#define BUGFLAG_TAINT(taint)	((taint) << 8)

/* Out of line in kernel/panic.c. @fmt may be NULL. */
__printf(4, 5) __cold
void warn_slowpath_fmt(const char *file, const int line, unsigned int taint,
		       const char *fmt, ...);
__cold __noreturn void ksim_bug(const char *file, int line, const char *func);

#define BUG() ksim_bug(__FILE__, __LINE__, __func__)
#define BUG_ON(condition) do { if (unlikely(condition)) BUG(); } while (0)

#define __WARN_printf(taint, arg...) \
	warn_slowpath_fmt(__FILE__, __LINE__, taint, arg)
#define __WARN() warn_slowpath_fmt(__FILE__, __LINE__, 9 /* TAINT_WARN */, NULL)

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN();						\
	unlikely(__ret_warn_on);					\
})

#define WARN(condition, format...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN_printf(9 /* TAINT_WARN */, format);		\
	unlikely(__ret_warn_on);					\
})

#define WARN_TAINT(condition, taint, format...) ({			\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN_printf(taint, format);				\
	unlikely(__ret_warn_on);					\
})

/* Report once per call site; still evaluates to the condition each time. */
#define WARN_ON_ONCE(condition) ({					\
	static bool __section(KSIM_ONCE_SECTION) __warned;			\
	int __ret_warn_once = !!(condition);				\
									\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__WARN();						\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN_ONCE(condition, format...) ({				\
	static bool __section(KSIM_ONCE_SECTION) __warned;			\
	int __ret_warn_once = !!(condition);				\
									\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__WARN_printf(9 /* TAINT_WARN */, format);		\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN_TAINT_ONCE(condition, taint, format...) ({			\
	static bool __section(KSIM_ONCE_SECTION) __warned;			\
	int __ret_warn_once = !!(condition);				\
									\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__WARN_printf(taint, format);				\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN_ON_SMP(x)		WARN_ON(x)
#define BUG_ON_INVALID(e)	((void)(sizeof((__force long)(e))))
#define VM_BUG_ON(cond)		BUG_ON(cond)
#define VM_WARN_ON(cond)	(void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond)	(void)WARN_ON_ONCE(cond)

enum bug_trap_type {
	BUG_TRAP_TYPE_NONE = 0,
	BUG_TRAP_TYPE_WARN = 1,
	BUG_TRAP_TYPE_BUG = 2,
};

#endif
