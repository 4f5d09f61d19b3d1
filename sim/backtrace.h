/* SPDX-License-Identifier: GPL-2.0 */
/* sim/backtrace.h - libdw symbolization cache control, for the module loader. */
#ifndef KSIM_BACKTRACE_H
#define KSIM_BACKTRACE_H

/* The set of mapped objects changed (a module was loaded or unloaded). */
void ksim_backtrace_refresh(void);
/* Drop libdw's state at exit so valgrind sees no leak. */
void ksim_backtrace_cleanup(void);

#endif
