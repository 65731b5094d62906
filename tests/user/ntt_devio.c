// SPDX-License-Identifier: GPL-2.0
/*
 * ntt_devio: drives the NT test driver ntt_devio (tests/drivers/io/devio.c)
 * from user space through /dev/nt, as a Linux program would, and prints
 * one "ok NAME" or "not ok NAME # why" line per check for ntshim_test.sh.
 * Built statically by the harness; needs ntt_devio loaded.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/ntshim.h>
#include "check.h"
#include "../drivers/io/devio.h"

#define NODE	"/dev/nt/NttDevio"
#define RAW	"/dev/nt/NttRaw"
#define KERNEL	"/dev/nt/NttKernel"
#define DIRECT	"/dev/nt/NttDirect"
#define DEVNODE	"/dev/nt/Device/NttDevio"
#define STATUS_BUFFER_OVERFLOW	((int32_t)0x80000005)
#define CYCLES	10000
#define HAMMERS	4
#define HAMMER_ROUNDS	1000

/* An address no program owns, hidden from the compiler's checks. */
static volatile uintptr_t bad_address = 8;

/* One control request; returns ioctl's result, the rest in dc. */
static int devctl(int fd, uint32_t code, const void *in, uint32_t in_len, void *out,
		  uint32_t out_len, struct ntshim_devctl *dc)
{
	memset(dc, 0, sizeof(*dc));
	dc->code = code;
	dc->in = (uintptr_t)in;
	dc->in_length = in_len;
	dc->out = (uintptr_t)out;
	dc->out_length = out_len;
	return ioctl(fd, NTSHIM_IOC_DEVCTL, dc);
}

static void check_nodes(void)
{
	struct stat st;
	int fd;

	check("node_is_char_device", !stat(NODE, &st) && S_ISCHR(st.st_mode), "stat " NODE);
	check("world_rw_sddl_gives_0666", (st.st_mode & 0777) == 0666, "mode of " NODE);
	check("plain_device_root_only", !stat(RAW, &st) && (st.st_mode & 0777) == 0600,
	      "mode of " RAW);
	fd = open(KERNEL, O_RDWR);
	check("kernel_only_refused", fd < 0 && errno == EACCES, "open " KERNEL);
	if (fd >= 0)
		close(fd);
	check("named_device_node", !stat(DEVNODE, &st) && S_ISCHR(st.st_mode) &&
	      (st.st_mode & 0777) == 0666, "stat " DEVNODE);
	check("named_plain_device_root_only",
	      !stat("/dev/nt/Device/NttRaw", &st) && (st.st_mode & 0777) == 0600,
	      "mode of /dev/nt/Device/NttRaw");
}

/* \Device\NttDevio is the same device as its link: one store behind both. */
static void check_device_name(void)
{
	struct ntshim_devctl dc;
	char buf[16] = "";
	int fd = open(DEVNODE, O_RDWR), link = open(NODE, O_RDONLY);

	check("open_by_device_name", fd >= 0 && link >= 0, "open " DEVNODE);
	check("same_device_as_link", pwrite(fd, "named", 5, 200) == 5 &&
	      pread(link, buf, 5, 200) == 5 && !memcmp(buf, "named", 5), "named store");
	check("late_device_initializing",
	      !devctl(fd, IOCTL_NTT_LATE, "\0", 1, NULL, 0, &dc) &&
	      open("/dev/nt/Device/NttLate", O_RDWR) < 0 && errno == ENODEV, "NttLate");
	if (!devctl(fd, IOCTL_NTT_LATE, "\1", 1, NULL, 0, &dc)) {
		int late = open("/dev/nt/Device/NttLate", O_RDWR);

		check("late_device_ready", late >= 0, "open NttLate");
		if (late >= 0)
			close(late);
	} else {
		check("late_device_ready", 0, "IOCTL_NTT_LATE");
	}
	if (fd >= 0)
		close(fd);
	if (link >= 0)
		close(link);
}

