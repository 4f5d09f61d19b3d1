/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * uapi/asm-generic/fcntl.h - open(2) flags as x86-64 Linux numbers them
 * (file->f_flags).  libc's <fcntl.h> has the same values; whichever
 * header comes first defines them.
 */
#ifndef _ASM_GENERIC_FCNTL_H
#define _ASM_GENERIC_FCNTL_H

#ifndef O_RDONLY
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DSYNC		00010000
#define FASYNC		00020000
#define O_DIRECT	00040000
#define O_LARGEFILE	00100000
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_NOATIME	01000000
#define O_CLOEXEC	02000000
#define O_SYNC		(__O_SYNC | O_DSYNC)
#define O_PATH		010000000
#define O_NDELAY	O_NONBLOCK
#endif
#ifndef __O_SYNC
#define __O_SYNC	04000000
#endif
#ifndef FASYNC
#define FASYNC		00020000
#endif
/* libc defines these only with _GNU_SOURCE. */
#ifndef O_DIRECT
#define O_DIRECT	00040000
#endif
#ifndef O_NOATIME
#define O_NOATIME	01000000
#endif
#ifndef O_PATH
#define O_PATH		010000000
#endif

#endif
