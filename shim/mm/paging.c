// SPDX-License-Identifier: GPL-2.0
/*
 * Paging routines, as honest bookkeeping: Linux never pages module code or
 * data, so "locking" a section only counts.  A handle names one section kind
 * (code or data) of one driver image; unbalanced unlocks are reported.  All
 * of them are PASSIVE_LEVEL or APC_LEVEL routines, as in NT.
 */
#include "mm.h"
#include "../io/io.h"
#include <linux/slab.h>

/*
 * Per driver image: the lock count of its code and its data section (a
 * handle is the address of one), and whether it asked to be paged.  A
 * resource of its driver; listed here too, so handles can be checked.
 */
struct paging_image {
	struct ntshim_res res;
	struct list_head node;
	long locks[2];		/* code, data */
	bool pageable;		/* MmPageEntireDriver, for the record */
};

static LIST_HEAD(paging_images);
static DEFINE_MUTEX(paging_lock);

static const char *const paging_kind[2] = { "code", "data" };

static unsigned int paging_res_release(struct ntshim_res *res)
{
	struct paging_image *img = container_of(res, struct paging_image, res);
	unsigned int locked = (img->locks[0] > 0) + (img->locks[1] > 0);

	mutex_lock(&paging_lock);
	list_del(&img->node);
	mutex_unlock(&paging_lock);
	kfree(img);
	return locked;
}

static const struct ntshim_res_ops paging_res_ops = {
	.release = paging_res_release,
	.leftover = "section(s) still locked",
	.name = "paging",
};

/* The paging record of the driver whose image holds the address. */
static struct paging_image *paging_image_at(PVOID address, const void *caller)
{
	struct ntshim_driver *drv = ntshim_driver_at(address);
	struct paging_image *img;

	if (!drv) {
		ntshim_complain(NTC_SECTION_MISUSE, caller, "%p is not in an NT driver's image",
				address);
		return NULL;
	}
	img = (struct paging_image *)ntshim_owner_get(&drv->resources, &paging_res_ops,
						      sizeof(*img));
	if (!img)
		return NULL;
	mutex_lock(&paging_lock);
	if (!img->node.next)	/* just made */
		list_add(&img->node, &paging_images);
	mutex_unlock(&paging_lock);
	return img;
}

static PVOID paging_lock_section(PVOID address, int kind, const void *caller)
{
	struct paging_image *img = paging_image_at(address, caller);

	if (!img)
		return NULL;
	mutex_lock(&paging_lock);
	img->locks[kind]++;
	mutex_unlock(&paging_lock);
	return &img->locks[kind];
}

PVOID NTAPI MmLockPagableCodeSection(PVOID AddressWithinSection)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, NULL);
	return paging_lock_section(AddressWithinSection, 0, (void *)_RET_IP_);
}
NTSHIM_EXPORT(MmLockPagableCodeSection);

PVOID NTAPI MmLockPagableDataSection(PVOID AddressWithinSection)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, NULL);
	return paging_lock_section(AddressWithinSection, 1, (void *)_RET_IP_);
}
NTSHIM_EXPORT(MmLockPagableDataSection);

/* Under paging_lock: the lock count a handle names, or NULL. */
static long *paging_find(PVOID handle, struct paging_image **owner)
{
	struct paging_image *img;
	int kind;

	lockdep_assert_held(&paging_lock);
	list_for_each_entry(img, &paging_images, node)
		for (kind = 0; kind < 2; kind++)
			if (handle == &img->locks[kind]) {
				if (owner)
					*owner = img;
				return &img->locks[kind];
			}
	return NULL;
}

static void paging_adjust(PVOID handle, long delta, const void *caller)
{
	struct paging_image *img;
	long *locks;

	mutex_lock(&paging_lock);
	locks = paging_find(handle, &img);
	if (!locks)
		ntshim_complain(NTC_NOT_AN_OBJECT, caller, "%p is not a section handle", handle);
	else if (*locks + delta < 0)
		ntshim_complain(NTC_SECTION_MISUSE, caller,
				"unbalanced unlock of a %s section: ignored",
				paging_kind[locks - img->locks]);
	else
		*locks += delta;
	mutex_unlock(&paging_lock);
}

VOID NTAPI MmLockPagableSectionByHandle(PVOID ImageSectionHandle)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	paging_adjust(ImageSectionHandle, 1, (void *)_RET_IP_);
}
NTSHIM_EXPORT(MmLockPagableSectionByHandle);

VOID NTAPI MmUnlockPagableImageSection(PVOID ImageSectionHandle)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	paging_adjust(ImageSectionHandle, -1, (void *)_RET_IP_);
}
NTSHIM_EXPORT(MmUnlockPagableImageSection);

/* The lock count behind a handle, -1 for none: for drivers' own checks. */
LONG NTAPI NtshimQuerySectionLocks(PVOID ImageSectionHandle)
{
	LONG count = -1;
	long *locks;

	mutex_lock(&paging_lock);
	locks = paging_find(ImageSectionHandle, NULL);
	if (locks)
		count = *locks;
	mutex_unlock(&paging_lock);
	return count;
}
NTSHIM_EXPORT(NtshimQuerySectionLocks);

static void paging_set_pageable(PVOID address, bool pageable, const void *caller)
{
	struct paging_image *img = paging_image_at(address, caller);

	if (img)
		WRITE_ONCE(img->pageable, pageable);
}

PVOID NTAPI MmPageEntireDriver(PVOID AddressWithinSection)
{
	struct ntshim_driver *drv;

	NTSHIM_REQUIRE_IRQL(APC_LEVEL, NULL);
	paging_set_pageable(AddressWithinSection, true, (void *)_RET_IP_);
	drv = ntshim_driver_at(AddressWithinSection);
	return drv ? drv->object.DriverStart : NULL;
}
NTSHIM_EXPORT(MmPageEntireDriver);

VOID NTAPI MmResetDriverPaging(PVOID AddressWithinSection)
{
	NTSHIM_REQUIRE_IRQL(APC_LEVEL, );
	paging_set_pageable(AddressWithinSection, false, (void *)_RET_IP_);
}
NTSHIM_EXPORT(MmResetDriverPaging);
