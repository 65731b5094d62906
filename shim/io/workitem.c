// SPDX-License-Identifier: GPL-2.0
/*
 * I/O work items: IoAllocateWorkItem / IoInitializeWorkItem, queued with
 * IoQueueWorkItem(Ex) onto the system worker queues (ex/workitem.c) and
 * run at PASSIVE_LEVEL.  As in NT, queueing references the device object
 * until the routine returns, and the driver's image stays until then; an
 * item may be freed by its own routine, and queued again once its routine
 * has started.  Freeing an item that is still queued (an NT stop) is
 * reported, and the item is dropped without running.
 */
#include "io.h"
#include "../ex/ex.h"

#define IO_WORKITEM_MAGIC	0x4b574f49	/* initialized */
#define IO_WORKITEM_TAG		0x6b774f49	/* 'kwOI' */

enum { ITEM_QUEUED = 1, ITEM_FREE_LATER = 2 };

struct _IO_WORKITEM {
	struct ntshim_work work;
	PVOID io_object;		/* a device or driver object */
	union {
		PIO_WORKITEM_ROUTINE routine;
		PIO_WORKITEM_ROUTINE_EX routine_ex;
	};
	bool ex;
	bool device;			/* io_object is a device object */
	bool allocated;			/* IoAllocateWorkItem's: pool memory */
	PVOID context;
	PDEVICE_OBJECT referenced;	/* held from queueing until the routine returns */
	atomic_t state;
	u32 magic;
};

/* What IoInitializeWorkItem may be given: a live device or a driver object. */
static bool work_object_known(PVOID object, bool *device)
{
	*device = object && ntshim_device_known(object);
	return *device || ntshim_driver_from_object(object);
}

static void work_item_call(struct ntshim_work *w)
{
	PIO_WORKITEM item = container_of(w, struct _IO_WORKITEM, work);
	/* Read while it is still queued: nobody may change it until then. */
	PDEVICE_OBJECT held = item->referenced;
	PIO_WORKITEM_ROUTINE_EX routine_ex = item->routine_ex;
	PIO_WORKITEM_ROUTINE routine = item->routine;
	PVOID object = item->io_object, context = item->context;
	bool ex = item->ex, allocated = item->allocated;
	int state = atomic_xchg(&item->state, 0);

	if (state & ITEM_FREE_LATER) {
		if (allocated)
			ntshim_pool_free(item, IO_WORKITEM_TAG, true, w->code);
	} else if (ex) {
		routine_ex(object, context, item);
	} else {
		routine(object, context);
	}
	/* The item may be gone (freed by its routine): only the device is held. */
	if (held)
		ntshim_device_put(held);
}

static void work_item_init(PIO_WORKITEM item, PVOID object, bool device, bool allocated)
{
	memset(item, 0, sizeof(*item));
	item->io_object = object;
	item->device = device;
	item->allocated = allocated;
	item->work.call = work_item_call;
	item->magic = IO_WORKITEM_MAGIC;
}

PIO_WORKITEM NTAPI IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject)
{
	PIO_WORKITEM item;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, NULL);
	if (!DeviceObject || !ntshim_device_known(DeviceObject)) {
		ntshim_complain(NTC_NOT_AN_OBJECT, (void *)_RET_IP_,
				"IoAllocateWorkItem: %p is not a device object", DeviceObject);
		return NULL;
	}
	item = ntshim_pool_alloc(NonPagedPoolNx, sizeof(*item), IO_WORKITEM_TAG,
				 (void *)_RET_IP_);
	if (item)
		work_item_init(item, DeviceObject, true, true);
	return item;
}
NTSHIM_EXPORT(IoAllocateWorkItem);

ULONG NTAPI IoSizeofWorkItem(VOID)
{
	return sizeof(struct _IO_WORKITEM);
}
NTSHIM_EXPORT(IoSizeofWorkItem);

