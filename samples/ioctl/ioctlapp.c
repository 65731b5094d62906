// SPDX-License-Identifier: GPL-2.0
/*
 * ioctlapp: what a Windows test application does with the ioctl sample
 * (CreateFile, WriteFile, ReadFile, DeviceIoControl with each method),
 * done by a Linux program through /dev/nt and <linux/ntshim.h>.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/ntshim.h>
#include "ioctl.h"

static int control(int fd, uint32_t code, const void *in, uint32_t in_len, void *out,
		   uint32_t out_len, struct ntshim_devctl *dc)
{
	memset(dc, 0, sizeof(*dc));
	dc->code = code;
	dc->in = (uintptr_t)in;
	dc->in_length = in_len;
	dc->out = (uintptr_t)out;
	dc->out_length = out_len;
	if (ioctl(fd, NTSHIM_IOC_DEVCTL, dc) < 0) {
		printf("  code 0x%08x: %s (status 0x%08x)\n", code, strerror(errno),
		       (uint32_t)dc->status);
		return -1;
	}
	return 0;
}

int main(void)
{
	struct ntshim_devctl dc;
	char text[64] = "hello from linux", out[64] = "", reply[64] = "";
	uint32_t sum = 0;
	int fd = open("/dev/nt/NtIoctl", O_RDWR), errors = 0;
	ssize_t n;

	if (fd < 0) {
		perror("/dev/nt/NtIoctl");
		return 1;
	}
	n = write(fd, "a message for the driver", 24);
	printf("WriteFile: %zd bytes\n", n);
	n = pread(fd, reply, sizeof(reply) - 1, 0);
	printf("ReadFile: %zd bytes: \"%s\"\n", n, n > 0 ? reply : "");
	errors += n != 24;

	errors += control(fd, IOCTL_SAMPLE_BUFFERED, text, strlen(text), out, sizeof(out), &dc);
	printf("METHOD_BUFFERED: %llu bytes back: \"%.*s\"\n",
	       (unsigned long long)dc.information, (int)dc.information, out);
	errors += strcmp(out, "HELLO FROM LINUX") != 0;

	errors += control(fd, IOCTL_SAMPLE_IN_DIRECT, &sum, sizeof(sum), text, 5, &dc);
	printf("METHOD_IN_DIRECT: the driver read %llu bytes of \"%.5s\" in place\n",
	       (unsigned long long)dc.information, text);
	errors += dc.information != 5;

	memset(out, 0, sizeof(out));
	errors += control(fd, IOCTL_SAMPLE_OUT_DIRECT, NULL, 0, out, sizeof(out) - 1, &dc);
	printf("METHOD_OUT_DIRECT: %llu bytes written in place: \"%s\"\n",
	       (unsigned long long)dc.information, out);
	errors += strcmp(out, "a message for the driver") != 0;

	memset(out, 0, sizeof(out));
	errors += control(fd, IOCTL_SAMPLE_NEITHER, "stressed", 8, out, sizeof(out), &dc);
	printf("METHOD_NEITHER: %llu bytes: \"%s\"\n", (unsigned long long)dc.information, out);
	errors += strcmp(out, "desserts") != 0;

	close(fd);
	printf("%s\n", errors ? "some requests went wrong" : "every request answered");
	return errors ? 1 : 0;
}
