/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/time.h - the kernel's time header.  It deliberately defines no
 * struct timespec/timeval: host-world code gets those from libc.
 */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H

#include <linux/types.h>
#include <linux/time64.h>
#include <linux/math.h>

#endif
