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
 *   last close   IRP_MJ_CLEANUP (see file_flush); IRP_MJ_CLOSE when the
 *            last request of the file object is done too
 *
 * One struct file is one file object, so dup() and fork() share it.
 * Buffers: DO_BUFFERED_IO and METHOD_BUFFERED get a SystemBuffer, zeroed,
 * so nothing the driver did not write reaches the program; neither-mode
 * requests (no DO_*_IO flag, METHOD_NEITHER) get kernel copies of the
 * program's buffers in UserBuffer and Type3InputBuffer, where NT hands
 * the driver the raw user addresses: a driver can never fault on a user
 * address here, and ProbeForRead/ProbeForWrite accept those copies (see
 * ex/exception.c).  Direct I/O (DO_DIRECT_IO, METHOD_IN/OUT_DIRECT) gets an
 * MDL over the program's buffer, pinned and mapped.  A handle holds its
 * driver's module, so the driver cannot unload while a program has it
 * open (rmmod says it is in use).
 *
 * A request the driver pends (STATUS_PENDING) is waited for until it is
 * completed, from any context.  A signal (or the program's exit) cancels
 * it (IoCancelIrp) and waits for the completion a while more; a driver
 * that does not complete it by then is reported, and the program goes on
 * without it: the request keeps its buffers and its file object until the
 * driver completes it.
 */
#include "io.h"
#include "../ex/ex.h"
#include "../ke/ke.h"
#include "../mm/mm.h"
#include "../rtl/rtl.h"
#include "../uapi/linux/ntshim.h"
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/fdtable.h>
#include <linux/fs.h>
#include <linux/hashtable.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/workqueue.h>

/* One request's buffer at most; a longer read or write is done in part. */
#define FILE_MAX_TRANSFER	(16U << 20)
/* How long a cancelled request, or one of the last close, may take. */
#define FILE_CANCEL_WAIT	(5 * HZ)
#define FILE_CLOSE_WAIT		(30 * HZ)
/* What a request carries inline: a buffer up to this, an IRP of this many locations. */
#define FILE_SMALL_BUFFER	128
#define FILE_SMALL_STACK	4

struct ntshim_file {
	FILE_OBJECT object;
	refcount_t refs;		/* the handle's, each request's out with the driver,
					 * and each of ObReferenceObject's */
	struct hlist_node node;		/* in file_objects while referenced */
	struct work_struct close_work;	/* the last reference dropped in a DPC */
	struct ntshim_held held;	/* IoGetDeviceObjectPointer's caller's references */
	unsigned int ob_refs;		/* drivers' references, under file_objects_lock */
	KPROCESSOR_MODE mode;		/* a program's (UserMode) or a driver's */
	bool created;			/* IRP_MJ_CREATE succeeded: IRP_MJ_CLOSE is owed */
	PDEVICE_OBJECT device;		/* referenced */
	struct module *module;		/* the driver's, held */
	spinlock_t calls_lock;		/* guards calls and cleaned */
	unsigned int calls;		/* calls in progress holding a struct file reference */
	bool cleaned;			/* IRP_MJ_CLEANUP sent */
};

/* One request, and the kernel memory its IRP points at. */
struct file_request {
	refcount_t refs;		/* the requester's, and the IRP's until completed */
	struct ntshim_irp_hook hook;	/* its completion */
	bool completed;			/* set at completion, before done */
	bool waiting;			/* the requester waits on done: complete it */
	struct ntshim_file *f;		/* referenced, but for IRP_MJ_CLOSE's */
	struct module *owner;		/* the driver it went to, held until completed */
	PIRP irp;
	IO_STATUS_BLOCK iosb;
	UCHAR major;
	ULONG flags;
	PVOID system_buffer;		/* each owned by the request */
	PVOID user_buffer;
	PVOID input;
	PMDL mdl;
	IO_STACK_LOCATION params;
	struct ntshim_seh_window window;	/* neither-mode buffers: what probes accept */
	/* Each set up whole if it is used. */
	struct completion done;		/* set up once waiting */
	struct work_struct work;	/* freed in a worker when last put in a DPC */
	/* Most requests need no more: a small buffer and a short stack's IRP, inline. */
	u8 small[FILE_SMALL_BUFFER] __aligned(16);
	struct ntshim_irp_head irp_head;	/* the inline IRP's, just before it */
	u8 irp_space[IoSizeOfIrp(FILE_SMALL_STACK)] __aligned(8);
};

/*
 * Live file objects, so that ObReferenceObject and ObDereferenceObject
 * (any IRQL up to DISPATCH_LEVEL) can check a pointer before using it.
 */
static DEFINE_HASHTABLE(file_objects, 6);
static DEFINE_RAW_SPINLOCK(file_objects_lock);

static void file_close(struct ntshim_file *f);

static struct ntshim_file *file_find(PVOID object)
{
	struct ntshim_file *f;

	lockdep_assert_held(&file_objects_lock);
	hash_for_each_possible(file_objects, f, node, (unsigned long)object)
		if (&f->object == object)
			return f;
	return NULL;
}

/* Table lock held: drops one reference, taking the object out of the table at the last. */
static bool file_unref_locked(struct ntshim_file *f)
{
	lockdep_assert_held(&file_objects_lock);
	if (!refcount_dec_and_test(&f->refs))
		return false;
	hash_del(&f->node);
	return true;
}

/* Drops one reference: true if it was the last (the object is out of the table). */
static bool file_unref(struct ntshim_file *f)
{
	unsigned long flags;
	bool last;

	/* Only the last reference's drop changes the table. */
	if (refcount_dec_not_one(&f->refs))
		return false;
	raw_spin_lock_irqsave(&file_objects_lock, flags);
	last = file_unref_locked(f);
	raw_spin_unlock_irqrestore(&file_objects_lock, flags);
	return last;
}

/* Process context. */
static void file_put(struct ntshim_file *f)
{
	if (file_unref(f))
		file_close(f);
}

static void file_close_work(struct work_struct *work)
{
	file_close(container_of(work, struct ntshim_file, close_work));
}

/* ObReferenceObject of a file object: false if it is none. */
bool ntshim_file_get(PVOID object, const void *caller)
{
	struct ntshim_file *f;
	unsigned long flags;

	raw_spin_lock_irqsave(&file_objects_lock, flags);
	f = file_find(object);
	if (f) {
		refcount_inc(&f->refs);
		f->ob_refs++;
		ntshim_held_count(&f->held, caller, 1);
	}
	raw_spin_unlock_irqrestore(&file_objects_lock, flags);
	return f;
}

/*
 * ObDereferenceObject of a file object, up to DISPATCH_LEVEL: false if it
 * is none.  IRP_MJ_CLOSE waits for its driver, so a last reference
 * dropped where that cannot wait sends it from a worker.
 */
bool ntshim_file_put(PVOID object, const void *caller)
{
	struct ntshim_file *f;
	unsigned long flags;
	bool last = false;

	raw_spin_lock_irqsave(&file_objects_lock, flags);
	f = file_find(object);
	/* The I/O manager's own references are not a driver's to drop. */
	if (f && !f->ob_refs) {
		raw_spin_unlock_irqrestore(&file_objects_lock, flags);
		ntshim_complain(NTC_NOT_AN_OBJECT, caller,
				"ObDereferenceObject: file object %p holds no reference of a driver's: ignored",
				object);
		return true;
	}
	if (f) {
		f->ob_refs--;
		ntshim_held_count(&f->held, caller, -1);
		last = file_unref_locked(f);
	}
	raw_spin_unlock_irqrestore(&file_objects_lock, flags);
	if (last && in_task() && preemptible())
		file_close(f);
	else if (last)
		schedule_work(&f->close_work);
	return f;
}

/* A buffer of the request's: inline when small. */
static void *request_buffer(struct file_request *r, size_t len, bool zero)
{
	/* The inline buffer is handed out once, zeroed with the request. */
	if (len <= FILE_SMALL_BUFFER && r->system_buffer != (void *)r->small &&
	    r->user_buffer != (void *)r->small && r->input != (void *)r->small)
		return r->small;
	return zero ? kvzalloc(len, GFP_KERNEL | __GFP_NOWARN) :
		      kvmalloc(len, GFP_KERNEL | __GFP_NOWARN);
}

static void request_buffer_free(struct file_request *r, void *buf)
{
	/* Most requests have one buffer, or none, and it is inline. */
	if (buf && buf != (void *)r->small)
		kvfree(buf);
}

static void request_free(struct file_request *r)
{
	if (r->mdl)
		ntshim_mdl_free(r->mdl);
	request_buffer_free(r, r->system_buffer);
	request_buffer_free(r, r->user_buffer);
	request_buffer_free(r, r->input);
	if (r->irp && r->irp != (PIRP)r->irp_space)
		ntshim_irp_free_io(r->irp);
	if (r->f)
		file_put(r->f);
	kfree(r);
}

static void request_free_work(struct work_struct *work)
{
	request_free(container_of(work, struct file_request, work));
}

/* Unmapping and IRP_MJ_CLOSE need a thread: a DPC's last put defers to one. */
static void request_put(struct file_request *r)
{
	if (!refcount_dec_and_test(&r->refs))
		return;
	if (in_task() && preemptible()) {
		request_free(r);
	} else {
		INIT_WORK(&r->work, request_free_work);
		schedule_work(&r->work);
	}
}

static struct file_request *request_new(struct ntshim_file *f, UCHAR major, bool hold)
{
	/* Zeroed whole: slab zeroes every object anyway where init_on_alloc is on. */
	struct file_request *r = kzalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return NULL;
	refcount_set(&r->refs, 1);
	r->major = major;
	if (hold) {
		refcount_inc(&f->refs);
		r->f = f;
	}
	return r;
}

/* From IoCompleteRequest: a program's request is done (any context). */
static void request_done(struct ntshim_irp_hook *hook)
{
	struct file_request *r = container_of(hook, struct file_request, hook);

	r->iosb = r->irp->IoStatus;
	if (r->owner)
		module_put(r->owner);
	/* Most complete in the dispatch routine, before anyone waits: no wake-up then. */
	smp_store_release(&r->completed, true);
	smp_mb();
	/* Acquire: the waiter set done up before it said it waits. */
	if (smp_load_acquire(&r->waiting))
		complete(&r->done);
	request_put(r);
}

/*
 * Calls the driver inside a frame of ntshim's own: probes accept the
 * request's buffers while it runs, and a raise no __try of the driver's
 * takes (NT stops the system there) ends here, reported.
 */
static NTSTATUS file_dispatch(PDEVICE_OBJECT target, PIRP irp, struct file_request *r)
{
	NTSHIM_SEH_FRAME frame = {};
	NTSTATUS status;

	if (NtshimSehSave(frame.Context)) {
		ntshim_seh_leave(&frame);
		ntshim_irql_leave(PASSIVE_LEVEL, "dispatch routine",
				  target->DriverObject->MajorFunction[r->major]);
		ntshim_complain(NTC_EXCEPTION_UNHANDLED, target->DriverObject->MajorFunction[r->major],
				"%s raised in major function %u with no __try to take it (NT stops the system: KMODE_EXCEPTION_NOT_HANDLED): the request is left to the driver",
				ntshim_status_name(frame.Code), r->major);
		return frame.Code;
	}
	ntshim_seh_enter(&frame, &r->window);
	status = ntshim_irp_call(target, irp, NULL);
	ntshim_seh_leave(&frame);
	return status;
}

static PIRP request_irp(struct ntshim_file *f, PDEVICE_OBJECT target, struct file_request *r)
{
	PIO_STACK_LOCATION stack;
	PIRP irp;

	BUILD_BUG_ON(offsetof(struct file_request, irp_space) !=
		     offsetofend(struct file_request, irp_head));
	if (target->StackSize >= 1 && target->StackSize <= FILE_SMALL_STACK) {
		irp = (PIRP)r->irp_space;
		ntshim_irp_init_io(irp, target->StackSize);
	} else {
		irp = ntshim_irp_alloc_io(target->StackSize);
	}
	if (!irp)
		return NULL;
	irp->RequestorMode = f->mode;
	irp->Flags = r->flags;
	irp->AssociatedIrp.SystemBuffer = r->system_buffer;
	irp->UserBuffer = r->user_buffer;
	irp->MdlAddress = r->mdl;
	irp->Tail.Overlay.OriginalFileObject = &f->object;
	irp->Tail.Overlay.Thread = (PETHREAD)ntshim_kthread_identity(current);
	stack = IoGetNextIrpStackLocation(irp);
	stack->MajorFunction = r->major;
	stack->Parameters = r->params.Parameters;
	stack->FileObject = &f->object;
	return irp;
}

/* The control code of a request, for reports. */
static ULONG request_code(struct file_request *r)
{
	return r->major == IRP_MJ_DEVICE_CONTROL ?
	       r->params.Parameters.DeviceIoControl.IoControlCode : 0;
}

/*
 * Waits for the request's completion.  A signal cancels it (when the
 * requester may be interrupted), and a request not completed in time is
 * reported and left to its driver: -EINTR then.
 */
static int request_wait(struct ntshim_file *f, struct file_request *r, bool interruptible)
{
	PDRIVER_DISPATCH routine = f->device->DriverObject->MajorFunction[r->major];
	long left;

	/* Completed in the dispatch routine, mostly: nothing to wait for. */
	if (smp_load_acquire(&r->completed))
		return 0;
	/* Pairs with request_done: either it sees waiting, or this sees completed. */
	init_completion(&r->done);
	smp_store_release(&r->waiting, true);
	smp_mb();
	if (smp_load_acquire(&r->completed))
		return 0;
	if (interruptible) {
		if (!wait_for_completion_interruptible(&r->done))
			return 0;
		ntshim_irp_cancel(r->irp, NULL);
		left = wait_for_completion_timeout(&r->done, FILE_CANCEL_WAIT);
	} else {
		left = wait_for_completion_timeout(&r->done, FILE_CLOSE_WAIT);
	}
	if (left)
		return 0;
	ntshim_complain(NTC_REQUEST_STUCK, routine,
			"major function %u (control code 0x%08x) not completed %s: the program goes on, the request stays with the driver",
			r->major, request_code(r),
			interruptible ? "5 s after its cancel" : "in 30 s");
	return -EINTR;
}

/*
 * The top of the device's stack with its driver held.  A filter being
 * unloaded is still attached until its unload detaches it: the request
 * waits for that (a while) and goes to the device below it then.
 */
static PDEVICE_OBJECT file_target(struct ntshim_file *f, struct module **owner)
{
	unsigned long end = jiffies + FILE_CANCEL_WAIT;
	PDEVICE_OBJECT target;

	/* Nothing attached: the device itself, which the file holds, driver and all. */
	if (!ntshim_device_stacked(f->device)) {
		*owner = NULL;
		return f->device;
	}
	for (;;) {
		target = ntshim_device_top_get(f->device);
		*owner = ntshim_driver_module(ntshim_device_driver(target));
		if (try_module_get(*owner))
			return target;
		ntshim_device_put(target);
		if (target == f->device || time_after(jiffies, end))
			return NULL;
		msleep(1);
	}
}

/*
 * Sends the request's IRP to the top of the device's stack (a filter
 * attached to it sees it first), its driver held until the IRP completes.
 */
static int file_send(struct ntshim_file *f, struct file_request *r, NTSTATUS *status)
{
	struct module *owner;
	PDEVICE_OBJECT target = file_target(f, &owner);

	if (!target)
		return -ENXIO;
	r->irp = request_irp(f, target, r);
	if (r->irp) {
		refcount_inc(&r->refs);		/* the IRP's, until completed */
		r->owner = owner;		/* its completion routines are the driver's */
		r->hook.done = request_done;
		ntshim_irp_hook_set(&r->hook, r->irp);
		*status = file_dispatch(target, r->irp, r);
	} else {
		module_put(owner);
	}
	if (owner)
		ntshim_device_put(target);
	return r->irp ? 0 : -ENOMEM;
}

/*
 * Sends the request's IRP and waits for its completion: 0 with the final
 * status and Information, or -errno when the IRP never went or the
 * program stopped waiting.
 */
static int file_call(struct ntshim_file *f, struct file_request *r, bool interruptible,
		     NTSTATUS *status, ULONG_PTR *info)
{
	int err = file_send(f, r, status);

	if (err)
		return err;
	if (*status != STATUS_PENDING && !smp_load_acquire(&r->completed)) {
		ntshim_complain(NTC_IRP_MISUSE, f->device->DriverObject->MajorFunction[r->major],
				"major function %u returned 0x%08x without completing the IRP or pending it: left to it",
				r->major, *status);
		*info = 0;
		return 0;
	}
	err = request_wait(f, r, interruptible);
	if (err)
		return err;
	*status = r->iosb.Status;
	*info = r->iosb.Information;
	/* Cancelled at the program's signal: the call was interrupted. */
	return *status == STATUS_CANCELLED && interruptible && signal_pending(current) ? -EINTR : 0;
}

/* A request with no buffers: its status, -errno if it never completed. */
static int file_simple(struct ntshim_file *f, UCHAR major, bool hold, bool interruptible,
		       IO_STACK_LOCATION *params, NTSTATUS *status)
{
	struct file_request *r = request_new(f, major, hold);
	ULONG_PTR info;
	int err;

	if (!r)
		return -ENOMEM;
	if (params)
		r->params = *params;
	err = file_call(f, r, interruptible, status, &info);
	request_put(r);
	return err;
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

/*
 * A file object on a device the caller referenced and counted open; NULL
 * (the device's reference and open undone) if it cannot be made.
 */
/* ERR_PTR(-ENOMEM), or -ENXIO when the device's driver is unloading. */
static struct ntshim_file *file_alloc(PDEVICE_OBJECT device, ACCESS_MASK access,
				      KPROCESSOR_MODE mode)
{
	struct ntshim_file *f = kzalloc(sizeof(*f), GFP_KERNEL);
	unsigned long flags;

	if (f)
		f->module = ntshim_driver_module(ntshim_device_driver(device));
	if (!f || !try_module_get(f->module)) {
		kfree(f);
		ntshim_device_close(device);
		ntshim_device_put(device);
		return ERR_PTR(f ? -ENXIO : -ENOMEM);
	}
	refcount_set(&f->refs, 1);
	spin_lock_init(&f->calls_lock);
	INIT_WORK(&f->close_work, file_close_work);
	f->mode = mode;
	f->device = device;
	f->object.Type = IO_TYPE_FILE;
	f->object.Size = sizeof(FILE_OBJECT);
	f->object.DeviceObject = device;
	f->object.ReadAccess = !!(access & (FILE_READ_DATA | GENERIC_READ | GENERIC_ALL));
	f->object.WriteAccess = !!(access & (FILE_WRITE_DATA | FILE_APPEND_DATA | GENERIC_WRITE |
					     GENERIC_ALL));
	ntshim_event_init(&f->object.Lock, SynchronizationEvent, FALSE);
	ntshim_event_init(&f->object.Event, NotificationEvent, FALSE);
	InitializeListHead(&f->object.IrpList);
	raw_spin_lock_irqsave(&file_objects_lock, flags);
	hash_add(file_objects, &f->node, (unsigned long)&f->object);
	raw_spin_unlock_irqrestore(&file_objects_lock, flags);
	return f;
}

/*
 * IRP_MJ_CREATE: 0 with the driver's status, or -errno if it never
 * completed.  A program's open may be interrupted; a driver's may not.
 */
static int file_create(struct ntshim_file *f, ACCESS_MASK access, NTSTATUS *status)
{
	IO_SECURITY_CONTEXT security = { .DesiredAccess = access };
	IO_STACK_LOCATION params = {};
	int err;

	params.Parameters.Create.SecurityContext = &security;
	params.Parameters.Create.Options = FILE_OPEN << 24;
	params.Parameters.Create.ShareAccess = FILE_SHARE_READ | FILE_SHARE_WRITE;
	err = file_simple(f, IRP_MJ_CREATE, true, f->mode == UserMode, &params, status);
	if (!err && NT_SUCCESS(*status)) {
		f->created = true;
		f->object.Flags |= FO_HANDLE_CREATED;
	}
	return err;
}

/* The file object's last reference: IRP_MJ_CLOSE if it was created, then gone. */
static void file_close(struct ntshim_file *f)
{
	NTSTATUS status;

	/* A close its driver never completes keeps the file object (and driver) it names. */
	if (f->created && file_simple(f, IRP_MJ_CLOSE, false, false, NULL, &status) == -EINTR)
		return;
	ntshim_device_close(f->device);
	ntshim_device_put(f->device);
	module_put(f->module);
	kfree(f);
}

static int file_open(struct inode *inode, struct file *filp)
{
	PDEVICE_OBJECT device = ntshim_link_device(inode->i_rdev);
	struct ntshim_file *f;
	NTSTATUS status;
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
	f = file_alloc(device, file_access(filp->f_mode), UserMode);
	if (IS_ERR(f))
		return PTR_ERR(f);
	err = file_create(f, file_access(filp->f_mode), &status);
	if (!err && !NT_SUCCESS(status))
		err = ntshim_status_to_errno(status);
	if (err) {
		file_put(f);
		return err;
	}
	filp->private_data = f;
	return 0;
}

/* IRP_MJ_CLEANUP, where drivers complete what they hold of the file object. */
static void file_cleanup(struct ntshim_file *f)
{
	NTSTATUS status;

	f->object.Flags |= FO_CLEANUP_COMPLETE;
	file_simple(f, IRP_MJ_CLEANUP, true, false, NULL, &status);
}

/*
 * A call in progress holds a reference of its struct file when the
 * descriptor table it came through is shared (fdget() takes none on a
 * table only the caller uses, and nobody else can close a descriptor
 * there meanwhile).  Counting those calls lets a close tell them from
 * handles: see file_flush.
 */
static bool file_enter(struct ntshim_file *f)
{
	struct files_struct *files = current->files;

	if (!files || atomic_read_acquire(&files->count) == 1)
		return false;
	spin_lock(&f->calls_lock);
	f->calls++;
	spin_unlock(&f->calls_lock);
	return true;
}

static void file_leave(struct ntshim_file *f, bool counted)
{
	if (!counted)
		return;
	spin_lock(&f->calls_lock);
	f->calls--;
	spin_unlock(&f->calls_lock);
}

/*
 * Each close of a descriptor.  NT sends IRP_MJ_CLEANUP when the last
 * handle goes even while other threads wait in requests on the file, and
 * drivers complete those requests there; on Linux their references keep
 * the struct file alive past that close.  When every reference left is
 * the closing one or a counted call's, this was the last handle.  Any
 * other reference (a reader of /proc, a call not counted yet) only makes
 * the count larger, and IRP_MJ_CLEANUP then comes at release as before:
 * never early.
 */
static int file_flush(struct file *filp, fl_owner_t id)
{
	struct ntshim_file *f = filp->private_data;
	bool last;

	spin_lock(&f->calls_lock);
	last = !f->cleaned && f->calls && file_count(filp) == 1 + f->calls;
	if (last)
		f->cleaned = true;
	spin_unlock(&f->calls_lock);
	if (last)
		file_cleanup(f);
	return 0;
}

/* The last reference: IRP_MJ_CLEANUP unless the last close sent it. */
static int file_release(struct inode *inode, struct file *filp)
{
	struct ntshim_file *f = filp->private_data;

	if (!f->cleaned) {
		f->cleaned = true;
		file_cleanup(f);
	}
	file_put(f);
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

/* Sends the read or write at pos: bytes done (clamped), 0 at end of file, or -errno. */
static ssize_t file_rw_call(struct ntshim_file *f, struct file_request *r, ULONG len, loff_t pos,
			    bool write)
{
	ULONG_PTR info = 0;
	NTSTATUS status;
	int err;

	r->params.Parameters.Read.Length = len;
	r->params.Parameters.Read.ByteOffset.QuadPart = pos;
	err = file_call(f, r, true, &status, &info);
	if (err)
		return err;
	if (status == STATUS_END_OF_FILE && !write)
		return 0;
	if (!file_done(status))
		return ntshim_status_to_errno(status);
	return file_clamp(f, r->major, info, len);
}

/* A read or a write: through the program's pinned pages, or a kernel buffer. */
static ssize_t file_rw(struct ntshim_file *f, struct file_request *r, char __user *ubuf,
		       ULONG len, loff_t *pos, bool write)
{
	void *buf = NULL;
	ssize_t ret;
	int err;

	if (f->device->Flags & DO_DIRECT_IO) {
		r->mdl = file_mdl(ubuf, len, write ? IoReadAccess : IoWriteAccess, &err);
		if (err)
			return err;
	} else {
		buf = request_buffer(r, len ?: 1, true);
		if (!buf)
			return -ENOMEM;
		if (f->device->Flags & DO_BUFFERED_IO) {
			r->system_buffer = buf;
			r->flags = IRP_BUFFERED_IO | (write ? 0 : IRP_INPUT_OPERATION);
		} else {
			r->user_buffer = buf;
			r->window.base[0] = buf;
			r->window.len[0] = len;
		}
		if (write && copy_from_user(buf, ubuf, len))
			return -EFAULT;
	}
	ret = file_rw_call(f, r, len, *pos, write);
	if (ret > 0 && buf && !write && copy_to_user(ubuf, buf, ret))
		ret = -EFAULT;
	else if (ret > 0)
		*pos += ret;
	return ret;
}

static ssize_t file_transfer(struct file *filp, char __user *ubuf, size_t count, loff_t *pos,
			     bool write)
{
	struct ntshim_file *f = filp->private_data;
	struct file_request *r = request_new(f, write ? IRP_MJ_WRITE : IRP_MJ_READ, true);
	bool counted;
	ssize_t ret;

	if (!r)
		return -ENOMEM;
	counted = file_enter(f);
	ret = file_rw(f, r, ubuf, min_t(size_t, count, FILE_MAX_TRANSFER), pos, write);
	file_leave(f, counted);
	request_put(r);
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
	struct ntshim_file *f = filp->private_data;
	bool counted = file_enter(f);
	NTSTATUS status;
	int err = file_simple(f, IRP_MJ_FLUSH_BUFFERS, true, true, NULL, &status);

	file_leave(f, counted);
	return err ?: file_done(status) ? 0 : ntshim_status_to_errno(status);
}

/* The program's buffers, in kernel memory, as the control code's method has them. */
static int devctl_buffers(const struct ntshim_devctl *dc, struct file_request *r)
{
	const void __user *in = u64_to_user_ptr(dc->in);
	size_t len = max(dc->in_length, dc->out_length);
	ULONG method = dc->code & 3;
	int err;

	if (method == METHOD_IN_DIRECT || method == METHOD_OUT_DIRECT) {
		/* The input is buffered; the output buffer is the device's, in place. */
		r->mdl = file_mdl(u64_to_user_ptr(dc->out), dc->out_length,
				  method == METHOD_IN_DIRECT ? IoReadAccess : IoWriteAccess, &err);
		if (err)
			return err;
		len = dc->in_length;
	}
	if (method != METHOD_NEITHER) {
		if (!len)
			return 0;
		r->system_buffer = request_buffer(r, len, true);
		if (!r->system_buffer)
			return -ENOMEM;
		r->flags = IRP_BUFFERED_IO | (dc->out_length ? IRP_INPUT_OPERATION : 0);
		return copy_from_user(r->system_buffer, in, dc->in_length) ? -EFAULT : 0;
	}
	if (dc->in_length) {
		r->input = request_buffer(r, dc->in_length, false);
		if (!r->input)
			return -ENOMEM;
		if (copy_from_user(r->input, in, dc->in_length))
			return -EFAULT;
	}
	if (dc->out_length) {
		r->user_buffer = request_buffer(r, dc->out_length, true);
		if (!r->user_buffer)
			return -ENOMEM;
	}
	r->window = (struct ntshim_seh_window){ { r->input, r->user_buffer },
						{ dc->in_length, dc->out_length } };
	return 0;
}

/* The handle must have the access the code asks for (its bits 14-15). */
static int devctl_check(struct file *filp, const struct ntshim_devctl *dc)
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

static long devctl_call(struct ntshim_file *f, struct file_request *r, struct ntshim_devctl *dc,
			struct ntshim_devctl __user *arg)
{
	ULONG_PTR info = 0;
	NTSTATUS status;
	void *out;
	int err;

	r->params.Parameters.DeviceIoControl.OutputBufferLength = dc->out_length;
	r->params.Parameters.DeviceIoControl.InputBufferLength = dc->in_length;
	r->params.Parameters.DeviceIoControl.IoControlCode = dc->code;
	r->params.Parameters.DeviceIoControl.Type3InputBuffer = r->input;
	err = file_call(f, r, true, &status, &info);
	if (err)
		return err;
	info = file_clamp(f, r->major, info, dc->out_length);
	/* Direct output is in place already. */
	out = r->mdl ? NULL : r->system_buffer ?: r->user_buffer;
	if (file_done(status) && info && out && copy_to_user(u64_to_user_ptr(dc->out), out, info))
		return -EFAULT;
	/* The two fields the call fills in. */
	if (put_user(status, &arg->status) || put_user(info, &arg->information))
		return -EFAULT;
	return file_done(status) ? 0 : ntshim_status_to_errno(status);
}

static long file_devctl(struct file *filp, struct ntshim_devctl __user *arg)
{
	struct ntshim_file *f = filp->private_data;
	struct file_request *r;
	struct ntshim_devctl dc;
	bool counted;
	long err;

	if (copy_from_user(&dc, arg, sizeof(dc)))
		return -EFAULT;
	err = devctl_check(filp, &dc);
	if (err)
		return err;
	r = request_new(f, IRP_MJ_DEVICE_CONTROL, true);
	if (!r)
		return -ENOMEM;
	counted = file_enter(f);
	err = devctl_buffers(&dc, r) ?: devctl_call(f, r, &dc, arg);
	file_leave(f, counted);
	request_put(r);
	return err;
}

static long file_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	if (cmd != NTSHIM_IOC_DEVCTL)
		return -ENOTTY;
	return file_devctl(filp, (struct ntshim_devctl __user *)arg);
}

/*
 * A driver's file object on a named device (\Device\Y, or a DOS link to
 * one), as NT makes it: IRP_MJ_CREATE to the top of the device's stack,
 * then IRP_MJ_CLEANUP, since the handle NT opens here is closed before it
 * returns; IRP_MJ_CLOSE comes with the last ObDereferenceObject.  The
 * device given back is the top of the stack, unreferenced: the file
 * object's reference keeps the named device, and its driver, loaded.
 */
NTSTATUS NTAPI IoGetDeviceObjectPointer(PUNICODE_STRING ObjectName, ACCESS_MASK DesiredAccess,
					PFILE_OBJECT *FileObject, PDEVICE_OBJECT *DeviceObject)
{
	PDEVICE_OBJECT device;
	struct ntshim_file *f;
	NTSTATUS status;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_DEVICE_STATE);
	if (!ObjectName || !FileObject || !DeviceObject) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"IoGetDeviceObjectPointer: NULL name or result pointer");
		return STATUS_INVALID_PARAMETER;
	}
	device = ntshim_device_by_name(ObjectName) ?: ntshim_link_lookup(ObjectName);
	if (!device)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	if (READ_ONCE(device->Flags) & DO_DEVICE_INITIALIZING) {
		ntshim_device_put(device);
		return STATUS_NO_SUCH_DEVICE;
	}
	if (!ntshim_device_open(device)) {
		ntshim_device_put(device);
		return STATUS_ACCESS_DENIED;	/* an exclusive device, open already */
	}
	f = file_alloc(device, DesiredAccess, KernelMode);
	if (IS_ERR(f))
		return PTR_ERR(f) == -ENXIO ? STATUS_NO_SUCH_DEVICE : STATUS_INSUFFICIENT_RESOURCES;
	if (file_create(f, DesiredAccess, &status))
		status = STATUS_INSUFFICIENT_RESOURCES;
	if (!NT_SUCCESS(status)) {
		file_put(f);
		return status;
	}
	f->cleaned = true;
	file_cleanup(f);
	ntshim_held_init(&f->held, (void *)_RET_IP_);
	f->ob_refs = 1;		/* the caller's, for its ObDereferenceObject */
	*FileObject = &f->object;
	*DeviceObject = ntshim_device_top_get(device);
	ntshim_device_put(*DeviceObject);	/* held through the file object */
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(IoGetDeviceObjectPointer);