static void check_read_write(int fd)
{
	char buf[64] = "";

	check("write", write(fd, "hello world", 11) == 11, "write");
	check("pread_at_offset", pread(fd, buf, sizeof(buf), 6) == 5 && !memcmp(buf, "world", 5),
	      "pread");
	check("read_past_end_is_eof", pread(fd, buf, sizeof(buf), 100) == 0, "pread past end");
	check("lseek_then_read", lseek(fd, 0, SEEK_SET) == 0 && read(fd, buf, 5) == 5 &&
	      !memcmp(buf, "hello", 5) && lseek(fd, 0, SEEK_CUR) == 5, "lseek");
	check("zero_length_read", read(fd, buf, 0) == 0, "read 0");
	check("bad_user_pointer_read", read(fd, (void *)bad_address, 4) < 0 && errno == EFAULT, "read");
	check("bad_user_pointer_write", pwrite(fd, (void *)bad_address, 4, 0) < 0 && errno == EFAULT,
	      "write");
	check("fsync_flushes", fsync(fd) == 0, "fsync");
}

/* The largest request a program may make (16 MiB), and one byte more. */
static void check_maximum(int fd)
{
	const size_t max = 16u << 20;
	char *in = malloc(max + 1), *out = malloc(max);
	struct ntshim_devctl dc;
	size_t i;

	if (!in || !out) {
		check("maximum_length_echo", 0, "malloc");
		free(in);
		free(out);
		return;
	}
	for (i = 0; i <= max; i++)
		in[i] = (char)(i * 7);
	memset(out, 0, max);
	check("maximum_length_echo", !devctl(fd, IOCTL_NTT_ECHO, in, max, out, max, &dc) &&
	      dc.information == max && !memcmp(in, out, max), "16 MiB echo");
	check("over_maximum_refused", devctl(fd, IOCTL_NTT_ECHO, in, max + 1, out, max, &dc) < 0 &&
	      errno == EINVAL, "16 MiB and a byte");
	free(in);
	free(out);
}

static void check_controls(int fd)
{
	struct ntshim_devctl dc;
	char out[16];

	memset(out, 'x', sizeof(out));
	check("buffered_echo", !devctl(fd, IOCTL_NTT_ECHO, "abc", 3, out, sizeof(out), &dc) &&
	      dc.status == 0 && dc.information == 3 && !memcmp(out, "abc", 3) && out[3] == 'x',
	      "echo");
	check("zero_lengths", !devctl(fd, IOCTL_NTT_ECHO, NULL, 0, NULL, 0, &dc) &&
	      dc.information == 0, "echo nothing");
	memset(out, 'x', sizeof(out));
	check("buffer_overflow_is_partial_success",
	      !devctl(fd, IOCTL_NTT_ECHO, "abcdef", 6, out, 2, &dc) &&
	      dc.status == STATUS_BUFFER_OVERFLOW && dc.information == 2 &&
	      !memcmp(out, "ab", 2) && out[2] == 'x', "short echo");
	check("too_much_information_clamped",
	      !devctl(fd, IOCTL_NTT_TOO_MUCH, NULL, 0, out, 8, &dc) && dc.information == 8,
	      "too much");
	check("neither_method", !devctl(fd, IOCTL_NTT_UPPER, "hey!", 4, out, sizeof(out), &dc) &&
	      dc.information == 4 && !memcmp(out, "HEY!", 4), "upper");
	check("neither_probed_and_locked",
	      !devctl(fd, IOCTL_NTT_PROBED, "probe me", 8, out, sizeof(out), &dc) &&
	      dc.information == 8 && !memcmp(out, "PROBE ME", 8), "probed");
	{
		NTT_INDIRECT ind = { .Address = (uintptr_t)out, .Length = 4 };

		check("embedded_pointer_fails_its_probe",
		      devctl(fd, IOCTL_NTT_INDIRECT, &ind, sizeof(ind), NULL, 0, &dc) < 0 &&
		      errno == EFAULT && dc.status == (int32_t)0xC0000005 && !dc.information,
		      "indirect");
	}
	check("unknown_code_einval", devctl(fd, IOCTL_NTT_UNKNOWN, NULL, 0, NULL, 0, &dc) < 0 &&
	      errno == EINVAL && dc.status == (int32_t)0xC0000010, "unknown code");
	check("bad_input_pointer", devctl(fd, IOCTL_NTT_ECHO, (void *)bad_address, 4, out, 4, &dc) < 0 &&
	      errno == EFAULT, "bad pointer");
	check("null_buffer_with_length", devctl(fd, IOCTL_NTT_ECHO, NULL, 4, out, 4, &dc) < 0 &&
	      errno == EFAULT, "NULL with length");
	check("not_our_ioctl", ioctl(fd, 0x1234, 0) < 0 && errno == ENOTTY, "ioctl 0x1234");
}

