// SPDX-License-Identifier: GPL-2.0
/*
 * File objects: what a program's open() of /dev/nt/X makes, and the IRPs
 * its calls send to the device's driver.
 *
 *   open     IRP_MJ_CREATE with a FILE_OBJECT the driver may keep context
 *            in (FsContext, FsContext2) until IRP_MJ_CLOSE
 *   read/write, pread/pwrite   IRP_MJ_READ/WRITE at the file position
 *   fsync    IRP_MJ_FLUSH_BUFFERS
 *   ioctl    NTSHIM_IOC_DEVCTL: IRP_MJ_DEVICE_CONTROL (uapi/linux/ntshim.h)
 *   last close   IRP_MJ_CLEANUP, then IRP_MJ_CLOSE
 *
 * One struct file is one file object, so dup() and fork() share it.
 * Buffers: DO_BUFFERED_IO and METHOD_BUFFERED get a SystemBuffer, zeroed,
 * so nothing the driver did not write reaches the program; neither-mode
 * requests (no DO_*_IO flag, METHOD_NEITHER) get kernel copies of the
 * program's buffers in UserBuffer and Type3InputBuffer, where NT hands
 * the driver the raw user addresses: a driver can never fault on a user
 * address here, and ProbeForRead/ProbeForWrite accept those copies (see
 * ex/exception.c).  Direct I/O (DO_DIRECT_IO, METHOD_IN/OUT_DIRECT) gets an
 * MDL over the program's buffer, pinned and mapped.  A handle
 * holds its driver's module, so the driver cannot unload while a program
 * has it open (rmmod says it is in use).  Requests are synchronous: a
 * driver that returns STATUS_PENDING is waited for until it completes.
 */
#include "io.h"
#include "../ex/ex.h"
#include "../ke/ke.h"
#include "../mm/mm.h"
#include "../rtl/rtl.h"
#include "../uapi/linux/ntshim.h"
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

/* One request's buffer at most; a longer read or write is done in part. */
#define FILE_MAX_TRANSFER	(16U << 20)

struct ntshim_file {
	FILE_OBJECT object;
	PDEVICE_OBJECT device;		/* referenced */
	struct module *module;		/* the driver's, held */
};

/* What the request carries besides its stack location. */
struct file_request {
	UCHAR major;
	PVOID system_buffer;
	PVOID user_buffer;
	PMDL mdl;
	ULONG flags;
	IO_STACK_LOCATION params;
	struct ntshim_seh_window window;	/* neither-mode buffers: what probes accept */
};

/*
 * Calls the driver inside a frame of ntshim's own: probes accept the
 * request's buffers while it runs, and a raise no __try of the driver's
 * takes (NT stops the system there) ends here, reported.
 */
static NTSTATUS file_dispatch(struct ntshim_file *f, PIRP irp, struct file_request *r)
{
	NTSHIM_SEH_FRAME frame = {};
	NTSTATUS status;

	if (NtshimSehSave(frame.Context)) {
		ntshim_seh_leave(&frame);
		ntshim_irql_leave(PASSIVE_LEVEL, "dispatch routine",
				  f->device->DriverObject->MajorFunction[r->major]);
		ntshim_complain(NTC_EXCEPTION_UNHANDLED,
				f->device->DriverObject->MajorFunction[r->major],
				"%s raised in major function %u with no __try to take it (NT stops the system: KMODE_EXCEPTION_NOT_HANDLED): the request is left to the driver",
				ntshim_status_name(frame.Code), r->major);
		return frame.Code;
	}
	ntshim_seh_enter(&frame, &r->window);
	status = ntshim_irp_call(f->device, irp, NULL);
	ntshim_seh_leave(&frame);
	return status;
}

/*
 * Sends one IRP and waits for its completion.  The IRP is freed here
 * unless the driver returned without completing it, which is reported.
 */
static NTSTATUS file_call(struct ntshim_file *f, struct file_request *r, ULONG_PTR *info)
{
	IO_STATUS_BLOCK iosb = { .Status = STATUS_PENDING };
	PIO_STACK_LOCATION stack;
	KEVENT done;
	NTSTATUS status;
	PIRP irp;

	irp = ntshim_irp_alloc(f->device->StackSize, NULL);
	if (!irp)
		return STATUS_INSUFFICIENT_RESOURCES;
	ntshim_event_init(&done, NotificationEvent, FALSE);
	irp->UserEvent = &done;
	irp->UserIosb = &iosb;
	irp->RequestorMode = UserMode;
	irp->Flags = r->flags;
	irp->AssociatedIrp.SystemBuffer = r->system_buffer;
	irp->UserBuffer = r->user_buffer;
	irp->MdlAddress = r->mdl;
	irp->Tail.Overlay.OriginalFileObject = &f->object;
	stack = IoGetNextIrpStackLocation(irp);
	stack->MajorFunction = r->major;
	stack->Parameters = r->params.Parameters;
	stack->FileObject = &f->object;
	status = file_dispatch(f, irp, r);
	if (status == STATUS_PENDING)
		ntshim_wait_single(&done, NULL);
	if (!READ_ONCE(done.Header.SignalState)) {
		ntshim_complain(NTC_IRP_MISUSE, f->device->DriverObject->MajorFunction[r->major],
				"major function %u returned 0x%08x without completing the IRP: left to it",
				r->major, status);
		return status;
	}
	*info = iosb.Information;
	ntshim_irp_free(irp, NULL);
	return iosb.Status;
}

