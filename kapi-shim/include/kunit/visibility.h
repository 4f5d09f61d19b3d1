/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kunit/visibility.h - make a static function visible to its KUnit tests
 * when KUnit is enabled (in ksim it always is).
 */
#ifndef _KUNIT_VISIBILITY_H
#define _KUNIT_VISIBILITY_H

#include <linux/export.h>

#define VISIBLE_IF_KUNIT
#define EXPORT_SYMBOL_IF_KUNIT(symbol) \
	EXPORT_SYMBOL_NS(symbol, EXPORTED_FOR_KUNIT_TESTING)

#endif /* _KUNIT_VISIBILITY_H */
