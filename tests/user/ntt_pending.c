// SPDX-License-Identifier: GPL-2.0
/*
 * ntt_pending: a Linux program whose requests ntt_pending pends: completed
 * later from a DPC (from four threads at once), cancelled by a signal or
 * by the program's exit, and one its driver never cancels, which the
 * program gives up on after the grace period; an eventfd the driver sets
 * as an NT event; and a storm of requests and cancels from several
 * threads, each ending exactly once.  Prints "ok NAME" or "not ok NAME #
 * why" per check.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/ntshim.h>
#include "check.h"
#include "../drivers/io/pending.h"

#define NODE	"/dev/nt/NttPending"


static int devctl(int fd, uint32_t code, void *out, uint32_t out_len, struct ntshim_devctl *dc)
{
	memset(dc, 0, sizeof(*dc));
	dc->code = code;
	dc->out = (uintptr_t)out;
	dc->out_length = out_len;
	return ioctl(fd, NTSHIM_IOC_DEVCTL, dc);
}

static NTT_PENDING_STATS stats(int fd)
{
	NTT_PENDING_STATS s = { -1, -1, -1, -1, -1, -1 };
	struct ntshim_devctl dc;

	devctl(fd, IOCTL_NTT_PEND_STATS, &s, sizeof(s), &dc);
	return s;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void on_usr1(int sig)
{
	(void)sig;
}

/* SIGALRM interrupts (no SA_RESTART) after ms milliseconds. */
static void alarm_in(int ms)
{
	struct sigaction sa = { .sa_handler = on_alarm };

	sigaction(SIGALRM, &sa, NULL);
	ualarm(ms * 1000, 0);
}

static int later_ok;
static pthread_mutex_t later_lock = PTHREAD_MUTEX_INITIALIZER;

static void *later_thread(void *arg)
{
	struct ntshim_devctl dc;
	char out[8] = "";

	if (!devctl(*(int *)arg, IOCTL_NTT_PEND_LATER, out, sizeof(out), &dc) &&
	    dc.information == 5 && !memcmp(out, "later", 5)) {
		pthread_mutex_lock(&later_lock);
		later_ok++;
		pthread_mutex_unlock(&later_lock);
	}
	return NULL;
}

static void check_later(int fd)
{
	struct ntshim_devctl dc;
	pthread_t t[4];
	char out[8] = "";
	double start = now();
	int i;

	check("completed_from_dpc", !devctl(fd, IOCTL_NTT_PEND_LATER, out, sizeof(out), &dc) &&
	      dc.status == 0 && dc.information == 5 && !memcmp(out, "later", 5), "later");
	check("waited_for_completion", now() - start >= 0.08, "returned before the DPC");
	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, later_thread, &fd);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	check("four_threads_one_handle", later_ok == 4, "threads");
	check("later_counted", stats(fd).Later == 5, "stats");
}

static void check_signal(int fd)
{
	struct ntshim_devctl dc;
	int ret;

	alarm_in(200);
	ret = devctl(fd, IOCTL_NTT_PEND_HELD, NULL, 0, &dc);
	check("signal_interrupts", ret < 0 && errno == EINTR, "held request");
	check("signal_cancels", stats(fd).Cancelled == 1, "cancel routine not run");
}

static void check_exit(int fd)
{
	struct ntshim_devctl dc;
	int status, child_fd;
	pid_t pid = fork();

	if (!pid) {
		child_fd = open(NODE, O_RDWR);
		devctl(child_fd, IOCTL_NTT_PEND_HELD, NULL, 0, &dc);
		_exit(0);
	}
	usleep(300000);
	kill(pid, SIGKILL);
	check("killed_program_reaped", waitpid(pid, &status, 0) == pid && WIFSIGNALED(status),
	      "waitpid");
	check("exit_cancels", stats(fd).Cancelled == 2, "cancel routine not run");
	check("child_handle_cleaned_up", stats(fd).Cleanups == 1, "cleanup");
}

static void check_stuck(int fd)
{
	struct ntshim_devctl dc;
	double start = now();
	int ret;

	alarm_in(200);
	ret = devctl(fd, IOCTL_NTT_PEND_STUCK, NULL, 0, &dc);
	check("stuck_request_given_up", ret < 0 && errno == EINTR && now() - start >= 5,
	      "stuck request");
	check("released_later", !devctl(fd, IOCTL_NTT_PEND_RELEASE, NULL, 0, &dc) &&
	      stats(fd).Released == 1, "release");
	check("irp_free_refused", !devctl(fd, IOCTL_NTT_PEND_FREE, NULL, 0, &dc) && !dc.status,
	      "IoFreeIrp of a program's IRP");
}

/*
 * Closing the last handle while another thread waits in a request on it:
 * IRP_MJ_CLEANUP comes then, as in NT, and the driver completes the
 * request there.  Closing a duplicate first is not the last handle.
 */
static volatile int held_done;
static int held_ret, held_errno;

static void *held_thread(void *arg)
{
	struct ntshim_devctl dc;

	held_ret = devctl(*(int *)arg, IOCTL_NTT_PEND_HELD, NULL, 0, &dc);
	held_errno = errno;
	__atomic_store_n(&held_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static int wait_until(volatile int *flag, double seconds)
{
	double end = now() + seconds;

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE) && now() < end)
		usleep(10000);
	return __atomic_load_n(flag, __ATOMIC_ACQUIRE);
}

