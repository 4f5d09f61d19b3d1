/* SPDX-License-Identifier: GPL-2.0 */
/*
 * linux/crc32.h - CRC-32 (IEEE 802.3 polynomial), bit-reflected (_le) and
 * MSB-first (_be) forms, and CRC-32C.  These are the raw updates: no
 * inversion inside, so crc32_le(~0, p, n) ^ ~0 is zlib's crc32().
 * (kapi-shim/lib/crc.c)
 */
#ifndef _LINUX_CRC32_H
#define _LINUX_CRC32_H

#include <linux/types.h>
#include <linux/bitrev.h>

u32 crc32_le(u32 crc, unsigned char const *p, size_t len);
u32 crc32_be(u32 crc, unsigned char const *p, size_t len);
u32 __crc32c_le(u32 crc, unsigned char const *p, size_t len);
/* The CRC of A followed by B, from crc(A), crc(B) and B's length. */
u32 crc32_le_combine(u32 crc1, u32 crc2, size_t len2);
u32 __crc32c_le_combine(u32 crc1, u32 crc2, size_t len2);

#define crc32(seed, data, length)  crc32_le(seed, (unsigned char const *)(data), length)

/* The Ethernet FCS, as network drivers compute it. */
#define ether_crc(length, data)    bitrev32(crc32_le(~0, data, length))
#define ether_crc_le(length, data) crc32_le(~0, data, length)

#endif
