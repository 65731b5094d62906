/*
 * pending.h - what ntt_pending (an NT driver) and its program
 * (tests/user/ntt_pending.c) agree on.  Plain C on both sides.
 */
#ifndef NTT_PENDING_H
#define NTT_PENDING_H

/* CTL_CODE(FILE_DEVICE_UNKNOWN, Function, METHOD_BUFFERED, FILE_ANY_ACCESS). */
#define NTT_PEND_CODE(Function)	((0x22u << 16) | ((Function) << 2))

#define IOCTL_NTT_PEND_LATER	NTT_PEND_CODE(0x900)	/* completed by a DPC, 100 ms on */
#define IOCTL_NTT_PEND_HELD	NTT_PEND_CODE(0x901)	/* held until cancelled */
#define IOCTL_NTT_PEND_STUCK	NTT_PEND_CODE(0x902)	/* held, with no cancel routine */
#define IOCTL_NTT_PEND_RELEASE	NTT_PEND_CODE(0x903)	/* completes the stuck one */
#define IOCTL_NTT_PEND_STATS	NTT_PEND_CODE(0x904)
#define IOCTL_NTT_PEND_EVENT	NTT_PEND_CODE(0x905)	/* input: an event handle, set 100 ms on */
#define IOCTL_NTT_PEND_KEEP	NTT_PEND_CODE(0x906)	/* input: an event handle, never let go */
#define IOCTL_NTT_PEND_FREE	NTT_PEND_CODE(0x907)	/* IoFreeIrp of its own IRP: refused */

typedef struct _NTT_PENDING_STATS {
	int Later;
	int Cancelled;
	int Released;
	int Cleanups;
	int CleanedUp;		/* held requests completed by IRP_MJ_CLEANUP */
	int Holding;		/* held now */
} NTT_PENDING_STATS;

#endif /* NTT_PENDING_H */
