// SPDX-License-Identifier: GPL-2.0
/*
 * System worker threads: ExQueueWorkItem, and the queue IoQueueWorkItem
 * uses too.  As in NT, a queued WORK_QUEUE_ITEM is linked through its own
 * List field (nothing is allocated, so queueing cannot fail at
 * DISPATCH_LEVEL) onto the queue of its kind, and a few workers per queue
 * take items off in order and call them at PASSIVE_LEVEL in a kernel
 * thread (the System process).  Critical, hyper-critical, real-time and
 * super-critical items go to a high-priority workqueue, the others to a
 * normal one.
 *
 * A driver's code must outlive its queued and running items: when its image
 * goes, ntshim waits for the items whose code lies in it.
 */
#include "ex.h"
#include "../ke/ke.h"
#include <linux/notifier.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

/* How many items of one queue may run at once, as NT's worker threads. */
#define NT_WORKERS	8

struct nt_worker {
	struct work_struct work;
	struct nt_work_queue *queue;
	bool busy;			/* pending or running, under work_lock */
	const void *code;		/* what it runs now, or NULL */
};

struct nt_work_queue {
	struct workqueue_struct *wq;
	LIST_ENTRY items;
	struct nt_worker workers[NT_WORKERS];
};

static struct nt_work_queue work_queues[2];
static DEFINE_RAW_SPINLOCK(work_lock);
static DECLARE_WAIT_QUEUE_HEAD(work_idle);

static VOID work_trampoline(PVOID parameter)
{
	struct ntshim_work *w = parameter;

	w->call(w);
}

/* The driver code an item runs: its routine, or its owner's for ntshim's own. */
static const void *work_code(PWORK_QUEUE_ITEM item)
{
	if (item->WorkerRoutine == work_trampoline)
		return ((struct ntshim_work *)item->Parameter)->code;
	return item->WorkerRoutine;
}

static PWORK_QUEUE_ITEM work_next(struct nt_worker *w)
{
	PWORK_QUEUE_ITEM item = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&work_lock, flags);
	w->code = NULL;
	if (IsListEmpty(&w->queue->items)) {
		w->busy = false;
	} else {
		item = CONTAINING_RECORD(RemoveHeadList(&w->queue->items), WORK_QUEUE_ITEM, List);
		/* It may be queued again from now on, by its own routine too. */
		item->List.Flink = NULL;
		w->code = work_code(item);
	}
	raw_spin_unlock_irqrestore(&work_lock, flags);
	return item;
}

static void work_run(struct work_struct *work)
{
	struct nt_worker *w = container_of(work, struct nt_worker, work);
	PWORK_QUEUE_ITEM item;

	while ((item = work_next(w))) {
		PWORKER_THREAD_ROUTINE routine = item->WorkerRoutine;
		const void *code = w->code;

		/* The routine may free the item: nothing of it is read after. */
		routine(item->Parameter);
		ntshim_irql_leave(PASSIVE_LEVEL, "work item", code);
		WRITE_ONCE(w->code, NULL);
		wake_up_all(&work_idle);
		cond_resched();
	}
}

static struct nt_work_queue *work_queue_of(WORK_QUEUE_TYPE type)
{
	switch (type) {
	case CriticalWorkQueue:
	case HyperCriticalWorkQueue:
	case RealTimeWorkQueue:
	case SuperCriticalWorkQueue:
		return &work_queues[0];
	case DelayedWorkQueue:
	case NormalWorkQueue:
	case BackgroundWorkQueue:
		return &work_queues[1];
	default:
		return NULL;
	}
}

