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
#include "ntshim.h"
#include <linux/spinlock.h>

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

/* The first tracked object at or above start, below end; NULL if none. */
static struct ntshim_tracked *ntshim_tracked_first(unsigned long start,
						    unsigned long end)
{
	struct rb_node *n = ntshim_tracked_root.rb_node;
	struct ntshim_tracked *best = NULL;

	lockdep_assert_held(&ntshim_tracked_lock);
	while (n) {
		struct ntshim_tracked *t = rb_entry(n, struct ntshim_tracked, node);

		if ((unsigned long)t >= start) {
			best = t;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return best && (unsigned long)best < end ? best : NULL;
}

bool ntshim_tracked_in(const void *start, size_t size)
{
	unsigned long flags;
	bool any;

	raw_spin_lock_irqsave(&ntshim_tracked_lock, flags);
	any = ntshim_tracked_first((unsigned long)start, (unsigned long)start + size);
	raw_spin_unlock_irqrestore(&ntshim_tracked_lock, flags);
	return any;
}

/*
 * Any IRQL: stops (dequeues, disarms) every object in the range, leaving
 * them tracked for ntshim_quiesce() to drain later.
 */
unsigned int ntshim_stop_range(const void *start, size_t size, const char *who)
{
	unsigned long s = (unsigned long)start, flags;
	struct ntshim_tracked *t;
	unsigned int live = 0;
	struct rb_node *n;

	raw_spin_lock_irqsave(&ntshim_tracked_lock, flags);
	for (t = ntshim_tracked_first(s, s + size); t; ) {
		live += t->ops->stop(t, who);
		n = rb_next(&t->node);
		t = n ? rb_entry(n, struct ntshim_tracked, node) : NULL;
		if (t && (unsigned long)t >= s + size)
			t = NULL;
	}
	raw_spin_unlock_irqrestore(&ntshim_tracked_lock, flags);
	return live;
}

/* Takes the next object to quiesce out of the tree. */
static struct ntshim_tracked *ntshim_untrack_next(unsigned long start,
						  unsigned long end,
						  bool (*match)(struct ntshim_tracked *, void *),
						  void *arg)
{
	struct ntshim_tracked *t = NULL;
	struct rb_node *n;
	unsigned long flags;

	raw_spin_lock_irqsave(&ntshim_tracked_lock, flags);
	if (!match) {
		t = ntshim_tracked_first(start, end);
	} else {
		for (n = rb_first(&ntshim_tracked_root); n; n = rb_next(n)) {
			t = rb_entry(n, struct ntshim_tracked, node);
			if (match(t, arg))
				break;
			t = NULL;
		}
	}
	if (t)
		rb_erase(&t->node, &ntshim_tracked_root);
	raw_spin_unlock_irqrestore(&ntshim_tracked_lock, flags);
	return t;
}

/* With match: stops every object it selects, as ntshim_stop_range() does. */
static unsigned int ntshim_stop_matching(const char *who,
					 bool (*match)(struct ntshim_tracked *, void *),
					 void *arg)
{
	struct ntshim_tracked *t;
	unsigned int live = 0;
	unsigned long flags;
	struct rb_node *n;

	raw_spin_lock_irqsave(&ntshim_tracked_lock, flags);
	for (n = rb_first(&ntshim_tracked_root); n; n = rb_next(n)) {
		t = rb_entry(n, struct ntshim_tracked, node);
		if (match(t, arg))
			live += t->ops->stop(t, who);
	}
	raw_spin_unlock_irqrestore(&ntshim_tracked_lock, flags);
	return live;
}

/*
 * Quiesces and forgets every tracked object in [start, start + size), or,
 * with match, every object match() selects.  Process context: quiescing
 * waits for a running DPC or timer callback to finish.  Every object is
 * stopped for good before any is waited for, so a callback still running
 * (a DPC that sets its timer again, a timer that queues its DPC) cannot
 * bring back one already drained.  Returns how many objects were still live
 * (queued or armed); each is logged by its ops.
 */
unsigned int ntshim_quiesce(const void *start, size_t size, const char *who,
			    bool (*match)(struct ntshim_tracked *, void *), void *arg)
{
	unsigned long s = (unsigned long)start;
	struct ntshim_tracked *t;
	unsigned int live;

	might_sleep();
	live = match ? ntshim_stop_matching(who, match, arg) : ntshim_stop_range(start, size, who);
	while ((t = ntshim_untrack_next(s, s + size, match, arg))) {
		live += t->ops->stop(t, who);
		t->ops->drain(t);
	}
	return live;
}
