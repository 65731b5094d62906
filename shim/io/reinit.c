// SPDX-License-Identifier: GPL-2.0
/*
 * Driver reinitialization on the module notifier chain.
 *
 * IoRegisterDriverReinitialization: the routine runs once a module loaded
 * after the registration has finished its init (MODULE_STATE_LIVE), or,
 * when no module loads for reinit_settle_ms, after that delay: NT runs
 * pending routines at the end of its load phase, and a Linux system has no
 * such moment.  IoRegisterBootDriverReinitialization: the routine runs once
 * outstanding device probing has finished.  Routines run one at a time, at
 * PASSIVE_LEVEL, in a worker thread, as Routine(DriverObject, Context,
 * Count), Count counting that driver's calls of that kind.  A registration
 * made in DriverEntry counts once DriverEntry has succeeded (its module
 * goes live); one made by a running reinitialization routine waits for the
 * next load.  A driver's pending routines go with it when it unloads: its
 * counts are a resource of the driver, which drops them when stopped.
 */
#include "io.h"
#include <linux/device/driver.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

static unsigned int reinit_settle_ms = 5000;
module_param(reinit_settle_ms, uint, 0644);
MODULE_PARM_DESC(reinit_settle_ms,
		 "run pending driver reinitialization routines after this many ms without a module load");

struct reinit_entry {
	struct list_head node;
	struct ntshim_driver *drv;
	PDRIVER_REINITIALIZE routine;
	PVOID context;
	u64 armed_seq;		/* 0 while its DriverEntry runs */
	bool boot;
};

struct module_seq {
	struct list_head node;
	struct module *mod;
	u64 seq;
};

/* Per driver: its calls so far, of each kind. */
struct reinit_counts {
	struct ntshim_res res;
	ULONG count;
	ULONG boot_count;
	unsigned int dropped;
	struct ntshim_owner *owner;	/* its driver's */
};

static LIST_HEAD(reinit_pending);
static LIST_HEAD(loading_modules);
static DEFINE_MUTEX(reinit_lock);
static u64 reinit_seq = 1;
static struct task_struct *reinit_running_in;	/* the worker, inside a routine */
static struct workqueue_struct *reinit_wq;

static void reinit_settled(struct work_struct *work);
static void reinit_boot_work(struct work_struct *work);
static DECLARE_DELAYED_WORK(reinit_settle_work, reinit_settled);
static DECLARE_WORK(reinit_boot, reinit_boot_work);

static const struct ntshim_res_ops reinit_res_ops;

/* Runs one routine; the caller holds the driver's module. */
static void reinit_call(struct reinit_entry *e)
{
	struct ntshim_driver *drv = e->drv;
	struct reinit_counts *c;
	ULONG count;

	c = container_of(ntshim_owner_find(&drv->resources, &reinit_res_ops),
			 struct reinit_counts, res);
	count = e->boot ? ++c->boot_count : ++c->count;
	WRITE_ONCE(reinit_running_in, current);
	e->routine(&drv->object, e->context, count);
	ntshim_irql_leave(PASSIVE_LEVEL, "reinitialization routine", e->routine);
	WRITE_ONCE(reinit_running_in, NULL);
}

/* Runs the armed entries of one kind registered before seq. */
static void reinit_run(bool boot, u64 before)
{
	struct reinit_entry *e;
	bool ok;

	for (;;) {
		mutex_lock(&reinit_lock);
		list_for_each_entry(e, &reinit_pending, node)
			if (e->boot == boot && e->armed_seq && e->armed_seq < before)
				goto found;
		mutex_unlock(&reinit_lock);
		return;
found:
		list_del(&e->node);
		/*
		 * While its entry is listed the driver is live; once its module
		 * is held it stays so.  A driver on its way out is skipped.
		 */
		ok = try_module_get(ntshim_driver_module(e->drv));
		mutex_unlock(&reinit_lock);
		if (ok) {
			reinit_call(e);
			module_put(ntshim_driver_module(e->drv));
		}
		kfree(e);
	}
}

