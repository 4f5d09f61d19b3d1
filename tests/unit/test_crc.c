// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_crc.c - lib/crc.c: each CRC gives the catalogued check
 * value for "123456789" with its standard seed and final xor, updates
 * compose, combine matches a CRC over the concatenation.
 */
#include "ktest.h"

#include <linux/crc32.h>
#include <linux/crc32c.h>
#include <linux/crc-t10dif.h>
#include <linux/crc16.h>
#include <linux/crc-itu-t.h>

TestSuite(crc, .init = ktest_boot, .fini = ktest_shutdown);

static const u8 check[] = "123456789";

Test(crc, check_values)
{
	cr_assert_eq(crc32_le(~0u, check, 9) ^ ~0u, 0xCBF43926);	/* CRC-32 */
	cr_assert_eq(crc32_be(~0u, check, 9) ^ ~0u, 0xFC891918);	/* CRC-32/BZIP2 */
	cr_assert_eq(crc32c(~0u, check, 9) ^ ~0u, 0xE3069283);	/* CRC-32C */
	cr_assert_eq(crc_t10dif(check, 9), 0xD0DB);		/* CRC-16/T10-DIF */
	cr_assert_eq(crc16(0, check, 9), 0xBB3D);		/* CRC-16/ARC */
	cr_assert_eq(crc_itu_t(0, check, 9), 0x31C3);		/* CRC-16/XMODEM */
	cr_assert_eq(crc16_table[1], 0xC0C1);
	cr_assert_eq(crc_itu_t_table[1], 0x1021);
}

Test(crc, updates_compose_and_combine)
{
	u32 a = crc32_le(~0u, check, 4);

	cr_assert_eq(crc32_le(a, check + 4, 5), crc32_le(~0u, check, 9));
	cr_assert_eq(crc_t10dif_update(crc_t10dif(check, 3), check + 3, 6),
		     crc_t10dif(check, 9));
	cr_assert_eq(crc32_le_combine(crc32_le(~0u, check, 4),
				      crc32_le(0, check + 4, 5), 5),
		     crc32_le(~0u, check, 9));
	cr_assert_eq(__crc32c_le_combine(crc32c(~0u, check, 2),
					 crc32c(0, check + 2, 7), 7),
		     crc32c(~0u, check, 9));
	cr_assert_eq(ether_crc_le(9, check), crc32_le(~0u, check, 9));
	cr_assert_eq(bitrev32(0x1), 0x80000000u);
}