/* Success or warning: the request did its work (NT_WARNING: partial data). */
static bool file_done(NTSTATUS status)
{
	return NT_SUCCESS(status) || NT_WARNING(status);
}

/* Information never reaches past the caller's buffer. */
static ULONG_PTR file_clamp(struct ntshim_file *f, UCHAR major, ULONG_PTR info, size_t max)
{
	if (info <= max)
		return info;
	ntshim_complain(NTC_IRP_MISUSE, f->device->DriverObject->MajorFunction[major],
			"major function %u reported %lu bytes of a %zu-byte buffer: clamped",
			major, (unsigned long)info, max);
	return max;
}

static ACCESS_MASK file_access(fmode_t mode)
{
	ACCESS_MASK access = SYNCHRONIZE;

	if (mode & FMODE_READ)
		access |= FILE_GENERIC_READ;
	if (mode & FMODE_WRITE)
		access |= FILE_GENERIC_WRITE;
	return access;
}

static struct ntshim_file *file_alloc(PDEVICE_OBJECT device, struct file *filp)
{
	struct ntshim_file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->device = device;
	f->object.Type = IO_TYPE_FILE;
	f->object.Size = sizeof(FILE_OBJECT);
	f->object.DeviceObject = device;
	f->object.ReadAccess = !!(filp->f_mode & FMODE_READ);
	f->object.WriteAccess = !!(filp->f_mode & FMODE_WRITE);
	ntshim_event_init(&f->object.Lock, SynchronizationEvent, FALSE);
	ntshim_event_init(&f->object.Event, NotificationEvent, FALSE);
	InitializeListHead(&f->object.IrpList);
	return f;
}

static int file_create(struct ntshim_file *f, struct file *filp)
{
	IO_SECURITY_CONTEXT security = { .DesiredAccess = file_access(filp->f_mode) };
	struct file_request r = { .major = IRP_MJ_CREATE };
	ULONG_PTR info;
	NTSTATUS status;

	r.params.Parameters.Create.SecurityContext = &security;
	r.params.Parameters.Create.Options = FILE_OPEN << 24;
	r.params.Parameters.Create.ShareAccess = FILE_SHARE_READ | FILE_SHARE_WRITE;
	status = file_call(f, &r, &info);
	if (!NT_SUCCESS(status))
		return ntshim_status_to_errno(status);
	f->object.Flags |= FO_HANDLE_CREATED;
	return 0;
}

static void file_drop(struct ntshim_file *f)
{
	ntshim_device_close(f->device);
	ntshim_device_put(f->device);
	module_put(f->module);
	kfree(f);
}

static int file_open(struct inode *inode, struct file *filp)
{
	PDEVICE_OBJECT device = ntshim_link_device(inode->i_rdev);
	struct ntshim_file *f;
	int err;

	if (!device)
		return -ENXIO;
	if (!ntshim_device_mode(device)) {
		ntshim_device_put(device);
		return -EACCES;		/* SDDL_DEVOBJ_KERNEL_ONLY */
	}
	/* Still being set up by its driver: NT's STATUS_NO_SUCH_DEVICE. */
	if (READ_ONCE(device->Flags) & DO_DEVICE_INITIALIZING) {
		ntshim_device_put(device);
		return -ENODEV;
	}
	if (!ntshim_device_open(device)) {
		ntshim_device_put(device);
		return -EBUSY;		/* an exclusive device, open already */
	}
	f = file_alloc(device, filp);
	if (f)
		f->module = ntshim_driver_module(ntshim_device_driver(device));
	if (!f || !try_module_get(f->module)) {
		ntshim_device_close(device);
		ntshim_device_put(device);
		kfree(f);
		return f ? -ENXIO : -ENOMEM;
	}
	err = file_create(f, filp);
	if (err) {
		file_drop(f);
		return err;
	}
	filp->private_data = f;
	return 0;
}

static int file_release(struct inode *inode, struct file *filp)
{
	struct ntshim_file *f = filp->private_data;
	struct file_request r = { .major = IRP_MJ_CLEANUP };
	ULONG_PTR info;

	file_call(f, &r, &info);
	r.major = IRP_MJ_CLOSE;
	file_call(f, &r, &info);
	file_drop(f);
	return 0;
}

