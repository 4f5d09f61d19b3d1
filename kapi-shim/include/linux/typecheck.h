/* SPDX-License-Identifier: GPL-2.0 */
#ifndef TYPECHECK_H_INCLUDED
#define TYPECHECK_H_INCLUDED

/* Warns at compile time when @x is not of @type; evaluates to 1. */
#define typecheck(type, x) ({ type __dummy; typeof(x) __dummy2; \
	(void)(&__dummy == &__dummy2); 1; })
#define typecheck_fn(type, function) ({ typeof(type) __tmp = function; \
	(void)__tmp; })

#endif