struct reinit_work {
	struct work_struct work;
	u64 before;
};

static void reinit_after_load(struct work_struct *work)
{
	struct reinit_work *w = container_of(work, struct reinit_work, work);

	reinit_run(false, w->before);
	kfree(w);
}

static void reinit_settled(struct work_struct *work)
{
	reinit_run(false, U64_MAX);
}

static void reinit_boot_work(struct work_struct *work)
{
	wait_for_device_probe();
	reinit_run(true, U64_MAX);
}

static void reinit_module_loaded(struct module *mod)
{
	struct module_seq *m, *found = NULL;
	struct reinit_work *w;

	mutex_lock(&reinit_lock);
	list_for_each_entry(m, &loading_modules, node)
		if (m->mod == mod)
			found = m;
	if (found)
		list_del(&found->node);
	mutex_unlock(&reinit_lock);
	if (!found)
		return;
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (w) {
		INIT_WORK(&w->work, reinit_after_load);
		w->before = found->seq;
		queue_work(reinit_wq, &w->work);
	}
	kfree(found);
}

/* A driver's DriverEntry succeeded (its module is live): arm what it registered. */
static void reinit_driver_live(struct module *mod)
{
	bool armed = false, boot = false;
	struct reinit_entry *e;

	mutex_lock(&reinit_lock);
	list_for_each_entry(e, &reinit_pending, node) {
		if (e->armed_seq || ntshim_driver_module(e->drv) != mod)
			continue;
		/* Its own load does not count: the next module's does. */
		e->armed_seq = reinit_seq;
		armed |= !e->boot;
		boot |= e->boot;
	}
	mutex_unlock(&reinit_lock);
	if (armed)
		mod_delayed_work(reinit_wq, &reinit_settle_work,
				 msecs_to_jiffies(reinit_settle_ms));
	if (boot)
		queue_work(reinit_wq, &reinit_boot);
}

/*
 * Its driver goes: routines still pending never run.  Those of a failed
 * DriverEntry were never armed, and go without a word.
 */
static void reinit_res_stop(struct ntshim_res *res)
{
	struct reinit_counts *c = container_of(res, struct reinit_counts, res);
	struct reinit_entry *e, *next;

	mutex_lock(&reinit_lock);
	list_for_each_entry_safe(e, next, &reinit_pending, node)
		if (&e->drv->resources == c->owner) {
			c->dropped += !!e->armed_seq;
			list_del(&e->node);
			kfree(e);
		}
	mutex_unlock(&reinit_lock);
}

static unsigned int reinit_res_release(struct ntshim_res *res)
{
	struct reinit_counts *c = container_of(res, struct reinit_counts, res);
	unsigned int dropped = c->dropped;

	kfree(c);
	return dropped;
}

static const struct ntshim_res_ops reinit_res_ops = {
	.stop = reinit_res_stop,
	.release = reinit_res_release,
	.leftover = "reinitialization routine(s) pending: dropped",
	.name = "reinit",
};

static int reinit_module_event(struct notifier_block *nb, unsigned long state, void *data)
{
	struct module *mod = data;
	struct module_seq *m;

	switch (state) {
	case MODULE_STATE_COMING:
		m = kzalloc(sizeof(*m), GFP_KERNEL);
		if (!m)
			break;
		m->mod = mod;
		mutex_lock(&reinit_lock);
		m->seq = ++reinit_seq;
		list_add(&m->node, &loading_modules);
		mutex_unlock(&reinit_lock);
		break;
	case MODULE_STATE_LIVE:
		reinit_driver_live(mod);
		reinit_module_loaded(mod);
		break;
	case MODULE_STATE_GOING:	/* a failed init: it never counts */
		mutex_lock(&reinit_lock);
		list_for_each_entry(m, &loading_modules, node)
			if (m->mod == mod) {
				list_del(&m->node);
				kfree(m);
				break;
			}
		mutex_unlock(&reinit_lock);
		break;
	}
	return NOTIFY_OK;
}

