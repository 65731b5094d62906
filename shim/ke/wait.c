// SPDX-License-Identifier: GPL-2.0
/*
 * Dispatcher objects and waits: KeWaitForSingleObject,
 * KeWaitForMultipleObjects, KeDelayExecutionThread.
 *
 * As in NT, one dispatcher lock guards every object's SignalState and wait
 * list, and a waiting thread links one KWAIT_BLOCK per object into that
 * object's own WaitListHead.  Signalling walks the list in order and
 * satisfies waits: a WaitAny wait by this object, a WaitAll wait when all
 * its objects are signalled; a synchronization object is consumed by the
 * first wait it satisfies, a semaphore gives one of its count to each, a
 * mutex is signalled to its owner too (mutex.c).  The
 * lock is a raw spin lock and waiters are woken with wake_up_process(), so
 * objects can be signalled from any context, a hard interrupt on
 * PREEMPT_RT included.
 */
#include "ke.h"
#include <linux/hrtimer.h>
#include <linux/sched.h>

DEFINE_RAW_SPINLOCK(ntshim_dispatcher_lock);

static bool ntshim_is_sync(PDISPATCHER_HEADER h)
{
	return h->Type == EventSynchronizationObject ||
	       h->Type == TimerSynchronizationObject;
}

/* Signalled for this waiter: a mutex is, to the thread that owns it. */
static bool object_ready(PDISPATCHER_HEADER h, struct ntshim_wait *w)
{
	return h->SignalState > 0 ||
	       (h->Type == MutantObject && ntshim_mutex_owned_by(h, w->thread));
}

/*
 * A synchronization object is reset by the wait it satisfies; a semaphore
 * gives one of its count; a mutex becomes (or stays) the waiter's.
 */
static void wait_consume(PDISPATCHER_HEADER h, struct ntshim_wait *w)
{
	if (h->Type == SemaphoreObject)
		h->SignalState--;
	else if (ntshim_is_sync(h))
		h->SignalState = 0;
	else if (h->Type == MutantObject)
		ntshim_mutex_take(h, w);
}

static PDISPATCHER_HEADER block_object(PKWAIT_BLOCK b)
{
	return b->Object;
}

static void wait_unlink(struct ntshim_wait *w)
{
	ULONG i;

	for (i = 0; i < w->count; i++)
		if (w->blocks[i].WaitListEntry.Flink) {
			RemoveEntryList(&w->blocks[i].WaitListEntry);
			w->blocks[i].WaitListEntry.Flink = NULL;
		}
}

static bool wait_all_ready(struct ntshim_wait *w, PVOID *objects)
{
	ULONG i;

	for (i = 0; i < w->count; i++)
		if (!object_ready(objects ? objects[i] : block_object(&w->blocks[i]), w))
			return false;
	return true;
}

static void wait_satisfy(struct ntshim_wait *w, int index)
{
	ULONG i;

	if (w->type == WaitAll) {
		for (i = 0; i < w->count; i++)
			wait_consume(block_object(&w->blocks[i]), w);
	} else {
		wait_consume(block_object(&w->blocks[index]), w);
	}
	w->satisfied = index;
	wait_unlink(w);
	wake_up_process(w->task);
}

/*
 * With the dispatcher lock held, after h was signalled: satisfy the waits it
 * can, in the order they were queued.
 */
void ntshim_signal_waiters(PDISPATCHER_HEADER h)
{
	PLIST_ENTRY e;

	lockdep_assert_held(&ntshim_dispatcher_lock);
restart:
	for (e = h->WaitListHead.Flink; e != &h->WaitListHead && h->SignalState > 0;
	     e = e->Flink) {
		PKWAIT_BLOCK b = CONTAINING_RECORD(e, KWAIT_BLOCK, WaitListEntry);
		struct ntshim_wait *w = b->Thread;

		if (w->type == WaitAny) {
			wait_satisfy(w, b->WaitKey);
			goto restart;	/* the list changed under us */
		}
		if (wait_all_ready(w, NULL)) {
			wait_satisfy(w, 0);
			goto restart;
		}
	}
}

/* Satisfied at once (the index in w->satisfied), without sleeping? */
static bool wait_try(struct ntshim_wait *w, PVOID *objects)
{
	ULONG i;

	if (w->type == WaitAny) {
		for (i = 0; i < w->count; i++) {
			if (object_ready(objects[i], w)) {
				wait_consume(objects[i], w);
				w->satisfied = i;
				return true;
			}
		}
		return false;
	}
	if (!wait_all_ready(w, objects))
		return false;
	for (i = 0; i < w->count; i++)
		wait_consume(objects[i], w);
	w->satisfied = 0;
	return true;
}

/* Waits may not block above APC_LEVEL; a zero timeout only polls. */
static KIRQL wait_max_irql(PLARGE_INTEGER timeout)
{
	return timeout && !timeout->QuadPart ? DISPATCH_LEVEL : APC_LEVEL;
}

/*
 * A dispatcher object ntshim can wait on: initialized (an all-zero one has
 * no wait list) and of a type it knows.
 */
bool ntshim_dispatcher_usable(PDISPATCHER_HEADER h)
{
	if (!h || !h->WaitListHead.Flink)
		return false;
	switch (h->Type) {
	case EventNotificationObject:
	case EventSynchronizationObject:
	case ThreadObject:
	case TimerNotificationObject:
	case TimerSynchronizationObject:
	case SemaphoreObject:
	case MutantObject:
		return true;
	}
	return false;
}

