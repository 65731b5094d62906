/*
 * devio.h - what ntt_devio (an NT driver) and the program that drives it
 * (tests/user/ntt_devio.c) agree on: control codes and the statistics.
 * Plain C on both sides: no NT and no Linux header.
 */
#ifndef NTT_DEVIO_H
#define NTT_DEVIO_H

/* CTL_CODE(FILE_DEVICE_UNKNOWN, Function, Method, Access), spelled out. */
#define NTT_CODE(Function, Method, Access) \
	((0x22u << 16) | ((unsigned)(Access) << 14) | ((Function) << 2) | (Method))

#define NTT_BUFFERED		0
#define NTT_IN_DIRECT		1
#define NTT_OUT_DIRECT		2
#define NTT_NEITHER		3
#define NTT_ANY_ACCESS		0
#define NTT_WRITE_ACCESS	2

#define IOCTL_NTT_ECHO		NTT_CODE(0x800, NTT_BUFFERED, NTT_ANY_ACCESS)
#define IOCTL_NTT_TOO_MUCH	NTT_CODE(0x801, NTT_BUFFERED, NTT_ANY_ACCESS)
#define IOCTL_NTT_WRITE_ACCESS	NTT_CODE(0x802, NTT_BUFFERED, NTT_WRITE_ACCESS)
#define IOCTL_NTT_UPPER		NTT_CODE(0x803, NTT_NEITHER, NTT_ANY_ACCESS)
#define IOCTL_NTT_STATS		NTT_CODE(0x804, NTT_BUFFERED, NTT_ANY_ACCESS)
#define IOCTL_NTT_ACCESS	NTT_CODE(0x805, NTT_BUFFERED, NTT_ANY_ACCESS)
#define IOCTL_NTT_COUNT		NTT_CODE(0x806, NTT_IN_DIRECT, NTT_ANY_ACCESS)
#define IOCTL_NTT_FILL		NTT_CODE(0x807, NTT_OUT_DIRECT, NTT_ANY_ACCESS)
#define IOCTL_NTT_PROBED	NTT_CODE(0x808, NTT_NEITHER, NTT_ANY_ACCESS)
#define IOCTL_NTT_INDIRECT	NTT_CODE(0x809, NTT_NEITHER, NTT_ANY_ACCESS)
#define IOCTL_NTT_LATE		NTT_CODE(0x80a, NTT_BUFFERED, NTT_ANY_ACCESS)
#define IOCTL_NTT_UNKNOWN	NTT_CODE(0x8ff, NTT_BUFFERED, NTT_ANY_ACCESS)

/* IOCTL_NTT_INDIRECT's input: a pointer into the program, as some drivers take. */
typedef struct _NTT_INDIRECT {
	unsigned long long Address;
	unsigned int Length;
} NTT_INDIRECT;

/* Requests the driver has seen, by kind. */
typedef struct _NTT_DEVIO_STATS {
	int Creates;
	int Cleanups;
	int Closes;
	int Flushes;
} NTT_DEVIO_STATS;

#endif /* NTT_DEVIO_H */
