// SPDX-License-Identifier: GPL-2.0
/*
 * DPCs on per-processor queues of ntshim's own, as in NT.
 *
 * Each processor has a DPC queue linked through the KDPC's DpcListEntry
 * (high importance at the front, the rest at the back) under a raw spin
 * lock, and a tasklet that runs it in order, taking each DPC off before its
 * routine runs.  A DPC's DpcData is the queue it is on, NULL when on none,
 * as in NT: KeInsertQueueDpc claims it with one exchange under that queue's
 * lock, KeRemoveQueueDpc and the run take it back under the same lock.
 * Taken off, a DPC may be queued again at once, and run on another
 * processor while its routine still runs here, as NT allows.
 *
 * Once a routine returns, its KDPC is not touched again (it may be freed,
 * or a stack frame already left): the queue clears only its own "running"
 * mark, which is what waiting out a routine looks at.
 *
 * A DPC for another processor goes straight onto that processor's queue;
 * the queue's work item, bound there, schedules its tasklet (a cross-CPU
 * call cannot: PREEMPT_RT forbids raising softirqs from one).
 */
#include "ke.h"
#include <linux/cpuhotplug.h>
#include <linux/interrupt.h>
#include <linux/sched/task_stack.h>
#include <linux/workqueue.h>

#define DpcObject	0x13
#define DPC_LIVE	0x21637044U	/* initialized */
#define DPC_DEAD	0x78637044U	/* its memory is being released */
/* DPCs run per turn of the tasklet before other softirqs get theirs. */
#define DPC_BATCH	64

typedef VOID (*ntshim_io_dpc_t)(PKDPC, PDEVICE_OBJECT, PIRP, PVOID);

/*
 * The lock is a KSPIN_LOCK word, always taken with interrupts off and held
 * for a few stores: an inline exchange, where a raw spin lock is two calls.
 */
struct dpc_queue {
	KSPIN_LOCK lock;
	PKDPC head, tail;		/* through DpcListEntry */
	PKDPC running;			/* whose routine runs now */
	struct tasklet_struct tasklet;	/* runs the queue */
	struct work_struct kick;	/* schedules it from its own processor */
};
static DEFINE_PER_CPU(struct dpc_queue, dpc_queues);
static struct workqueue_struct *ntshim_dpc_wq;

static struct ntshim_kdpc_private *dpc_priv(PKDPC dpc)
{
	return (struct ntshim_kdpc_private *)dpc->NtshimPrivate;
}

static PKDPC dpc_of(struct ntshim_kdpc_private *p)
{
	return (PKDPC)((char *)p - offsetof(KDPC, NtshimPrivate));
}

static PKDPC dpc_next(PKDPC dpc)
{
	PSINGLE_LIST_ENTRY next = dpc->DpcListEntry.Next;

	return next ? container_of(next, KDPC, DpcListEntry) : NULL;
}

/* The queue's lock held: NT's order, high importance first. */
static void queue_add(struct dpc_queue *q, PKDPC dpc)
{
	if (dpc->Importance == HighImportance) {
		dpc->DpcListEntry.Next = q->head ? &q->head->DpcListEntry : NULL;
		q->head = dpc;
		if (!q->tail)
			q->tail = dpc;
		return;
	}
	dpc->DpcListEntry.Next = NULL;
	if (q->tail)
		q->tail->DpcListEntry.Next = &dpc->DpcListEntry;
	else
		q->head = dpc;
	q->tail = dpc;
}

/* The queue's lock held and the queue not empty: takes its first DPC off. */
static __always_inline PKDPC queue_pop(struct dpc_queue *q)
{
	PKDPC dpc = q->head;

	q->head = dpc_next(dpc);
	if (!q->head)
		q->tail = NULL;
	dpc->DpcListEntry.Next = NULL;
	return dpc;
}

