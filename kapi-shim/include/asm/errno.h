/* SPDX-License-Identifier: GPL-2.0 */
#include <uapi/asm-generic/errno.h>
