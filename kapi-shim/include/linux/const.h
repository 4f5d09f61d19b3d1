/* SPDX-License-Identifier: GPL-2.0 */
/* linux/const.h - constants usable in C and assembler alike. */
#ifndef _LINUX_CONST_H
#define _LINUX_CONST_H

#include <uapi/linux/const.h>

#define UL(x)		(_UL(x))
#define ULL(x)		(_ULL(x))

#endif
