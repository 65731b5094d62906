/*
 * benchio.h - what make bench's request round trips agree on: the NT
 * driver (tests/drivers/io/benchio.c), the Linux device in ntshim_bench.ko
 * doing the same copies, and the program timing both (tests/user/
 * ntt_benchio.c).  Plain C, no headers.
 */
#ifndef NTT_BENCHIO_H
#define NTT_BENCHIO_H

/* CTL_CODE(FILE_DEVICE_UNKNOWN, 0xA00, METHOD_BUFFERED, FILE_ANY_ACCESS): echoes its input. */
#define IOCTL_NTT_BENCH_ECHO	((0x22u << 16) | (0xa00 << 2))
/* The largest read either device fills, from a buffer of its own. */
#define NTT_BENCH_READ_MAX	(1u << 20)

/* The Linux device's echo request: its input copied in, then out. */
struct ntshim_bench_echo {
	unsigned long long in;
	unsigned long long out;
	unsigned int in_length;
	unsigned int out_length;
};

/* _IOWR('n', 0x40, struct ntshim_bench_echo) */
#define NTSHIM_BENCH_IOC_ECHO	0xc0186e40u

#endif /* NTT_BENCHIO_H */
