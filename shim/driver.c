// SPDX-License-Identifier: GPL-2.0
/*
 * Driver objects: load and unload of ported NT drivers.
 *
 * The glue in each driver module calls ntshim_driver_load() from its
 * module_init, and ntshim_driver_unload() from its module_exit, so the NT
 * driver's lifetime is exactly the Linux module's.
 */
#include "ntshim.h"
#include <linux/seq_file.h>
#include <linux/slab.h>

static LIST_HEAD(ntshim_drivers);
/* Guards the driver list and every driver's device list. */
DEFINE_MUTEX(ntshim_io_lock);

static UNICODE_STRING ntshim_hardware_database = RTL_CONSTANT_STRING(
	L"\\REGISTRY\\MACHINE\\HARDWARE\\DESCRIPTION\\SYSTEM");

struct ntshim_driver *ntshim_driver_from_object(PDRIVER_OBJECT object)
{
	struct ntshim_driver *drv, *found = NULL;

	if (!object)
		return NULL;
	mutex_lock(&ntshim_io_lock);
	list_for_each_entry(drv, &ntshim_drivers, node) {
		if (&drv->object == object) {
			found = drv;
			break;
		}
	}
	mutex_unlock(&ntshim_io_lock);
	return found;
}

/*
 * Any context: copies the name of the driver whose image holds the address;
 * false if none does.  (The list is RCU-protected for this reader.)
 */
bool ntshim_driver_name_at(const void *address, char *name, size_t size)
{
	struct ntshim_driver *drv;
	bool found = false;

	rcu_read_lock();
	list_for_each_entry_rcu(drv, &ntshim_drivers, node)
		if (ntshim_in_driver(drv, address)) {
			strscpy(name, drv->owner->name, size);
			found = true;
			break;
		}
	rcu_read_unlock();
	return found;
}

/* The loaded driver whose image holds this address. */
struct ntshim_driver *ntshim_driver_at(const void *address)
{
	struct ntshim_driver *drv, *found = NULL;

	mutex_lock(&ntshim_io_lock);
	list_for_each_entry(drv, &ntshim_drivers, node)
		if (ntshim_in_driver(drv, address)) {
			found = drv;
			break;
		}
	mutex_unlock(&ntshim_io_lock);
	return found;
}

static void ntshim_driver_init_object(struct ntshim_driver *drv,
				      struct module *owner,
				      ntshim_driver_entry_t *entry)
{
	DRIVER_OBJECT *obj = &drv->object;
	int i;

	drv->owner = owner;
	obj->Type = IO_TYPE_DRIVER;
	obj->Size = sizeof(*obj);
	obj->DriverStart = ntshim_module_base(owner);
	obj->DriverSize = ntshim_module_size(owner);
	obj->DriverSection = owner;
	obj->DriverExtension = &drv->extension;
	obj->HardwareDatabase = &ntshim_hardware_database;
	obj->DriverInit = entry;
	for (i = 0; i <= IRP_MJ_MAXIMUM_FUNCTION; i++)
		obj->MajorFunction[i] = ntshim_invalid_request;

	ntshim_ustr_set(&obj->DriverName, drv->name_buf,
			ARRAY_SIZE(drv->name_buf), "\\Driver\\", owner->name);
	ntshim_ustr_set(&drv->registry_path, drv->registry_buf,
			ARRAY_SIZE(drv->registry_buf),
			"\\Registry\\Machine\\System\\CurrentControlSet\\Services\\",
			owner->name);
	drv->extension.DriverObject = obj;
	/* ServiceKeyName is the last component of the registry path. */
	drv->extension.ServiceKeyName.Buffer = drv->registry_buf +
		(drv->registry_path.Length / sizeof(WCHAR) - strlen(owner->name));
	drv->extension.ServiceKeyName.Length = strlen(owner->name) * sizeof(WCHAR);
	drv->extension.ServiceKeyName.MaximumLength =
		drv->extension.ServiceKeyName.Length + sizeof(WCHAR);
}

/* A DPC or timer in the driver's image, or one that would call into it. */
static bool ntshim_owned_object(struct ntshim_tracked *obj, void *arg)
{
	struct ntshim_driver *drv = arg;

	return ntshim_in_driver(drv, obj) || ntshim_in_driver(drv, obj->ops->routine(obj));
}

static void ntshim_driver_stop_objects(struct ntshim_driver *drv)
{
	unsigned int live;

	live = ntshim_quiesce(NULL, 0, drv->owner->name, ntshim_owned_object, drv);
	if (live)
		ntshim_complain_driver(NTC_UNLOAD_LEFTOVER, drv,
				       "unloaded with %u DPC(s) or timer(s) still pending: stopped first",
				       live);
}

/*
 * Everything a driver left behind goes before its code and memory do.
 * Nothing of the driver's runs once this starts (no timer, DPC, IoTimer,
 * interrupt, reinitialization or shutdown call), except a system thread
 * still running, which is waited for.
 */
static void ntshim_driver_release(struct ntshim_driver *drv)
{
	ntshim_driver_stop_objects(drv);
	ntshim_iotimer_driver_gone(drv);
	ntshim_interrupts_driver_gone(drv);
	ntshim_reinit_driver_gone(drv);
	ntshim_shutdown_driver_gone(drv);
	ntshim_threads_wait_driver(drv);
	ntshim_delete_driver_devices(drv);
	/* What its last thread set up before it ended. */
	ntshim_driver_stop_objects(drv);
	ntshim_paging_driver_gone(drv);
	mutex_lock(&ntshim_io_lock);
	list_del_rcu(&drv->node);
	mutex_unlock(&ntshim_io_lock);
	synchronize_rcu();
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
	ntshim_driver_init_object(drv, owner, entry);

	mutex_lock(&ntshim_io_lock);
	list_add_tail_rcu(&drv->node, &ntshim_drivers);
	mutex_unlock(&ntshim_io_lock);

	ntshim_complaints_reset(owner->name);
	WRITE_ONCE(drv->entry_task, current);
	status = entry(&drv->object, &drv->registry_path);
	ntshim_irql_leave(PASSIVE_LEVEL, "DriverEntry", entry);
	WRITE_ONCE(drv->entry_task, NULL);
	ntshim_reinit_driver_entry_done(drv, NT_SUCCESS(status));
	if (!NT_SUCCESS(status)) {
		err = ntshim_status_to_errno(status);
		ntshim_complain_driver(NTC_DRIVER_ENTRY_FAILED, drv,
				       "DriverEntry failed with %s (0x%08X): load refused (%d)",
				       ntshim_status_name(status), (u32)status, err);
		ntshim_driver_release(drv);
		return err;
	}

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
			drv->owner->name);
	}
	ntshim_driver_release(drv);
}
NTSHIM_EXPORT(ntshim_driver_unload);

void ntshim_driver_show(struct seq_file *m)
{
	struct ntshim_driver *drv;
	PDEVICE_OBJECT dev;
	unsigned int n;

	mutex_lock(&ntshim_io_lock);
	list_for_each_entry(drv, &ntshim_drivers, node) {
		n = 0;
		for (dev = drv->object.DeviceObject; dev; dev = dev->NextDevice)
			n++;
		seq_printf(m, "%s devices=%u unload=%s\n", drv->owner->name, n,
			   drv->object.DriverUnload ? "yes" : "no");
	}
	mutex_unlock(&ntshim_io_lock);
}
