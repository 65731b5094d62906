// SPDX-License-Identifier: GPL-2.0
/*
 * The images of loaded NT drivers, so that any address (a caller's return
 * address, a routine) can be attributed to the driver it belongs to, from
 * any context.  RCU-protected for readers; a driver's image goes after a
 * grace period, once nothing of the driver can run.
 */
#include "core.h"
#include <linux/notifier.h>
#include <linux/rculist.h>

static LIST_HEAD(ntshim_images);
static DEFINE_MUTEX(ntshim_images_lock);

void ntshim_image_add(struct ntshim_image *img, struct module *mod, const void *object,
		      struct ntshim_owner *owner)
{
	img->module = mod;
	img->object = object;
	img->owner = owner;
	mutex_lock(&ntshim_images_lock);
	list_add_tail_rcu(&img->node, &ntshim_images);
	mutex_unlock(&ntshim_images_lock);
}

BLOCKING_NOTIFIER_HEAD(ntshim_image_gone_chain);

/* The image goes: areas forget what they keep of it (data: its module). */
void ntshim_image_del(struct ntshim_image *img)
{
	blocking_notifier_call_chain(&ntshim_image_gone_chain, 0, img->module);
	mutex_lock(&ntshim_images_lock);
	list_del_rcu(&img->node);
	mutex_unlock(&ntshim_images_lock);
	synchronize_rcu();
}

/*
 * Under rcu_read_lock(), or from the driver itself (an address of its own
 * keeps it loaded): the image holding the address, or NULL.
 */
struct ntshim_image *ntshim_image_at(const void *address)
{
	struct ntshim_image *img, *found = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(img, &ntshim_images, node)
		if (ntshim_in_image(img, address)) {
			found = img;
			break;
		}
	rcu_read_unlock();
	return found;
}

/* The image whose DRIVER_OBJECT this is: a pointer checked, not trusted. */
struct ntshim_image *ntshim_image_of(const void *object)
{
	struct ntshim_image *img, *found = NULL;

	if (!object)
		return NULL;
	rcu_read_lock();
	list_for_each_entry_rcu(img, &ntshim_images, node)
		if (img->object == object) {
			found = img;
			break;
		}
	rcu_read_unlock();
	return found;
}

/* Process context: fn for each loaded driver's image, in load order. */
void ntshim_image_each(void (*fn)(struct ntshim_image *img, void *arg), void *arg)
{
	struct ntshim_image *img;

	mutex_lock(&ntshim_images_lock);
	list_for_each_entry(img, &ntshim_images, node)
		fn(img, arg);
	mutex_unlock(&ntshim_images_lock);
}
