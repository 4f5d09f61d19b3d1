/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/user_exec.h - driving devices from the command line or a config
 * file without writing C: `ksim --exec='cat /dev/x'`, `[user]` sections.
 * The command language is described in sim/user_exec.c and README.md.
 */
#ifndef KSIM_USER_EXEC_H
#define KSIM_USER_EXEC_H

struct ksim_setting;

/*
 * Split one --exec argument into commands (at ';' and newlines outside
 * quotes) and append each to @cmds/@nr with @origin "--exec" and its index.
 * Returns 0 or -ENOMEM.
 */
int ksim_user_exec_split(const char *script, struct ksim_setting **cmds, int *nr);

/*
 * Run the commands in order, each in a fresh simulated process (a
 * trailing '&' runs it in the background, 'wait' joins).  Prints what the
 * commands print on stdout; a failing command or expectation is reported
 * on stderr with its origin and stops the script.  Returns 0 or -1.
 */
int ksim_user_exec(const struct ksim_setting *cmds, int nr);

#endif