static void queue_del(struct dpc_queue *q, PKDPC dpc)
{
	PKDPC prev = NULL, d;

	for (d = q->head; d && d != dpc; d = dpc_next(d))
		prev = d;
	if (WARN_ON_ONCE(!d))
		return;
	if (!prev) {
		queue_pop(q);
		return;
	}
	prev->DpcListEntry.Next = dpc->DpcListEntry.Next;
	if (q->tail == dpc)
		q->tail = prev;
	dpc->DpcListEntry.Next = NULL;
}

static void queue_kick_work(struct work_struct *work)
{
	struct dpc_queue *q = container_of(work, struct dpc_queue, kick);

	local_bh_disable();
	tasklet_hi_schedule(&q->tasklet);
	local_bh_enable();
}

/* Interrupts off: the queue of processor cpu (-1: this one) runs soon. */
static __always_inline void queue_kick(struct dpc_queue *q, int cpu)
{
	if (likely(cpu < 0))
		tasklet_hi_schedule(&q->tasklet);
	else
		queue_work_on(cpu, ntshim_dpc_wq, &q->kick);
}

static void queue_run(struct tasklet_struct *t)
{
	struct dpc_queue *q = from_tasklet(q, t, tasklet);
	PKDEFERRED_ROUTINE routine;
	PVOID context, arg1, arg2;
	void *io_routine;
	unsigned int n;
	PKDPC dpc;

	/* An insertion after an empty look schedules the tasklet again. */
	for (n = 0; n < DPC_BATCH && READ_ONCE(q->head); n++) {
		/*
		 * DISPATCH_LEVEL: a softirq is not preempted, except where
		 * softirqs run in threads (PREEMPT_RT).  So "running" is never
		 * seen set by a waiter on this processor.
		 */
		if (IS_ENABLED(CONFIG_PREEMPT_RT))
			preempt_disable();
		local_irq_disable();
		ntshim_word_lock(&q->lock, 1);
		if (!q->head) {
			ntshim_word_unlock(&q->lock);
			local_irq_enable();
			if (IS_ENABLED(CONFIG_PREEMPT_RT))
				preempt_enable();
			return;		/* removed meanwhile */
		}
		dpc = queue_pop(q);
		routine = dpc->DeferredRoutine;
		context = dpc->DeferredContext;
		arg1 = dpc->SystemArgument1;
		arg2 = dpc->SystemArgument2;
		io_routine = dpc_priv(dpc)->io_routine;
		WRITE_ONCE(q->running, dpc);
		WRITE_ONCE(dpc->DpcData, NULL);
		ntshim_word_unlock(&q->lock);
		local_irq_enable();

		if (io_routine)
			((ntshim_io_dpc_t)io_routine)(dpc, context, arg1, arg2);
		else
			routine(dpc, context, arg1, arg2);
		/* Done with it: a waiter may let its memory go (dpc_drain). */
		smp_store_release(&q->running, NULL);
		/* A tasklet runs serving softirqs, threaded or not. */
		if (unlikely(irqs_disabled() || !ntshim_irql_unraised_in(NTSHIM_CTX_SOFTIRQ)))
			ntshim_irql_leave(DISPATCH_LEVEL, "DPC routine",
					  io_routine ?: (void *)routine);
		if (IS_ENABLED(CONFIG_PREEMPT_RT))
			preempt_enable();
	}
	/* More left: after the other softirqs, in order still. */
	if (n == DPC_BATCH)
		tasklet_hi_schedule(&q->tasklet);
}

static void *dpc_routine(struct ntshim_tracked *t)
{
	struct ntshim_kdpc_private *p = container_of(t, struct ntshim_kdpc_private, track);

	return p->io_routine ?: (void *)dpc_of(p)->DeferredRoutine;
}