VOID NTAPI IoInitializeWorkItem(PVOID IoObject, PIO_WORKITEM IoWorkItem)
{
	bool device;

	if (!IoWorkItem || !work_object_known(IoObject, &device)) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"IoInitializeWorkItem: item %p for %p, not a device or driver object: not initialized",
				IoWorkItem, IoObject);
		return;
	}
	work_item_init(IoWorkItem, IoObject, device, false);
}
NTSHIM_EXPORT(IoInitializeWorkItem);

static bool work_item_usable(PIO_WORKITEM item, const char *fn, const void *caller)
{
	if (likely(item && item->magic == IO_WORKITEM_MAGIC))
		return true;
	ntshim_complain(item ? NTC_UNINITIALIZED : NTC_BAD_ARGUMENT, caller,
			"%s: %p is not an initialized work item: ignored", fn, item);
	return false;
}

static void work_item_queue(PIO_WORKITEM item, PVOID routine, bool ex, WORK_QUEUE_TYPE type,
			    PVOID context, const char *fn, const void *caller)
{
	if (!work_item_usable(item, fn, caller))
		return;
	if (atomic_cmpxchg(&item->state, 0, ITEM_QUEUED) != 0) {
		ntshim_complain(NTC_WORK_QUEUED, caller,
				"%s: %p queued again before it ran (NT stops): ignored", fn, item);
		return;
	}
	if (!routine || (item->device && !ntshim_device_tryget(item->io_object))) {
		atomic_set(&item->state, 0);
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"%s: %s: not queued", fn, routine ? "its device was deleted" :
				"no routine");
		return;
	}
	item->referenced = item->device ? item->io_object : NULL;
	item->ex = ex;
	item->routine = routine;
	item->context = context;
	item->work.code = routine;
	if (!ntshim_work_queue_own(&item->work, type, caller)) {
		atomic_set(&item->state, 0);
		if (item->referenced)
			ntshim_device_put(item->referenced);
	}
}

VOID NTAPI IoQueueWorkItem(PIO_WORKITEM IoWorkItem, PIO_WORKITEM_ROUTINE WorkerRoutine,
			   WORK_QUEUE_TYPE QueueType, PVOID Context)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	work_item_queue(IoWorkItem, WorkerRoutine, false, QueueType, Context, __func__,
			(void *)_RET_IP_);
}
NTSHIM_EXPORT(IoQueueWorkItem);

VOID NTAPI IoQueueWorkItemEx(PIO_WORKITEM IoWorkItem, PIO_WORKITEM_ROUTINE_EX WorkerRoutine,
			     WORK_QUEUE_TYPE QueueType, PVOID Context)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	work_item_queue(IoWorkItem, WorkerRoutine, true, QueueType, Context, __func__,
			(void *)_RET_IP_);
}
NTSHIM_EXPORT(IoQueueWorkItemEx);

/* Still queued: it is dropped when its turn comes (true); or not queued. */
static bool work_item_retire(PIO_WORKITEM item, const char *fn, const void *caller)
{
	item->magic = 0;
	if (atomic_cmpxchg(&item->state, ITEM_QUEUED, ITEM_QUEUED | ITEM_FREE_LATER) !=
	    ITEM_QUEUED)
		return false;
	ntshim_complain(NTC_WORK_QUEUED, caller,
			"%s: %p is still queued (NT stops): it will not run", fn, item);
	return true;
}

VOID NTAPI IoFreeWorkItem(PIO_WORKITEM IoWorkItem)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	if (!work_item_usable(IoWorkItem, __func__, (void *)_RET_IP_))
		return;
	if (!IoWorkItem->allocated) {
		ntshim_complain(NTC_POOL_BAD_FREE, (void *)_RET_IP_,
				"IoFreeWorkItem: %p came from IoInitializeWorkItem: not freed",
				IoWorkItem);
		return;
	}
	if (!work_item_retire(IoWorkItem, __func__, (void *)_RET_IP_))
		ntshim_pool_free(IoWorkItem, IO_WORKITEM_TAG, true, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoFreeWorkItem);

VOID NTAPI IoUninitializeWorkItem(PIO_WORKITEM IoWorkItem)
{
	if (work_item_usable(IoWorkItem, __func__, (void *)_RET_IP_))
		work_item_retire(IoWorkItem, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoUninitializeWorkItem);
