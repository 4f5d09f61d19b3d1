/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sim/fiber.h - user-level context switching for the deterministic backend.
 *
 * A fiber is a stack and a saved register context.  Switching between
 * fibers costs a few hundred nanoseconds and no system call beyond the
 * signal mask, where handing the CPU between host threads costs a futex
 * wake, a futex wait and two trips through the host's scheduler (several
 * microseconds): that is most of a fuzzing execution.  The price is that
 * gdb sees one thread, so the backend uses fibers only when asked.
 *
 * Stacks come from a pool that outlives each machine, and are known to
 * valgrind and AddressSanitizer (their fiber-switch annotations), so both
 * keep working across switches.
 */
#ifndef KSIM_SIM_FIBER_H
#define KSIM_SIM_FIBER_H

#include <stdbool.h>
#include <stddef.h>

struct fiber_stack;

struct fiber {
	void *sp;			/* saved stack pointer while switched out */
	struct fiber_stack *stack;	/* NULL: the thread's own stack */
	const void *stack_lo;		/* bounds, for ASan's switch annotations */
	size_t stack_size;
	void *asan_fake_stack;		/* ASan's saved fake stack while switched out */
};

/* Whether this build can run fibers (not under ThreadSanitizer). */
bool fiber_supported(void);

/* Adopt the calling thread's own stack as @f, so others can switch back to it. */
void fiber_init_thread(struct fiber *f);

/*
 * Give @f a stack from the pool and a context that starts in @entry when
 * first switched to.  @entry must never return: it ends with fiber_exit().
 * Returns 0 or -ENOMEM.
 */
int fiber_create(struct fiber *f, void (*entry)(void));

/*
 * First thing @entry does: finish the switch that started it (tells ASan
 * which stack it is on now).
 */
void fiber_started(struct fiber *f);

/* Save the running context in @from and resume @to; returns when someone resumes @from. */
void fiber_switch(struct fiber *from, struct fiber *to);

/*
 * Leave @from for good and resume @to.  @from's stack goes back to the
 * pool: nothing on it may be used after this.  Never returns.
 */
void fiber_exit(struct fiber *from, struct fiber *to) __attribute__((noreturn));

/* The return addresses of a fiber that is switched out, innermost first. */
int fiber_stack_trace(struct fiber *f, void **frames, int max);

#endif /* KSIM_SIM_FIBER_H */
