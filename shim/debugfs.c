// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/ntshim: what ntshim holds for NT drivers right now.
 * "drivers" lists loaded drivers and their devices; "pool" counts the pool
 * blocks they have not freed; "complaints" counts, per driver and identity,
 * the rules ntshim found broken since the driver was last loaded.  The
 * tests read them to find leaks and to check what was reported.
 */
#include "ntshim.h"
#include <linux/debugfs.h>
#include <linux/seq_file.h>

static struct dentry *ntshim_debugfs_dir;

static int drivers_show(struct seq_file *m, void *v)
{
	ntshim_driver_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(drivers);

static int pool_show(struct seq_file *m, void *v)
{
	ntshim_pool_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(pool);

static int complaints_show(struct seq_file *m, void *v)
{
	ntshim_complaints_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(complaints);

int ntshim_debugfs_init(void)
{
	ntshim_debugfs_dir = debugfs_create_dir("ntshim", NULL);
	debugfs_create_file("drivers", 0444, ntshim_debugfs_dir, NULL, &drivers_fops);
	debugfs_create_file("pool", 0444, ntshim_debugfs_dir, NULL, &pool_fops);
	debugfs_create_file("complaints", 0444, ntshim_debugfs_dir, NULL, &complaints_fops);
	return 0;
}

void ntshim_debugfs_exit(void)
{
	debugfs_remove_recursive(ntshim_debugfs_dir);
}
