// SPDX-License-Identifier: GPL-2.0
/*
 * ntt_pending: a Linux program whose requests ntt_pending pends: completed
 * later from a DPC (from four threads at once), cancelled by a signal or
 * by the program's exit, and one its driver never cancels, which the
 * program gives up on after the grace period.  Prints "ok NAME" or
 * "not ok NAME # why" per check.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
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
	NTT_PENDING_STATS s = { -1, -1, -1, -1 };
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
	close(fd);
	return failures ? 1 : 0;
}
