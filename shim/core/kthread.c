// SPDX-License-Identifier: GPL-2.0
/*
 * What NT keeps in a KTHREAD that Linux has no place for, kept for any
 * Linux task: APC_LEVEL (Linux has no APCs, so the level is only
 * remembered), the exception its handler runs for, and the depths of critical regions (normal kernel APCs
 * disabled: KeEnterCriticalRegion, a held KMUTEX) and guarded regions (all
 * APCs disabled: KeEnterGuardedRegion, a held guarded mutex).
 *
 * A system thread's record also names its thread object, which is what
 * KeGetCurrentThread gives in it (and what owns its mutexes).  A task has
 * a record only while one of these is set; rarely more than a handful
 * exist.  Only a task changes its own record, so a record is never
 * made twice; a record goes when its state is back to nothing or its task
 * ends (whatever task it is), so a new task that reuses the task_struct
 * starts with nothing.  Areas that keep more per-thread state (the KMUTEXes
 * a thread owns) hear of every task's end through ntshim_kthread_exit_chain.
 */
#include "core.h"
#include <linux/hashtable.h>
#include <linux/notifier.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/tracepoint.h>

struct nt_kthread {
	struct hlist_node node;
	struct task_struct *task;
	bool apc_level;
	int critical;
	int guarded;
	void *object;
	long exception;
	bool pending;
	struct rcu_head rcu;
};

static DEFINE_HASHTABLE(kthreads, 6);
static DEFINE_RAW_SPINLOCK(kthreads_lock);
static atomic_t kthread_count = ATOMIC_INIT(0);
/* Records at APC_LEVEL: the IRQL's fast path looks no further when none is. */
atomic_t ntshim_kthread_apc_count = ATOMIC_INIT(0);

ATOMIC_NOTIFIER_HEAD(ntshim_kthread_exit_chain);

static struct nt_kthread *kthread_find(struct task_struct *task)
{
	struct nt_kthread *t;

	lockdep_assert_held(&kthreads_lock);
	hash_for_each_possible(kthreads, t, node, (unsigned long)task)
		if (t->task == task)
			return t;
	return NULL;
}

/* The current task's state; false if it has none. */
static bool kthread_read(struct nt_kthread *copy)
{
	struct nt_kthread *t;
	unsigned long flags;

	if (!atomic_read(&kthread_count))
		return false;
	raw_spin_lock_irqsave(&kthreads_lock, flags);
	t = kthread_find(current);
	if (t)
		*copy = *t;
	raw_spin_unlock_irqrestore(&kthreads_lock, flags);
	return t;
}

bool ntshim_kthread_at_apc_slow(void)
{
	struct nt_kthread t;

	return kthread_read(&t) && t.apc_level;
}

/* What KeGetCurrentThread gives in the task: its thread object, or the task. */
void *ntshim_kthread_identity(struct task_struct *task)
{
	struct nt_kthread *t;
	unsigned long flags;
	void *id = task;

	if (!atomic_read(&kthread_count))
		return id;
	raw_spin_lock_irqsave(&kthreads_lock, flags);
	t = kthread_find(task);
	if (t && t->object)
		id = t->object;
	raw_spin_unlock_irqrestore(&kthreads_lock, flags);
	return id;
}

void ntshim_kthread_regions(int *critical, int *guarded)
{
	struct nt_kthread t = {};

	kthread_read(&t);
	*critical = t.critical;
	*guarded = t.guarded;
}

/*
 * A record for the current task: made where it may sleep, or atomically
 * where the kernel allows it (never on PREEMPT_RT with preemption off).
 */
static struct nt_kthread *kthread_spare(void)
{
	gfp_t gfp = preemptible() ? GFP_KERNEL : GFP_ATOMIC | __GFP_NOWARN;

	if (!preemptible() && IS_ENABLED(CONFIG_PREEMPT_RT))
		return NULL;
	return kzalloc(sizeof(struct nt_kthread), gfp);
}

/*
 * The current task's record, kthreads_lock held (flags saved): made if
 * make is set and it has none; NULL, the lock held, if it has none.
 */
static struct nt_kthread *kthread_lock(bool make, unsigned long *flags)
{
	struct nt_kthread *t, *spare;

	raw_spin_lock_irqsave(&kthreads_lock, *flags);
	t = kthread_find(current);
	if (t || !make)
		return t;
	raw_spin_unlock_irqrestore(&kthreads_lock, *flags);
	/* Only the task makes its own record: none appears meanwhile. */
	spare = kthread_spare();
	raw_spin_lock_irqsave(&kthreads_lock, *flags);
	if (spare) {
		spare->task = current;
		hash_add(kthreads, &spare->node, (unsigned long)current);
		atomic_inc(&kthread_count);
	}
	return spare;
}

/* Unlocks, dropping the record if it holds nothing any more. */
static void kthread_unlock(struct nt_kthread *t, unsigned long flags)
{
	bool gone = t && !t->apc_level && !t->critical && !t->guarded && !t->object &&
		    !t->exception && !t->pending;

	if (gone) {
		hash_del(&t->node);
		atomic_dec(&kthread_count);
	}
	raw_spin_unlock_irqrestore(&kthreads_lock, flags);
	if (gone)
		kfree_rcu(t, rcu);
}

