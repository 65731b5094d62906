// SPDX-License-Identifier: GPL-2.0
/*
 * ntt_stack: a Linux program that keeps sending requests to ntt_lower's
 * device from two threads through one handle while the filter above it
 * (ntt_upper) is removed: the command given (the harness's rmmod) is run
 * until it succeeds.  Every request must be answered, by the filter's read
 * completion ("DATA") while it is there and by the device alone ("data")
 * after.  Prints "ok NAME" or "not ok NAME # why" per check.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/ntshim.h>
#include "check.h"
#include "../drivers/io/stack.h"

#define NODE	"/dev/nt/NttLower"

static int fd;
static volatile int stop;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int filtered, unfiltered, answered, wrong, last_errno;

static void *requests(void *arg)
{
	struct ntshim_devctl dc;
	char out[8];
	int up = 0, down = 0, who = 0, bad = 0, err = 0;
	ssize_t n;

	(void)arg;
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		memset(out, 0, sizeof(out));
		n = pread(fd, out, 4, 0);
		if (n == 4 && !memcmp(out, "DATA", 4)) {
			up++;
		} else if (n == 4 && !memcmp(out, "data", 4)) {
			down++;
		} else {
			bad++;
			err = errno;
		}
		memset(&dc, 0, sizeof(dc));
		memset(out, 0, sizeof(out));
		dc.code = IOCTL_NTT_WHO;
		dc.out = (uintptr_t)out;
		dc.out_length = sizeof(out);
		if (!ioctl(fd, NTSHIM_IOC_DEVCTL, &dc) && dc.information == 5 &&
		    !memcmp(out, "lower", 5)) {
			who++;
		} else {
			bad++;
			err = errno;
		}
	}
	pthread_mutex_lock(&lock);
	filtered += up;
	unfiltered += down;
	answered += who;
	wrong += bad;
	if (err)
		last_errno = err;
	pthread_mutex_unlock(&lock);
	return NULL;
}

int main(int argc, char **argv)
{
	char command[256];
	pthread_t t[2];
	int i, removed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: ntt_stack 'COMMAND THAT REMOVES THE FILTER'\n");
		return 2;
	}
	fd = open(NODE, O_RDWR);
	check("open", fd >= 0, "open " NODE);
	if (fd < 0)
		return 1;
	snprintf(command, sizeof(command), "%s >/dev/null 2>&1", argv[1]);
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, requests, NULL);
	usleep(300000);
	/* The filter is in use while a request is in it: try until it goes. */
	for (i = 0; i < 400 && !removed; i++) {
		removed = system(command) == 0;
		if (!removed)
			usleep(20000);
	}
	check("filter_removed_while_requests_flow", removed, "the command never succeeded");
	usleep(300000);
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	errno = last_errno;
	check("every_request_answered", !wrong && answered > 0, "a request failed");
	check("filter_saw_requests", filtered > 0, "no read through the filter");
	check("device_alone_after", unfiltered > 0, "no read after the filter went");
	close(fd);
	return failures ? 1 : 0;
}
