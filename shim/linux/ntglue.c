// SPDX-License-Identifier: GPL-2.0
/*
 * Module glue for a ported NT driver.  ntshim's build copies this file into
 * each driver's build and links it in, so the driver's own sources stay
 * exactly as they were written for NT.
 */
#include <linux/init.h>
#include <linux/module.h>
#include <ntshim/compat.h>
#include <ntshim/glue.h>

extern ntshim_driver_entry_t DriverEntry;

static struct ntshim_driver *ntglue_driver;

static int __init ntglue_init(void)
{
	return ntshim_driver_load(THIS_MODULE, DriverEntry, &ntglue_driver);
}

static void __exit ntglue_exit(void)
{
	ntshim_driver_unload(ntglue_driver);
}

module_init(ntglue_init);
module_exit(ntglue_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("NT driver running on ntshim");
NTSHIM_IMPORT_NS();
