// SPDX-License-Identifier: GPL-2.0
/*
 * Executive resources (ERESOURCE): one exclusive owner or many sharing
 * threads, each able to acquire again what it holds.  NT's rules, which no
 * Linux lock has (so the state is ntshim's own, under a raw lock):
 *
 *  - exclusive: granted when free, or to the thread that holds it
 *    exclusively already (recursion);
 *  - shared: granted when free, to the exclusive owner (counted on its
 *    exclusive hold), to a thread that shares it already, or when shared
 *    and no thread waits for it exclusively, so writers are not starved;
 *    ExAcquireSharedStarveExclusive ignores waiting writers,
 *    ExAcquireSharedWaitForExclusive honours them even for a thread that
 *    shares it already;
 *  - on an exclusive release every shared waiter is let in, else one
 *    exclusive waiter; on the last shared release, one exclusive waiter.
 *
 * A thread that shares it and asks for exclusive access deadlocks in NT:
 * refused here.  Up to NTSHIM_RESOURCE_OWNERS threads share at once; more
 * wait for a place.  lockdep sees each acquisition against the locks held
 * at that moment (a resource may be released by another thread, which
 * lockdep cannot follow).
 */
#include "ex.h"
#include "../ke/ke.h"
#include <linux/lockdep.h>
#include <linux/sched.h>

#define RESOURCE_MAGIC	0x52534552	/* initialized */

enum resource_want { WANT_EXCLUSIVE, WANT_SHARED, WANT_STARVE, WANT_WAIT_FOR_EXCLUSIVE };

struct resource_waiter {
	struct list_head node;
	struct task_struct *task;
	enum resource_want want;
	bool granted;
};

static struct ntshim_eresource_private *resource_of(PERESOURCE r)
{
	return (struct ntshim_eresource_private *)r->NtshimPrivate;
}

static struct ntshim_resource_owner *resource_owner(struct ntshim_eresource_private *res,
						    struct task_struct *task)
{
	int i;

	for (i = 0; i < NTSHIM_RESOURCE_OWNERS; i++)
		if (res->owners[i].task == task)
			return &res->owners[i];
	return NULL;
}

static bool resource_room(struct ntshim_eresource_private *res, struct task_struct *task)
{
	return resource_owner(res, task) || resource_owner(res, NULL);
}

/* Under the lock: can the task have it as it wants, right now? */
static bool resource_can(struct ntshim_eresource_private *res, struct task_struct *task,
			 enum resource_want want)
{
	if (res->exclusive)
		return res->exclusive == task;
	if (want == WANT_EXCLUSIVE)
		return !res->shared_count;
	if (!res->shared_count)
		return true;
	if (!resource_room(res, task))
		return false;	/* no place to record one more sharer */
	if (want == WANT_STARVE || !res->exclusive_waiters)
		return true;
	return want == WANT_SHARED && resource_owner(res, task);
}

/* Under the lock, after resource_can: the task holds it once more. */
static void resource_take(struct ntshim_eresource_private *res, struct task_struct *task,
			  enum resource_want want)
{
	struct ntshim_resource_owner *o;

	if (res->exclusive || want == WANT_EXCLUSIVE) {
		res->exclusive = task;
		res->exclusive_count++;
		return;
	}
	o = resource_owner(res, task) ?: resource_owner(res, NULL);
	o->task = task;
	o->count++;
	res->shared_count++;
}

static void resource_grant_one(struct ntshim_eresource_private *res, struct resource_waiter *w)
{
	resource_take(res, w->task, w->want);
	list_del(&w->node);
	if (w->want == WANT_EXCLUSIVE)
		res->exclusive_waiters--;
	else
		res->shared_waiters--;
	w->granted = true;
	wake_up_process(w->task);
}

static void resource_grant_exclusive(struct ntshim_eresource_private *res)
{
	struct resource_waiter *w;

	list_for_each_entry(w, &res->waiters, node) {
		if (w->want == WANT_EXCLUSIVE) {
			resource_grant_one(res, w);
			return;
		}
	}
}

/*
 * Under the lock, after a release or conversion: let in who may come in.
 * After an exclusive hold every sharer comes in; once free, a writer first.
 */
