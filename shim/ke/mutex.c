// SPDX-License-Identifier: GPL-2.0
/*
 * Mutexes (KMUTEX): a dispatcher object that a wait makes the waiting
 * thread's.  SignalState is 1 when free and goes down by one for each
 * acquisition by its owner, who may wait on it again without blocking;
 * KeReleaseMutex gives back one.  A thread holding one is in a critical
 * region, as in NT.
 *
 * Owned mutexes are on one list under the dispatcher lock, so that a thread
 * that ends holding one can be found: NT stops the system there
 * (THREAD_TERMINATE_HELD_MUTEX); ntshim complains and abandons the mutex,
 * so that the next thread to take it sees STATUS_ABANDONED_WAIT_0.
 * Releasing a mutex one does not own is NT's THREAD_NOT_MUTEX_OWNER stop;
 * ntshim complains and leaves the mutex as it was.
 */
#include "ke.h"
#include <linux/notifier.h>
#include <linux/sched.h>

static LIST_ENTRY owned_mutexes = { &owned_mutexes, &owned_mutexes };
static atomic_t owned_count = ATOMIC_INIT(0);

static PRKMUTEX mutex_of(PDISPATCHER_HEADER h)
{
	return CONTAINING_RECORD(h, KMUTEX, Header);
}

bool ntshim_mutex_owned_by(PDISPATCHER_HEADER h, void *thread)
{
	return mutex_of(h)->OwnerThread == thread;
}

void ntshim_mutex_take(PDISPATCHER_HEADER h, struct ntshim_wait *w)
{
	PRKMUTEX m = mutex_of(h);

	lockdep_assert_held(&ntshim_dispatcher_lock);
	/* NT raises STATUS_MUTANT_LIMIT_EXCEEDED there; the count must not wrap. */
	if (h->SignalState == MINLONG)
		return;
	if (h->SignalState-- != 1)
		return;
	m->OwnerThread = w->thread;
	InsertTailList(&owned_mutexes, &m->MutantListEntry);
	atomic_inc(&owned_count);
	w->owned++;
	if (m->Abandoned) {
		m->Abandoned = FALSE;
		w->abandoned = true;
	}
}

/* Off the owned list, signalled, and given to the first waiter it satisfies. */
static void mutex_free(PRKMUTEX m, bool abandoned)
{
	RemoveEntryList(&m->MutantListEntry);
	m->MutantListEntry.Flink = NULL;
	atomic_dec(&owned_count);
	m->OwnerThread = NULL;
	m->Abandoned = abandoned;
	m->Header.SignalState = 1;
	ntshim_signal_waiters(&m->Header);
}

/* Is the mutex on the owned list?  (Its memory may hold anything.) */
static bool mutex_listed(PRKMUTEX m)
{
	PLIST_ENTRY e;

	for (e = owned_mutexes.Flink; e != &owned_mutexes; e = e->Flink)
		if (e == &m->MutantListEntry)
			return true;
	return false;
}

VOID NTAPI KeInitializeMutex(PRKMUTEX Mutex, ULONG Level)
{
	unsigned long flags;
	bool owned = false;

	if (!Mutex) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_, "KeInitializeMutex: NULL mutex");
		return;
	}
	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	if (atomic_read(&owned_count) && mutex_listed(Mutex)) {
		owned = true;
		mutex_free(Mutex, false);
	}
	Mutex->Header.Type = MutantObject;
	Mutex->Header.Signalling = 0;
	Mutex->Header.Size = sizeof(KMUTEX) / sizeof(LONG);
	Mutex->Header.SignalState = 1;
	InitializeListHead(&Mutex->Header.WaitListHead);
	Mutex->MutantListEntry.Flink = NULL;
	Mutex->MutantListEntry.Blink = NULL;
	Mutex->OwnerThread = NULL;
	Mutex->Abandoned = FALSE;
	Mutex->ApcDisable = 1;
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	if (owned)
		ntshim_complain(NTC_LIVE_AT_INIT, (void *)_RET_IP_,
				"KeInitializeMutex: %p initialized again while owned: released first",
				Mutex);
}
NTSHIM_EXPORT(KeInitializeMutex);

static bool mutex_usable(PRKMUTEX Mutex, const char *fn, const void *caller)
{
	if (likely(Mutex && ntshim_dispatcher_usable(&Mutex->Header) &&
		   Mutex->Header.Type == MutantObject))
		return true;
	ntshim_complain(NTC_UNINITIALIZED, caller, "%s: %p is not an initialized mutex: ignored",
			fn, Mutex);
	return false;
}

