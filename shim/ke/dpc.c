// SPDX-License-Identifier: GPL-2.0
/*
 * DPCs on tasklets.
 *
 * A tasklet is a per-CPU queue entry that never runs concurrently with
 * itself and runs again if scheduled while running: the DPC contract, minus
 * NT's permission to run one DPC on two CPUs at once.  High importance DPCs
 * go on the HI_SOFTIRQ list, which runs before the normal one.  A DPC
 * targeted at another processor goes on that processor's router list,
 * whose work item, bound there, queues the tasklets in order (a cross-CPU
 * call cannot: PREEMPT_RT forbids raising softirqs from one).  One work
 * item per processor, not one per DPC: most DPCs are never targeted.
 *
 * Tasklets cannot be taken off a queue, so "queued" is NT's own state word:
 * KeRemoveQueueDpc clears it, and a tasklet that finds it clear does
 * nothing.  The low bits are IDLE, CLAIMED (arguments being written),
 * QUEUED or DEAD (its memory is being released: it is never queued again,
 * so a routine running on another processor cannot bring it back); the
 * rest counts insertions, so a tasklet cannot mistake a new insertion for
 * the one it was scheduled for.
 */
#include "ke.h"
#include <linux/cpuhotplug.h>
#include <linux/sched/task_stack.h>
#include <linux/workqueue.h>

#define DPC_IDLE	0UL
#define DPC_CLAIMED	1UL
#define DPC_QUEUED	2UL
#define DPC_DEAD	3UL
#define DPC_FLAGS	3UL
#define DPC_GEN		4UL

#define DpcObject	0x13

typedef VOID (*ntshim_io_dpc_t)(PKDPC, PDEVICE_OBJECT, PIRP, PVOID);

static struct ntshim_kdpc_private *dpc_priv(PKDPC dpc)
{
	return (struct ntshim_kdpc_private *)dpc->NtshimPrivate;
}

static PKDPC dpc_of(struct ntshim_kdpc_private *p)
{
	return (PKDPC)((char *)p - offsetof(KDPC, NtshimPrivate));
}

static __always_inline void dpc_schedule_here(struct ntshim_kdpc_private *p)
{
	if (dpc_of(p)->Importance == HighImportance)
		tasklet_hi_schedule(&p->tasklet);
	else
		tasklet_schedule(&p->tasklet);
}

static struct workqueue_struct *ntshim_dpc_wq;

struct dpc_router {
	struct llist_head pending;
	struct work_struct work;
};
static DEFINE_PER_CPU(struct dpc_router, dpc_routers);

static void dpc_route(struct work_struct *work)
{
	struct dpc_router *r = container_of(work, struct dpc_router, work);
	struct llist_node *list = llist_reverse_order(llist_del_all(&r->pending));
	struct ntshim_kdpc_private *p, *next;

	local_bh_disable();
	llist_for_each_entry_safe(p, next, list, route) {
		dpc_schedule_here(p);
		/* Its memory may go once this is clear: the last touch. */
		smp_store_release(&p->routing, 0);
	}
	local_bh_enable();
}

static void dpc_route_to(struct ntshim_kdpc_private *p, int cpu)
{
	struct dpc_router *r = per_cpu_ptr(&dpc_routers, cpu);

	/* Already on a list: that router will queue it. */
	if (xchg(&p->routing, 1))
		return;
	llist_add(&p->route, &r->pending);
	queue_work_on(cpu, ntshim_dpc_wq, &r->work);
}

/* Queues the tasklet on the DPC's targeted processor. */
static noinline void dpc_kick_to(struct ntshim_kdpc_private *p, int cpu)
{
	preempt_disable();
	if (cpu == smp_processor_id() || !cpu_online(cpu))
		dpc_schedule_here(p);
	else
		dpc_route_to(p, cpu);
	preempt_enable();
}