/* Takes a queued DPC off its queue; false if it was on none. */
static bool dpc_unqueue(PKDPC dpc)
{
	struct dpc_queue *q = READ_ONCE(dpc->DpcData);
	unsigned long flags;
	bool was = false;

	if (!q)
		return false;
	local_irq_save(flags);
	ntshim_word_lock(&q->lock, 1);
	if (dpc->DpcData == q) {
		queue_del(q, dpc);
		WRITE_ONCE(dpc->DpcData, NULL);
		was = true;
	}
	ntshim_word_unlock(&q->lock);
	local_irq_restore(flags);
	return was;
}

static unsigned int dpc_stop(struct ntshim_tracked *t)
{
	struct ntshim_kdpc_private *p = container_of(t, struct ntshim_kdpc_private, track);

	WRITE_ONCE(p->magic, DPC_DEAD);
	/* Pairs with the insertion's exchange: it sees this, or this sees it queued. */
	smp_mb();
	if (!dpc_unqueue(dpc_of(p)))
		return 0;
	ntshim_complain(NTC_LIVE_AT_FREE, dpc_routine(t),
			"DPC %p (%pS) was still queued: removed before its memory went",
			dpc_of(p), dpc_routine(t));
	return 1;
}

/* Stopped already: waits out its routine wherever it still runs. */
static void dpc_drain(struct ntshim_tracked *t)
{
	PKDPC dpc = dpc_of(container_of(t, struct ntshim_kdpc_private, track));
	int cpu;

	for_each_possible_cpu(cpu) {
		struct dpc_queue *q = per_cpu_ptr(&dpc_queues, cpu);

		/* Pairs with the release after the routine in queue_run. */
		while (smp_load_acquire(&q->running) == dpc) {
			cpu_relax();
			cond_resched();
		}
	}
}

static const struct ntshim_track_ops dpc_track_ops = {
	.stop = dpc_stop,
	.drain = dpc_drain,
	.routine = dpc_routine,
};

static void dpc_init(PRKDPC Dpc, PKDEFERRED_ROUTINE routine, PVOID context, void *io_routine)
{
	struct ntshim_kdpc_private *p = dpc_priv(Dpc);

	Dpc->Type = DpcObject;
	Dpc->Importance = MediumImportance;
	Dpc->Number = 0;
	Dpc->DeferredRoutine = routine;
	Dpc->DeferredContext = context;
	if (ntshim_is_tracked(&p->track)) {
		/* Initialised again in place: it may be queued. */
		if (dpc_unqueue(Dpc))
			ntshim_complain(NTC_LIVE_AT_INIT, routine,
					"KeInitializeDpc on queued DPC %p: removed from the queue", Dpc);
		p->io_routine = io_routine;
		WRITE_ONCE(p->target, -1);
		return;
	}
	Dpc->DpcListEntry.Next = NULL;
	Dpc->DpcData = NULL;
	memset(p, 0, sizeof(*p));
	p->target = -1;
	p->io_routine = io_routine;
	p->magic = DPC_LIVE;
	/* A DPC on a stack is gone when its function returns: not tracked. */
	if (!object_is_on_stack(Dpc))
		ntshim_track(&p->track, &dpc_track_ops);
}

VOID NTAPI KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine,
			   PVOID DeferredContext)
{
	dpc_init(Dpc, DeferredRoutine, DeferredContext, NULL);
}
NTSHIM_EXPORT(KeInitializeDpc);

/* Why an insertion or removal was refused. */
static noinline void dpc_refused(const char *fn, PRKDPC Dpc, const void *caller)
{
	if (Dpc && dpc_priv(Dpc)->magic == DPC_DEAD)
		ntshim_complain(NTC_USE_AFTER_STOP, caller,
				"%s: DPC %p is in memory already released: refused", fn, Dpc);
	else
		ntshim_complain(NTC_UNINITIALIZED, caller,
				"%s: %p is not an initialized DPC: refused", fn, Dpc);
}

enum { DPC_BUSY, DPC_QUEUED, DPC_REFUSED };

/*
 * Interrupts off: queues it on processor cpu's queue (-1: this one's),
 * unless it is on one.
 */
