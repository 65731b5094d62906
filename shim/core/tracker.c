// SPDX-License-Identifier: GPL-2.0
/*
 * Tracking of NT objects that live in driver memory (KDPC, KTIMER...).
 *
 * NT drivers embed these objects in pool blocks, device extensions and
 * static data, and free that memory whenever they like.  Each live object is
 * kept in an address-ordered tree, so that ExFreePool, IoDeleteDevice and
 * driver unload can find the objects inside the memory they release and
 * quiesce them (a queued DPC removed, an armed timer cancelled) first.
 */
#include "core.h"

static struct rb_root ntshim_tracked_root = RB_ROOT;
static DEFINE_RAW_SPINLOCK(ntshim_tracked_lock);

void ntshim_track(struct ntshim_tracked *obj, const struct ntshim_track_ops *ops)
{
	struct rb_node **link = &ntshim_tracked_root.rb_node, *parent = NULL;
	unsigned long flags;

	raw_spin_lock_irqsave(&ntshim_tracked_lock, flags);
	while (*link) {
		parent = *link;
		if (obj == rb_entry(parent, struct ntshim_tracked, node)) {
			/* Re-initialised in place: already tracked. */
			raw_spin_unlock_irqrestore(&ntshim_tracked_lock, flags);
			return;
		}
		link = obj < rb_entry(parent, struct ntshim_tracked, node) ?
			&parent->rb_left : &parent->rb_right;
	}
	obj->ops = ops;
	rb_link_node(&obj->node, parent, link);
	rb_insert_color(&obj->node, &ntshim_tracked_root);
	raw_spin_unlock_irqrestore(&ntshim_tracked_lock, flags);
}

bool ntshim_is_tracked(struct ntshim_tracked *obj)
{
	struct rb_node *n;
	unsigned long flags;
	bool found = false;

	raw_spin_lock_irqsave(&ntshim_tracked_lock, flags);
	for (n = ntshim_tracked_root.rb_node; n && !found; ) {
		struct ntshim_tracked *t = rb_entry(n, struct ntshim_tracked, node);

		found = t == obj;
		n = obj < t ? n->rb_left : n->rb_right;
	}
	raw_spin_unlock_irqrestore(&ntshim_tracked_lock, flags);
	return found;
}

/* Under the lock: the first object at or above start, in address order. */
static struct rb_node *tracked_from(unsigned long start)
{
	struct rb_node *n = ntshim_tracked_root.rb_node, *best = NULL;

	while (n) {
		if ((unsigned long)rb_entry(n, struct ntshim_tracked, node) >= start) {
			best = n;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return best;
}

/* Under the lock: the next object sel selects after prev (NULL: the first). */
static struct ntshim_tracked *tracked_next(const struct ntshim_track_sel *sel,
					   struct ntshim_tracked *prev)
{
	struct ntshim_tracked *t;
	struct rb_node *n;

	lockdep_assert_held(&ntshim_tracked_lock);
	if (prev)
		n = rb_next(&prev->node);
	else
		n = sel->match ? rb_first(&ntshim_tracked_root) : tracked_from(sel->start);
	for (; n; n = rb_next(n)) {
		t = rb_entry(n, struct ntshim_tracked, node);
		if (!sel->match)
			return (unsigned long)t < sel->end ? t : NULL;
		if (sel->match(t, sel->arg))
			return t;
	}
	return NULL;
}

bool ntshim_tracked_in(const void *start, size_t size)
{
	struct ntshim_track_sel sel = NTSHIM_TRACK_RANGE(start, size);
	unsigned long flags;
	bool any;

	raw_spin_lock_irqsave(&ntshim_tracked_lock, flags);
	any = tracked_next(&sel, NULL);
	raw_spin_unlock_irqrestore(&ntshim_tracked_lock, flags);
	return any;
}

/*
 * Any IRQL: stops (dequeues, disarms) every object selected, leaving them
 * tracked for ntshim_quiesce() to drain later.
 */
unsigned int ntshim_stop(const struct ntshim_track_sel *sel)
{
	struct ntshim_tracked *t;
	unsigned int live = 0;
	unsigned long flags;

	raw_spin_lock_irqsave(&ntshim_tracked_lock, flags);
	for (t = tracked_next(sel, NULL); t; t = tracked_next(sel, t))
		live += t->ops->stop(t);
	raw_spin_unlock_irqrestore(&ntshim_tracked_lock, flags);
	return live;
}

/* Takes the next object to quiesce out of the tree. */
static struct ntshim_tracked *ntshim_untrack_next(const struct ntshim_track_sel *sel)
{
	struct ntshim_tracked *t;
	unsigned long flags;

	raw_spin_lock_irqsave(&ntshim_tracked_lock, flags);
	t = tracked_next(sel, NULL);
	if (t)
		rb_erase(&t->node, &ntshim_tracked_root);
	raw_spin_unlock_irqrestore(&ntshim_tracked_lock, flags);
	return t;
}

/*
 * Quiesces and forgets every tracked object sel selects.  Process context:
 * quiescing waits for a running DPC or timer callback to finish.  Every
 * object is stopped for good before any is waited for, so a callback still
 * running (a DPC that sets its timer again, a timer that queues its DPC)
 * cannot bring back one already drained.  Returns how many objects were
 * still live (queued or armed); each is logged by its ops.
 */
unsigned int ntshim_quiesce(const struct ntshim_track_sel *sel)
{
	struct ntshim_tracked *t;
	unsigned int live;

	might_sleep();
	live = ntshim_stop(sel);
	while ((t = ntshim_untrack_next(sel))) {
		live += t->ops->stop(t);
		t->ops->drain(t);
	}
	return live;
}