/* Queues the tasklet on the DPC's processor. */
static __always_inline void dpc_kick(struct ntshim_kdpc_private *p)
{
	int cpu = READ_ONCE(p->target);

	/* Most DPCs have no target: this CPU's queue, whichever it is. */
	if (likely(cpu < 0))
		dpc_schedule_here(p);
	else
		dpc_kick_to(p, cpu);
}

static void dpc_run(struct tasklet_struct *t)
{
	struct ntshim_kdpc_private *p = from_tasklet(p, t, tasklet);
	PKDPC dpc = dpc_of(p);
	PVOID arg1, arg2;
	unsigned long s;
	int target;

	do {
		s = smp_load_acquire(&p->state);
		if ((s & DPC_FLAGS) != DPC_QUEUED)
			return;		/* removed, or already run */
		target = READ_ONCE(p->target);
		if (target >= 0 && target != smp_processor_id() && cpu_online(target)) {
			/* Scheduled here before it was targeted elsewhere. */
			dpc_kick(p);
			return;
		}
		arg1 = dpc->SystemArgument1;
		arg2 = dpc->SystemArgument2;
	} while (cmpxchg(&p->state, s, s & ~DPC_FLAGS) != s);

	/*
	 * DISPATCH_LEVEL: a softirq is not preempted, except where softirqs
	 * run in threads (PREEMPT_RT).
	 */
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		preempt_disable();
	if (p->io_routine)
		((ntshim_io_dpc_t)p->io_routine)(dpc, dpc->DeferredContext, arg1, arg2);
	else
		dpc->DeferredRoutine(dpc, dpc->DeferredContext, arg1, arg2);
	/* A tasklet runs serving softirqs, threaded or not. */
	if (unlikely(irqs_disabled() || !ntshim_irql_unraised_in(NTSHIM_CTX_SOFTIRQ)))
		ntshim_irql_leave(DISPATCH_LEVEL, "DPC routine",
				  p->io_routine ?: (void *)dpc->DeferredRoutine);
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		preempt_enable();
}

static void *dpc_routine(struct ntshim_tracked *t)
{
	struct ntshim_kdpc_private *p = container_of(t, struct ntshim_kdpc_private, track);

	return p->io_routine ?: (void *)dpc_of(p)->DeferredRoutine;
}

/*
 * Waits out an insertion's CLAIMED window, then takes a QUEUED DPC off the
 * queue, or, for good, moves any state but DEAD to DEAD.  Returns the state
 * it found.
 */
static unsigned long dpc_unqueue(struct ntshim_kdpc_private *p, bool for_good)
{
	unsigned long s, next;

	for (;;) {
		s = READ_ONCE(p->state);
		if ((s & DPC_FLAGS) == DPC_CLAIMED) {
			cpu_relax();
			continue;
		}
		if ((s & DPC_FLAGS) == DPC_DEAD || (!for_good && (s & DPC_FLAGS) != DPC_QUEUED))
			return s;
		next = for_good ? s | DPC_DEAD : s & ~DPC_FLAGS;
		if (cmpxchg(&p->state, s, next) == s)
			return s;
	}
}

static unsigned int dpc_stop(struct ntshim_tracked *t)
{
	struct ntshim_kdpc_private *p = container_of(t, struct ntshim_kdpc_private, track);

	if ((dpc_unqueue(p, true) & DPC_FLAGS) != DPC_QUEUED)
		return 0;
	ntshim_complain(NTC_LIVE_AT_FREE, dpc_routine(t),
			"DPC %p (%pS) was still queued: removed before its memory went",
			dpc_of(p), dpc_routine(t));
	return 1;
}

