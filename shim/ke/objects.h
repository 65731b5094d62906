/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux objects behind NT objects that drivers embed in their own memory.
 * layout.c measures these for the kernel being built against, and the NT
 * headers reserve that much private storage in KDPC, KTIMER and KEVENT.
 * Only Linux headers here: layout.c must build before the NT headers can.
 */
#ifndef NTSHIM_KE_OBJECTS_H
#define NTSHIM_KE_OBJECTS_H

#include <linux/hrtimer.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/workqueue.h>
#include <linux/wait.h>
#include "../core/tracker.h"

/*
 * Behind a KDPC (whose own DpcListEntry and DpcData link it into ntshim's
 * per-processor DPC queues, as in NT): the tracking that stops it when its
 * memory goes, IoInitializeDpcRequest's routine, the target processor and
 * a mark that says initialized, or being released.
 */
struct ntshim_kdpc_private {
	struct ntshim_tracked track;
	void *io_routine;	/* IoInitializeDpcRequest's DpcForIsr */
	int target;		/* -1: whichever processor inserts it */
	u32 magic;
};

/*
 * Behind a KTIMER: one high-resolution timer, on the clock the last due
 * time needed (relative due times run on the monotonic clock, absolute
 * ones on the real-time clock, which follows changes of the wall clock),
 * whether it is armed, and the period.  (A KEVENT is a bare dispatcher
 * header, as in NT: nothing behind it.)
 */
struct ntshim_ktimer_private {
	struct ntshim_tracked track;
	struct hrtimer hrtimer;
	u64 period_ns;
	u16 magic;
	bool armed;
	bool real;		/* hrtimer is on CLOCK_REALTIME, not CLOCK_MONOTONIC */
	bool on_stack;
	bool switching;		/* a setter waits for an expiry, to change clocks */
	bool dead;		/* its memory is being released: never armed again */
};

/*
 * Behind a FAST_MUTEX or KGUARDED_MUTEX: a Linux mutex (so lockdep sees
 * it), its owner (to refuse recursion, which deadlocks in NT, and releases
 * by others), the level to go back to, and a mark that it was initialized.
 */
struct ntshim_fast_mutex_private {
	struct mutex lock;
	struct task_struct *owner;
	u32 magic;
	u8 old_irql;
};

/*
 * Behind an EX_PUSH_LOCK: a Linux rw_semaphore, its writer and reader
 * count (to refuse what would corrupt it), and a mark that it was
 * initialized.
 */
struct ntshim_push_lock_private {
	struct rw_semaphore sem;
	struct task_struct *writer;
	atomic_t readers;
	u32 magic;
};

/*
 * Behind an ERESOURCE: its state under a raw lock (it is released at
 * DISPATCH_LEVEL too), the exclusive owner or up to eight sharing threads
 * with their recursion counts, the threads waiting, in order, and the
 * lockdep map that checks the order it is taken in.
 */
#define NTSHIM_RESOURCE_OWNERS	8

struct ntshim_resource_owner {
	struct task_struct *task;
	unsigned int count;
};

struct ntshim_eresource_private {
	raw_spinlock_t lock;
	struct task_struct *exclusive;
	unsigned int exclusive_count;
	unsigned int shared_count;	/* acquisitions held shared, all owners */
	struct ntshim_resource_owner owners[NTSHIM_RESOURCE_OWNERS];
	struct list_head waiters;
	unsigned int exclusive_waiters;
	unsigned int shared_waiters;
	u32 magic;
#ifdef CONFIG_DEBUG_LOCK_ALLOC
	struct lockdep_map dep_map;
#endif
};

#endif /* NTSHIM_KE_OBJECTS_H */
