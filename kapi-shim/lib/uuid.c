// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/uuid.c - random (version 4) UUIDs and GUIDs from the host's
 * seeded random source, and parsing of the 36-character text form.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/random.h>
#include <linux/uuid.h>
#include <linux/export.h>

const guid_t guid_null;
EXPORT_SYMBOL(guid_null);
const uuid_t uuid_null;
EXPORT_SYMBOL(uuid_null);

/* Where the n-th byte of the text form goes in the binary form. */
const u8 guid_index[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
EXPORT_SYMBOL(guid_index);
const u8 uuid_index[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
EXPORT_SYMBOL(uuid_index);

/* Version 4 (random) in byte @ver_byte's high nibble, variant 10xx. */
static void make_random(u8 b[16], int ver_byte)
{
	get_random_bytes(b, 16);
	b[ver_byte] = (b[ver_byte] & 0x0F) | 0x40;
	b[8] = (b[8] & 0x3F) | 0x80;
}

void generate_random_uuid(unsigned char uuid[16])
{
	make_random(uuid, 6);
}
EXPORT_SYMBOL(generate_random_uuid);

void generate_random_guid(unsigned char guid[16])
{
	/* The version field is little-endian in a GUID: byte 7. */
	make_random(guid, 7);
}
EXPORT_SYMBOL(generate_random_guid);

void guid_gen(guid_t *lu)
{
	generate_random_guid(lu->b);
}
EXPORT_SYMBOL_GPL(guid_gen);

void uuid_gen(uuid_t *bu)
{
	generate_random_uuid(bu->b);
}
EXPORT_SYMBOL_GPL(uuid_gen);

/* 8-4-4-4-12 hex digits with dashes at 8, 13, 18, 23. */
bool uuid_is_valid(const char *uuid)
{
	unsigned int i;

	for (i = 0; i < UUID_STRING_LEN; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (uuid[i] != '-')
				return false;
		} else if (!isxdigit(uuid[i])) {
			return false;
		}
	}
	return true;
}
EXPORT_SYMBOL(uuid_is_valid);

static int parse(const char *uuid, const u8 index[16], u8 b[16])
{
	/* Text offsets of the 16 bytes (dashes skipped). */
	static const u8 si[16] = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21,
				  24, 26, 28, 30, 32, 34};
	unsigned int i;

	if (!uuid_is_valid(uuid))
		return -EINVAL;
	for (i = 0; i < 16; i++) {
		int hi = hex_to_bin(uuid[si[i]]);
		int lo = hex_to_bin(uuid[si[i] + 1]);

		b[index[i]] = (hi << 4) | lo;
	}
	return 0;
}

int guid_parse(const char *uuid, guid_t *u)
{
	return parse(uuid, guid_index, u->b);
}
EXPORT_SYMBOL(guid_parse);

int uuid_parse(const char *uuid, uuid_t *u)
{
	return parse(uuid, uuid_index, u->b);
}
EXPORT_SYMBOL(uuid_parse);
