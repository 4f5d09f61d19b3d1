/* SPDX-License-Identifier: GPL-2.0 */
/* linux/timex.h - only get_cycles() and cycles_t, through asm/timex.h. */
#ifndef _LINUX_TIMEX_H
#define _LINUX_TIMEX_H

#include <linux/types.h>
#include <asm/timex.h>

#endif
