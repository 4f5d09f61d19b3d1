// SPDX-License-Identifier: GPL-2.0
/*
 * kapi-shim/lib/string_helpers.c - string_get_size(): a byte count as
 * three significant digits and a unit ("1.54 kB", "4.00 MiB", "512 B").
 */
#include <stdio.h>

#include <linux/kernel.h>
#include <linux/string_helpers.h>
#include <linux/export.h>

void string_get_size(u64 size, u64 blk_size, enum string_size_units units,
		     char *buf, int len)
{
	static const char *const unit_names[2][9] = {
		[STRING_UNITS_10] = { "B", "kB", "MB", "GB", "TB", "PB", "EB",
				      "ZB", "YB" },
		[STRING_UNITS_2] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB",
				     "EiB", "ZiB", "YiB" },
	};
	const u64 div = units == STRING_UNITS_2 ? 1024 : 1000;
	unsigned int exp = 0, decimals, step;
	u64 rem = 0, thousandths;
	const char *unit;

	if (!blk_size)
		size = 0;
	if (!size) {
		snprintf(buf, len, "0 %s", unit_names[units][0]);
		return;
	}
	/* Shrink both factors below 2^32 so their product cannot overflow. */
	while (blk_size >> 32) {
		blk_size /= div;
		exp++;
	}
	while (size >> 32) {
		size /= div;
		exp++;
	}
	size *= blk_size;
	while (size >= div) {
		rem = size % div;
		size /= div;
		exp++;
	}
	/* Three significant digits: 2 decimals below 10, 1 below 100. */
	decimals = size < 10 ? 2 : size < 100 ? 1 : 0;
	step = decimals == 2 ? 10 : decimals == 1 ? 100 : 1000;
	thousandths = size * 1000 + rem * 1000 / div;
	thousandths = (thousandths + step / 2) / step * step;
	unit = exp < ARRAY_SIZE(unit_names[0]) ? unit_names[units][exp] : "UNK";
	if (exp && decimals)
		snprintf(buf, len, "%llu.%0*llu %s", thousandths / 1000, decimals,
			 (thousandths % 1000) / step, unit);
	else
		snprintf(buf, len, "%llu %s", exp ? thousandths / 1000 : size, unit);
}
EXPORT_SYMBOL(string_get_size);
