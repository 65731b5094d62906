// SPDX-License-Identifier: GPL-2.0
/*
 * IoTimer: one system-wide tick, once a second, calls the routine of every
 * started device timer at DISPATCH_LEVEL, as TimerRoutine(DeviceObject,
 * Context).  The tick runs only while some timer is started.  Routines run
 * without the list lock held, so one may call IoStopTimer on itself, and
 * IoDeleteDevice waits for a running one before the device goes.  Timers
 * are found by device in ntshim's own list; DeviceObject->Timer is only
 * set for the driver to see.  Each is a resource of its device.
 */
#include "io.h"
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/wait_bit.h>

struct _IO_TIMER {
	struct list_head node;
	struct ntshim_res res;		/* on its device's owner list */
	PDEVICE_OBJECT device;
	PIO_TIMER_ROUTINE routine;
	PVOID context;
	unsigned long seq;	/* the last tick that called it */
	bool started;
	bool running;
};

static LIST_HEAD(iotimers);
static DEFINE_RAW_SPINLOCK(iotimer_lock);
static struct timer_list iotimer_tick;
static unsigned long iotimer_seq;
static unsigned int iotimer_started;

static PIO_TIMER iotimer_find(PDEVICE_OBJECT dev)
{
	PIO_TIMER t;

	lockdep_assert_held(&iotimer_lock);
	list_for_each_entry(t, &iotimers, node)
		if (t->device == dev)
			return t;
	return NULL;
}

/* The next started timer this tick has not called yet, marked running. */
static PIO_TIMER iotimer_next(unsigned long seq)
{
	PIO_TIMER t, found = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&iotimer_lock, flags);
	list_for_each_entry(t, &iotimers, node) {
		if (t->started && t->seq != seq) {
			t->seq = seq;
			t->running = true;
			found = t;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&iotimer_lock, flags);
	return found;
}

static void iotimer_run(struct timer_list *tick)
{
	unsigned long seq = ++iotimer_seq, flags;
	PIO_TIMER t;
	bool again;

	while ((t = iotimer_next(seq))) {
		/* DISPATCH_LEVEL, also where timers expire in a thread (PREEMPT_RT). */
		preempt_disable();
		t->routine(t->device, t->context);
		ntshim_irql_leave(DISPATCH_LEVEL, "IoTimer routine", t->routine);
		preempt_enable();
		WRITE_ONCE(t->running, false);
		wake_up_var(&t->running);
	}
	raw_spin_lock_irqsave(&iotimer_lock, flags);
	again = iotimer_started;
	if (again)
		/* From the last tick, not from now: no drift. */
		mod_timer(tick, tick->expires + HZ);
	raw_spin_unlock_irqrestore(&iotimer_lock, flags);
}

/* Its device goes: the routine is not called again, nor running. */
static void iotimer_res_stop(struct ntshim_res *res)
{
	PIO_TIMER t = container_of(res, struct _IO_TIMER, res);
	unsigned long flags;

	raw_spin_lock_irqsave(&iotimer_lock, flags);
	if (t->started) {
		t->started = false;
		iotimer_started--;
	}
	raw_spin_unlock_irqrestore(&iotimer_lock, flags);
	wait_var_event(&t->running, !READ_ONCE(t->running));
}

static unsigned int iotimer_res_release(struct ntshim_res *res)
{
	PIO_TIMER t = container_of(res, struct _IO_TIMER, res);
	unsigned long flags;

	iotimer_res_stop(res);
	raw_spin_lock_irqsave(&iotimer_lock, flags);
	list_del(&t->node);
	raw_spin_unlock_irqrestore(&iotimer_lock, flags);
	kfree(t);
	return 0;
}

static const struct ntshim_res_ops iotimer_res_ops = {
	.stop = iotimer_res_stop,
	.release = iotimer_res_release,
	.name = "iotimers",
};

NTSTATUS NTAPI IoInitializeTimer(PDEVICE_OBJECT DeviceObject, PIO_TIMER_ROUTINE TimerRoutine,
				 PVOID Context)
{
	PIO_TIMER t, fresh;
	unsigned long flags;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_PARAMETER);
	if (!TimerRoutine || !DeviceObject || !ntshim_device_live(DeviceObject)) {
		ntshim_complain(TimerRoutine ? NTC_NOT_AN_OBJECT : NTC_BAD_ARGUMENT,
				(void *)_RET_IP_, "IoInitializeTimer: %s",
				TimerRoutine ? "not a live device object" : "no routine");
		return STATUS_INVALID_PARAMETER;
	}
	fresh = kzalloc(sizeof(*fresh), GFP_KERNEL);
	if (!fresh)
		return STATUS_INSUFFICIENT_RESOURCES;
	fresh->device = DeviceObject;
	raw_spin_lock_irqsave(&iotimer_lock, flags);
	t = iotimer_find(DeviceObject);
	if (!t) {
		t = fresh;
		fresh = NULL;
		list_add_tail(&t->node, &iotimers);
	}
	t->routine = TimerRoutine;
	t->context = Context;
	raw_spin_unlock_irqrestore(&iotimer_lock, flags);
	DeviceObject->Timer = t;
	if (fresh) {
		kfree(fresh);
	} else if (!ntshim_owner_add(ntshim_device_resources(DeviceObject), &t->res,
				     &iotimer_res_ops)) {
		iotimer_res_release(&t->res);
		return STATUS_DELETE_PENDING;
	}
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(IoInitializeTimer);

static void iotimer_switch(PDEVICE_OBJECT DeviceObject, bool start, const void *caller)
{
	unsigned long flags;
	PIO_TIMER t;

	raw_spin_lock_irqsave(&iotimer_lock, flags);
	t = iotimer_find(DeviceObject);
	if (t && t->started != start) {
		t->started = start;
		iotimer_started += start ? 1 : -1;
		if (start && iotimer_started == 1 && !timer_pending(&iotimer_tick))
			mod_timer(&iotimer_tick, jiffies + HZ);
	}
	raw_spin_unlock_irqrestore(&iotimer_lock, flags);
	if (!t)
		ntshim_complain(NTC_UNINITIALIZED, caller,
				"Io%sTimer: device %p has no IoTimer (IoInitializeTimer first)",
				start ? "Start" : "Stop", DeviceObject);
}

VOID NTAPI IoStartTimer(PDEVICE_OBJECT DeviceObject)
{
	iotimer_switch(DeviceObject, true, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoStartTimer);

VOID NTAPI IoStopTimer(PDEVICE_OBJECT DeviceObject)
{
	iotimer_switch(DeviceObject, false, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoStopTimer);

int ntshim_iotimer_init(void)
{
	timer_setup(&iotimer_tick, iotimer_run, 0);
	return 0;
}

void ntshim_iotimer_exit(void)
{
	ntshim_timer_delete_sync(&iotimer_tick);
}