static void dpc_drain(struct ntshim_tracked *t)
{
	struct ntshim_kdpc_private *p = container_of(t, struct ntshim_kdpc_private, track);

	/*
	 * Let a scheduled tasklet and a router holding it finish; a tasklet
	 * that was running may have routed it once more.
	 */
	for (;;) {
		tasklet_kill(&p->tasklet);
		if (!smp_load_acquire(&p->routing))
			break;
		flush_workqueue(ntshim_dpc_wq);
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
	Dpc->DpcData = NULL;
	if (ntshim_is_tracked(&p->track)) {
		/* Initialised again in place: keep the tasklet, it may be queued. */
		if ((dpc_unqueue(p, false) & DPC_FLAGS) == DPC_QUEUED)
			ntshim_complain(NTC_LIVE_AT_INIT, routine,
					"KeInitializeDpc on queued DPC %p: removed from the queue", Dpc);
		p->io_routine = io_routine;
		WRITE_ONCE(p->target, -1);
		return;
	}
	memset(p, 0, sizeof(*p));
	tasklet_setup(&p->tasklet, dpc_run);
	p->target = -1;
	p->io_routine = io_routine;
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

/* Why an insertion failed, if the DPC is not merely queued already. */
static noinline void dpc_insert_refused(PRKDPC Dpc, unsigned long s, const void *caller)
{
	if (!Dpc || dpc_priv(Dpc)->tasklet.callback != dpc_run)
		ntshim_complain(NTC_UNINITIALIZED, caller,
				"KeInsertQueueDpc: %p is not an initialized DPC: refused", Dpc);
	else if ((s & DPC_FLAGS) == DPC_DEAD)
		ntshim_complain(NTC_USE_AFTER_STOP, caller,
				"KeInsertQueueDpc: DPC %p is in memory already released: refused", Dpc);
}

static __always_inline bool dpc_insert(PRKDPC Dpc, PVOID SystemArgument1,
				       PVOID SystemArgument2, const void *caller)
{
	struct ntshim_kdpc_private *p = dpc_priv(Dpc);
	unsigned long s, flags;

	if (unlikely(!Dpc || p->tasklet.callback != dpc_run)) {
		dpc_insert_refused(Dpc, 0, caller);
		return false;
	}
	/* Interrupts off: a remover on this CPU never waits on our claim. */
	local_irq_save(flags);
	s = READ_ONCE(p->state);
	if ((s & DPC_FLAGS) != DPC_IDLE || cmpxchg(&p->state, s, s | DPC_CLAIMED) != s) {
		local_irq_restore(flags);
		if (unlikely((s & DPC_FLAGS) == DPC_DEAD))
			dpc_insert_refused(Dpc, s, caller);
		return false;
	}
	Dpc->SystemArgument1 = SystemArgument1;
	Dpc->SystemArgument2 = SystemArgument2;
	smp_store_release(&p->state, (s + DPC_GEN) | DPC_QUEUED);
	dpc_kick(p);
	local_irq_restore(flags);

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
	return (dpc_unqueue(dpc_priv(Dpc), false) & DPC_FLAGS) == DPC_QUEUED;
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
 * KeFlushQueuedDpcs: a sentinel tasklet queued last on each processor runs
 * after every DPC queued there before it.
 */
struct dpc_sentinel {
	struct tasklet_struct tasklet;
	struct completion done;
};

static void dpc_sentinel_run(struct tasklet_struct *t)
{
	complete(&container_of(t, struct dpc_sentinel, tasklet)->done);
}

static long dpc_sentinel_queue(void *arg)
{
	tasklet_schedule(arg);
	return 0;
}

VOID NTAPI KeFlushQueuedDpcs(VOID)
{
	struct dpc_sentinel s;
	int cpu;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	/* DPCs on their way to another processor get there first. */
	flush_workqueue(ntshim_dpc_wq);
	tasklet_setup(&s.tasklet, dpc_sentinel_run);
	for_each_online_cpu(cpu) {
		init_completion(&s.done);
		work_on_cpu(cpu, dpc_sentinel_queue, &s.tasklet);
		wait_for_completion(&s.done);
		tasklet_kill(&s.tasklet);
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
		struct dpc_router *r = per_cpu_ptr(&dpc_routers, cpu);

		init_llist_head(&r->pending);
		INIT_WORK(&r->work, dpc_route);
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
	cpuhp_remove_state_nocalls(dpc_cpuhp_state);
	destroy_workqueue(ntshim_dpc_wq);
}
