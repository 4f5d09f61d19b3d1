/* SPDX-License-Identifier: GPL-2.0 */
/* linux/genhd.h - folded into <linux/blkdev.h> in Linux 5.18; kept for old includes. */
#ifndef _LINUX_GENHD_H
#define _LINUX_GENHD_H
#include <linux/blkdev.h>
#endif
