// SPDX-License-Identifier: GPL-2.0
/*
 * Symbolic links in the DOS device name space, as program-visible names:
 * IoCreateSymbolicLink(\DosDevices\X, \Device\Y) makes the character
 * device /dev/nt/X (the name as the driver spelled it), which opens device
 * Y (io/file.c), for as long as the link exists.  \??\X and \GLOBAL??\X
 * are the same name space.  A link belongs to its device: deleting the
 * link, the device, or unloading the driver removes the node.  A named
 * device \Device\Y has its own node, /dev/nt/Device/Y.  A node's
 * mode is the device's security (IoCreateDeviceSecure's SDDL; root only
 * for IoCreateDevice), and its owner is root.
 */
#include "io.h"
#include "../rtl/rtl.h"
#include <linux/cdev.h>
#include <linux/ctype.h>
#include <linux/fs.h>
#include <linux/device.h>
#include <linux/idr.h>
#include <linux/slab.h>

#define NT_LINK_MINORS	256
#define NT_LINK_NAME	64

struct ntshim_link {
	struct list_head node;		/* nt_links, under nt_links_lock */
	struct ntshim_res res;		/* on its device's owner list */
	char name[NT_LINK_NAME];
	PDEVICE_OBJECT device;		/* referenced */
	struct device *dev;		/* the node */
	dev_t devt;
};

static LIST_HEAD(nt_links);
static DEFINE_MUTEX(nt_links_lock);
static DEFINE_IDA(nt_link_minors);
static dev_t nt_link_base;
static struct cdev nt_link_cdev;

/* The node's mode; its name is the device's, "nt!X", which devtmpfs makes nt/X. */
static char *nt_link_devnode(NTSHIM_DEVNODE_CONST struct device *dev, umode_t *mode)
{
	struct ntshim_link *link = dev_get_drvdata(dev);

	if (mode && link)
		*mode = ntshim_device_mode(link->device) ?: 0600;
	return NULL;
}

static struct class nt_link_class = {
	.name = "nt",
	.devnode = nt_link_devnode,
};

static const char *const dos_prefixes[] = { "\\DosDevices\\", "\\??\\", "\\GLOBAL??\\" };
static const char *const device_prefixes[] = { "\\Device\\" };

/*
 * The node name of an NT name with one of the prefixes and one component
 * after it (printable ASCII; no separator, nor the '!' devtmpfs reads as
 * one), put after head in out; false if it has none.
 */
static bool link_node_name(PCUNICODE_STRING nt, const char *const *prefixes, size_t count,
			   const char *head, char *out)
{
	USHORT n, i, p, h = strlen(head);

	if (!nt || !nt->Buffer || (nt->Length & 1))
		return false;
	n = nt->Length / sizeof(WCHAR);
	for (p = 0; p < count; p++) {
		USHORT len = strlen(prefixes[p]);

		if (n <= len || n - len + h >= NT_LINK_NAME)
			continue;
		for (i = 0; i < len; i++)
			if (tolower(nt->Buffer[i]) != tolower(prefixes[p][i]))
				break;
		if (i < len)
			continue;
		memcpy(out, head, h);
		for (i = len; i < n; i++) {
			WCHAR c = nt->Buffer[i];

			if (c <= 0x20 || c >= 0x7f || c == L'/' || c == L'\\' || c == L'!')
				return false;
			out[h + i - len] = (char)c;
		}
		out[h + n - len] = '\0';
		return true;
	}
	return false;
}

static bool link_dos_name(PCUNICODE_STRING link, char *out)
{
	return link_node_name(link, dos_prefixes, ARRAY_SIZE(dos_prefixes), "", out);
}

static struct ntshim_link *link_find(const char *name)
{
	struct ntshim_link *link;

	lockdep_assert_held(&nt_links_lock);
	list_for_each_entry(link, &nt_links, node)
		if (!strcasecmp(link->name, name))
			return link;
	return NULL;
}

/* The device a DOS name (\DosDevices\X, \??\X) links to, referenced; NULL if none. */
PDEVICE_OBJECT ntshim_link_lookup(PCUNICODE_STRING name)
{
	struct ntshim_link *link;
	PDEVICE_OBJECT device = NULL;
	char node[NT_LINK_NAME];

	if (!link_dos_name(name, node))
		return NULL;
	mutex_lock(&nt_links_lock);
	link = link_find(node);
	if (link && ntshim_device_tryget(link->device))
		device = link->device;
	mutex_unlock(&nt_links_lock);
	return device;
}

/* The device a node opens, with a reference; NULL if the link is gone. */
PDEVICE_OBJECT ntshim_link_device(dev_t devt)
{
	struct ntshim_link *link;
	PDEVICE_OBJECT device = NULL;

	mutex_lock(&nt_links_lock);
	list_for_each_entry(link, &nt_links, node) {
		if (link->devt == devt) {
			if (ntshim_device_tryget(link->device))
				device = link->device;
			break;
		}
	}
	mutex_unlock(&nt_links_lock);
	return device;
}

static void link_free(struct ntshim_link *link)
{
	if (link->dev)
		device_destroy(&nt_link_class, link->devt);
	if (link->devt)
		ida_free(&nt_link_minors, MINOR(link->devt) - MINOR(nt_link_base));
	ntshim_device_put(link->device);
	kfree(link);
}

/* Its device goes (deleted, or its driver unloads): so does the node. */
static unsigned int link_res_release(struct ntshim_res *res)
{
	struct ntshim_link *link = container_of(res, struct ntshim_link, res);

	mutex_lock(&nt_links_lock);
	list_del(&link->node);
	mutex_unlock(&nt_links_lock);
	link_free(link);
	return 0;
}

