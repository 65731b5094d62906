// SPDX-License-Identifier: GPL-2.0
/*
 * Timers: KTIMER on high-resolution timers.
 *
 * Relative due times run on CLOCK_MONOTONIC, absolute ones (system time since
 * 1601) on CLOCK_REALTIME, which follows changes of the wall clock: a KTIMER
 * has one hrtimer, set up again for the other clock when a due time needs
 * it.  The hrtimer expires in hard interrupt context on every kernel
 * (PREEMPT_RT included), never early, and a periodic timer is moved on by
 * whole periods from its last due time, so it does not drift.  State
 * changes happen under the dispatcher lock, as in NT, so expiry,
 * KeSetTimerEx and KeCancelTimer never see each other half done.
 */
#include "ke.h"
#include <linux/hrtimer.h>
#include <linux/sched/task_stack.h>

/* In every initialized KTIMER's private part (the hrtimer is set up again at times). */
#define TIMER_MAGIC	0x544b	/* "KT" */

static struct ntshim_ktimer_private *timer_priv(PKTIMER t)
{
	return (struct ntshim_ktimer_private *)t->NtshimPrivate;
}

static PKTIMER timer_of(struct ntshim_ktimer_private *p)
{
	return (PKTIMER)((char *)p - offsetof(KTIMER, NtshimPrivate));
}

/* With the dispatcher lock held: stop any pending expiry. */
static bool timer_disarm(struct ntshim_ktimer_private *p)
{
	bool was = p->armed;

	lockdep_assert_held(&ntshim_dispatcher_lock);
	/* A callback running now finds armed cleared and does nothing. */
	if (was)
		hrtimer_try_to_cancel(&p->hrtimer);
	p->armed = false;
	return was;
}

static enum hrtimer_restart timer_fire(struct hrtimer *h);

static void timer_hrtimer_init(struct ntshim_ktimer_private *p, bool real)
{
	clockid_t clock = real ? CLOCK_REALTIME : CLOCK_MONOTONIC;

	if (p->on_stack)
		hrtimer_init_on_stack(&p->hrtimer, clock, HRTIMER_MODE_ABS_HARD);
	else
		hrtimer_init(&p->hrtimer, clock, HRTIMER_MODE_ABS_HARD);
	p->hrtimer.function = timer_fire;
	p->real = real;
}

static enum hrtimer_restart timer_fire(struct hrtimer *h)
{
	struct ntshim_ktimer_private *p = container_of(h, struct ntshim_ktimer_private, hrtimer);
	enum hrtimer_restart ret = HRTIMER_NORESTART;
	PKTIMER t = timer_of(p);
	unsigned long flags;
	LONGLONG now;

	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	/* Cancelled, or set again while this expiry was on its way. */
	if (!p->armed || hrtimer_is_queued(h))
		goto out;
	t->Header.SignalState = 1;
	ntshim_signal_waiters(&t->Header);
	if (t->Dpc) {
		now = ntshim_system_time();
		/* Complaints about the DPC are blamed on the timer's owner. */
		ntshim_dpc_insert(t->Dpc, (PVOID)(ULONG_PTR)(ULONG)now,
				  (PVOID)(ULONG_PTR)(ULONG)(now >> 32), t);
	}
	if (p->period_ns) {
		hrtimer_forward_now(h, ns_to_ktime(p->period_ns));
		ret = HRTIMER_RESTART;
	} else {
		p->armed = false;
	}
out:
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	return ret;
}

static void *timer_routine(struct ntshim_tracked *obj);

/* Disarmed for good: a DPC running elsewhere cannot set it again. */
static unsigned int timer_stop(struct ntshim_tracked *obj)
{
	struct ntshim_ktimer_private *p = container_of(obj, struct ntshim_ktimer_private, track);
	unsigned long flags;
	bool was;

	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	p->dead = true;
	was = timer_disarm(p);
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	/* Blamed on its DPC's driver, or, without one, on the driver it lies in. */
	if (was)
		ntshim_complain(NTC_LIVE_AT_FREE, timer_routine(obj) ?: timer_of(p),
				"timer %p (DPC %pS) was still armed: cancelled before its memory went",
				timer_of(p), timer_routine(obj));
	return was;
}

static void timer_drain(struct ntshim_tracked *obj)
{
	struct ntshim_ktimer_private *p = container_of(obj, struct ntshim_ktimer_private, track);

	hrtimer_cancel(&p->hrtimer);
}

static void *timer_routine(struct ntshim_tracked *obj)
{
	PKTIMER t = timer_of(container_of(obj, struct ntshim_ktimer_private, track));

	return t->Dpc ? (void *)t->Dpc->DeferredRoutine : NULL;
}

static const struct ntshim_track_ops timer_track_ops = {
	.stop = timer_stop,
	.drain = timer_drain,
	.routine = timer_routine,
};

