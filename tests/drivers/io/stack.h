/*
 * stack.h - what ntt_lower, ntt_upper (a filter attached above it) and the
 * harness agree on.  Plain C.
 */
#ifndef NTT_STACK_H
#define NTT_STACK_H

/* CTL_CODE(FILE_DEVICE_UNKNOWN, Function, METHOD_BUFFERED, FILE_ANY_ACCESS). */
#define IOCTL_NTT_WHO		((0x22u << 16) | (0x900 << 2))	/* answers "lower" */
#define IOCTL_NTT_FILTERED	((0x22u << 16) | (0x901 << 2))	/* the filter's own */
#define IOCTL_NTT_OPENS		((0x22u << 16) | (0x902 << 2))	/* creates, cleanups, closes */
#define IOCTL_NTT_UNREF		((0x22u << 16) | (0x903 << 2))	/* a dereference it never took */

#endif /* NTT_STACK_H */