/*
 * Direct I/O: an MDL over the program's own buffer, its pages pinned and
 * mapped before the driver sees it; NULL with *err set if it cannot be.
 */
static PMDL file_mdl(void __user *ubuf, ULONG len, LOCK_OPERATION op, int *err)
{
	PMDL mdl;

	*err = 0;
	if (!len)
		return NULL;
	mdl = ntshim_mdl_alloc((PVOID)ubuf, len, NULL);
	if (!mdl) {
		*err = -ENOMEM;
		return NULL;
	}
	if (!ntshim_mdl_lock(mdl, op)) {
		*err = -EFAULT;
	} else if (!ntshim_mdl_map(mdl)) {
		ntshim_mdl_unlock(mdl);
		*err = -ENOMEM;
	}
	if (*err) {
		ntshim_pool_free(mdl, 0, false, NULL);
		return NULL;
	}
	return mdl;
}

static void file_mdl_free(PMDL mdl)
{
	if (!mdl)
		return;
	ntshim_mdl_unlock(mdl);
	ntshim_pool_free(mdl, 0, false, NULL);
}

/* Sends the read or write at pos: bytes done (clamped), 0 at end of file, or -errno. */
static ssize_t file_rw_call(struct ntshim_file *f, struct file_request *r, ULONG len, loff_t pos,
			    bool write)
{
	ULONG_PTR info = 0;
	NTSTATUS status;

	r->params.Parameters.Read.Length = len;
	r->params.Parameters.Read.ByteOffset.QuadPart = pos;
	status = file_call(f, r, &info);
	if (status == STATUS_END_OF_FILE && !write)
		return 0;
	if (!file_done(status))
		return ntshim_status_to_errno(status);
	return file_clamp(f, r->major, info, len);
}

static ssize_t file_direct(struct ntshim_file *f, struct file_request *r, char __user *ubuf,
			   ULONG len, loff_t *pos, bool write)
{
	ssize_t ret;
	int err;

	r->mdl = file_mdl(ubuf, len, write ? IoReadAccess : IoWriteAccess, &err);
	if (err)
		return err;
	ret = file_rw_call(f, r, len, *pos, write);
	file_mdl_free(r->mdl);
	if (ret > 0)
		*pos += ret;
	return ret;
}

/* A read or a write through a kernel buffer (buffered, or neither). */
static ssize_t file_transfer(struct file *filp, char __user *ubuf, size_t count, loff_t *pos,
			     bool write)
{
	struct ntshim_file *f = filp->private_data;
	struct file_request r = { .major = write ? IRP_MJ_WRITE : IRP_MJ_READ };
	ULONG len = min_t(size_t, count, FILE_MAX_TRANSFER);
	ssize_t ret;
	void *buf;

	if (f->device->Flags & DO_DIRECT_IO)
		return file_direct(f, &r, ubuf, len, pos, write);
	buf = kvzalloc(len ?: 1, GFP_KERNEL | __GFP_NOWARN);
	if (!buf)
		return -ENOMEM;
	if (write && copy_from_user(buf, ubuf, len)) {
		kvfree(buf);
		return -EFAULT;
	}
	if (f->device->Flags & DO_BUFFERED_IO) {
		r.system_buffer = buf;
		r.flags = IRP_BUFFERED_IO | (write ? 0 : IRP_INPUT_OPERATION);
	} else {
		r.user_buffer = buf;
		r.window.base[0] = buf;
		r.window.len[0] = len;
	}
	ret = file_rw_call(f, &r, len, *pos, write);
	if (ret > 0 && !write && copy_to_user(ubuf, buf, ret))
		ret = -EFAULT;
	else if (ret > 0)
		*pos += ret;
	kvfree(buf);
	return ret;
}

static ssize_t file_read(struct file *filp, char __user *buf, size_t count, loff_t *pos)
{
	return file_transfer(filp, buf, count, pos, false);
}

static ssize_t file_write(struct file *filp, const char __user *buf, size_t count, loff_t *pos)
{
	return file_transfer(filp, (char __user *)buf, count, pos, true);
}

static int file_fsync(struct file *filp, loff_t start, loff_t end, int datasync)
{
	struct file_request r = { .major = IRP_MJ_FLUSH_BUFFERS };
	ULONG_PTR info;
	NTSTATUS status = file_call(filp->private_data, &r, &info);

	return file_done(status) ? 0 : ntshim_status_to_errno(status);
}

/* The program's buffers, in kernel memory, as the control code's method has them. */
struct devctl_buffers {
	void *system;		/* METHOD_BUFFERED: input, then output; direct: input */
	PMDL mdl;		/* METHOD_IN/OUT_DIRECT: the output buffer */
	void *input;		/* METHOD_NEITHER: Type3InputBuffer */
	void *output;		/* METHOD_NEITHER: UserBuffer */
};