static void resource_wake(struct ntshim_eresource_private *res, bool after_exclusive)
{
	struct resource_waiter *w, *next;

	if (!after_exclusive && !res->exclusive && !res->shared_count && res->exclusive_waiters) {
		resource_grant_exclusive(res);
		return;
	}
	list_for_each_entry_safe(w, next, &res->waiters, node) {
		if (w->want == WANT_EXCLUSIVE || res->exclusive)
			continue;
		if (after_exclusive ? resource_room(res, w->task) :
				      resource_can(res, w->task, w->want))
			resource_grant_one(res, w);
	}
	if (!res->exclusive && !res->shared_count)
		resource_grant_exclusive(res);
}

static struct ntshim_eresource_private *resource_usable(PERESOURCE r, const char *fn,
							const void *caller)
{
	if (likely(r && resource_of(r)->magic == RESOURCE_MAGIC))
		return resource_of(r);
	ntshim_complain(r ? NTC_UNINITIALIZED : NTC_BAD_ARGUMENT, caller,
			"%s: %p is not an initialized resource: ignored", fn, r);
	return NULL;
}

NTSTATUS NTAPI ExInitializeResourceLite(PERESOURCE Resource)
{
	struct ntshim_eresource_private *res;
	const struct ntshim_lock_class *class;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, STATUS_INVALID_PARAMETER);
	if (!Resource) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"ExInitializeResourceLite: NULL resource");
		return STATUS_INVALID_PARAMETER;
	}
	res = resource_of(Resource);
	class = ntshim_lock_class((void *)_RET_IP_);
	memset(res, 0, sizeof(*res));
	raw_spin_lock_init(&res->lock);
	INIT_LIST_HEAD(&res->waiters);
	lockdep_init_map(&res->dep_map, class->name, class->key, 0);
	res->magic = RESOURCE_MAGIC;
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(ExInitializeResourceLite);

static bool resource_busy(struct ntshim_eresource_private *res)
{
	return res->exclusive || res->shared_count || !list_empty(&res->waiters);
}

/* Deleted or initialized again while held or awaited: refused, as NT would stop. */
static NTSTATUS resource_retire(PERESOURCE Resource, bool reinit, const char *fn,
				const void *caller)
{
	struct ntshim_eresource_private *res = resource_usable(Resource, fn, caller);
	unsigned long flags;
	bool busy;

	if (!res)
		return STATUS_INVALID_PARAMETER;
	raw_spin_lock_irqsave(&res->lock, flags);
	busy = resource_busy(res);
	if (!busy && !reinit)
		res->magic = 0;
	raw_spin_unlock_irqrestore(&res->lock, flags);
	if (busy) {
		ntshim_complain(NTC_LIVE_AT_FREE, caller, "%s: %p is held or awaited: refused",
				fn, Resource);
		return STATUS_RESOURCE_IN_USE;
	}
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI ExDeleteResourceLite(PERESOURCE Resource)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, STATUS_INVALID_PARAMETER);
	return resource_retire(Resource, false, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExDeleteResourceLite);

NTSTATUS NTAPI ExReinitializeResourceLite(PERESOURCE Resource)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, STATUS_INVALID_PARAMETER);
	return resource_retire(Resource, true, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExReinitializeResourceLite);

/* Sleeps until a release grants it (the releaser records it for us). */
static void resource_wait(struct ntshim_eresource_private *res, struct resource_waiter *w,
			  unsigned long *flags)
{
	list_add_tail(&w->node, &res->waiters);
	if (w->want == WANT_EXCLUSIVE)
		res->exclusive_waiters++;
	else
		res->shared_waiters++;
	for (;;) {
		set_current_state(TASK_IDLE);
		raw_spin_unlock_irqrestore(&res->lock, *flags);
		schedule();
		raw_spin_lock_irqsave(&res->lock, *flags);
		if (w->granted)
			break;
	}
	__set_current_state(TASK_RUNNING);
}

