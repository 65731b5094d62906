// SPDX-License-Identifier: GPL-2.0
/*
 * Lock classes for the sleeping locks NT drivers initialize (fast and
 * guarded mutexes), so that lockdep checks a driver's lock order as it
 * checks Linux code: one class per driver and initializing call site, as
 * Linux gives one per mutex_init() site.  The keys belong to the driver and
 * go (unregistered) when it unloads, so a driver loaded later at the same
 * addresses starts with no history.  Locks initialized where ntshim cannot
 * sleep to record a class, or by code outside a driver, share one class.
 */
#include "core.h"
#include <linux/kallsyms.h>
#include <linux/lockdep.h>
#include <linux/slab.h>

static struct lock_class_key ntshim_shared_key;
static const struct ntshim_lock_class ntshim_shared_class = {
	.key = &ntshim_shared_key,
	.name = "ntshim-nt-lock",
};

#ifdef CONFIG_LOCKDEP
struct lock_site {
	struct hlist_node node;
	const void *site;
	struct ntshim_lock_class class;
	struct lock_class_key key;
	char name[KSYM_SYMBOL_LEN];
};

struct lock_sites {
	struct ntshim_res res;
	struct hlist_head sites;
};

static DEFINE_MUTEX(lock_sites_lock);

static unsigned int lock_sites_release(struct ntshim_res *res)
{
	struct lock_sites *ls = container_of(res, struct lock_sites, res);
	struct lock_site *s;
	struct hlist_node *next;

	hlist_for_each_entry_safe(s, next, &ls->sites, node) {
		lockdep_unregister_key(&s->key);
		kfree(s);
	}
	kfree(ls);
	return 0;
}

static const struct ntshim_res_ops lock_sites_ops = {
	.release = lock_sites_release,
	.name = "lock-classes",
};

static struct lock_site *lock_site_new(const void *site)
{
	struct lock_site *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	s->site = site;
	sprint_symbol_no_offset(s->name, (unsigned long)site);
	lockdep_register_key(&s->key);
	s->class.key = &s->key;
	s->class.name = s->name;
	return s;
}

const struct ntshim_lock_class *ntshim_lock_class(const void *site)
{
	struct ntshim_image *img;
	struct lock_sites *ls;
	struct lock_site *s;

	if (!preemptible())
		return &ntshim_shared_class;
	img = ntshim_image_at(site);
	if (!img)
		return &ntshim_shared_class;
	ls = (struct lock_sites *)ntshim_owner_get(img->owner, &lock_sites_ops, sizeof(*ls));
	if (!ls)
		return &ntshim_shared_class;
	mutex_lock(&lock_sites_lock);
	hlist_for_each_entry(s, &ls->sites, node)
		if (s->site == site)
			goto found;
	s = lock_site_new(site);
	if (s)
		hlist_add_head(&s->node, &ls->sites);
found:
	mutex_unlock(&lock_sites_lock);
	return s ? &s->class : &ntshim_shared_class;
}
#else
const struct ntshim_lock_class *ntshim_lock_class(const void *site)
{
	return &ntshim_shared_class;
}
#endif
