/* SPDX-License-Identifier: GPL-2.0 */
/* linux/crc32c.h - CRC-32C (Castagnoli), the raw reflected update. */
#ifndef _LINUX_CRC32C_H
#define _LINUX_CRC32C_H

#include <linux/types.h>

u32 crc32c(u32 crc, const void *address, unsigned int length);
const char *crc32c_impl(void);

/* The crc32c of the data followed by @len zero bytes. */
u32 __crc32c_le_shift(u32 crc, size_t len);
static inline u32 crc32c_shift(u32 crc, size_t len)
{
	return __crc32c_le_shift(crc, len);
}

#endif