/* A driver unloads: the file object references it never dropped go. */
static int file_image_gone(struct notifier_block *nb, unsigned long action, void *data)
{
	struct ntshim_file *f, *closing;
	unsigned int bkt, refs, left = 0;
	const void *site = NULL;
	unsigned long flags;

	do {
		closing = NULL;
		raw_spin_lock_irqsave(&file_objects_lock, flags);
		hash_for_each(file_objects, bkt, f, node) {
			refs = ntshim_held_take(&f->held, data);
			if (!refs)
				continue;
			site = f->held.site;
			left += refs;
			f->ob_refs -= min(refs, f->ob_refs);
			while (refs-- && !closing)
				if (file_unref_locked(f))
					closing = f;
			if (closing)
				break;
		}
		raw_spin_unlock_irqrestore(&file_objects_lock, flags);
		if (closing)
			file_close(closing);
	} while (closing);
	if (left)
		ntshim_complain(NTC_UNLOAD_LEFTOVER, site,
				"unloaded holding %u reference(s) to file objects: dropped", left);
	return NOTIFY_DONE;
}

static struct notifier_block file_image_nb = { .notifier_call = file_image_gone };

int ntshim_file_init(void)
{
	blocking_notifier_chain_register(&ntshim_image_gone_chain, &file_image_nb);
	return 0;
}

void ntshim_file_exit(void)
{
	blocking_notifier_chain_unregister(&ntshim_image_gone_chain, &file_image_nb);
}

const struct file_operations ntshim_file_fops = {
	.owner = THIS_MODULE,
	.open = file_open,
	.flush = file_flush,
	.release = file_release,
	.read = file_read,
	.write = file_write,
	.llseek = no_seek_end_llseek,
	.fsync = file_fsync,
	.unlocked_ioctl = file_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};
