/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ke/: the kernel's objects and the dispatcher: spin locks, DPCs, timers,
 * events, waits, clocks and the IRQL entry points.  What other areas may
 * use of it is declared here.
 */
#ifndef NTSHIM_KE_H
#define NTSHIM_KE_H

#include "../core/core.h"
#include "objects.h"

/* wait.c: the dispatcher. */
struct ntshim_wait {
	struct task_struct *task;
	void *thread;		/* the task as NT code sees it (KeGetCurrentThread) */
	PKWAIT_BLOCK blocks;
	ULONG count;
	WAIT_TYPE type;
	int satisfied;		/* -1, or the index that satisfied it */
	bool abandoned;		/* it took an abandoned mutex */
	int owned;		/* mutexes it made the thread the owner of */
};
extern raw_spinlock_t ntshim_dispatcher_lock;

/* spinlock.c: the numbered queued locks (LockQueueIoCancelLock: the cancel lock). */
KIRQL ntshim_queued_acquire(KSPIN_LOCK_QUEUE_NUMBER number, const void *caller);
void ntshim_queued_release(KSPIN_LOCK_QUEUE_NUMBER number, KIRQL old, const void *caller);
bool ntshim_queued_owned(KSPIN_LOCK_QUEUE_NUMBER number);

/* devicequeue.c: KDEVICE_QUEUE without the checks (the I/O manager's StartIo). */
void ntshim_device_queue_init(PKDEVICE_QUEUE q);
BOOLEAN ntshim_device_queue_insert(PKDEVICE_QUEUE q, PKDEVICE_QUEUE_ENTRY e, bool keyed,
				   ULONG key);
PKDEVICE_QUEUE_ENTRY ntshim_device_queue_remove(PKDEVICE_QUEUE q, bool keyed, ULONG key);

void ntshim_signal_waiters(PDISPATCHER_HEADER h);
bool ntshim_dispatcher_usable(PDISPATCHER_HEADER h);
/* A wait with no IRQL or object checks, for ntshim's own use. */
NTSTATUS ntshim_wait_single(PVOID object, PLARGE_INTEGER timeout);

/*
 * mutex.c, under the dispatcher lock: is the mutex this task's, and the
 * wait's taking of it.
 */
bool ntshim_mutex_owned_by(PDISPATCHER_HEADER h, void *thread);
void ntshim_mutex_take(PDISPATCHER_HEADER h, struct ntshim_wait *w);
/* Owned mutexes in a pool block that goes: forgotten, with one complaint. */
void ntshim_mutex_forget(const void *start, size_t size, const void *caller);
int ntshim_mutex_init(void);
void ntshim_mutex_exit(void);

/* thread.c: complains unless the caller is in a region or at APC_LEVEL. */
void ntshim_expect_region(const char *fn, const void *caller);

/* guardedmutex.c: the sleeping lock behind KGUARDED_MUTEX and FAST_MUTEX. */
void ntshim_gmutex_init(PKGUARDED_MUTEX m, const void *caller);
struct ntshim_fast_mutex_private *ntshim_gmutex_usable(PKGUARDED_MUTEX m, const char *fn,
						       const void *caller);
bool ntshim_gmutex_lock(struct ntshim_fast_mutex_private *gm, bool try, const char *fn,
			const void *caller);
bool ntshim_gmutex_unlock(struct ntshim_fast_mutex_private *gm, const char *fn,
			  const void *caller);

/* event.c */
void ntshim_event_init(PRKEVENT event, EVENT_TYPE type, BOOLEAN state);
LONG ntshim_event_set(PRKEVENT event, const void *caller);
/* A program's eventfd as an event; references on it (false: not one). */
NTSTATUS ntshim_user_event_open(int fd, PVOID *object, const void *caller);
bool ntshim_user_event_get(PVOID object, const void *caller);
bool ntshim_user_event_put(PVOID object, const void *caller);
int ntshim_user_event_init(void);
void ntshim_user_event_exit(void);

/* dpc.c */
bool ntshim_dpc_insert(PRKDPC dpc, PVOID arg1, PVOID arg2, const void *caller);
/* IoInitializeDpcRequest: DeferredRoutine is a PIO_DPC_ROUTINE. */
void ntshim_dpc_init_io(PRKDPC dpc, PIO_DPC_ROUTINE routine, PDEVICE_OBJECT device);
int ntshim_dpc_init(void);
void ntshim_dpc_exit(void);

/* time.c: NT time (100 ns units; 1601 epoch) and Linux time. */
LONGLONG ntshim_system_time(void);
void ntshim_nt_time_to_ktime(LONGLONG t, ktime_t *expires, clockid_t *clock);

/*
 * A KSPIN_LOCK word: zero is free, otherwise it holds an owner token.
 * Spin on plain reads, so waiters do not bounce the line with writes.
 */
static inline void ntshim_word_lock(PKSPIN_LOCK lock, unsigned long owner)
{
	unsigned long *word = (unsigned long *)lock;

	while (unlikely(cmpxchg_acquire(word, 0UL, owner) != 0)) {
		do {
			cpu_relax();
		} while (READ_ONCE(*word));
	}
}

static inline void ntshim_word_unlock(PKSPIN_LOCK lock)
{
	smp_store_release((unsigned long *)lock, 0UL);
}

#endif /* NTSHIM_KE_H */
