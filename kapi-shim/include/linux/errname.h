/* SPDX-License-Identifier: GPL-2.0 */
/* linux/errname.h - "-EIO" for -EIO, "EIO" for EIO, NULL when unknown. */
#ifndef _LINUX_ERRNAME_H
#define _LINUX_ERRNAME_H

const char *errname(int err);

#endif
