/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The Linux objects behind NT objects that drivers embed in their own memory.
 * layout.c measures these for the kernel being built against, and the NT
 * headers reserve that much private storage in KDPC, KTIMER and KEVENT.
 * Only Linux headers here: layout.c must build before the NT headers can.
 */
#ifndef NTSHIM_OBJECTS_H
#define NTSHIM_OBJECTS_H

#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/list.h>
#include <linux/wait.h>

/* Behind a KDPC: a tasklet, its NT queue state, and its owner's list. */
struct ntshim_kdpc_private {
	struct tasklet_struct tasklet;
	struct list_head node;
	unsigned long state;
};

/* Behind a KTIMER: a high-resolution timer and its period. */
struct ntshim_ktimer_private {
	struct hrtimer timer;
	struct list_head node;
	u64 period_ns;
	unsigned long state;
};

/* Behind a KEVENT: the wait queue its waiters sleep on. */
struct ntshim_kevent_private {
	struct wait_queue_head wait;
};

#endif /* NTSHIM_OBJECTS_H */