bool ntshim_work_queue(PWORK_QUEUE_ITEM item, WORK_QUEUE_TYPE type, const void *caller)
{
	struct nt_work_queue *q = work_queue_of(type);
	struct nt_worker *idle = NULL;
	unsigned long flags;
	int i;

	if (!q || !item || !item->WorkerRoutine) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"work item %p: no routine, or queue type %d unknown: not queued",
				item, type);
		return false;
	}
	raw_spin_lock_irqsave(&work_lock, flags);
	if (item->List.Flink) {
		raw_spin_unlock_irqrestore(&work_lock, flags);
		ntshim_complain(NTC_WORK_QUEUED, caller,
				"work item %p queued again before it ran (NT stops): ignored", item);
		return false;
	}
	InsertTailList(&q->items, &item->List);
	for (i = 0; i < NT_WORKERS && !idle; i++)
		if (!q->workers[i].busy)
			idle = &q->workers[i];
	if (idle)
		idle->busy = true;
	raw_spin_unlock_irqrestore(&work_lock, flags);
	/* None idle: a busy worker takes it when it is done. */
	if (idle)
		queue_work(q->wq, &idle->work);
	return true;
}

/* ntshim's own work: w->call(w) runs, attributed to w->code. */
bool ntshim_work_queue_own(struct ntshim_work *w, WORK_QUEUE_TYPE type, const void *caller)
{
	w->item.WorkerRoutine = work_trampoline;
	w->item.Parameter = w;
	return ntshim_work_queue(&w->item, type, caller);
}

VOID NTAPI ExQueueWorkItem(PWORK_QUEUE_ITEM WorkItem, WORK_QUEUE_TYPE QueueType)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, );
	ntshim_work_queue(WorkItem, QueueType, (void *)_RET_IP_);
}
NTSHIM_EXPORT(ExQueueWorkItem);

/* Items queued or running whose code lies in the module. */
static bool work_pending_in(struct module *mod)
{
	unsigned long flags;
	PLIST_ENTRY e;
	bool found = false;
	int q, i;

	raw_spin_lock_irqsave(&work_lock, flags);
	for (q = 0; q < ARRAY_SIZE(work_queues) && !found; q++) {
		for (e = work_queues[q].items.Flink; e != &work_queues[q].items && !found;
		     e = e->Flink)
			found = within_module((unsigned long)work_code(
					CONTAINING_RECORD(e, WORK_QUEUE_ITEM, List)), mod);
		for (i = 0; i < NT_WORKERS && !found; i++)
			found = within_module((unsigned long)work_queues[q].workers[i].code, mod);
	}
	raw_spin_unlock_irqrestore(&work_lock, flags);
	return found;
}

static int work_image_gone(struct notifier_block *nb, unsigned long action, void *data)
{
	struct module *mod = data;

	if (!work_pending_in(mod))
		return NOTIFY_DONE;
	pr_info("%s: unloading: waiting for its work items to return\n", mod->name);
	wait_event(work_idle, !work_pending_in(mod));
	return NOTIFY_DONE;
}

static struct notifier_block work_image_nb = { .notifier_call = work_image_gone };

int ntshim_work_init(void)
{
	int q, i;

	work_queues[0].wq = alloc_workqueue("nt_critical", WQ_UNBOUND | WQ_HIGHPRI, 0);
	work_queues[1].wq = alloc_workqueue("nt_delayed", WQ_UNBOUND, 0);
	if (!work_queues[0].wq || !work_queues[1].wq) {
		ntshim_work_exit();
		return -ENOMEM;
	}
	for (q = 0; q < ARRAY_SIZE(work_queues); q++) {
		InitializeListHead(&work_queues[q].items);
		for (i = 0; i < NT_WORKERS; i++) {
			INIT_WORK(&work_queues[q].workers[i].work, work_run);
			work_queues[q].workers[i].queue = &work_queues[q];
		}
	}
	blocking_notifier_chain_register(&ntshim_image_gone_chain, &work_image_nb);
	return 0;
}

void ntshim_work_exit(void)
{
	int q;

	blocking_notifier_chain_unregister(&ntshim_image_gone_chain, &work_image_nb);
	for (q = 0; q < ARRAY_SIZE(work_queues); q++)
		if (work_queues[q].wq)
			destroy_workqueue(work_queues[q].wq);
}