static void check_close_pending(int fd)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	NTT_PENDING_STATS before = stats(fd);
	int a = open(NODE, O_RDWR), b = dup(a);
	double end = now() + 10;
	pthread_t t;

	sigaction(SIGUSR1, &sa, NULL);
	pthread_create(&t, NULL, held_thread, &a);
	while (stats(fd).Holding == before.Holding && now() < end)
		usleep(10000);
	check("close_pending_held", stats(fd).Holding == before.Holding + 1, "not held");
	close(b);
	usleep(200000);
	check("close_of_a_duplicate_not_last", !held_done &&
	      stats(fd).Cleanups == before.Cleanups, "cleanup at a duplicate's close");
	close(a);
	check("last_close_cleans_up", wait_until(&held_done, 5) && held_ret < 0 &&
	      held_errno == ECANCELED && stats(fd).CleanedUp == before.CleanedUp + 1 &&
	      stats(fd).Cleanups == before.Cleanups + 1, "request still waiting after close");
	if (!held_done)
		pthread_kill(t, SIGUSR1);	/* cancels it instead */
	pthread_join(t, NULL);
	check("cleaned_up_once", stats(fd).Cleanups == before.Cleanups + 1, "cleanups");
}

/*
 * A storm: four threads send requests the driver completes later or holds
 * until cancelled, while a fifth signals them at random; every request must
 * end exactly once, with its result or cancelled, and the driver's counts
 * must match the program's.
 */
#define STORM_THREADS	4
#define STORM_ROUNDS	60

static pthread_t storm_tid[STORM_THREADS];
static volatile int storm_done;
static int storm_fd, storm_ok, storm_cancelled, storm_wrong;

static void *storm_thread(void *arg)
{
	unsigned int seed = (unsigned int)(uintptr_t)arg;
	struct ntshim_devctl dc;
	char out[8];
	int i, ret, ok = 0, cancelled = 0, wrong = 0;

	for (i = 0; i < STORM_ROUNDS; i++) {
		int held = rand_r(&seed) & 1;

		ret = devctl(storm_fd, held ? IOCTL_NTT_PEND_HELD : IOCTL_NTT_PEND_LATER, out,
			     sizeof(out), &dc);
		if (!ret && !held)
			ok++;
		else if (ret < 0 && errno == EINTR && held)
			cancelled++;
		else
			wrong++;
	}
	pthread_mutex_lock(&later_lock);
	storm_ok += ok;
	storm_cancelled += cancelled;
	storm_wrong += wrong;
	pthread_mutex_unlock(&later_lock);
	return NULL;
}

static void check_storm(int fd)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	NTT_PENDING_STATS before = stats(fd), after;
	unsigned int seed = 7;
	int i, alive;

	sigaction(SIGUSR1, &sa, NULL);
	storm_fd = fd;
	for (i = 0; i < STORM_THREADS; i++)
		pthread_create(&storm_tid[i], NULL, storm_thread, (void *)(uintptr_t)(i + 1));
	/* Signal at random until every thread is through its rounds. */
	do {
		usleep(1000 + rand_r(&seed) % 4000);
		alive = 0;
		for (i = 0; i < STORM_THREADS; i++)
			if (!pthread_kill(storm_tid[i], 0)) {
				pthread_kill(storm_tid[i], SIGUSR1);
				alive++;
			}
	} while (alive && storm_ok + storm_cancelled + storm_wrong < STORM_THREADS * STORM_ROUNDS);
	for (i = 0; i < STORM_THREADS; i++)
		pthread_join(storm_tid[i], NULL);
	after = stats(fd);
	check("storm_every_request_ended_once",
	      !storm_wrong && storm_ok + storm_cancelled == STORM_THREADS * STORM_ROUNDS,
	      "storm results");
	check("storm_driver_counts_match",
	      after.Later - before.Later == storm_ok &&
	      after.Cancelled - before.Cancelled == storm_cancelled, "storm counts");
}

/* An eventfd as an NT event handle: the driver sets it from a DPC. */
static void check_event(int fd)
{
	struct ntshim_devctl dc;
	uint64_t handle, value = 0;
	int efd = eventfd(0, 0), null = open("/dev/null", O_RDONLY);
	double start = now();

	handle = efd;
	memset(&dc, 0, sizeof(dc));
	dc.code = IOCTL_NTT_PEND_EVENT;
	dc.in = (uintptr_t)&handle;
	dc.in_length = sizeof(handle);
	check("event_handle_referenced", !ioctl(fd, NTSHIM_IOC_DEVCTL, &dc), "eventfd");
	check("event_set_from_dpc", read(efd, &value, sizeof(value)) == sizeof(value) &&
	      value == 1 && now() - start >= 0.08, "read eventfd");
	handle = null;
	check("not_an_event_mismatch", ioctl(fd, NTSHIM_IOC_DEVCTL, &dc) < 0 &&
	      dc.status == (int32_t)0xC0000024, "/dev/null as an event");
	handle = 999;
	check("closed_handle_invalid", ioctl(fd, NTSHIM_IOC_DEVCTL, &dc) < 0 &&
	      dc.status == (int32_t)0xC0000008, "fd 999 as an event");
	handle = efd;
	dc.code = IOCTL_NTT_PEND_KEEP;
	check("event_kept", !ioctl(fd, NTSHIM_IOC_DEVCTL, &dc), "keep eventfd");
	close(efd);
	close(null);
}

int main(void)
{
	int fd = open(NODE, O_RDWR);

	check("open", fd >= 0, "open " NODE);
	if (fd < 0)
		return 1;
	check_later(fd);
	check_signal(fd);
	check_exit(fd);
	check_stuck(fd);
	check_event(fd);
	check_close_pending(fd);
	check_storm(fd);
	close(fd);
	return failures ? 1 : 0;
}
