/*
 * ioctl.h - the sample's control codes, shared by the driver and the
 * program: CTL_CODE(FILE_DEVICE_UNKNOWN, function, method, FILE_ANY_ACCESS)
 * spelled out, so the program needs no NT header.
 */
#ifndef SAMPLE_IOCTL_H
#define SAMPLE_IOCTL_H

#define SAMPLE_CODE(Function, Method)	((0x22u << 16) | ((Function) << 2) | (Method))

#define IOCTL_SAMPLE_BUFFERED	SAMPLE_CODE(0x900, 0)	/* METHOD_BUFFERED */
#define IOCTL_SAMPLE_IN_DIRECT	SAMPLE_CODE(0x901, 1)	/* METHOD_IN_DIRECT */
#define IOCTL_SAMPLE_OUT_DIRECT	SAMPLE_CODE(0x902, 2)	/* METHOD_OUT_DIRECT */
#define IOCTL_SAMPLE_NEITHER	SAMPLE_CODE(0x903, 3)	/* METHOD_NEITHER */

#endif /* SAMPLE_IOCTL_H */