/*
 * Sets APC_LEVEL (apc 1) or clears it (0) or leaves it (-1), and moves the
 * region depths.  -EINVAL (nothing changed) if a depth would go below
 * zero; -ENOMEM if there was no memory to record it.
 */
static int kthread_change(int apc, int critical, int guarded, void *object)
{
	bool sets = apc > 0 || critical > 0 || guarded > 0 || object;
	unsigned long flags;
	struct nt_kthread *t = kthread_lock(sets, &flags);
	int ret = 0;

	if (!t) {
		ret = sets ? -ENOMEM : critical < 0 || guarded < 0 ? -EINVAL : 0;
	} else if (t->critical + critical < 0 || t->guarded + guarded < 0) {
		ret = -EINVAL;
	} else {
		t->critical += critical;
		t->guarded += guarded;
		if (object)
			t->object = object;
		if (apc >= 0 && apc != t->apc_level) {
			t->apc_level = apc;
			atomic_add(apc ? 1 : -1, &ntshim_kthread_apc_count);
		}
	}
	kthread_unlock(t, flags);
	return ret;
}

/*
 * The exception the task's handler runs for (GetExceptionCode), and
 * whether a __finally of the task holds it to raise again: set, or read
 * (taking the pending mark).  -ENOMEM where no record could be made.
 */
int ntshim_kthread_set_exception(long code, bool pending)
{
	unsigned long flags;
	struct nt_kthread *t = kthread_lock(true, &flags);

	if (t) {
		t->exception = code;
		t->pending = pending;
	}
	kthread_unlock(t, flags);
	return t ? 0 : -ENOMEM;
}

bool ntshim_kthread_exception(long *code, bool take_pending)
{
	unsigned long flags;
	struct nt_kthread *t;
	bool found = false;

	if (!atomic_read(&kthread_count))
		return false;
	t = kthread_lock(false, &flags);
	if (t && (!take_pending || t->pending)) {
		*code = t->exception;
		if (take_pending)
			t->pending = false;
		found = true;
	}
	kthread_unlock(t, flags);
	return found;
}

void ntshim_kthread_set_apc_slow(bool at_apc)
{
	if (kthread_change(at_apc, 0, 0, NULL) == -ENOMEM)
		ntshim_complain(NTC_NO_MEMORY, NULL, "no memory to record APC_LEVEL for %s",
				current->comm);
}

int ntshim_kthread_regions_move(int critical, int guarded)
{
	int ret = kthread_change(-1, critical, guarded, NULL);

	if (ret == -ENOMEM)
		ntshim_complain(NTC_NO_MEMORY, NULL, "no memory to record a region for %s",
				current->comm);
	return ret;
}

/* A system thread starts: KeGetCurrentThread is its object from now on. */
int ntshim_kthread_set_object(void *object)
{
	return kthread_change(-1, 0, 0, object);
}

ULONG NTAPI NtshimQueryApcLevelThreads(VOID)
{
	return atomic_read(&kthread_count);
}
NTSHIM_EXPORT(NtshimQueryApcLevelThreads);

/* A task ends (any context): what areas keep for it, then its record. */
void ntshim_kthread_ended(struct task_struct *task, const void *routine)
{
	struct ntshim_kthread_end end = { .task = task, .routine = routine };
	struct nt_kthread *t;
	unsigned long flags;

	atomic_notifier_call_chain(&ntshim_kthread_exit_chain, 0, &end);
	if (!atomic_read(&kthread_count))
		return;
	raw_spin_lock_irqsave(&kthreads_lock, flags);
	t = kthread_find(task);
	if (t) {
		hash_del(&t->node);
		atomic_dec(&kthread_count);
		if (t->apc_level)
			atomic_dec(&ntshim_kthread_apc_count);
	}
	raw_spin_unlock_irqrestore(&kthreads_lock, flags);
	if (t)
		kfree_rcu(t, rcu);
}

static void kthread_exit_probe(void *data, struct task_struct *task)
{
	ntshim_kthread_ended(task, NULL);
}

static struct tracepoint *kthread_exit_tp;

static void kthread_find_exit_tp(struct tracepoint *tp, void *priv)
{
	if (!strcmp(tp->name, "sched_process_exit"))
		kthread_exit_tp = tp;
}

int ntshim_kthread_init(void)
{
	/* Every task's end, not only those ntshim starts. */
	for_each_kernel_tracepoint(kthread_find_exit_tp, NULL);
	if (!kthread_exit_tp) {
		pr_warn("no sched_process_exit tracepoint: per-thread NT state is cleared at exit for system threads only\n");
		return 0;
	}
	return tracepoint_probe_register(kthread_exit_tp, kthread_exit_probe, NULL);
}

void ntshim_kthread_exit(void)
{
	struct nt_kthread *t;
	struct hlist_node *next;
	int bkt;

	if (kthread_exit_tp) {
		tracepoint_probe_unregister(kthread_exit_tp, kthread_exit_probe, NULL);
		tracepoint_synchronize_unregister();
	}
	hash_for_each_safe(kthreads, bkt, next, t, node) {
		hash_del(&t->node);
		kfree(t);
	}
	rcu_barrier();
}
