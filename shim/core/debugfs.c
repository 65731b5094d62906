// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/ntshim: what ntshim holds for NT drivers right now.
 * Each area adds its own file: "drivers" lists loaded drivers and their
 * devices, "pool" counts the pool blocks they have not freed, "complaints"
 * counts, per driver and identity, the rules ntshim found broken since the
 * driver was last loaded.  The tests read them to find leaks and to check
 * what was reported.
 */
#include "core.h"
#include <linux/debugfs.h>
#include <linux/seq_file.h>

static struct dentry *ntshim_debugfs_dir;

static int ntshim_debugfs_open(struct inode *inode, struct file *file)
{
	return single_open(file, inode->i_private, NULL);
}

static const struct file_operations ntshim_debugfs_fops = {
	.owner = THIS_MODULE,
	.open = ntshim_debugfs_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

void ntshim_debugfs_file(const char *name, int (*show)(struct seq_file *m, void *v))
{
	debugfs_create_file(name, 0444, ntshim_debugfs_dir, show, &ntshim_debugfs_fops);
}

int ntshim_debugfs_init(void)
{
	ntshim_debugfs_dir = debugfs_create_dir("ntshim", NULL);
	return 0;
}

void ntshim_debugfs_exit(void)
{
	debugfs_remove_recursive(ntshim_debugfs_dir);
}
