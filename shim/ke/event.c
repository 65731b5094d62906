// SPDX-License-Identifier: GPL-2.0
/*
 * Events: KEVENT is a bare dispatcher header, as in NT; waits on it are in
 * wait.c.  Callable at any IRQL up to DISPATCH_LEVEL.  A program's eventfd
 * may stand behind one (user events, below).
 */
#include "ke.h"
#include <linux/eventfd.h>
#include <linux/hashtable.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

void ntshim_event_init(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State)
{
	Event->Header.Type = Type == SynchronizationEvent ?
			     EventSynchronizationObject : EventNotificationObject;
	Event->Header.Signalling = 0;
	Event->Header.Size = sizeof(KEVENT) / sizeof(LONG);
	Event->Header.SignalState = State ? 1 : 0;
	InitializeListHead(&Event->Header.WaitListHead);
}

VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State)
{
	ntshim_event_init(Event, Type, State);
}
NTSHIM_EXPORT(KeInitializeEvent);

/*
 * Events a program hands a driver by handle (ObReferenceObjectByHandle with
 * *ExEventObjectType): the handle is an eventfd of the calling process.
 * The driver holds a KEVENT like any other (it may wait on it, set and
 * reset it); setting it also signals the eventfd, from a work item, since
 * eventfd's lock sleeps on PREEMPT_RT and KeSetEvent comes up to
 * DISPATCH_LEVEL.  The last ObDereferenceObject lets the eventfd go.
 */
struct user_event {
	KEVENT event;			/* first: what the driver holds */
	refcount_t refs;
	bool dead;
	struct eventfd_ctx *ctx;
	atomic_t signals;		/* sets not passed on yet */
	struct work_struct work;	/* passes them on; frees a dead one */
	struct hlist_node node;
	struct ntshim_held held;	/* the opening driver's references */
};

static DEFINE_HASHTABLE(user_events, 5);
static DEFINE_RAW_SPINLOCK(user_events_lock);
static atomic_t user_event_count = ATOMIC_INIT(0);

static struct user_event *user_event_find(PVOID object)
{
	struct user_event *u;

	lockdep_assert_held(&user_events_lock);
	hash_for_each_possible(user_events, u, node, (unsigned long)object)
		if (&u->event == object)
			return u;
	return NULL;
}

static void user_event_work(struct work_struct *work)
{
	struct user_event *u = container_of(work, struct user_event, work);

	if (atomic_xchg(&u->signals, 0))
		ntshim_eventfd_signal(u->ctx);
	if (READ_ONCE(u->dead)) {
		eventfd_ctx_put(u->ctx);
		kfree(u);
	}
}

static void user_event_signal(PRKEVENT event)
{
	struct user_event *u;
	unsigned long flags;

	if (likely(!atomic_read(&user_event_count)))
		return;
	raw_spin_lock_irqsave(&user_events_lock, flags);
	u = user_event_find(event);
	if (u) {
		atomic_inc(&u->signals);
		schedule_work(&u->work);
	}
	raw_spin_unlock_irqrestore(&user_events_lock, flags);
}