static void check_access(void)
{
	struct ntshim_devctl dc;
	uint32_t access = 0;
	int fd = open(NODE, O_RDONLY);

	check("open_read_only", fd >= 0, "open");
	if (fd < 0)
		return;
	check("write_access_code_refused",
	      devctl(fd, IOCTL_NTT_WRITE_ACCESS, NULL, 0, NULL, 0, &dc) < 0 && errno == EACCES,
	      "write-access code");
	check("desired_access_is_generic_read",
	      !devctl(fd, IOCTL_NTT_ACCESS, NULL, 0, &access, sizeof(access), &dc) &&
	      access == 0x120089, "access (FILE_GENERIC_READ)");
	close(fd);
	fd = open(NODE, O_RDWR);
	check("write_access_code_with_write", fd >= 0 &&
	      !devctl(fd, IOCTL_NTT_WRITE_ACCESS, NULL, 0, NULL, 0, &dc), "write-access code");
	if (fd >= 0)
		close(fd);
}

static void check_exclusive(void)
{
	char buf[8] = "";
	int fd = open(RAW, O_RDWR), second;

	check("open_exclusive", fd >= 0, "open " RAW);
	second = open(RAW, O_RDWR);
	check("exclusive_second_open_busy", second < 0 && errno == EBUSY, "second open");
	if (second >= 0)
		close(second);
	if (fd < 0)
		return;
	check("neither_io_write_read", pwrite(fd, "xyz", 3, 0) == 3 && pread(fd, buf, 8, 0) == 3 &&
	      !memcmp(buf, "xyz", 3), "raw io");
	close(fd);
	fd = open(RAW, O_RDWR);
	check("exclusive_open_after_close", fd >= 0, "reopen");
	if (fd >= 0)
		close(fd);
}

/* DO_DIRECT_IO and the direct methods: the driver works in the program's pages. */
static void check_direct(void)
{
	struct ntshim_devctl dc;
	char buf[8192];
	int fd = open(DIRECT, O_RDWR), i, same = 1;

	check("open_direct", fd >= 0, "open " DIRECT);
	if (fd < 0)
		return;
	check("direct_write_read", pwrite(fd, "direct!", 7, 10) == 7 &&
	      pread(fd, buf, 7, 10) == 7 && !memcmp(buf, "direct!", 7), "direct io");
	check("direct_bad_pointer", pread(fd, (void *)bad_address, 4, 10) < 0 && errno == EFAULT,
	      "direct bad pointer");
	memset(buf, 0, sizeof(buf));
	check("out_direct_fills_across_pages",
	      !devctl(fd, IOCTL_NTT_FILL, "ab", 2, buf + 4000, 200, &dc) &&
	      dc.information == 200 && buf[3999] == 0 && buf[4200] == 0, "fill");
	for (i = 0; i < 200; i++)
		same &= buf[4000 + i] == "ab"[i % 2];
	check("out_direct_content", same, "fill content");
	memset(buf, 'q', 300);
	check("in_direct_reads_program_buffer",
	      !devctl(fd, IOCTL_NTT_COUNT, "q", 1, buf, 300, &dc) && dc.information == 300,
	      "count");
	check("direct_bad_output_pointer",
	      devctl(fd, IOCTL_NTT_FILL, "ab", 2, (void *)bad_address, 16, &dc) < 0 &&
	      errno == EFAULT, "bad direct output");
	close(fd);
}

