// SPDX-License-Identifier: GPL-2.0
/*
 * Driver objects: load and unload of ported NT drivers.
 *
 * The glue in each driver module calls ntshim_driver_load() from its
 * module_init, and ntshim_driver_unload() from its module_exit, so the NT
 * driver's lifetime is exactly the Linux module's.  What the driver
 * created through NT is carried by its owner list (core/owner.c), which
 * this file releases without knowing what is on it.
 */
#include "io.h"
#include "../rtl/rtl.h"
#include <linux/seq_file.h>
#include <linux/slab.h>

static UNICODE_STRING ntshim_hardware_database = RTL_CONSTANT_STRING(
	L"\\REGISTRY\\MACHINE\\HARDWARE\\DESCRIPTION\\SYSTEM");

/* The loaded driver whose DRIVER_OBJECT this is, or NULL. */
struct ntshim_driver *ntshim_driver_from_object(PDRIVER_OBJECT object)
{
	struct ntshim_image *img = ntshim_image_of(object);

	return img ? container_of(img, struct ntshim_driver, image) : NULL;
}

/* The loaded driver whose image holds this address (its caller's, say). */
struct ntshim_driver *ntshim_driver_at(const void *address)
{
	struct ntshim_image *img = ntshim_image_at(address);

	return img ? container_of(img, struct ntshim_driver, image) : NULL;
}

static void driver_init_names(struct ntshim_driver *drv, const char *name)
{
	DRIVER_EXTENSION *ext = &drv->extension;

	ntshim_ustr_set(&drv->object.DriverName, drv->name_buf,
			ARRAY_SIZE(drv->name_buf), "\\Driver\\", name);
	ntshim_ustr_set(&drv->registry_path, drv->registry_buf,
			ARRAY_SIZE(drv->registry_buf),
			"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\", name);
	/* ServiceKeyName is the last component of the registry path. */
	ext->ServiceKeyName.Buffer = drv->registry_buf +
		(drv->registry_path.Length / sizeof(WCHAR) - strlen(name));
	ext->ServiceKeyName.Length = strlen(name) * sizeof(WCHAR);
	ext->ServiceKeyName.MaximumLength = ext->ServiceKeyName.Length + sizeof(WCHAR);
}

static void driver_init_object(struct ntshim_driver *drv, struct module *module,
			       ntshim_driver_entry_t *entry)
{
	DRIVER_OBJECT *obj = &drv->object;
	int i;

	obj->Type = IO_TYPE_DRIVER;
	obj->Size = sizeof(*obj);
	obj->DriverStart = ntshim_module_base(module);
	obj->DriverSize = ntshim_module_size(module);
	obj->DriverSection = module;
	obj->DriverExtension = &drv->extension;
	obj->HardwareDatabase = &ntshim_hardware_database;
	obj->DriverInit = entry;
	for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
		obj->MajorFunction[i] = ntshim_irp_default_dispatch();
	drv->extension.DriverObject = obj;
	driver_init_names(drv, module->name);
}

/* A DPC or timer in the driver's image, or one that would call into it. */
static bool driver_owns_object(struct ntshim_tracked *obj, void *arg)
{
	struct ntshim_driver *drv = arg;

	return ntshim_in_driver(drv, obj) || ntshim_in_driver(drv, obj->ops->routine(obj));
}

static void driver_stop_objects(struct ntshim_driver *drv)
{
	struct ntshim_track_sel sel = { .match = driver_owns_object, .arg = drv };
	unsigned int live;

	live = ntshim_quiesce(&sel);
	if (live)
		ntshim_complain_driver(NTC_UNLOAD_LEFTOVER, drv,
				       "unloaded with %u DPC(s) or timer(s) still pending: stopped first",
				       live);
}

/*
 * Everything a driver left behind goes before its code and memory do.
 * Nothing of the driver's runs once this starts (no timer, DPC, IoTimer,
 * interrupt, reinitialization or shutdown call), except a system thread
 * still running, which is waited for; what that thread set up before it
 * ended is stopped after it.
 */
static void driver_release(struct ntshim_driver *drv)
{
	driver_stop_objects(drv);
	ntshim_owner_stop(&drv->resources);
	ntshim_owner_wait(&drv->resources);
	driver_stop_objects(drv);
	ntshim_owner_release(&drv->resources);
	ntshim_image_del(&drv->image);
	kfree(drv);
}

int ntshim_driver_load(struct module *owner, ntshim_driver_entry_t *entry,
		       struct ntshim_driver **driver)
{
	struct ntshim_driver *drv;
	NTSTATUS status;
	int err;

	drv = kzalloc(sizeof(*drv), GFP_KERNEL);
	if (!drv)
		return -ENOMEM;
	driver_init_object(drv, owner, entry);
	ntshim_owner_init(&drv->resources, &drv->image);
	ntshim_image_add(&drv->image, owner, &drv->object, &drv->resources);

	ntshim_complaints_reset(owner->name);
	WRITE_ONCE(drv->entry_task, current);
	status = entry(&drv->object, &drv->registry_path);
	ntshim_irql_leave(PASSIVE_LEVEL, "DriverEntry", entry);
	WRITE_ONCE(drv->entry_task, NULL);
	if (!NT_SUCCESS(status)) {
		err = ntshim_status_to_errno(status);
		ntshim_complain_driver(NTC_DRIVER_ENTRY_FAILED, drv,
				       "DriverEntry failed with %s (0x%08X): load refused (%d)",
				       ntshim_status_name(status), (u32)status, err);
		driver_release(drv);
		return err;
	}

	ntshim_device_ready_all(&drv->object);
	/* As in NT, a driver without DriverUnload stays loaded. */
	if (!drv->object.DriverUnload) {
		__module_get(owner);
		drv->pinned = true;
		pr_info("%s: no DriverUnload routine: the driver cannot be unloaded\n",
			owner->name);
	}
	*driver = drv;
	return 0;
}
NTSHIM_EXPORT(ntshim_driver_load);

void ntshim_driver_unload(struct ntshim_driver *drv)
{
	PDRIVER_UNLOAD unload = drv->object.DriverUnload;

	if (unload) {
		unload(&drv->object);
		ntshim_irql_leave(PASSIVE_LEVEL, "DriverUnload", unload);
	} else {
		pr_warn("%s: forced unload of a driver without DriverUnload\n",
			ntshim_driver_module(drv)->name);
	}
	driver_release(drv);
}
NTSHIM_EXPORT(ntshim_driver_unload);

static void driver_show_one(struct ntshim_image *img, void *m)
{
	struct ntshim_driver *drv = container_of(img, struct ntshim_driver, image);

	seq_printf(m, "%s unload=%s", img->module->name,
		   drv->object.DriverUnload ? "yes" : "no");
	ntshim_owner_show(m, &drv->resources);
	seq_putc(m, '\n');
}

/* debugfs "drivers": each loaded driver, whether it unloads, what it holds. */
static int drivers_show(struct seq_file *m, void *v)
{
	ntshim_image_each(driver_show_one, m);
	return 0;
}

int ntshim_driver_init(void)
{
	ntshim_debugfs_file("drivers", drivers_show);
	return 0;
}