static int devctl_buffers(const struct ntshim_devctl *dc, struct devctl_buffers *b)
{
	const void __user *in = u64_to_user_ptr(dc->in);
	size_t len = max(dc->in_length, dc->out_length);
	ULONG method = dc->code & 3;
	int err;

	if (method == METHOD_IN_DIRECT || method == METHOD_OUT_DIRECT) {
		/* The input is buffered; the output buffer is the device's, in place. */
		b->mdl = file_mdl(u64_to_user_ptr(dc->out), dc->out_length,
				  method == METHOD_IN_DIRECT ? IoReadAccess : IoWriteAccess, &err);
		if (err)
			return err;
		len = dc->in_length;
	}
	if (method != METHOD_NEITHER) {
		if (!len)
			return 0;
		b->system = kvzalloc(len, GFP_KERNEL | __GFP_NOWARN);
		if (!b->system)
			return -ENOMEM;
		return copy_from_user(b->system, in, dc->in_length) ? -EFAULT : 0;
	}
	if (dc->in_length) {
		b->input = kvmalloc(dc->in_length, GFP_KERNEL | __GFP_NOWARN);
		if (!b->input)
			return -ENOMEM;
		if (copy_from_user(b->input, in, dc->in_length))
			return -EFAULT;
	}
	if (dc->out_length) {
		b->output = kvzalloc(dc->out_length, GFP_KERNEL | __GFP_NOWARN);
		if (!b->output)
			return -ENOMEM;
	}
	return 0;
}

/* The handle must have the access the code asks for (its bits 14-15). */
static int devctl_check(struct ntshim_file *f, struct file *filp,
			const struct ntshim_devctl *dc)
{
	ULONG access = (dc->code >> 14) & 3;

	if (((access & FILE_READ_ACCESS) && !(filp->f_mode & FMODE_READ)) ||
	    ((access & FILE_WRITE_ACCESS) && !(filp->f_mode & FMODE_WRITE)))
		return -EACCES;
	if (dc->in_length > FILE_MAX_TRANSFER || dc->out_length > FILE_MAX_TRANSFER)
		return -EINVAL;
	if ((dc->in_length && !dc->in) || (dc->out_length && !dc->out))
		return -EFAULT;
	return 0;
}

static long file_devctl(struct file *filp, struct ntshim_devctl __user *arg)
{
	struct ntshim_file *f = filp->private_data;
	struct file_request r = { .major = IRP_MJ_DEVICE_CONTROL };
	struct devctl_buffers b = {};
	struct ntshim_devctl dc;
	ULONG_PTR info = 0;
	NTSTATUS status;
	void *out;
	int err;

	if (copy_from_user(&dc, arg, sizeof(dc)))
		return -EFAULT;
	err = devctl_check(f, filp, &dc) ?: devctl_buffers(&dc, &b);
	if (err)
		goto out;
	r.system_buffer = b.system;
	r.user_buffer = b.output;
	r.mdl = b.mdl;
	r.flags = b.system ? IRP_BUFFERED_IO | (dc.out_length ? IRP_INPUT_OPERATION : 0) : 0;
	r.params.Parameters.DeviceIoControl.OutputBufferLength = dc.out_length;
	r.params.Parameters.DeviceIoControl.InputBufferLength = dc.in_length;
	r.params.Parameters.DeviceIoControl.IoControlCode = dc.code;
	r.params.Parameters.DeviceIoControl.Type3InputBuffer = b.input;
	r.window = (struct ntshim_seh_window){ { b.input, b.output }, { dc.in_length, dc.out_length } };
	status = file_call(f, &r, &info);
	info = file_clamp(f, r.major, info, dc.out_length);
	/* Direct output is in place already. */
	out = b.mdl ? NULL : b.system ?: b.output;
	dc.status = status;
	dc.information = info;
	if (file_done(status) && info && out &&
	    copy_to_user(u64_to_user_ptr(dc.out), out, info))
		err = -EFAULT;
	else if (copy_to_user(arg, &dc, sizeof(dc)))
		err = -EFAULT;
	else if (!file_done(status))
		err = ntshim_status_to_errno(status);
out:
	file_mdl_free(b.mdl);
	kvfree(b.system);
	kvfree(b.input);
	kvfree(b.output);
	return err;
}

static long file_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	if (cmd != NTSHIM_IOC_DEVCTL)
		return -ENOTTY;
	return file_devctl(filp, (struct ntshim_devctl __user *)arg);
}

const struct file_operations ntshim_file_fops = {
	.owner = THIS_MODULE,
	.open = file_open,
	.release = file_release,
	.read = file_read,
	.write = file_write,
	.llseek = no_seek_end_llseek,
	.fsync = file_fsync,
	.unlocked_ioctl = file_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};
