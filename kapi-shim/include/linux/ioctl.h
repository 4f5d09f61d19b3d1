/* SPDX-License-Identifier: GPL-2.0 */
/* linux/ioctl.h - ioctl numbers (_IO, _IOR, _IOW, _IOWR and their decoders). */
#ifndef _LINUX_IOCTL_H
#define _LINUX_IOCTL_H

#include <uapi/linux/ioctl.h>

#endif