static BOOLEAN resource_acquire(PERESOURCE Resource, enum resource_want want, BOOLEAN Wait,
				const char *fn, const void *caller)
{
	struct ntshim_eresource_private *res = resource_usable(Resource, fn, caller);
	struct resource_waiter w = { .task = current, .want = want };
	unsigned long flags;
	bool got = true;

	if (!res)
		return FALSE;
	ntshim_expect_region(fn, caller);
	raw_spin_lock_irqsave(&res->lock, flags);
	if (want == WANT_EXCLUSIVE && !res->exclusive && resource_owner(res, current)) {
		raw_spin_unlock_irqrestore(&res->lock, flags);
		/* Without Wait NT simply fails it; with Wait it deadlocks. */
		if (Wait)
			ntshim_complain(NTC_MUTEX_RECURSIVE, caller,
					"%s: exclusive access asked by a thread that shares it (NT deadlocks): refused",
					fn);
		return FALSE;
	}
	if (resource_can(res, current, want))
		resource_take(res, current, want);
	else if (Wait)
		resource_wait(res, &w, &flags);
	else
		got = false;
	raw_spin_unlock_irqrestore(&res->lock, flags);
	if (!got)
		return FALSE;
	/* Ordered against what the thread holds now. */
	lock_map_acquire(&res->dep_map);
	lock_map_release(&res->dep_map);
	return TRUE;
}

BOOLEAN NTAPI ExAcquireResourceExclusiveLite(PERESOURCE Resource, BOOLEAN Wait)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, FALSE);
	return resource_acquire(Resource, WANT_EXCLUSIVE, Wait, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAcquireResourceExclusiveLite);

BOOLEAN NTAPI ExAcquireResourceSharedLite(PERESOURCE Resource, BOOLEAN Wait)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, FALSE);
	return resource_acquire(Resource, WANT_SHARED, Wait, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAcquireResourceSharedLite);

BOOLEAN NTAPI ExAcquireSharedStarveExclusive(PERESOURCE Resource, BOOLEAN Wait)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, FALSE);
	return resource_acquire(Resource, WANT_STARVE, Wait, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAcquireSharedStarveExclusive);

BOOLEAN NTAPI ExAcquireSharedWaitForExclusive(PERESOURCE Resource, BOOLEAN Wait)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, FALSE);
	return resource_acquire(Resource, WANT_WAIT_FOR_EXCLUSIVE, Wait, __func__,
				(void *)_RET_IP_);
}
NTSHIM_EXPORT(ExAcquireSharedWaitForExclusive);

/* One hold of the thread's goes; false if it holds none. */
static bool resource_drop(struct ntshim_eresource_private *res, struct task_struct *task)
{
	struct ntshim_resource_owner *o;

	if (res->exclusive == task) {
		if (!--res->exclusive_count) {
			res->exclusive = NULL;
			resource_wake(res, true);
		}
		return true;
	}
	o = task ? resource_owner(res, task) : NULL;
	if (!o)
		return false;
	res->shared_count--;
	if (!--o->count)
		o->task = NULL;
	resource_wake(res, false);
	return true;
}

static void resource_release(PERESOURCE Resource, struct task_struct *task, const char *fn,
			     const void *caller)
{
	struct ntshim_eresource_private *res = resource_usable(Resource, fn, caller);
	unsigned long flags;
	bool held;

	if (!res)
		return;
	raw_spin_lock_irqsave(&res->lock, flags);
	held = resource_drop(res, task);
	raw_spin_unlock_irqrestore(&res->lock, flags);
	if (!held)
		ntshim_complain(NTC_MUTEX_NOT_OWNED, caller,
				"%s: %p is not held by that thread (NT stops: RESOURCE_NOT_OWNED): ignored",
				fn, Resource);
}

VOID FASTCALL ExReleaseResourceLite(PERESOURCE Resource)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	resource_release(Resource, current, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExReleaseResourceLite);

