/* SPDX-License-Identifier: GPL-2.0 */
/* Later kernels moved the header here; 6.1 drivers use <asm/unaligned.h>. */
#ifndef __LINUX_UNALIGNED_H
#define __LINUX_UNALIGNED_H

#include <asm/unaligned.h>

#endif
