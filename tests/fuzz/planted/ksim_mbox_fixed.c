// SPDX-License-Identifier: GPL-2.0
/*
 * ksim_mbox_fixed.c - ksim_mbox.c with every PLANTED BUG fixed: the
 * reference the regression test replays the crash inputs against
 * (KSIM_FUZZ_MODULES=.../ksim_mbox_fixed.ko), to show each finding is the
 * planted bug and nothing else.
 */
#define MBOX_FIXED
#include "ksim_mbox.c"
