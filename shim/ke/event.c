// SPDX-License-Identifier: GPL-2.0
/*
 * Events: KEVENT is a bare dispatcher header, as in NT; waits on it are in
 * wait.c.  Callable at any IRQL up to DISPATCH_LEVEL.
 */
#include "ke.h"

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
