// SPDX-License-Identifier: GPL-2.0
/*
 * StartIo: the I/O manager serializes a device's requests through its
 * DeviceQueue.  IoStartPacket hands the IRP to DriverStartIo at once if the
 * device is idle (DeviceObject->CurrentIrp), or queues it (by key, if one
 * is given); IoStartNextPacket, called by the driver when it finishes the
 * current request, starts the next.  StartIo runs at DISPATCH_LEVEL, one
 * request at a time per device.  A packet started with a cancel routine
 * that is cancelled while queued gets its routine called at once, as in
 * NT; the driver's routine takes it off the queue (KeRemoveEntryDeviceQueue).
 * IoSetStartIoAttributes: with DeferredStartIo, an IoStartNextPacket made
 * while StartIo runs starts the next packet once StartIo has returned
 * instead of from inside it (no recursion); with NonCancelable, a packet
 * loses its cancel routine as it goes to StartIo.
 */
#include "io.h"
#include "../ke/ke.h"

#define STARTIO_NEXT		1	/* a start of the next packet is owed */
#define STARTIO_CANCELABLE	2
#define STARTIO_KEYED		4

static void start_next_now(PDEVICE_OBJECT device, bool cancelable, bool keyed, ULONG key,
			   const void *caller);

/* Starts what a deferred IoStartNextPacket asked for, once no StartIo runs. */
static void startio_deferred(PDEVICE_OBJECT device, struct ntshim_startio *st,
			     const void *caller)
{
	int next;

	while (!atomic_read(&st->running) && (next = atomic_xchg(&st->pending, 0)))
		start_next_now(device, next & STARTIO_CANCELABLE, next & STARTIO_KEYED,
			       READ_ONCE(st->key), caller);
}

static void startio_call(PDEVICE_OBJECT device, PIRP irp, const void *caller)
{
	PDRIVER_STARTIO startio = device->DriverObject->DriverStartIo;
	struct ntshim_startio *st = ntshim_device_startio(device);

	if (st->no_cancel)
		IoSetCancelRoutine(irp, NULL);
	atomic_inc(&st->running);
	startio(device, irp);
	ntshim_irql_leave(DISPATCH_LEVEL, "StartIo routine", startio);
	if (atomic_dec_and_test(&st->running) && atomic_read(&st->pending))
		startio_deferred(device, st, caller);
}

static bool startio_usable(PDEVICE_OBJECT device, PIRP irp, const void *caller)
{
	if (device && ntshim_device_known(device) && device->DriverObject->DriverStartIo &&
	    (!irp || irp->Type == IO_TYPE_IRP))
		return true;
	ntshim_complain(NTC_BAD_ARGUMENT, caller,
			"%s: device %p unknown, its driver has no DriverStartIo, or IRP %p is none",
			irp ? "IoStartPacket" : "IoStartNextPacket", device, irp);
	return false;
}

VOID NTAPI IoStartPacket(PDEVICE_OBJECT DeviceObject, PIRP Irp, PULONG Key,
			 PDRIVER_CANCEL CancelFunction)
{
	KIRQL old, cancel_irql = PASSIVE_LEVEL;
	BOOLEAN queued;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	if (!startio_usable(DeviceObject, Irp, (void *)_RET_IP_))
		return;
	old = ntshim_irql_raise(DISPATCH_LEVEL);
	if (CancelFunction) {
		cancel_irql = ntshim_queued_acquire(LockQueueIoCancelLock, (void *)_RET_IP_);
		IoSetCancelRoutine(Irp, CancelFunction);
	}
	queued = ntshim_device_queue_insert(&DeviceObject->DeviceQueue,
					    &Irp->Tail.Overlay.DeviceQueueEntry, Key, Key ? *Key : 0);
	if (!queued) {
		DeviceObject->CurrentIrp = Irp;
		if (CancelFunction)
			ntshim_queued_release(LockQueueIoCancelLock, cancel_irql, (void *)_RET_IP_);
		startio_call(DeviceObject, Irp, (void *)_RET_IP_);
	} else if (CancelFunction) {
		/* Cancelled before it was queued: its routine runs now. */
		if (Irp->Cancel && IoSetCancelRoutine(Irp, NULL))
			ntshim_irp_call_cancel(CancelFunction, DeviceObject, Irp, cancel_irql);
		else
			ntshim_queued_release(LockQueueIoCancelLock, cancel_irql,
					      (void *)_RET_IP_);
	}
	ntshim_irql_lower(old);
}
NTSHIM_EXPORT(IoStartPacket);

static void start_next_now(PDEVICE_OBJECT device, bool cancelable, bool keyed, ULONG key,
			   const void *caller)
{
	PKDEVICE_QUEUE_ENTRY entry;
	KIRQL cancel_irql = PASSIVE_LEVEL;
	PIRP irp = NULL;

	if (cancelable)
		cancel_irql = ntshim_queued_acquire(LockQueueIoCancelLock, caller);
	device->CurrentIrp = NULL;
	entry = ntshim_device_queue_remove(&device->DeviceQueue, keyed, key);
	if (entry) {
		irp = CONTAINING_RECORD(entry, IRP, Tail.Overlay.DeviceQueueEntry);
		device->CurrentIrp = irp;
	}
	if (cancelable)
		ntshim_queued_release(LockQueueIoCancelLock, cancel_irql, caller);
	if (irp)
		startio_call(device, irp, caller);
}

static void start_next(PDEVICE_OBJECT device, BOOLEAN cancelable, bool keyed, ULONG key,
		       const void *caller)
{
	struct ntshim_startio *st;

	NTSHIM_EXPECT_DISPATCH_LEVEL();
	if (!startio_usable(device, NULL, caller))
		return;
	st = ntshim_device_startio(device);
	if (!st->deferred || !atomic_read(&st->running)) {
		start_next_now(device, cancelable, keyed, key, caller);
		return;
	}
	/* Deferred: the StartIo running now starts it when it returns. */
	WRITE_ONCE(st->key, key);
	atomic_set(&st->pending, STARTIO_NEXT | (cancelable ? STARTIO_CANCELABLE : 0) |
				 (keyed ? STARTIO_KEYED : 0));
	/* It may have returned meanwhile (pairs with atomic_dec_and_test's barrier). */
	smp_mb();
	startio_deferred(device, st, caller);
}

VOID NTAPI IoStartNextPacket(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable)
{
	start_next(DeviceObject, Cancelable, false, 0, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoStartNextPacket);

VOID NTAPI IoStartNextPacketByKey(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable, ULONG Key)
{
	start_next(DeviceObject, Cancelable, true, Key, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoStartNextPacketByKey);

VOID NTAPI IoSetStartIoAttributes(PDEVICE_OBJECT DeviceObject, BOOLEAN DeferredStartIo,
				  BOOLEAN NonCancelable)
{
	struct ntshim_startio *st;

	if (!DeviceObject || !ntshim_device_known(DeviceObject)) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"IoSetStartIoAttributes: %p is not a live device object", DeviceObject);
		return;
	}
	st = ntshim_device_startio(DeviceObject);
	WRITE_ONCE(st->deferred, DeferredStartIo);
	WRITE_ONCE(st->no_cancel, NonCancelable);
}
NTSHIM_EXPORT(IoSetStartIoAttributes);
