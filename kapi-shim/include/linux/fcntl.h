/* SPDX-License-Identifier: GPL-2.0 */
/* linux/fcntl.h - open flags (file->f_flags). */
#ifndef _LINUX_FCNTL_H
#define _LINUX_FCNTL_H

#include <uapi/asm-generic/fcntl.h>

#endif
