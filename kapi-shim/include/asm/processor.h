/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ASM_X86_PROCESSOR_H
#define _ASM_X86_PROCESSOR_H

static inline void cpu_relax(void)
{
	__builtin_ia32_pause();
}

#endif
