// SPDX-License-Identifier: GPL-2.0
/*
 * ntt_benchio: make bench's request round trips, timed from a program as
 * users see them: a small buffered DeviceIoControl completed in the NT
 * driver's dispatch routine (ntt_benchio, /dev/nt/NttBenchio) against a
 * plain Linux unlocked_ioctl doing the same copies (ntshim_bench.ko's
 * /dev/ntshim_bench), and a 1 MiB read through DO_DIRECT_IO against a
 * Linux read copying the same bytes.  Usage: ntt_benchio [SCALE [TRIALS]],
 * SCALE a percentage of the full run.  Prints "ntbench: NAME ns NT LINUX
 * trials=N" lines, medians of the trials, as ntshim_bench.ko does.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <linux/ntshim.h>
#include "../bench/benchio.h"

#define ECHO_BYTES	64
#define MAX_TRIALS	15

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + ts.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
	qsort(v, n, sizeof(*v), cmp);
	return v[n / 2];
}

static int nt_echo(int fd, void *in, void *out)
{
	struct ntshim_devctl dc = {
		.code = IOCTL_NTT_BENCH_ECHO,
		.in = (uintptr_t)in, .in_length = ECHO_BYTES,
		.out = (uintptr_t)out, .out_length = ECHO_BYTES,
	};

	return ioctl(fd, NTSHIM_IOC_DEVCTL, &dc) == 0 && dc.information == ECHO_BYTES ? 0 : -1;
}

static int lx_echo(int fd, void *in, void *out)
{
	struct ntshim_bench_echo req = {
		.in = (uintptr_t)in, .in_length = ECHO_BYTES,
		.out = (uintptr_t)out, .out_length = ECHO_BYTES,
	};

	return ioctl(fd, NTSHIM_BENCH_IOC_ECHO, &req) == ECHO_BYTES ? 0 : -1;
}

static int do_read(int fd, void *buf)
{
	return pread(fd, buf, NTT_BENCH_READ_MAX, 0) == NTT_BENCH_READ_MAX ? 0 : -1;
}

/* Per-operation time of n calls, or 0 if one failed. */
static uint64_t time_echo(int (*op)(int, void *, void *), int fd, void *in, void *out, int n)
{
	uint64_t t0 = now_ns();
	int i;

	for (i = 0; i < n; i++)
		if (op(fd, in, out))
			return 0;
	return (now_ns() - t0) / n;
}

static uint64_t time_read(int fd, void *buf, int n)
{
	uint64_t t0 = now_ns();
	int i;

	for (i = 0; i < n; i++)
		if (do_read(fd, buf))
			return 0;
	return (now_ns() - t0) / n;
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 100;
	int trials = argc > 2 ? atoi(argv[2]) : 7;
	int echoes = 20000 * scale / 100 + 10, reads = 400 * scale / 100 + 5;
	uint64_t nt[MAX_TRIALS], lx[MAX_TRIALS];
	char in[ECHO_BYTES], out[ECHO_BYTES];
	int ntfd = open("/dev/nt/NttBenchio", O_RDWR);
	int lxfd = open("/dev/ntshim_bench", O_RDWR);
	void *buf = malloc(NTT_BENCH_READ_MAX);
	int t;

	if (ntfd < 0 || lxfd < 0 || !buf) {
		fprintf(stderr, "ntt_benchio: the devices are not there\n");
		return 1;
	}
	if (trials < 1 || trials > MAX_TRIALS)
		trials = 7;
	memset(in, 'e', sizeof(in));
	memset(buf, 0, NTT_BENCH_READ_MAX);
	for (t = 0; t < trials; t++) {
		nt[t] = time_echo(nt_echo, ntfd, in, out, echoes);
		lx[t] = time_echo(lx_echo, lxfd, in, out, echoes);
	}
	printf("ntbench: ioctl_buffered_round_trip_per_op ns %llu %llu trials=%d\n",
	       (unsigned long long)median(nt, trials), (unsigned long long)median(lx, trials),
	       trials);
	for (t = 0; t < trials; t++) {
		nt[t] = time_read(ntfd, buf, reads);
		lx[t] = time_read(lxfd, buf, reads);
	}
	printf("ntbench: direct_read_1mib_per_op ns %llu %llu trials=%d\n",
	       (unsigned long long)median(nt, trials), (unsigned long long)median(lx, trials),
	       trials);
	free(buf);
	close(ntfd);
	close(lxfd);
	return 0;
}
