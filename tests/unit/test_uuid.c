// SPDX-License-Identifier: GPL-2.0
/*
 * tests/unit/test_uuid.c - lib/uuid.c: parsing into UUID (big-endian) and
 * GUID (mixed-endian) byte order, validation, version 4 generation.
 */
#include "ktest.h"

#include <linux/uuid.h>

TestSuite(uuid, .init = ktest_boot, .fini = ktest_shutdown);

Test(uuid, parse_both_orders)
{
	const char *s = "c33f4995-3701-450e-9fbf-206a2e98e576";
	uuid_t u, want_u = UUID_INIT(0xc33f4995, 0x3701, 0x450e, 0x9f, 0xbf,
				     0x20, 0x6a, 0x2e, 0x98, 0xe5, 0x76);
	guid_t g, want_g = GUID_INIT(0xc33f4995, 0x3701, 0x450e, 0x9f, 0xbf,
				     0x20, 0x6a, 0x2e, 0x98, 0xe5, 0x76);

	cr_assert(uuid_is_valid(s));
	cr_assert_eq(uuid_parse(s, &u), 0);
	cr_assert(uuid_equal(&u, &want_u));
	cr_assert_eq(u.b[0], 0xc3);
	cr_assert_eq(guid_parse(s, &g), 0);
	cr_assert(guid_equal(&g, &want_g));
	cr_assert_eq(g.b[0], 0x95);
	cr_assert_eq(g.b[8], 0x9f);
}

Test(uuid, invalid_strings)
{
	uuid_t u;

	cr_assert_not(uuid_is_valid("c33f4995-3701-450e-9fbf-206a2e98e57"));
	cr_assert_not(uuid_is_valid("c33f4995x3701-450e-9fbf-206a2e98e576"));
	cr_assert_not(uuid_is_valid("g33f4995-3701-450e-9fbf-206a2e98e576"));
	cr_assert_eq(uuid_parse("nope", &u), -EINVAL);
}

Test(uuid, random_v4)
{
	uuid_t a, b;
	guid_t g;

	uuid_gen(&a);
	uuid_gen(&b);
	cr_assert_not(uuid_equal(&a, &b));
	cr_assert_not(uuid_is_null(&a));
	cr_assert_eq(a.b[6] >> 4, 4);
	cr_assert_eq(a.b[8] & 0xc0, 0x80);
	guid_gen(&g);
	cr_assert_eq(g.b[7] >> 4, 4);
	cr_assert(uuid_is_null(&uuid_null));
	cr_assert(guid_is_null(&guid_null));
}
