// SPDX-License-Identifier: GPL-2.0
/*
 * ntshim: run NT-style (Windows kernel) drivers, ported at source level, on
 * Linux.  Module start-up and teardown, area by area: the one place that
 * names every area.
 */
#include "../core/core.h"
#include "../ex/ex.h"
#include "../hal/hal.h"
#include "../io/io.h"
#include "../ke/ke.h"
#include "../mm/mm.h"
#include "../ps/ps.h"
#include "../rtl/rtl.h"
#include <linux/init.h>

/* The embedded objects' private storage must hold the Linux objects. */
static_assert(sizeof(struct ntshim_kdpc_private) <= sizeof(((KDPC *)0)->NtshimPrivate));
static_assert(sizeof(struct ntshim_ktimer_private) <= sizeof(((KTIMER *)0)->NtshimPrivate));
static_assert(__alignof__(struct ntshim_kdpc_private) <= NTSHIM_OBJECT_ALIGN);
static_assert(__alignof__(struct ntshim_ktimer_private) <= NTSHIM_OBJECT_ALIGN);
/* NT's own x64 layouts, which drivers may depend on. */
static_assert(sizeof(DISPATCHER_HEADER) == 24 && sizeof(KEVENT) == 24);
static_assert(sizeof(KWAIT_BLOCK) == 48);
static_assert(sizeof(PCI_COMMON_CONFIG) == 256 && PCI_COMMON_HDR_LENGTH == 64);
static_assert(offsetof(KDPC, DeferredRoutine) == 24);
static_assert(sizeof(LIST_ENTRY) == 16 && sizeof(UNICODE_STRING) == 16);

struct ntshim_area {
	const char *name;
	int (*init)(void);
	void (*exit)(void);
};

/* Brought up in this order, torn down in reverse. */
static const struct ntshim_area ntshim_areas[] = {
	{ "debugfs", ntshim_debugfs_init, ntshim_debugfs_exit },
	{ "complaint", ntshim_complaint_init, NULL },
	{ "kthread", ntshim_kthread_init, ntshim_kthread_exit },
	{ "seh", ntshim_seh_init, ntshim_seh_exit },
	{ "driver", ntshim_driver_init, NULL },
	{ "mutex", ntshim_mutex_init, ntshim_mutex_exit },
	{ "pool", ntshim_pool_init, ntshim_pool_exit },
	{ "slist", ntshim_slist_init, NULL },
	{ "work", ntshim_work_init, ntshim_work_exit },
	{ "thread", NULL, ntshim_thread_exit },
	{ "dpc", ntshim_dpc_init, ntshim_dpc_exit },
	{ "iotimer", ntshim_iotimer_init, ntshim_iotimer_exit },
	{ "hal", NULL, ntshim_hal_exit },
	{ "reinit", ntshim_reinit_init, ntshim_reinit_exit },
	{ "shutdown", ntshim_shutdown_init, ntshim_shutdown_exit },
	{ "link", ntshim_link_init, ntshim_link_exit },
	{ "user event", ntshim_user_event_init, ntshim_user_event_exit },
	{ "file", ntshim_file_init, ntshim_file_exit },
	{ "mdl pages", ntshim_mdl_pages_init, ntshim_mdl_pages_exit },
};

static void ntshim_areas_exit(size_t count)
{
	while (count--)
		if (ntshim_areas[count].exit)
			ntshim_areas[count].exit();
}

static int __init ntshim_init(void)
{
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(ntshim_areas); i++) {
		if (!ntshim_areas[i].init)
			continue;
		err = ntshim_areas[i].init();
		if (err) {
			pr_err("bringing up %s failed (%d)\n", ntshim_areas[i].name, err);
			ntshim_areas_exit(i);
			return err;
		}
	}
	pr_info("ready for NT drivers\n");
	return 0;
}

static void __exit ntshim_exit(void)
{
	ntshim_areas_exit(ARRAY_SIZE(ntshim_areas));
}

module_init(ntshim_init);
module_exit(ntshim_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Run NT-style drivers, ported at source level, on Linux");
MODULE_AUTHOR("ntshim developers");