static const struct ntshim_res_ops link_res_ops = {
	.release = link_res_release,
	.name = "symbolic-links",
};

static NTSTATUS link_node(struct ntshim_link *link)
{
	int minor = ida_alloc_max(&nt_link_minors, NT_LINK_MINORS - 1, GFP_KERNEL);

	if (minor < 0)
		return STATUS_INSUFFICIENT_RESOURCES;
	link->devt = MKDEV(MAJOR(nt_link_base), MINOR(nt_link_base) + minor);
	link->dev = device_create_with_groups(&nt_link_class, NULL, link->devt, link, NULL,
					      "nt!%s", link->name);
	if (IS_ERR(link->dev)) {
		link->dev = NULL;
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	return STATUS_SUCCESS;
}

/* Publishes a link (name and referenced device set) as its device's resource. */
static NTSTATUS link_add(struct ntshim_link *link)
{
	NTSTATUS status;

	mutex_lock(&nt_links_lock);
	/* /dev/nt/Device is the directory of device nodes. */
	status = link_find(link->name) || !strcasecmp(link->name, "Device") ?
		 STATUS_OBJECT_NAME_COLLISION : link_node(link);
	if (NT_SUCCESS(status))
		list_add_tail(&link->node, &nt_links);
	mutex_unlock(&nt_links_lock);
	if (!NT_SUCCESS(status)) {
		link_free(link);
		return status;
	}
	if (!ntshim_owner_add(ntshim_device_resources(link->device), &link->res, &link_res_ops)) {
		link_res_release(&link->res);
		return STATUS_DELETE_PENDING;
	}
	return STATUS_SUCCESS;
}

static NTSTATUS link_create(PUNICODE_STRING SymbolicLinkName, PUNICODE_STRING DeviceName,
			    const void *caller)
{
	struct ntshim_link *link;

	link = kzalloc(sizeof(*link), GFP_KERNEL);
	if (!link)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (!link_dos_name(SymbolicLinkName, link->name)) {
		kfree(link);
		ntshim_complain(NTC_UNSUPPORTED, caller,
				"IoCreateSymbolicLink: not one name in \\DosDevices: refused");
		return STATUS_OBJECT_NAME_INVALID;
	}
	link->device = DeviceName ? ntshim_device_by_name(DeviceName) : NULL;
	if (!link->device) {
		kfree(link);
		return STATUS_OBJECT_NAME_NOT_FOUND;
	}
	return link_add(link);
}

/*
 * A named device's own node: \Device\Y is /dev/nt/Device/Y (a program
 * opens the device by its name, as NT's native callers may), for as long
 * as the device exists.  A name that is not one component of printable
 * ASCII gets no node.
 */
void ntshim_link_device_node(PDEVICE_OBJECT device, PCUNICODE_STRING name)
{
	struct ntshim_link *link = kzalloc(sizeof(*link), GFP_KERNEL);

	if (!link)
		return;
	if (!link_node_name(name, device_prefixes, ARRAY_SIZE(device_prefixes), "Device!",
			    link->name) || !ntshim_device_tryget(device)) {
		kfree(link);
		return;
	}
	link->device = device;
	link_add(link);
}

NTSTATUS NTAPI IoCreateSymbolicLink(PUNICODE_STRING SymbolicLinkName, PUNICODE_STRING DeviceName)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_DEVICE_STATE);
	return link_create(SymbolicLinkName, DeviceName, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoCreateSymbolicLink);

/* Protection in NT is about who may delete the link; nodes are root's either way. */
NTSTATUS NTAPI IoCreateUnprotectedSymbolicLink(PUNICODE_STRING SymbolicLinkName,
					       PUNICODE_STRING DeviceName)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_DEVICE_STATE);
	return link_create(SymbolicLinkName, DeviceName, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoCreateUnprotectedSymbolicLink);

NTSTATUS NTAPI IoDeleteSymbolicLink(PUNICODE_STRING SymbolicLinkName)
{
	struct ntshim_link *link = NULL;
	char name[NT_LINK_NAME];

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_DEVICE_STATE);
	if (!link_dos_name(SymbolicLinkName, name))
		return STATUS_OBJECT_NAME_NOT_FOUND;
	mutex_lock(&nt_links_lock);
	link = link_find(name);
	mutex_unlock(&nt_links_lock);
	if (!link)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	/* Unless its device is being deleted this moment, which removes it. */
	if (ntshim_owner_remove(ntshim_device_resources(link->device), &link->res))
		link_res_release(&link->res);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(IoDeleteSymbolicLink);

int ntshim_link_init(void)
{
	int err = alloc_chrdev_region(&nt_link_base, 0, NT_LINK_MINORS, "nt");

	if (err)
		return err;
	err = class_register(&nt_link_class);
	if (err)
		goto out_region;
	cdev_init(&nt_link_cdev, &ntshim_file_fops);
	nt_link_cdev.owner = THIS_MODULE;
	err = cdev_add(&nt_link_cdev, nt_link_base, NT_LINK_MINORS);
	if (err)
		goto out_class;
	return 0;
out_class:
	class_unregister(&nt_link_class);
out_region:
	unregister_chrdev_region(nt_link_base, NT_LINK_MINORS);
	return err;
}

void ntshim_link_exit(void)
{
	cdev_del(&nt_link_cdev);
	class_unregister(&nt_link_class);
	unregister_chrdev_region(nt_link_base, NT_LINK_MINORS);
}