static __always_inline int dpc_queue_on(PRKDPC Dpc, int cpu, PVOID arg1, PVOID arg2)
{
	struct dpc_queue *q;

	if (likely(cpu < 0 || cpu == smp_processor_id())) {
		q = this_cpu_ptr(&dpc_queues);
		cpu = -1;
	} else {
		q = per_cpu_ptr(&dpc_queues, cpu);
	}

	ntshim_word_lock(&q->lock, 1);
	if (cmpxchg((void **)&Dpc->DpcData, NULL, (void *)q) != NULL) {
		ntshim_word_unlock(&q->lock);
		return DPC_BUSY;
	}
	if (unlikely(READ_ONCE(dpc_priv(Dpc)->magic) != DPC_LIVE)) {
		WRITE_ONCE(Dpc->DpcData, NULL);
		ntshim_word_unlock(&q->lock);
		return DPC_REFUSED;
	}
	Dpc->SystemArgument1 = arg1;
	Dpc->SystemArgument2 = arg2;
	queue_add(q, Dpc);
	ntshim_word_unlock(&q->lock);
	queue_kick(q, cpu);
	return DPC_QUEUED;
}

static __always_inline bool dpc_insert(PRKDPC Dpc, PVOID SystemArgument1,
				       PVOID SystemArgument2, const void *caller)
{
	unsigned long flags;
	int cpu, ret;

	if (unlikely(!Dpc || READ_ONCE(dpc_priv(Dpc)->magic) != DPC_LIVE)) {
		dpc_refused("KeInsertQueueDpc", Dpc, caller);
		return false;
	}
	/* Queued already, the commonest refusal (an ISR asking again): no lock. */
	if (READ_ONCE(Dpc->DpcData))
		return false;
	local_irq_save(flags);
	cpu = READ_ONCE(dpc_priv(Dpc)->target);
	if (unlikely(cpu >= 0 && !cpu_online(cpu)))
		cpu = -1;
	ret = dpc_queue_on(Dpc, cpu, SystemArgument1, SystemArgument2);
	local_irq_restore(flags);
	if (ret != DPC_QUEUED) {
		if (unlikely(ret == DPC_REFUSED))
			dpc_refused("KeInsertQueueDpc", Dpc, caller);
		return false;
	}
	/*
	 * Below DISPATCH_LEVEL (preemptible: PASSIVE or APC) NT runs it before
	 * returning: run what is pending.
	 */
	if (preemptible()) {
		local_bh_disable();
		local_bh_enable();
	}
	return true;
}

bool ntshim_dpc_insert(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2,
		       const void *caller)
{
	return dpc_insert(Dpc, SystemArgument1, SystemArgument2, caller);
}

BOOLEAN NTAPI KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1, PVOID SystemArgument2)
{
	return dpc_insert(Dpc, SystemArgument1, SystemArgument2, (void *)_RET_IP_);
}
NTSHIM_EXPORT(KeInsertQueueDpc);

BOOLEAN NTAPI KeRemoveQueueDpc(PRKDPC Dpc)
{
	u32 magic = Dpc ? READ_ONCE(dpc_priv(Dpc)->magic) : 0;

	if (unlikely(magic != DPC_LIVE && magic != DPC_DEAD)) {
		dpc_refused("KeRemoveQueueDpc", Dpc, (void *)_RET_IP_);
		return FALSE;
	}
	return dpc_unqueue(Dpc);
}
NTSHIM_EXPORT(KeRemoveQueueDpc);

VOID NTAPI KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance)
{
	Dpc->Importance = Importance;
}
NTSHIM_EXPORT(KeSetImportanceDpc);

VOID NTAPI KeSetTargetProcessorDpc(PRKDPC Dpc, CCHAR Number)
{
	if (Number < 0 || Number >= nr_cpu_ids || !cpu_possible(Number)) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"KeSetTargetProcessorDpc: no processor %d: DPC %p not targeted",
				Number, Dpc);
		return;
	}
	Dpc->Number = Number;
	WRITE_ONCE(dpc_priv(Dpc)->target, Number);
}
NTSHIM_EXPORT(KeSetTargetProcessorDpc);

