// SPDX-License-Identifier: GPL-2.0
/*
 * ntctl: talk to an NT driver's device from the shell.
 *
 *   ntctl ioctl DEVICE CODE [INPUT] [-o LENGTH]   DeviceIoControl
 *   ntctl read DEVICE LENGTH [-O OFFSET]          ReadFile
 *   ntctl write DEVICE INPUT [-O OFFSET]          WriteFile
 *
 * DEVICE is a name under /dev/nt (a \DosDevices link, or Device/NAME for
 * the device \Device\NAME) or a path (starting with / or .); CODE a
 * number (0x22e004) or TYPE,FUNCTION,METHOD,ACCESS as CTL_CODE takes them;
 * INPUT one of -x HEX, -s STRING or -f FILE.  Prints the status (name and
 * value), the byte count and the output as hex and text; exits 0 for a
 * success or a warning, 1 for an error status, 2 if the request never
 * reached the driver.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/ntshim.h>

static const struct {
	uint32_t value;
	const char *name;
} statuses[] = {
#include "ntstatus_table.h"
};

#define MAX_BUFFER	(16u << 20)

static void usage(void)
{
	fprintf(stderr, "usage: ntctl ioctl DEVICE CODE [-x HEX | -s STRING | -f FILE] [-o LENGTH]\n"
			"       ntctl read DEVICE LENGTH [-O OFFSET]\n"
			"       ntctl write DEVICE (-x HEX | -s STRING | -f FILE) [-O OFFSET]\n");
	exit(2);
}

static const char *status_name(uint32_t status)
{
	size_t i;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].value == status)
			return statuses[i].name;
	return "(unknown)";
}

static unsigned long number(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (!*s || *end) {
		fprintf(stderr, "ntctl: %s is not a number\n", s);
		exit(2);
	}
	return v;
}

/* A number, or TYPE,FUNCTION,METHOD,ACCESS. */
static uint32_t control_code(const char *s)
{
	long t, f, m, a;

	if (sscanf(s, "%li,%li,%li,%li", &t, &f, &m, &a) == 4)
		return (uint32_t)((t << 16) | (a << 14) | (f << 2) | m);
	return (uint32_t)number(s);
}

static size_t read_input(const char *kind, const char *arg, unsigned char *buf)
{
	size_t n = 0;
	FILE *f;

	if (!strcmp(kind, "-s")) {
		n = strlen(arg);
		if (n > MAX_BUFFER)
			usage();
		memcpy(buf, arg, n);
	} else if (!strcmp(kind, "-x")) {
		for (; arg[0] && arg[1] && n < MAX_BUFFER; arg += 2) {
			unsigned int byte;

			while (*arg == ' ' || *arg == ':')
				arg++;
			if (sscanf(arg, "%2x", &byte) != 1)
				usage();
			buf[n++] = (unsigned char)byte;
		}
	} else if (!strcmp(kind, "-f")) {
		f = fopen(arg, "rb");
		if (!f) {
			perror(arg);
			exit(2);
		}
		n = fread(buf, 1, MAX_BUFFER, f);
		fclose(f);
	} else {
		usage();
	}
	return n;
}

static void dump(const unsigned char *buf, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i += 16) {
		printf("%04zx ", i);
		for (j = i; j < i + 16; j++)
			j < n ? printf(" %02x", buf[j]) : printf("   ");
		printf("  ");
		for (j = i; j < i + 16 && j < n; j++)
			putchar(buf[j] >= 0x20 && buf[j] < 0x7f ? buf[j] : '.');
		putchar('\n');
	}
}

static int open_device(const char *name, int flags)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s%s", name[0] == '/' || name[0] == '.' ? "" : "/dev/nt/",
		 name);
	fd = open(path, flags);
	if (fd < 0) {
		fprintf(stderr, "ntctl: %s: %s\n", path, strerror(errno));
		exit(2);
	}
	return fd;
}

static int report(int32_t status, uint64_t information, const unsigned char *out, size_t n)
{
	printf("status: %s (0x%08x)\n", status_name((uint32_t)status), (uint32_t)status);
	printf("information: %llu\n", (unsigned long long)information);
	dump(out, n);
	/* Successes and warnings (NT_SUCCESS, NT_WARNING) did their work. */
	return ((uint32_t)status >> 30) == 3 ? 1 : 0;
}

static int do_ioctl(int argc, char **argv, unsigned char *in, unsigned char *out)
{
	struct ntshim_devctl dc = { 0 };
	int i, fd;

	if (argc < 4)
		usage();
	dc.code = control_code(argv[3]);
	for (i = 4; i < argc; i += 2) {
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "-o"))
			dc.out_length = (uint32_t)number(argv[i + 1]);
		else
			dc.in_length = (uint32_t)read_input(argv[i], argv[i + 1], in);
	}
	if (dc.out_length > MAX_BUFFER)
		usage();
	dc.in = (uintptr_t)in;
	dc.out = (uintptr_t)out;
	fd = open_device(argv[2], O_RDWR);
	if (ioctl(fd, NTSHIM_IOC_DEVCTL, &dc) < 0 && !dc.status) {
		fprintf(stderr, "ntctl: %s\n", strerror(errno));
		return 2;
	}
	close(fd);
	return report(dc.status, dc.information, out, dc.information);
}

static int do_transfer(int argc, char **argv, unsigned char *buf, int write_it)
{
	off_t offset = 0;
	size_t n = 0;
	ssize_t done;
	int i, fd;

	if (argc < 4)
		usage();
	i = write_it ? 3 : 4;
	if (write_it) {
		if (argc < 5)
			usage();
		n = read_input(argv[3], argv[4], buf);
		i = 5;
	} else {
		n = number(argv[3]);
		if (n > MAX_BUFFER)
			usage();
	}
	for (; i < argc; i += 2) {
		if (i + 1 >= argc || strcmp(argv[i], "-O"))
			usage();
		offset = (off_t)number(argv[i + 1]);
	}
	fd = open_device(argv[2], write_it ? O_WRONLY : O_RDONLY);
	done = write_it ? pwrite(fd, buf, n, offset) : pread(fd, buf, n, offset);
	close(fd);
	if (done < 0) {
		printf("error: %s\n", strerror(errno));
		return 1;
	}
	printf("bytes: %zd\n", done);
	if (!write_it)
		dump(buf, (size_t)done);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned char *in = calloc(1, MAX_BUFFER), *out = calloc(1, MAX_BUFFER);

	if (argc < 3 || !in || !out)
		usage();
	if (!strcmp(argv[1], "ioctl"))
		return do_ioctl(argc, argv, in, out);
	if (!strcmp(argv[1], "read"))
		return do_transfer(argc, argv, out, 0);
	if (!strcmp(argv[1], "write"))
		return do_transfer(argc, argv, in, 1);
	usage();
	return 2;
}
