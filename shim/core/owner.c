// SPDX-License-Identifier: GPL-2.0
/*
 * Cleanup carried by owners.  A driver and each of its devices own what was
 * created through them; an area adds each thing to its owner when it
 * creates it and takes it off when the driver undoes it (IoDeleteDevice,
 * IoDisconnectInterrupt...).  When the owner goes, what is left is handled
 * in three passes: stop (nothing of the driver's is called any more), wait
 * (driver code still running finishes), each most recent first, then
 * release, kind by kind, so that leftovers are reported once per kind.
 * So unload stops every timer, interrupt and registration of the driver
 * before it waits for a thread, and frees nothing a thread may still use
 * before the thread has ended.
 *
 * Lock order: a driver's owner lock, then one of its devices', then the
 * areas' own locks; an area never takes an owner lock under its own.
 */
#include "core.h"
#include <linux/seq_file.h>
#include <linux/slab.h>

/* False if the owner is already going: the caller undoes what it made. */
bool ntshim_owner_add(struct ntshim_owner *o, struct ntshim_res *res,
		      const struct ntshim_res_ops *ops)
{
	bool added;

	res->ops = ops;
	res->stopped = false;
	res->waited = false;
	INIT_LIST_HEAD(&res->node);
	mutex_lock(&o->lock);
	added = !o->dead;
	if (added)
		list_add_tail(&res->node, &o->list);
	mutex_unlock(&o->lock);
	return added;
}

/*
 * The driver undoes it: true if it was taken off, and the caller now frees
 * it; false if the owner is releasing it (or never had it).
 */
bool ntshim_owner_remove(struct ntshim_owner *o, struct ntshim_res *res)
{
	bool removed = false;

	mutex_lock(&o->lock);
	if (!o->dead && !list_empty(&res->node)) {
		list_del_init(&res->node);
		removed = true;
	}
	mutex_unlock(&o->lock);
	return removed;
}

static struct ntshim_res *owner_find(struct ntshim_owner *o, const struct ntshim_res_ops *ops)
{
	struct ntshim_res *res;

	lockdep_assert_held(&o->lock);
	list_for_each_entry(res, &o->list, node)
		if (res->ops == ops)
			return res;
	return NULL;
}

/* The owner's first resource of a kind; it lives until the owner goes. */
struct ntshim_res *ntshim_owner_find(struct ntshim_owner *o, const struct ntshim_res_ops *ops)
{
	struct ntshim_res *res;

	mutex_lock(&o->lock);
	res = owner_find(o, ops);
	mutex_unlock(&o->lock);
	return res;
}

/*
 * Process context: the owner's resource of a kind, made (size bytes,
 * zeroed, the ntshim_res first) if it has none; NULL without memory.
 */
struct ntshim_res *ntshim_owner_get(struct ntshim_owner *o, const struct ntshim_res_ops *ops,
				    size_t size)
{
	struct ntshim_res *res;

	mutex_lock(&o->lock);
	res = owner_find(o, ops);
	if (!res && !o->dead) {
		res = kzalloc(size, GFP_KERNEL);
		if (res) {
			res->ops = ops;
			list_add_tail(&res->node, &o->list);
		}
	}
	mutex_unlock(&o->lock);
	return res;
}

/* debugfs: " kind=count" for each kind the owner holds. */
void ntshim_owner_show(struct seq_file *m, struct ntshim_owner *o)
{
	const struct ntshim_res_ops *seen[16];
	struct ntshim_res *res, *r;
	unsigned int kinds = 0, i, n;

	mutex_lock(&o->lock);
	list_for_each_entry(res, &o->list, node) {
		for (i = 0; i < kinds && seen[i] != res->ops; i++)
			;
		if (i < kinds || kinds == ARRAY_SIZE(seen) || !res->ops->name)
			continue;
		seen[kinds++] = res->ops;
		n = 0;
		list_for_each_entry(r, &o->list, node)
			n += r->ops == res->ops;
		seq_printf(m, " %s=%u", res->ops->name, n);
	}
	mutex_unlock(&o->lock);
}

static void res_stop(struct ntshim_res *res)
{
	if (!res->stopped && res->ops->stop)
		res->ops->stop(res);
	res->stopped = true;
}

/* Nothing the owner holds calls the driver after this. */
void ntshim_owner_stop(struct ntshim_owner *o)
{
	struct ntshim_res *res;

	mutex_lock(&o->lock);
	list_for_each_entry_reverse(res, &o->list, node)
		res_stop(res);
	mutex_unlock(&o->lock);
}

/* Process context: driver code the owner's resources run has finished. */
void ntshim_owner_wait(struct ntshim_owner *o)
{
	struct ntshim_res *res, *found;

	might_sleep();
	do {
		found = NULL;
		mutex_lock(&o->lock);
		list_for_each_entry_reverse(res, &o->list, node)
			if (res->ops->wait && !res->waited) {
				res->waited = true;
				found = res;
				break;
			}
		mutex_unlock(&o->lock);
		if (found)
			found->ops->wait(found);
	} while (found);
}

/*
 * The owner goes: what is still listed is stopped (if not yet) and
 * released, the most recent kind first, most recent first within a kind.
 */
void ntshim_owner_release(struct ntshim_owner *o)
{
	const struct ntshim_res_ops *ops;
	struct ntshim_res *res, *prev;
	unsigned int n;
	LIST_HEAD(gone);

	mutex_lock(&o->lock);
	o->dead = true;
	list_splice_init(&o->list, &gone);
	mutex_unlock(&o->lock);
	while (!list_empty(&gone)) {
		ops = list_last_entry(&gone, struct ntshim_res, node)->ops;
		n = 0;
		list_for_each_entry_safe_reverse(res, prev, &gone, node) {
			if (res->ops != ops)
				continue;
			list_del_init(&res->node);
			res_stop(res);
			n += ops->release(res);
		}
		if (n && o->image)
			ntshim_complain_image(NTC_UNLOAD_LEFTOVER, o->image,
					      "unloaded with %u %s", n, ops->leftover);
	}
}