/* The thread is what ExGetCurrentResourceThread said in the thread that acquired it. */
VOID NTAPI ExReleaseResourceForThreadLite(PERESOURCE Resource, ERESOURCE_THREAD ResourceThreadId)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	resource_release(Resource, (struct task_struct *)ResourceThreadId, __func__,
			 (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExReleaseResourceForThreadLite);

ERESOURCE_THREAD NTAPI ExGetCurrentResourceThread(VOID)
{
	return (ERESOURCE_THREAD)current;
}
NTSHIM_EXPORT(ExGetCurrentResourceThread);

/* Its exclusive holds become shared ones, and the sharers waiting come in. */
VOID NTAPI ExConvertExclusiveToSharedLite(PERESOURCE Resource)
{
	struct ntshim_eresource_private *res;
	struct ntshim_resource_owner *o;
	unsigned long flags;
	bool held;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	res = resource_usable(Resource, __func__, (void *)_RET_IP_);
	if (!res)
		return;
	raw_spin_lock_irqsave(&res->lock, flags);
	held = res->exclusive == current;
	if (held) {
		o = resource_owner(res, NULL);	/* free when held exclusively */
		o->task = current;
		o->count = res->exclusive_count;
		res->shared_count = res->exclusive_count;
		res->exclusive = NULL;
		res->exclusive_count = 0;
		resource_wake(res, true);
	}
	raw_spin_unlock_irqrestore(&res->lock, flags);
	if (!held)
		ntshim_complain(NTC_MUTEX_NOT_OWNED, (void *)_RET_IP_,
				"ExConvertExclusiveToSharedLite: %p is not held exclusively by the caller: ignored",
				Resource);
}
NTSHIM_EXPORT(ExConvertExclusiveToSharedLite);

BOOLEAN NTAPI ExIsResourceAcquiredExclusiveLite(PERESOURCE Resource)
{
	struct ntshim_eresource_private *res = resource_usable(Resource, __func__,
							       (void *)_RET_IP_);

	return res && READ_ONCE(res->exclusive) == current;
}
NTSHIM_EXPORT(ExIsResourceAcquiredExclusiveLite);

/* How many times the caller holds it, shared or exclusive. */
ULONG NTAPI ExIsResourceAcquiredSharedLite(PERESOURCE Resource)
{
	struct ntshim_eresource_private *res = resource_usable(Resource, __func__,
							       (void *)_RET_IP_);
	struct ntshim_resource_owner *o;
	unsigned long flags;
	ULONG count = 0;

	if (!res)
		return 0;
	raw_spin_lock_irqsave(&res->lock, flags);
	if (res->exclusive == current)
		count = res->exclusive_count;
	else if ((o = resource_owner(res, current)))
		count = o->count;
	raw_spin_unlock_irqrestore(&res->lock, flags);
	return count;
}
NTSHIM_EXPORT(ExIsResourceAcquiredSharedLite);

ULONG NTAPI ExGetExclusiveWaiterCount(PERESOURCE Resource)
{
	struct ntshim_eresource_private *res = resource_usable(Resource, __func__,
							       (void *)_RET_IP_);

	return res ? READ_ONCE(res->exclusive_waiters) : 0;
}
NTSHIM_EXPORT(ExGetExclusiveWaiterCount);

ULONG NTAPI ExGetSharedWaiterCount(PERESOURCE Resource)
{
	struct ntshim_eresource_private *res = resource_usable(Resource, __func__,
							       (void *)_RET_IP_);

	return res ? READ_ONCE(res->shared_waiters) : 0;
}
NTSHIM_EXPORT(ExGetSharedWaiterCount);

/* The shortcuts NT exports: a critical region and the resource in one call. */
static PVOID resource_enter(PERESOURCE Resource, enum resource_want want, const char *fn,
			    const void *caller)
{
	ntshim_kthread_regions_move(1, 0);
	resource_acquire(Resource, want, TRUE, fn, caller);
	return NULL;	/* NT's Win32Thread: none here */
}

PVOID FASTCALL ExEnterCriticalRegionAndAcquireResourceExclusive(PERESOURCE Resource)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, NULL);
	return resource_enter(Resource, WANT_EXCLUSIVE, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExEnterCriticalRegionAndAcquireResourceExclusive);

PVOID FASTCALL ExEnterCriticalRegionAndAcquireResourceShared(PERESOURCE Resource)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, NULL);
	return resource_enter(Resource, WANT_SHARED, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExEnterCriticalRegionAndAcquireResourceShared);

PVOID FASTCALL ExEnterCriticalRegionAndAcquireSharedWaitForExclusive(PERESOURCE Resource)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, NULL);
	return resource_enter(Resource, WANT_WAIT_FOR_EXCLUSIVE, __func__, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExEnterCriticalRegionAndAcquireSharedWaitForExclusive);

VOID FASTCALL ExReleaseResourceAndLeaveCriticalRegion(PERESOURCE Resource)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	resource_release(Resource, current, __func__, (void *)_RET_IP_);
	ntshim_kthread_regions_move(-1, 0);
}
NTSHIM_EXPORT(ExReleaseResourceAndLeaveCriticalRegion);
