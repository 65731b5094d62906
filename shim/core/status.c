// SPDX-License-Identifier: GPL-2.0
/*
 * NTSTATUS names for log lines, and the errno a failed DriverEntry becomes.
 */
#include "core.h"
#include <linux/errno.h>

static const struct {
	NTSTATUS status;
	const char *name;
} ntshim_status_names[] = {
#define NTSHIM_STATUS(s) { s, #s },
#include <status_names.h>
#undef NTSHIM_STATUS
};

const char *ntshim_status_name(NTSTATUS status)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ntshim_status_names); i++)
		if (ntshim_status_names[i].status == status)
			return ntshim_status_names[i].name;
	return "an unnamed status";
}

static const struct {
	NTSTATUS status;
	int err;
} ntshim_status_errnos[] = {
	{ STATUS_INSUFFICIENT_RESOURCES, -ENOMEM },
	{ STATUS_NO_MEMORY, -ENOMEM },
	{ STATUS_NO_SUCH_DEVICE, -ENODEV },
	{ STATUS_DEVICE_DOES_NOT_EXIST, -ENODEV },
	{ STATUS_DEVICE_NOT_CONNECTED, -ENODEV },
	{ STATUS_NOT_FOUND, -ENOENT },
	{ STATUS_OBJECT_NAME_NOT_FOUND, -ENOENT },
	{ STATUS_NO_SUCH_FILE, -ENOENT },
	{ STATUS_INVALID_PARAMETER, -EINVAL },
	{ STATUS_INVALID_DEVICE_REQUEST, -EINVAL },
	{ STATUS_INVALID_IMAGE_FORMAT, -ENOEXEC },
	{ STATUS_NOT_IMPLEMENTED, -EOPNOTSUPP },
	{ STATUS_NOT_SUPPORTED, -EOPNOTSUPP },
	{ STATUS_ACCESS_DENIED, -EACCES },
	{ STATUS_PRIVILEGE_NOT_HELD, -EPERM },
	{ STATUS_DEVICE_BUSY, -EBUSY },
	{ STATUS_SHARING_VIOLATION, -EBUSY },
	{ STATUS_CONFLICTING_ADDRESSES, -EBUSY },
	{ STATUS_OBJECT_NAME_COLLISION, -EEXIST },
	{ STATUS_IO_TIMEOUT, -ETIMEDOUT },
	{ STATUS_DEVICE_NOT_READY, -EAGAIN },
	{ STATUS_RETRY, -EAGAIN },
	{ STATUS_CANCELLED, -ECANCELED },
	{ STATUS_BUFFER_TOO_SMALL, -ENOBUFS },
	{ STATUS_DISK_FULL, -ENOSPC },
	{ STATUS_END_OF_FILE, -ENODATA },
	{ STATUS_INVALID_USER_BUFFER, -EFAULT },
	{ STATUS_ACCESS_VIOLATION, -EFAULT },
	{ STATUS_IO_DEVICE_ERROR, -EIO },
	{ STATUS_UNSUCCESSFUL, -EIO },
};

int ntshim_status_to_errno(NTSTATUS status)
{
	size_t i;

	if (NT_SUCCESS(status))
		return 0;
	for (i = 0; i < ARRAY_SIZE(ntshim_status_errnos); i++)
		if (ntshim_status_errnos[i].status == status)
			return ntshim_status_errnos[i].err;
	return -EIO;
}