static NTT_DEVIO_STATS stats(void)
{
	NTT_DEVIO_STATS s = { 0 };
	struct ntshim_devctl dc;
	int fd = open(NODE, O_RDONLY);

	if (fd >= 0) {
		devctl(fd, IOCTL_NTT_STATS, NULL, 0, &s, sizeof(s), &dc);
		close(fd);
	}
	return s;
}

/* dup and fork share one file object: one create, one cleanup, one close. */
static void check_sharing(void)
{
	NTT_DEVIO_STATS before = stats(), after;
	int fd = open(NODE, O_RDWR), fd2;
	pid_t child;

	fd2 = dup(fd);
	child = fork();
	if (child == 0) {
		close(fd);
		close(fd2);
		_exit(0);
	}
	waitpid(child, NULL, 0);
	close(fd);
	close(fd2);
	after = stats();
	/* The stats() calls themselves open and close once each. */
	check("dup_and_fork_share_one_file_object",
	      after.Creates - before.Creates == 2 && after.Cleanups - before.Cleanups == 2 &&
	      after.Closes - before.Closes == 2, "counts");
}

static void check_cycles(void)
{
	NTT_DEVIO_STATS before = stats(), after;
	struct ntshim_devctl dc;
	char out[4];
	int i, bad = 0;

	for (i = 0; i < CYCLES; i++) {
		int fd = open(NODE, O_RDWR);

		if (fd < 0 || devctl(fd, IOCTL_NTT_ECHO, "ok", 2, out, 4, &dc) || dc.information != 2)
			bad++;
		if (fd >= 0)
			close(fd);
	}
	after = stats();
	check("open_ioctl_close_cycles", !bad, "failed cycles");
	check("cycles_balanced", after.Creates - before.Creates == CYCLES + 1 &&
	      after.Closes - before.Closes == CYCLES + 1 &&
	      after.Cleanups - before.Cleanups == CYCLES + 1, "creates and closes");
}

/* Several processes at once on one device: every request answered right. */
static void check_hammering(void)
{
	NTT_DEVIO_STATS before = stats(), after;
	int i, status, bad = 0;

	for (i = 0; i < HAMMERS; i++) {
		if (fork() == 0) {
			struct ntshim_devctl dc;
			char in[8], out[8];
			int r, fd = open(NODE, O_RDWR), errors = 0;

			for (r = 0; r < HAMMER_ROUNDS && fd >= 0; r++) {
				snprintf(in, sizeof(in), "%d:%d", i, r % 100);
				if (devctl(fd, IOCTL_NTT_ECHO, in, strlen(in), out, sizeof(out), &dc) ||
				    dc.information != strlen(in) || memcmp(in, out, dc.information))
					errors++;
			}
			_exit(fd < 0 || errors ? 1 : 0);
		}
	}
	for (i = 0; i < HAMMERS; i++)
		if (wait(&status) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			bad++;
	after = stats();
	check("processes_hammering_one_device", !bad, "a process saw a wrong answer");
	check("hammering_balanced", after.Creates - before.Creates == HAMMERS + 1 &&
	      after.Closes - before.Closes == HAMMERS + 1, "creates and closes");
}

int main(void)
{
	int fd;

	check_nodes();
	fd = open(NODE, O_RDWR);
	check("open", fd >= 0, "open " NODE);
	if (fd >= 0) {
		check_read_write(fd);
		check_controls(fd);
		check_maximum(fd);
		close(fd);
	}
	check_device_name();
	check_access();
	check_exclusive();
	check_direct();
	check_sharing();
	check_cycles();
	check_hammering();
	return failures ? 1 : 0;
}
