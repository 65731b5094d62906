/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracking of NT objects embedded in driver memory (KDPC, KTIMER), by
 * address, so that freeing that memory or unloading the driver quiesces the
 * Linux object inside first.  Only Linux headers here: ke/layout.c measures
 * the private parts of those objects before the NT headers can build.
 */
#ifndef NTSHIM_CORE_TRACKER_H
#define NTSHIM_CORE_TRACKER_H

#include <linux/rbtree.h>
#include <linux/types.h>

struct ntshim_track_ops;

struct ntshim_tracked {
	struct rb_node node;
	const struct ntshim_track_ops *ops;
};

struct ntshim_track_ops {
	/*
	 * Any IRQL: dequeue or disarm for good (the object refuses to be
	 * queued or armed again); returns 1 (and complains) if it was live.
	 */
	unsigned int (*stop)(struct ntshim_tracked *obj);
	/* Process context: wait until no callback runs or can run. */
	void (*drain)(struct ntshim_tracked *obj);
	/* Its routine's address, to find the objects of a driver. */
	void *(*routine)(struct ntshim_tracked *obj);
};

/* Which tracked objects an operation acts on: a range, or what match() picks. */
struct ntshim_track_sel {
	unsigned long start, end;
	bool (*match)(struct ntshim_tracked *obj, void *arg);
	void *arg;
};

#define NTSHIM_TRACK_RANGE(p, size) \
	((struct ntshim_track_sel){ .start = (unsigned long)(p), \
				    .end = (unsigned long)(p) + (size) })

void ntshim_track(struct ntshim_tracked *obj, const struct ntshim_track_ops *ops);
bool ntshim_is_tracked(struct ntshim_tracked *obj);
bool ntshim_tracked_in(const void *start, size_t size);
unsigned int ntshim_stop(const struct ntshim_track_sel *sel);
unsigned int ntshim_quiesce(const struct ntshim_track_sel *sel);

#endif /* NTSHIM_CORE_TRACKER_H */
