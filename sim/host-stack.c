// SPDX-License-Identifier: GPL-2.0
/*
 * sim/host-stack.c - the stack of another, blocked thread, for hung-task
 * reports.  Shared by the backends.
 *
 * A blocked thread sits in a futex wait; libunwind can only walk the
 * stack it runs on.  So the reporter sends the thread a signal, the
 * handler walks its own stack (through the signal frame) into a buffer,
 * and the reporter waits for it.  One capture at a time.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#include "host.h"

#define STACK_SIGNAL	SIGURG		/* ignored by default; nothing else here uses it */

static pthread_mutex_t capture_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t handler_once = PTHREAD_ONCE_INIT;
static sem_t capture_done;
static void **capture_frames;
static int capture_max;
static volatile int capture_nr;

static void stack_signal(int sig)
{
	int saved = errno;

	/* Skip this handler; the signal frame shows as the next frame. */
	capture_nr = ksim_backtrace_capture(capture_frames, capture_max, 1);
	sem_post(&capture_done);
	errno = saved;
}

static void install_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = stack_signal;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(STACK_SIGNAL, &sa, NULL);
	sem_init(&capture_done, 0, 0);
}

int ksim_host_thread_stack(unsigned long pthread_id, void **frames, int max)
{
	struct timespec deadline;
	int nr = 0;

	if (pthread_equal((pthread_t)pthread_id, pthread_self()))
		return ksim_backtrace_capture(frames, max, 1);
	pthread_once(&handler_once, install_handler);
	pthread_mutex_lock(&capture_lock);
	capture_frames = frames;
	capture_max = max;
	capture_nr = 0;
	if (!pthread_kill((pthread_t)pthread_id, STACK_SIGNAL)) {
		clock_gettime(CLOCK_REALTIME, &deadline);
		deadline.tv_sec += 2;
		while (sem_timedwait(&capture_done, &deadline) && errno == EINTR)
			;
		nr = capture_nr;
	}
	pthread_mutex_unlock(&capture_lock);
	return nr;
}