static struct notifier_block reinit_nb = {
	.notifier_call = reinit_module_event,
};

static void reinit_register(PDRIVER_OBJECT DriverObject, PDRIVER_REINITIALIZE routine,
			    PVOID context, bool boot, const void *caller)
{
	const char *fn = boot ? "IoRegisterBootDriverReinitialization" :
				"IoRegisterDriverReinitialization";
	struct ntshim_driver *drv = ntshim_driver_from_object(DriverObject);
	struct reinit_counts *c = NULL;
	struct reinit_entry *e;
	bool in_entry, armed;

	if (!drv || !routine) {
		ntshim_complain(drv ? NTC_BAD_ARGUMENT : NTC_NOT_AN_OBJECT, caller, "%s: %s: refused",
				fn, drv ? "no routine" : "not a loaded driver");
		return;
	}
	/* The thread running DriverEntry, or the worker inside a routine. */
	in_entry = READ_ONCE(drv->entry_task) == current;
	if (!in_entry && READ_ONCE(reinit_running_in) != current) {
		ntshim_complain_driver(NTC_WRONG_CONTEXT, drv,
				       "%s: only from DriverEntry or a reinitialization routine, in its own thread: refused (from %pS)",
				       fn, caller);
		return;
	}
	c = (struct reinit_counts *)ntshim_owner_get(&drv->resources, &reinit_res_ops,
						     sizeof(*c));
	e = c ? kzalloc(sizeof(*e), GFP_KERNEL) : NULL;
	if (!e) {
		ntshim_complain(NTC_NO_MEMORY, caller, "%s: out of memory", fn);
		return;
	}
	c->owner = &drv->resources;
	e->drv = drv;
	e->routine = routine;
	e->context = context;
	e->boot = boot;
	mutex_lock(&reinit_lock);
	/* From a routine: armed now, for the next load. */
	if (!in_entry)
		e->armed_seq = reinit_seq;
	list_add_tail(&e->node, &reinit_pending);
	armed = e->armed_seq;
	mutex_unlock(&reinit_lock);
	if (armed)
		mod_delayed_work(reinit_wq, &reinit_settle_work,
				 msecs_to_jiffies(reinit_settle_ms));
}

VOID NTAPI IoRegisterDriverReinitialization(PDRIVER_OBJECT DriverObject,
					    PDRIVER_REINITIALIZE DriverReinitializationRoutine,
					    PVOID Context)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	reinit_register(DriverObject, DriverReinitializationRoutine, Context, false,
			(void *)_RET_IP_);
}
NTSHIM_EXPORT(IoRegisterDriverReinitialization);

VOID NTAPI IoRegisterBootDriverReinitialization(PDRIVER_OBJECT DriverObject,
						PDRIVER_REINITIALIZE DriverReinitializationRoutine,
						PVOID Context)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	reinit_register(DriverObject, DriverReinitializationRoutine, Context, true,
			(void *)_RET_IP_);
}
NTSHIM_EXPORT(IoRegisterBootDriverReinitialization);

int ntshim_reinit_init(void)
{
	int err;

	reinit_wq = alloc_ordered_workqueue("ntshim_reinit", 0);
	if (!reinit_wq)
		return -ENOMEM;
	err = register_module_notifier(&reinit_nb);
	if (err)
		destroy_workqueue(reinit_wq);
	return err;
}

void ntshim_reinit_exit(void)
{
	struct module_seq *m, *next;

	unregister_module_notifier(&reinit_nb);
	cancel_delayed_work_sync(&reinit_settle_work);
	destroy_workqueue(reinit_wq);
	list_for_each_entry_safe(m, next, &loading_modules, node)
		kfree(m);
}