/* An event object for the calling process's eventfd fd (PASSIVE_LEVEL). */
NTSTATUS ntshim_user_event_open(int fd, PVOID *object, const void *caller)
{
	struct eventfd_ctx *ctx = eventfd_ctx_fdget(fd);
	struct user_event *u;
	unsigned long flags;

	if (IS_ERR(ctx))
		return PTR_ERR(ctx) == -EBADF ? STATUS_INVALID_HANDLE : STATUS_OBJECT_TYPE_MISMATCH;
	u = kzalloc(sizeof(*u), GFP_KERNEL);
	if (!u) {
		eventfd_ctx_put(ctx);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	ntshim_event_init(&u->event, NotificationEvent, FALSE);
	refcount_set(&u->refs, 1);
	u->ctx = ctx;
	INIT_WORK(&u->work, user_event_work);
	ntshim_held_init(&u->held, caller);
	raw_spin_lock_irqsave(&user_events_lock, flags);
	hash_add(user_events, &u->node, (unsigned long)&u->event);
	atomic_inc(&user_event_count);
	raw_spin_unlock_irqrestore(&user_events_lock, flags);
	*object = &u->event;
	return STATUS_SUCCESS;
}

/* ObReferenceObject: false if it is no user event. */
bool ntshim_user_event_get(PVOID object, const void *caller)
{
	struct user_event *u;
	unsigned long flags;

	if (!atomic_read(&user_event_count))
		return false;
	raw_spin_lock_irqsave(&user_events_lock, flags);
	u = user_event_find(object);
	if (u) {
		refcount_inc(&u->refs);
		ntshim_held_count(&u->held, caller, 1);
	}
	raw_spin_unlock_irqrestore(&user_events_lock, flags);
	return u;
}

/* Drops refs references; the last lets the eventfd go (from the work item). */
static void user_event_drop(struct user_event *u, unsigned int refs)
{
	bool last = false;

	lockdep_assert_held(&user_events_lock);
	while (refs-- && !last)
		last = refcount_dec_and_test(&u->refs);
	if (!last)
		return;
	hash_del(&u->node);
	atomic_dec(&user_event_count);
	WRITE_ONCE(u->dead, true);
	schedule_work(&u->work);
}

/* ObDereferenceObject, any IRQL up to DISPATCH_LEVEL: false if it is no user event. */
bool ntshim_user_event_put(PVOID object, const void *caller)
{
	struct user_event *u;
	unsigned long flags;

	if (!atomic_read(&user_event_count))
		return false;
	raw_spin_lock_irqsave(&user_events_lock, flags);
	u = user_event_find(object);
	if (u) {
		ntshim_held_count(&u->held, caller, -1);
		user_event_drop(u, 1);
	}
	raw_spin_unlock_irqrestore(&user_events_lock, flags);
	return u;
}

/* A driver unloads: the references it took and never dropped go. */
static int user_event_image_gone(struct notifier_block *nb, unsigned long action, void *data)
{
	struct user_event *u;
	unsigned int bkt, refs, left = 0;
	const void *site = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&user_events_lock, flags);
restart:
	hash_for_each(user_events, bkt, u, node) {
		site = u->held.site;
		refs = ntshim_held_take(&u->held, data);
		if (refs) {
			left += refs;
			user_event_drop(u, refs);
			goto restart;	/* the entry may be gone */
		}
	}
	raw_spin_unlock_irqrestore(&user_events_lock, flags);
	if (left)
		ntshim_complain(NTC_UNLOAD_LEFTOVER, site,
				"unloaded holding %u reference(s) to programs' events: dropped", left);
	return NOTIFY_DONE;
}

static struct notifier_block user_event_image_nb = { .notifier_call = user_event_image_gone };

int ntshim_user_event_init(void)
{
	blocking_notifier_chain_register(&ntshim_image_gone_chain, &user_event_image_nb);
	return 0;
}

void ntshim_user_event_exit(void)
{
	blocking_notifier_chain_unregister(&ntshim_image_gone_chain, &user_event_image_nb);
}

/* Returns the previous state; wakes what the new state satisfies. */
static LONG event_set(PRKEVENT Event, bool pulse, const void *caller)
{
	unsigned long flags;
	LONG old;

	if (unlikely(!Event || !ntshim_dispatcher_usable(&Event->Header) ||
		     Event->Header.Type > EventSynchronizationObject)) {
		ntshim_complain(NTC_UNINITIALIZED, caller,
				"%s: %p is not an initialized event: ignored",
				pulse ? "KePulseEvent" : "KeSetEvent", Event);
		return 0;
	}
	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	old = Event->Header.SignalState;
	Event->Header.SignalState = 1;
	ntshim_signal_waiters(&Event->Header);
	if (pulse)
		Event->Header.SignalState = 0;
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	user_event_signal(Event);
	return old;
}

LONG ntshim_event_set(PRKEVENT Event, const void *caller)
{
	return event_set(Event, false, caller);
}

LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
	/* Wait == TRUE only lets NT keep its lock for the caller's next wait. */
	return event_set(Event, false, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeSetEvent);

LONG NTAPI KePulseEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait)
{
	return event_set(Event, true, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KePulseEvent);

LONG NTAPI KeResetEvent(PRKEVENT Event)
{
	return xchg(&Event->Header.SignalState, 0);
}
NTSHIM_EXPORT(KeResetEvent);

VOID NTAPI KeClearEvent(PRKEVENT Event)
{
	WRITE_ONCE(Event->Header.SignalState, 0);
}
NTSHIM_EXPORT(KeClearEvent);

LONG NTAPI KeReadStateEvent(PRKEVENT Event)
{
	return READ_ONCE(Event->Header.SignalState);
}
NTSHIM_EXPORT(KeReadStateEvent);
