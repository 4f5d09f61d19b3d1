/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/fuse_chr.h - dev/ of the FUSE mount: the character devices modules
 * registered (misc_register, a /dev node made for a cdev, dev/char/MAJ:MIN
 * for any cdev_add region) as files a real program drives with open, read,
 * write, poll, ioctl and close; each call runs the driver's
 * file_operations through the user side (<ksim/user.h>).
 *
 * The files are regular files to the host (a host character-device node
 * would be opened as a host device, and a FUSE mount is nodev); CUSE,
 * which would make them real character devices, needs /dev/cuse.
 *
 * Used by sim/fuse.c only: it owns the session and routes every request
 * on an inode ksim_fuse_chr_owns() claims here.
 */
#ifndef KSIM_FUSE_CHR_H
#define KSIM_FUSE_CHR_H

#ifndef FUSE_USE_VERSION
#define FUSE_USE_VERSION 312
#endif
#include <fuse_lowlevel.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/types.h>

/* Inode of dev/ itself (sim/fuse.c's root lists it). */
#define KSIM_FUSE_INO_DEV	4

struct ksim_fuse_chr;

/* The dev/ tree; its files and directories show with @uid/@gid and @mtime. */
struct ksim_fuse_chr *ksim_fuse_chr_new(uid_t uid, gid_t gid, const struct timespec *mtime);
/*
 * Interrupt every driver call in progress (a blocked read returns EINTR to
 * its caller) and fail new ones, so the FUSE workers can stop.
 */
void ksim_fuse_chr_stop(struct ksim_fuse_chr *c);
/* Close what users left open (drivers see ->release) and free everything. */
void ksim_fuse_chr_free(struct ksim_fuse_chr *c);

/* Whether @ino is dev/ or below it. */
bool ksim_fuse_chr_owns(const struct ksim_fuse_chr *c, fuse_ino_t ino);
/* @name in directory @parent (dev/ or below): 0 with @e filled, or -ENOENT. */
int ksim_fuse_chr_lookup(struct ksim_fuse_chr *c, fuse_ino_t parent, const char *name,
			 struct fuse_entry_param *e);
/* Attributes of @ino: 0, or -ENOENT when its device went away. */
int ksim_fuse_chr_getattr(struct ksim_fuse_chr *c, fuse_ino_t ino, struct stat *st);

/* The FUSE requests on these inodes; each one replies to @req. */
void ksim_fuse_chr_readdir(struct ksim_fuse_chr *c, fuse_req_t req, fuse_ino_t ino,
			   size_t size, off_t off);
void ksim_fuse_chr_open(struct ksim_fuse_chr *c, fuse_req_t req, fuse_ino_t ino,
			struct fuse_file_info *fi);
void ksim_fuse_chr_release(struct ksim_fuse_chr *c, fuse_req_t req, struct fuse_file_info *fi);
void ksim_fuse_chr_read(struct ksim_fuse_chr *c, fuse_req_t req, size_t size, off_t off,
			struct fuse_file_info *fi);
void ksim_fuse_chr_write(struct ksim_fuse_chr *c, fuse_req_t req, const char *data,
			 size_t size, off_t off, struct fuse_file_info *fi);
void ksim_fuse_chr_ioctl(struct ksim_fuse_chr *c, fuse_req_t req, unsigned int cmd, void *arg,
			 struct fuse_file_info *fi, unsigned int flags, const void *in_buf,
			 size_t in_bufsz, size_t out_bufsz);
void ksim_fuse_chr_poll(struct ksim_fuse_chr *c, fuse_req_t req, struct fuse_file_info *fi,
			struct fuse_pollhandle *ph);

#endif /* KSIM_FUSE_CHR_H */