static NTSTATUS wait_check_objects(ULONG count, PVOID *objects, const char *fn,
				   const void *caller)
{
	ULONG i;

	for (i = 0; i < count; i++) {
		if (ntshim_dispatcher_usable(objects[i]))
			continue;
		ntshim_complain(objects[i] ? NTC_UNINITIALIZED : NTC_BAD_ARGUMENT, caller,
				"%s: object %u (%p) is %s: refused", fn, i, objects[i],
				objects[i] ? "not an initialized dispatcher object" : "NULL");
		return STATUS_INVALID_PARAMETER;
	}
	return STATUS_SUCCESS;
}

/* Queue a wait block per object, then sleep until satisfied or timed out. */
static void wait_block(struct ntshim_wait *w, PVOID *objects, PLARGE_INTEGER timeout,
		       unsigned long *flags)
{
	clockid_t clock = CLOCK_MONOTONIC;
	ktime_t expires = 0;
	ULONG i;

	for (i = 0; i < w->count; i++) {
		w->blocks[i].Thread = w;
		w->blocks[i].Object = objects[i];
		w->blocks[i].WaitKey = i;
		w->blocks[i].WaitType = w->type;
		InsertTailList(&((PDISPATCHER_HEADER)objects[i])->WaitListHead,
			       &w->blocks[i].WaitListEntry);
	}
	if (timeout)
		ntshim_nt_time_to_ktime(timeout->QuadPart, &expires, &clock);
	for (;;) {
		int expired = 0;

		/* Not counted as load, not a hung task: NT waits can be long. */
		set_current_state(TASK_IDLE);
		raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, *flags);
		if (timeout)
			expired = !schedule_hrtimeout_range_clock(&expires, 0,
								  HRTIMER_MODE_ABS, clock);
		else
			schedule();
		raw_spin_lock_irqsave(&ntshim_dispatcher_lock, *flags);
		if (w->satisfied >= 0 || expired)
			break;
	}
	__set_current_state(TASK_RUNNING);
	if (w->satisfied < 0)
		wait_unlink(w);
}

static NTSTATUS ntshim_wait(ULONG count, PVOID *objects, WAIT_TYPE type,
			    PLARGE_INTEGER timeout, PKWAIT_BLOCK blocks)
{
	struct ntshim_wait w = {
		.task = current, .blocks = blocks, .count = count, .type = type,
		.satisfied = -1, .thread = ntshim_kthread_identity(current),
	};
	unsigned long flags;

	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	if (!wait_try(&w, objects) && !(timeout && !timeout->QuadPart))
		wait_block(&w, objects, timeout, &flags);
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	if (w.satisfied < 0)
		return STATUS_TIMEOUT;
	/* Mutexes it now owns put the thread in a critical region, as in NT. */
	if (w.owned)
		ntshim_kthread_regions_move(w.owned, 0);
	return (w.abandoned ? STATUS_ABANDONED_WAIT_0 : STATUS_WAIT_0) + w.satisfied;
}

/* For ntshim's own waits, on objects it made, at PASSIVE_LEVEL. */
NTSTATUS ntshim_wait_single(PVOID object, PLARGE_INTEGER timeout)
{
	KWAIT_BLOCK block;

	return ntshim_wait(1, &object, WaitAny, timeout, &block);
}

NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason,
				     KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
				     PLARGE_INTEGER Timeout)
{
	KWAIT_BLOCK block;
	NTSTATUS status;

	status = wait_check_objects(1, &Object, __func__, (void *)_RET_IP_);
	if (!NT_SUCCESS(status))
		return status;
	NTSHIM_REQUIRE_IRQL(wait_max_irql(Timeout), STATUS_INVALID_PARAMETER);
	return ntshim_wait(1, &Object, WaitAny, Timeout, &block);
}
NTSHIM_EXPORT(KeWaitForSingleObject);

NTSTATUS NTAPI KeWaitForMultipleObjects(ULONG Count, PVOID Object[], WAIT_TYPE WaitType,
					KWAIT_REASON WaitReason, KPROCESSOR_MODE WaitMode,
					BOOLEAN Alertable, PLARGE_INTEGER Timeout,
					PKWAIT_BLOCK WaitBlockArray)
{
	KWAIT_BLOCK blocks[THREAD_WAIT_OBJECTS];
	NTSTATUS status;

	if (!Count || Count > MAXIMUM_WAIT_OBJECTS || !Object ||
	    (Count > THREAD_WAIT_OBJECTS && !WaitBlockArray) ||
	    (WaitType != WaitAny && WaitType != WaitAll)) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"KeWaitForMultipleObjects: bad arguments (count %u, type %d)",
				Count, WaitType);
		return STATUS_INVALID_PARAMETER;
	}
	status = wait_check_objects(Count, Object, __func__, (void *)_RET_IP_);
	if (!NT_SUCCESS(status))
		return status;
	NTSHIM_REQUIRE_IRQL(wait_max_irql(Timeout), STATUS_INVALID_PARAMETER);
	return ntshim_wait(Count, Object, WaitType, Timeout,
			   WaitBlockArray ? WaitBlockArray : blocks);
}
NTSHIM_EXPORT(KeWaitForMultipleObjects);

NTSTATUS NTAPI KeDelayExecutionThread(KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
				      PLARGE_INTEGER Interval)
{
	clockid_t clock;
	ktime_t expires;

	if (!Interval) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"KeDelayExecutionThread: no interval: refused");
		return STATUS_INVALID_PARAMETER;
	}
	NTSHIM_REQUIRE_IRQL(wait_max_irql(Interval), STATUS_INVALID_PARAMETER);
	ntshim_nt_time_to_ktime(Interval->QuadPart, &expires, &clock);
	do {
		set_current_state(TASK_IDLE);
	} while (schedule_hrtimeout_range_clock(&expires, 0, HRTIMER_MODE_ABS, clock));
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(KeDelayExecutionThread);