static void timer_init(PKTIMER Timer, TIMER_TYPE Type, const void *caller)
{
	struct ntshim_ktimer_private *p = timer_priv(Timer);
	unsigned long flags;
	bool was;

	Timer->Header.Type = Type == SynchronizationTimer ?
			     TimerSynchronizationObject : TimerNotificationObject;
	Timer->Header.Size = sizeof(KTIMER) / sizeof(LONG);
	Timer->Header.SignalState = 0;
	InitializeListHead(&Timer->Header.WaitListHead);
	Timer->DueTime.QuadPart = 0;
	Timer->Period = 0;
	Timer->Dpc = NULL;
	Timer->Processor = 0;
	InitializeListHead(&Timer->TimerListEntry);
	if (ntshim_is_tracked(&p->track)) {
		/* Initialised again in place: keep the hrtimers, disarm them. */
		raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
		was = timer_disarm(p);
		raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
		if (was)
			ntshim_complain(NTC_LIVE_AT_INIT, caller,
					"KeInitializeTimer on armed timer %p: cancelled", Timer);
		return;
	}
	memset(p, 0, sizeof(*p));
	p->on_stack = object_is_on_stack(Timer);
	timer_hrtimer_init(p, false);
	p->magic = TIMER_MAGIC;
	if (!p->on_stack)
		ntshim_track(&p->track, &timer_track_ops);
}

VOID NTAPI KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type)
{
	timer_init(Timer, Type, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeInitializeTimerEx);

VOID NTAPI KeInitializeTimer(PKTIMER Timer)
{
	timer_init(Timer, NotificationTimer, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeInitializeTimer);

/* An all-zero or foreign KTIMER has no hrtimer behind it. */
static bool timer_usable(PKTIMER Timer, const char *fn, const void *caller)
{
	if (likely(Timer && timer_priv(Timer)->magic == TIMER_MAGIC))
		return true;
	ntshim_complain(NTC_UNINITIALIZED, caller, "%s: %p is not an initialized timer: refused",
			fn, Timer);
	return false;
}

/*
 * The hrtimer may be set up for the other clock only while no expiry runs
 * and nobody else calls into it.  An expiry running on another processor
 * takes the dispatcher lock (and then finds the timer disarmed), so it is
 * waited for outside the lock, with "switching" keeping other setters off
 * the hrtimer meanwhile.  The wait is at DISPATCH_LEVEL (preemption off on
 * RT as well), so no setter spinning on "switching" can run on this
 * processor in its place; none runs above DISPATCH_LEVEL (refused).
 * Called with the dispatcher lock held; returns without it.
 */
static void timer_wait_expiry(struct ntshim_ktimer_private *p, unsigned long flags)
{
	KIRQL old = ntshim_current_irql();

	p->switching = true;
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	if (old < DISPATCH_LEVEL)
		ntshim_irql_raise(DISPATCH_LEVEL);
	hrtimer_cancel(&p->hrtimer);
	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	p->switching = false;
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	if (old < DISPATCH_LEVEL)
		ntshim_irql_lower(old);
}

static BOOLEAN timer_set(PKTIMER Timer, LONGLONG DueTime, LONG Period, PKDPC Dpc,
			 const void *caller)
{
	struct ntshim_ktimer_private *p = timer_priv(Timer);
	bool was = false, real;
	unsigned long flags;
	clockid_t clock;
	ktime_t expires;

	if (!timer_usable(Timer, "KeSetTimer", caller))
		return FALSE;
	if (Period < 0) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"KeSetTimerEx: negative period %d: not set", Period);
		return FALSE;
	}
	ntshim_nt_time_to_ktime(DueTime, &expires, &clock);
	real = clock == CLOCK_REALTIME;
again:
	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	if (unlikely(p->dead)) {
		raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
		ntshim_complain(NTC_USE_AFTER_STOP, caller,
				"KeSetTimerEx: timer %p is in memory already released: not set", Timer);
		return FALSE;
	}
	/* Another setter waits to move it to the other clock: after it. */
	if (unlikely(p->switching)) {
		raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
		cpu_relax();
		goto again;
	}
	was |= timer_disarm(p);
	if (unlikely(p->real != real)) {
		if (hrtimer_active(&p->hrtimer)) {
			timer_wait_expiry(p, flags);
			goto again;
		}
		timer_hrtimer_init(p, real);
	}
	Timer->Header.SignalState = 0;
	Timer->DueTime.QuadPart = DueTime;
	Timer->Period = Period;
	Timer->Dpc = Dpc;
	p->period_ns = (u64)Period * NSEC_PER_MSEC;
	p->armed = true;
	hrtimer_start(&p->hrtimer, expires, HRTIMER_MODE_ABS_HARD);
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	return was;
}

BOOLEAN NTAPI KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period, PKDPC Dpc)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, FALSE);
	return timer_set(Timer, DueTime.QuadPart, Period, Dpc, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeSetTimerEx);

BOOLEAN NTAPI KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, FALSE);
	return timer_set(Timer, DueTime.QuadPart, 0, Dpc, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeSetTimer);

BOOLEAN NTAPI KeCancelTimer(PKTIMER Timer)
{
	unsigned long flags;
	bool was;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, FALSE);
	if (!timer_usable(Timer, "KeCancelTimer", (void *)_RET_IP_))
		return FALSE;
	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	was = timer_disarm(timer_priv(Timer));
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	return was;
}
NTSHIM_EXPORT(KeCancelTimer);

BOOLEAN NTAPI KeReadStateTimer(PKTIMER Timer)
{
	return READ_ONCE(Timer->Header.SignalState) != 0;
}
NTSHIM_EXPORT(KeReadStateTimer);
