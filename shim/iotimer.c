// SPDX-License-Identifier: GPL-2.0
/*
 * IoTimer: one system-wide tick, once a second, calls the routine of every
 * started device timer at DISPATCH_LEVEL, as TimerRoutine(DeviceObject,
 * Context).  The tick runs only while some timer is started.  Routines run
 * without the list lock held, so one may call IoStopTimer on itself, and
 * IoDeleteDevice waits for a running one before the device goes.
 */
#include "ntshim.h"
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/wait_bit.h>

struct _IO_TIMER {
	struct list_head node;
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
		ntshim_irql_check_balanced("IoTimer routine", t->routine);
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

NTSTATUS NTAPI IoInitializeTimer(PDEVICE_OBJECT DeviceObject, PIO_TIMER_ROUTINE TimerRoutine,
				 PVOID Context)
{
	PIO_TIMER t = DeviceObject ? DeviceObject->Timer : NULL;
	unsigned long flags;

	if (!DeviceObject || !TimerRoutine || ntshim_current_irql() != PASSIVE_LEVEL) {
		pr_err("IoInitializeTimer: %s (from %pS)\n",
		       DeviceObject && TimerRoutine ? "called above PASSIVE_LEVEL" :
		       "no device object or routine", __builtin_return_address(0));
		return STATUS_INVALID_PARAMETER;
	}
	if (!t) {
		t = kzalloc(sizeof(*t), GFP_KERNEL);
		if (!t)
			return STATUS_INSUFFICIENT_RESOURCES;
		t->device = DeviceObject;
	}
	raw_spin_lock_irqsave(&iotimer_lock, flags);
	t->routine = TimerRoutine;
	t->context = Context;
	if (!DeviceObject->Timer) {
		list_add_tail(&t->node, &iotimers);
		DeviceObject->Timer = t;
	}
	raw_spin_unlock_irqrestore(&iotimer_lock, flags);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(IoInitializeTimer);

static void iotimer_switch(PDEVICE_OBJECT DeviceObject, bool start, const char *fn)
{
	PIO_TIMER t = DeviceObject ? DeviceObject->Timer : NULL;
	unsigned long flags;

	if (!t) {
		pr_err("%s: device %p has no IoTimer (IoInitializeTimer first)\n", fn,
		       DeviceObject);
		return;
	}
	raw_spin_lock_irqsave(&iotimer_lock, flags);
	if (t->started != start) {
		t->started = start;
		iotimer_started += start ? 1 : -1;
		if (start && iotimer_started == 1 && !timer_pending(&iotimer_tick))
			mod_timer(&iotimer_tick, jiffies + HZ);
	}
	raw_spin_unlock_irqrestore(&iotimer_lock, flags);
}

VOID NTAPI IoStartTimer(PDEVICE_OBJECT DeviceObject)
{
	iotimer_switch(DeviceObject, true, "IoStartTimer");
}
NTSHIM_EXPORT(IoStartTimer);

VOID NTAPI IoStopTimer(PDEVICE_OBJECT DeviceObject)
{
	iotimer_switch(DeviceObject, false, "IoStopTimer");
}
NTSHIM_EXPORT(IoStopTimer);

/* IoDeleteDevice: the device's timer goes, after a running routine. */
void ntshim_iotimer_remove(PDEVICE_OBJECT dev)
{
	PIO_TIMER t = dev->Timer;
	unsigned long flags;

	if (!t)
		return;
	raw_spin_lock_irqsave(&iotimer_lock, flags);
	if (t->started) {
		t->started = false;
		iotimer_started--;
	}
	list_del(&t->node);
	raw_spin_unlock_irqrestore(&iotimer_lock, flags);
	wait_var_event(&t->running, !READ_ONCE(t->running));
	dev->Timer = NULL;
	kfree(t);
}

int ntshim_iotimer_init(void)
{
	timer_setup(&iotimer_tick, iotimer_run, 0);
	return 0;
}

void ntshim_iotimer_exit(void)
{
	ntshim_timer_delete_sync(&iotimer_tick);
}