ULONG NTAPI KeGetCurrentProcessorNumber(VOID)
{
	return raw_smp_processor_id();
}
NTSHIM_EXPORT(KeGetCurrentProcessorNumber);

ULONG NTAPI KeQueryActiveProcessorCount(PKAFFINITY ActiveProcessors)
{
	if (ActiveProcessors)
		*ActiveProcessors = ntshim_active_processors();
	return num_online_cpus();
}
NTSHIM_EXPORT(KeQueryActiveProcessorCount);

KAFFINITY NTAPI KeQueryActiveProcessors(VOID)
{
	return ntshim_active_processors();
}
NTSHIM_EXPORT(KeQueryActiveProcessors);

/*
 * KeFlushQueuedDpcs: a sentinel DPC queued last on each processor runs
 * after every DPC queued there before it.  It lives on this stack, which
 * is safe: the queue never touches a KDPC after its routine.
 */
static VOID dpc_sentinel_run(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
	complete(Context);
}

VOID NTAPI KeFlushQueuedDpcs(VOID)
{
	struct completion done;
	unsigned long flags;
	KDPC sentinel;
	int cpu;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	for_each_online_cpu(cpu) {
		init_completion(&done);
		dpc_init(&sentinel, dpc_sentinel_run, &done, NULL);
		local_irq_save(flags);
		dpc_queue_on(&sentinel, cpu, NULL, NULL);
		local_irq_restore(flags);
		wait_for_completion(&done);
	}
}
NTSHIM_EXPORT(KeFlushQueuedDpcs);

void ntshim_dpc_init_io(PRKDPC dpc, PIO_DPC_ROUTINE routine, PDEVICE_OBJECT device)
{
	/* As NT does, the routine is kept in DeferredRoutine; it is called with its own type. */
	dpc_init(dpc, (PKDEFERRED_ROUTINE)routine, device, routine);
}

/* A variable in the WDK: the processors online, kept current across hotplug. */
volatile CCHAR KeNumberProcessors;
NTSHIM_EXPORT(KeNumberProcessors);
static int dpc_cpuhp_state;

static int dpc_cpu_online(unsigned int cpu)
{
	WRITE_ONCE(KeNumberProcessors, min(num_online_cpus(), (unsigned int)MAXIMUM_PROCESSORS));
	return 0;
}

static int dpc_cpu_offline(unsigned int cpu)
{
	/* Still counted online while it goes. */
	WRITE_ONCE(KeNumberProcessors, min(num_online_cpus() - 1, (unsigned int)MAXIMUM_PROCESSORS));
	return 0;
}

int ntshim_dpc_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct dpc_queue *q = per_cpu_ptr(&dpc_queues, cpu);

		q->lock = 0;
		tasklet_setup(&q->tasklet, queue_run);
		INIT_WORK(&q->kick, queue_kick_work);
	}
	ntshim_dpc_wq = alloc_workqueue("ntshim_dpc", WQ_HIGHPRI | WQ_MEM_RECLAIM, 0);
	if (!ntshim_dpc_wq)
		return -ENOMEM;
	dpc_cpuhp_state = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "ntshim:processors",
					    dpc_cpu_online, dpc_cpu_offline);
	if (dpc_cpuhp_state < 0) {
		destroy_workqueue(ntshim_dpc_wq);
		return dpc_cpuhp_state;
	}
	return 0;
}

void ntshim_dpc_exit(void)
{
	int cpu;

	cpuhp_remove_state_nocalls(dpc_cpuhp_state);
	/* Every driver is gone: the queues are empty, their tasklets idle at most. */
	destroy_workqueue(ntshim_dpc_wq);
	for_each_possible_cpu(cpu)
		tasklet_kill(&per_cpu_ptr(&dpc_queues, cpu)->tasklet);
}
