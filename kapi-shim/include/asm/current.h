/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_CURRENT_H
#define _ASM_X86_CURRENT_H

struct task_struct;

/* The calling task (kernel/sched/core.c); never NULL. */
struct task_struct *get_current(void);
#define current get_current()

#endif
