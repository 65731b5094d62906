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
 */
#include "io.h"
#include "../ke/ke.h"

static void startio_call(PDEVICE_OBJECT device, PIRP irp)
{
	PDRIVER_STARTIO startio = device->DriverObject->DriverStartIo;

	startio(device, irp);
	ntshim_irql_leave(DISPATCH_LEVEL, "StartIo routine", startio);
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
		startio_call(DeviceObject, Irp);
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

static void start_next(PDEVICE_OBJECT device, BOOLEAN cancelable, bool keyed, ULONG key,
		       const void *caller)
{
	PKDEVICE_QUEUE_ENTRY entry;
	KIRQL cancel_irql = PASSIVE_LEVEL;
	PIRP irp = NULL;

	NTSHIM_EXPECT_DISPATCH_LEVEL();
	if (!startio_usable(device, NULL, caller))
		return;
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
		startio_call(device, irp);
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
