// SPDX-License-Identifier: GPL-2.0
/*
 * Device queues (KDEVICE_QUEUE): a busy flag and a list of entries, each
 * with a sort key, under the queue's own spin lock word.  Inserting into an
 * idle queue only marks it busy and returns FALSE (the caller starts the
 * request itself); removing from an empty queue marks it idle.  NT calls
 * them at DISPATCH_LEVEL; a caller below is reported, and the queue taken
 * at DISPATCH_LEVEL all the same, so a DPC on its processor cannot spin on
 * it.
 */
#include "ke.h"

#define DEVICE_QUEUE_OBJECT	20	/* NT's DeviceQueueObject */

static KIRQL queue_lock(PKDEVICE_QUEUE q)
{
	KIRQL old = ntshim_irql_raise(DISPATCH_LEVEL);

	ntshim_word_lock(&q->Lock, (unsigned long)q);
	return old;
}

static void queue_unlock(PKDEVICE_QUEUE q, KIRQL old)
{
	ntshim_word_unlock(&q->Lock);
	ntshim_irql_lower(old);
}

static bool queue_usable(PKDEVICE_QUEUE q, const void *entry, const void *caller)
{
	if (q && q->Type == DEVICE_QUEUE_OBJECT && q->DeviceListHead.Flink && entry)
		return true;
	ntshim_complain(q && q->Type != DEVICE_QUEUE_OBJECT ? NTC_UNINITIALIZED : NTC_BAD_ARGUMENT,
			caller, "device queue %p%s", q,
			q && q->Type != DEVICE_QUEUE_OBJECT ? " used before KeInitializeDeviceQueue" :
			": no queue or no entry");
	return false;
}

void ntshim_device_queue_init(PKDEVICE_QUEUE q)
{
	q->Type = DEVICE_QUEUE_OBJECT;
	q->Size = sizeof(*q);
	InitializeListHead(&q->DeviceListHead);
	q->Lock = 0;
	q->Busy = FALSE;
}

VOID NTAPI KeInitializeDeviceQueue(PKDEVICE_QUEUE DeviceQueue)
{
	if (!DeviceQueue) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_, "KeInitializeDeviceQueue(NULL)");
		return;
	}
	ntshim_device_queue_init(DeviceQueue);
}
NTSHIM_EXPORT(KeInitializeDeviceQueue);

/* keyed: placed before the first entry with a greater key (equal keys in order). */
BOOLEAN ntshim_device_queue_insert(PKDEVICE_QUEUE q, PKDEVICE_QUEUE_ENTRY e, bool keyed,
				   ULONG key)
{
	PLIST_ENTRY next = &q->DeviceListHead;
	BOOLEAN queued;
	KIRQL old;

	old = queue_lock(q);
	queued = q->Busy;
	if (!queued) {
		q->Busy = TRUE;
	} else {
		if (keyed) {
			e->SortKey = key;
			for (next = q->DeviceListHead.Flink; next != &q->DeviceListHead;
			     next = next->Flink)
				if (CONTAINING_RECORD(next, KDEVICE_QUEUE_ENTRY,
						      DeviceListEntry)->SortKey > key)
					break;
		}
		InsertTailList(next, &e->DeviceListEntry);
	}
	e->Inserted = queued;
	queue_unlock(q, old);
	return queued;
}

BOOLEAN NTAPI KeInsertDeviceQueue(PKDEVICE_QUEUE DeviceQueue, PKDEVICE_QUEUE_ENTRY DeviceQueueEntry)
{
	NTSHIM_EXPECT_DISPATCH_LEVEL();
	if (!queue_usable(DeviceQueue, DeviceQueueEntry, (void *)_RET_IP_))
		return FALSE;
	return ntshim_device_queue_insert(DeviceQueue, DeviceQueueEntry, false, 0);
}
NTSHIM_EXPORT(KeInsertDeviceQueue);

BOOLEAN NTAPI KeInsertByKeyDeviceQueue(PKDEVICE_QUEUE DeviceQueue,
				       PKDEVICE_QUEUE_ENTRY DeviceQueueEntry, ULONG SortKey)
{
	NTSHIM_EXPECT_DISPATCH_LEVEL();
	if (!queue_usable(DeviceQueue, DeviceQueueEntry, (void *)_RET_IP_))
		return FALSE;
	return ntshim_device_queue_insert(DeviceQueue, DeviceQueueEntry, true, SortKey);
}
NTSHIM_EXPORT(KeInsertByKeyDeviceQueue);

/*
 * The head (keyed: the first entry whose key is at least key, or the head
 * if none is); NULL, the queue now idle, if it is empty.
 */
PKDEVICE_QUEUE_ENTRY ntshim_device_queue_remove(PKDEVICE_QUEUE q, bool keyed, ULONG key)
{
	PKDEVICE_QUEUE_ENTRY e = NULL;
	PLIST_ENTRY next;
	KIRQL old;

	old = queue_lock(q);
	if (IsListEmpty(&q->DeviceListHead)) {
		q->Busy = FALSE;
	} else {
		next = q->DeviceListHead.Flink;
		if (keyed) {
			for (; next != &q->DeviceListHead; next = next->Flink)
				if (CONTAINING_RECORD(next, KDEVICE_QUEUE_ENTRY,
						      DeviceListEntry)->SortKey >= key)
					break;
			if (next == &q->DeviceListHead)
				next = q->DeviceListHead.Flink;
		}
		RemoveEntryList(next);
		e = CONTAINING_RECORD(next, KDEVICE_QUEUE_ENTRY, DeviceListEntry);
		e->Inserted = FALSE;
	}
	queue_unlock(q, old);
	return e;
}

PKDEVICE_QUEUE_ENTRY NTAPI KeRemoveDeviceQueue(PKDEVICE_QUEUE DeviceQueue)
{
	NTSHIM_EXPECT_DISPATCH_LEVEL();
	if (!queue_usable(DeviceQueue, DeviceQueue, (void *)_RET_IP_))
		return NULL;
	return ntshim_device_queue_remove(DeviceQueue, false, 0);
}
NTSHIM_EXPORT(KeRemoveDeviceQueue);

PKDEVICE_QUEUE_ENTRY NTAPI KeRemoveByKeyDeviceQueue(PKDEVICE_QUEUE DeviceQueue, ULONG SortKey)
{
	NTSHIM_EXPECT_DISPATCH_LEVEL();
	if (!queue_usable(DeviceQueue, DeviceQueue, (void *)_RET_IP_))
		return NULL;
	return ntshim_device_queue_remove(DeviceQueue, true, SortKey);
}
NTSHIM_EXPORT(KeRemoveByKeyDeviceQueue);

/* TRUE if the entry was queued (and is no more); any IRQL up to DISPATCH_LEVEL. */
BOOLEAN NTAPI KeRemoveEntryDeviceQueue(PKDEVICE_QUEUE DeviceQueue,
				       PKDEVICE_QUEUE_ENTRY DeviceQueueEntry)
{
	BOOLEAN was;
	KIRQL old;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, FALSE);
	if (!queue_usable(DeviceQueue, DeviceQueueEntry, (void *)_RET_IP_))
		return FALSE;
	old = queue_lock(DeviceQueue);
	was = DeviceQueueEntry->Inserted;
	if (was) {
		RemoveEntryList(&DeviceQueueEntry->DeviceListEntry);
		DeviceQueueEntry->Inserted = FALSE;
	}
	queue_unlock(DeviceQueue, old);
	return was;
}
NTSHIM_EXPORT(KeRemoveEntryDeviceQueue);
