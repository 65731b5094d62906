/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ntshim's user-space interface: NT devices under /dev/nt, and
 * DeviceIoControl as one ioctl.
 *
 * Open /dev/nt/<link name> (IRP_MJ_CREATE), then read/write/pread/pwrite
 * (IRP_MJ_READ/WRITE), fsync (IRP_MJ_FLUSH_BUFFERS) and close
 * (IRP_MJ_CLEANUP and IRP_MJ_CLOSE) as with any device.  For a control
 * code, fill a struct ntshim_devctl and call ioctl(fd, NTSHIM_IOC_DEVCTL,
 * &dc): the request runs with the code's transfer method, and on return
 * status holds the NTSTATUS and information the IoStatus.Information,
 * never more than out_length.  The call returns 0 when status is a
 * success or a warning (STATUS_BUFFER_OVERFLOW: partial data), otherwise
 * -1 with errno set from the status (dc is filled in either case); errno
 * alone (EFAULT, EACCES for access bits the handle lacks, EINVAL for a
 * bad struct) means the request never reached the driver.
 */
#ifndef _UAPI_LINUX_NTSHIM_H
#define _UAPI_LINUX_NTSHIM_H

#include <linux/ioctl.h>
#include <linux/types.h>

struct ntshim_devctl {
	__u32 code;		/* the NT control code (CTL_CODE) */
	__u32 in_length;	/* bytes at in */
	__u32 out_length;	/* bytes at out */
	__s32 status;		/* out: the final NTSTATUS */
	__u64 in;		/* user pointer to the input, or 0 */
	__u64 out;		/* user pointer to the output, or 0 */
	__u64 information;	/* out: IoStatus.Information */
};

#define NTSHIM_IOC_DEVCTL	_IOWR('N', 0x01, struct ntshim_devctl)

#endif /* _UAPI_LINUX_NTSHIM_H */