/* The previous state.  Wait = TRUE only lets NT keep its lock for a wait. */
LONG NTAPI KeReleaseMutex(PRKMUTEX Mutex, BOOLEAN Wait)
{
	unsigned long flags;
	bool freed = false;
	LONG old;

	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, 0);
	if (!mutex_usable(Mutex, __func__, (void *)_RET_IP_))
		return 0;
	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	old = Mutex->Header.SignalState;
	if (Mutex->OwnerThread != ntshim_kthread_identity(current)) {
		raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
		ntshim_complain(NTC_MUTEX_NOT_OWNED, (void *)_RET_IP_,
				"KeReleaseMutex: %p is not the caller's (NT stops: THREAD_NOT_MUTEX_OWNER): not released",
				Mutex);
		return old;
	}
	if (old == 0) {
		mutex_free(Mutex, false);
		freed = true;
	} else {
		Mutex->Header.SignalState = old + 1;
	}
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	if (freed)
		ntshim_kthread_regions_move(-1, 0);
	return old;
}
NTSHIM_EXPORT(KeReleaseMutex);

LONG NTAPI KeReadStateMutex(PRKMUTEX Mutex)
{
	if (!mutex_usable(Mutex, __func__, (void *)_RET_IP_))
		return 0;
	return READ_ONCE(Mutex->Header.SignalState);
}
NTSHIM_EXPORT(KeReadStateMutex);

/*
 * Memory being freed (a pool block, an unloading image) that holds owned
 * mutexes: off the owned list, so the list never points into freed memory.
 */
static unsigned int mutex_forget(bool (*gone)(PRKMUTEX m, const void *arg), const void *arg)
{
	PLIST_ENTRY e, next;
	unsigned long flags;
	unsigned int count = 0;

	if (!atomic_read(&owned_count))
		return 0;
	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	for (e = owned_mutexes.Flink; e != &owned_mutexes; e = next) {
		PRKMUTEX m = CONTAINING_RECORD(e, KMUTEX, MutantListEntry);

		next = e->Flink;
		if (!gone(m, arg))
			continue;
		RemoveEntryList(e);
		atomic_dec(&owned_count);
		count++;
	}
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	return count;
}

struct mutex_range {
	unsigned long start, end;
};

static bool mutex_in_range(PRKMUTEX m, const void *arg)
{
	const struct mutex_range *r = arg;

	return (unsigned long)m >= r->start && (unsigned long)m < r->end;
}

static bool mutex_in_module(PRKMUTEX m, const void *arg)
{
	return within_module((unsigned long)m, (struct module *)arg);
}

void ntshim_mutex_forget(const void *start, size_t size, const void *caller)
{
	struct mutex_range r = { (unsigned long)start, (unsigned long)start + size };

	if (mutex_forget(mutex_in_range, &r))
		ntshim_complain(NTC_LIVE_AT_FREE, caller,
				"memory at %p freed with an owned mutex in it: forgotten", start);
}

static int mutex_image_gone(struct notifier_block *nb, unsigned long action, void *data)
{
	struct module *mod = data;

	if (mutex_forget(mutex_in_module, mod))
		pr_warn("%s unloaded with a mutex of its own still owned: forgotten\n", mod->name);
	return NOTIFY_DONE;
}

/* A task ended: the mutexes it still owns are abandoned. */
static int mutex_task_ended(struct notifier_block *nb, unsigned long action, void *data)
{
	const struct ntshim_kthread_end *end = data;
	struct _KTHREAD *thread;
	PLIST_ENTRY e, next;
	PRKMUTEX first = NULL;
	unsigned long flags;
	unsigned int count = 0;

	if (!atomic_read(&owned_count))
		return NOTIFY_DONE;
	thread = ntshim_kthread_identity(end->task);
	raw_spin_lock_irqsave(&ntshim_dispatcher_lock, flags);
	for (e = owned_mutexes.Flink; e != &owned_mutexes; e = next) {
		PRKMUTEX m = CONTAINING_RECORD(e, KMUTEX, MutantListEntry);

		next = e->Flink;
		if (m->OwnerThread != thread)
			continue;
		first = first ?: m;
		count++;
		mutex_free(m, true);
	}
	raw_spin_unlock_irqrestore(&ntshim_dispatcher_lock, flags);
	if (count)
		ntshim_complain(NTC_MUTEX_ABANDONED, end->routine ?: first,
				"%s ended holding %u mutex(es), %p first (NT stops: THREAD_TERMINATE_HELD_MUTEX): abandoned",
				end->task->comm, count, first);
	return NOTIFY_DONE;
}

static struct notifier_block mutex_exit_nb = { .notifier_call = mutex_task_ended };
static struct notifier_block mutex_image_nb = { .notifier_call = mutex_image_gone };

int ntshim_mutex_init(void)
{
	blocking_notifier_chain_register(&ntshim_image_gone_chain, &mutex_image_nb);
	return atomic_notifier_chain_register(&ntshim_kthread_exit_chain, &mutex_exit_nb);
}

void ntshim_mutex_exit(void)
{
	atomic_notifier_chain_unregister(&ntshim_kthread_exit_chain, &mutex_exit_nb);
	blocking_notifier_chain_unregister(&ntshim_image_gone_chain, &mutex_image_nb);
}
