/* SPDX-License-Identifier: GPL-2.0 */
/* asm/byteorder.h - x86 (and every host ksim runs on) is little-endian. */
#ifndef _ASM_X86_BYTEORDER_H
#define _ASM_X86_BYTEORDER_H

#include <linux/types.h>
#include <linux/byteorder/little_endian.h>

#endif
