// SPDX-License-Identifier: GPL-2.0
/*
 * Paging routines, as honest bookkeeping: Linux never pages module code or
 * data, so "locking" a section only counts.  A handle names one section kind
 * (code or data) of one driver image; unbalanced unlocks are reported.  All
 * of them are PASSIVE_LEVEL or APC_LEVEL routines, as in NT.
 */
#include "ntshim.h"
#include <linux/slab.h>

struct paging_section {
	struct list_head node;
	struct ntshim_driver *drv;
	bool data;
	long locks;
};

static LIST_HEAD(paging_sections);
static DEFINE_MUTEX(paging_lock);

static bool paging_irql_ok(const char *fn, unsigned long caller)
{
	KIRQL irql = ntshim_current_irql();

	if (irql <= APC_LEVEL)
		return true;
	ntshim_complain(NTC_IRQL_TOO_HIGH, (void *)caller, "%s at IRQL %u, above APC_LEVEL: refused",
			fn, irql);
	return false;
}

static struct paging_section *paging_lock_section(PVOID address, bool data, const char *fn,
						  unsigned long caller)
{
	struct ntshim_driver *drv;
	struct paging_section *s;

	if (!paging_irql_ok(fn, caller))
		return NULL;
	drv = ntshim_driver_at(address);
	if (!drv) {
		ntshim_complain(NTC_SECTION_MISUSE, (void *)caller,
				"%s: %p is not in an NT driver's image", fn, address);
		return NULL;
	}
	mutex_lock(&paging_lock);
	list_for_each_entry(s, &paging_sections, node)
		if (s->drv == drv && s->data == data)
			goto found;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		goto out;
	s->drv = drv;
	s->data = data;
	list_add(&s->node, &paging_sections);
found:
	s->locks++;
out:
	mutex_unlock(&paging_lock);
	return s;
}

PVOID NTAPI MmLockPagableCodeSection(PVOID AddressWithinSection)
{
	return paging_lock_section(AddressWithinSection, false, "MmLockPagableCodeSection",
				   _RET_IP_);
}
NTSHIM_EXPORT(MmLockPagableCodeSection);

PVOID NTAPI MmLockPagableDataSection(PVOID AddressWithinSection)
{
	return paging_lock_section(AddressWithinSection, true, "MmLockPagableDataSection",
				   _RET_IP_);
}
NTSHIM_EXPORT(MmLockPagableDataSection);

/* Under paging_lock: the live section a handle names, or NULL. */
static struct paging_section *paging_find(PVOID handle)
{
	struct paging_section *s;

	list_for_each_entry(s, &paging_sections, node)
		if (s == handle)
			return s;
	return NULL;
}

static void paging_adjust(PVOID handle, long delta, const char *fn, unsigned long caller)
{
	struct paging_section *s;

	if (!paging_irql_ok(fn, caller))
		return;
	mutex_lock(&paging_lock);
	s = paging_find(handle);
	if (!s)
		ntshim_complain(NTC_NOT_AN_OBJECT, (void *)caller, "%s: %p is not a section handle",
				fn, handle);
	else if (s->locks + delta < 0)
		ntshim_complain(NTC_SECTION_MISUSE, (void *)caller,
				"%s: unbalanced unlock of %s's %s section: ignored", fn,
				s->drv->owner->name, s->data ? "data" : "code");
	else
		s->locks += delta;
	mutex_unlock(&paging_lock);
}

VOID NTAPI MmLockPagableSectionByHandle(PVOID ImageSectionHandle)
{
	paging_adjust(ImageSectionHandle, 1, "MmLockPagableSectionByHandle", _RET_IP_);
}
NTSHIM_EXPORT(MmLockPagableSectionByHandle);

VOID NTAPI MmUnlockPagableImageSection(PVOID ImageSectionHandle)
{
	paging_adjust(ImageSectionHandle, -1, "MmUnlockPagableImageSection", _RET_IP_);
}
NTSHIM_EXPORT(MmUnlockPagableImageSection);

/* The lock count behind a handle, -1 for none: for drivers' own checks. */
LONG NTAPI NtshimQuerySectionLocks(PVOID ImageSectionHandle)
{
	struct paging_section *s;
	LONG locks = -1;

	mutex_lock(&paging_lock);
	s = paging_find(ImageSectionHandle);
	if (s)
		locks = s->locks;
	mutex_unlock(&paging_lock);
	return locks;
}
NTSHIM_EXPORT(NtshimQuerySectionLocks);

PVOID NTAPI MmPageEntireDriver(PVOID AddressWithinSection)
{
	struct ntshim_driver *drv;

	if (!paging_irql_ok("MmPageEntireDriver", _RET_IP_))
		return NULL;
	drv = ntshim_driver_at(AddressWithinSection);
	if (!drv) {
		ntshim_complain(NTC_SECTION_MISUSE, (void *)_RET_IP_,
				"MmPageEntireDriver: %p is not in an NT driver's image",
				AddressWithinSection);
		return NULL;
	}
	drv->pageable = true;
	return drv->object.DriverStart;
}
NTSHIM_EXPORT(MmPageEntireDriver);

VOID NTAPI MmResetDriverPaging(PVOID AddressWithinSection)
{
	struct ntshim_driver *drv;

	if (!paging_irql_ok("MmResetDriverPaging", _RET_IP_))
		return;
	drv = ntshim_driver_at(AddressWithinSection);
	if (drv)
		drv->pageable = false;
	else
		ntshim_complain(NTC_SECTION_MISUSE, (void *)_RET_IP_,
				"MmResetDriverPaging: %p is not in an NT driver's image",
				AddressWithinSection);
}
NTSHIM_EXPORT(MmResetDriverPaging);

void ntshim_paging_driver_gone(struct ntshim_driver *drv)
{
	struct paging_section *s, *next;

	mutex_lock(&paging_lock);
	list_for_each_entry_safe(s, next, &paging_sections, node) {
		if (s->drv != drv)
			continue;
		if (s->locks)
			ntshim_complain_driver(NTC_UNLOAD_LEFTOVER, drv,
					       "unloaded with its %s section locked %ld time(s)",
					       s->data ? "data" : "code", s->locks);
		list_del(&s->node);
		kfree(s);
	}
	mutex_unlock(&paging_lock);
}
