// SPDX-License-Identifier: GPL-2.0
/*
 * Shutdown notification on the reboot notifier chain.
 *
 * At power-off, reboot and halt, each registered device's driver gets
 * IRP_MJ_SHUTDOWN, synchronously, at PASSIVE_LEVEL: the regular
 * registrations first, the most recent first as in NT, then the last-chance
 * ones.  IoUnregisterShutdownNotification, IoDeleteDevice and driver unload
 * take a registration away.
 */
#include "ntshim.h"
#include <linux/reboot.h>
#include <linux/slab.h>

struct shutdown_entry {
	struct list_head node;
	PDEVICE_OBJECT device;
	bool last_chance;
};

static LIST_HEAD(shutdown_list);
static DEFINE_MUTEX(shutdown_lock);

static NTSTATUS shutdown_register(PDEVICE_OBJECT DeviceObject, bool last_chance,
				  const void *caller)
{
	struct shutdown_entry *e;

	if (!DeviceObject || !ntshim_device_live(DeviceObject)) {
		ntshim_complain(NTC_NOT_AN_OBJECT, caller,
				"shutdown registration: %p is not a live device object", DeviceObject);
		return STATUS_INVALID_PARAMETER;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e)
		return STATUS_INSUFFICIENT_RESOURCES;
	e->device = DeviceObject;
	e->last_chance = last_chance;
	mutex_lock(&shutdown_lock);
	list_add(&e->node, &shutdown_list);
	DeviceObject->Flags |= DO_SHUTDOWN_REGISTERED;
	mutex_unlock(&shutdown_lock);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI IoRegisterShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_PARAMETER);
	return shutdown_register(DeviceObject, false, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoRegisterShutdownNotification);

NTSTATUS NTAPI IoRegisterLastChanceShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_PARAMETER);
	return shutdown_register(DeviceObject, true, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoRegisterLastChanceShutdownNotification);

/* Takes away every registration that match() selects. */
static void shutdown_remove(bool (*match)(struct shutdown_entry *, const void *),
			    const void *arg)
{
	struct shutdown_entry *e, *next;

	mutex_lock(&shutdown_lock);
	list_for_each_entry_safe(e, next, &shutdown_list, node)
		if (match(e, arg)) {
			list_del(&e->node);
			kfree(e);
		}
	mutex_unlock(&shutdown_lock);
}

static bool shutdown_of_device(struct shutdown_entry *e, const void *dev)
{
	return e->device == dev;
}

static bool shutdown_of_driver(struct shutdown_entry *e, const void *drv)
{
	return ntshim_device_driver(e->device) == drv;
}

VOID NTAPI IoUnregisterShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	shutdown_remove(shutdown_of_device, DeviceObject);
	if (DeviceObject)
		DeviceObject->Flags &= ~DO_SHUTDOWN_REGISTERED;
}
NTSHIM_EXPORT(IoUnregisterShutdownNotification);

/*
 * IoDeleteDevice, unload: the list is searched whatever the device's Flags
 * say, since the driver may have overwritten them.
 */
void ntshim_shutdown_device_gone(PDEVICE_OBJECT dev)
{
	shutdown_remove(shutdown_of_device, dev);
}

void ntshim_shutdown_driver_gone(struct ntshim_driver *drv)
{
	shutdown_remove(shutdown_of_driver, drv);
}

/*
 * Where the IRP reports its completion.  Not on the stack: a driver that
 * pends IRP_MJ_SHUTDOWN past the time-out may still complete it later.
 */
struct shutdown_wait {
	KEVENT done;
	IO_STATUS_BLOCK iosb;
};

/* IRP_MJ_SHUTDOWN to one device, waiting if its driver pends it. */
static void shutdown_send(PDEVICE_OBJECT dev, struct ntshim_driver *drv)
{
	LARGE_INTEGER timeout = { .QuadPart = -30LL * 10000000 };
	struct shutdown_wait *w;
	NTSTATUS status;
	PIRP irp;

	w = kzalloc(sizeof(*w), GFP_KERNEL);
	irp = w ? IoAllocateIrp(dev->StackSize, FALSE) : NULL;
	if (!irp) {
		kfree(w);
		ntshim_complain_driver(NTC_NO_MEMORY, drv, "no IRP for IRP_MJ_SHUTDOWN");
		return;
	}
	KeInitializeEvent(&w->done, NotificationEvent, FALSE);
	irp->UserEvent = &w->done;
	irp->UserIosb = &w->iosb;
	IoGetNextIrpStackLocation(irp)->MajorFunction = IRP_MJ_SHUTDOWN;
	status = IoCallDriver(dev, irp);
	if (status == STATUS_PENDING &&
	    KeWaitForSingleObject(&w->done, Executive, KernelMode, FALSE, &timeout) ==
	    STATUS_TIMEOUT) {
		ntshim_complain_driver(NTC_SHUTDOWN_TIMEOUT, drv,
				       "did not complete IRP_MJ_SHUTDOWN in 30 s");
		return;		/* the IRP and w are still the driver's to complete */
	}
	IoFreeIrp(irp);
	kfree(w);
}

/*
 * The next registration of a pass, taken off the list, with a reference on
 * its device and its driver's module: the driver is called without the lock
 * held, so its handler may unregister or delete devices, as NT allows.
 */
static struct shutdown_entry *shutdown_next(bool last_chance, struct ntshim_driver **drv)
{
	struct shutdown_entry *e, *next, *found = NULL;

	mutex_lock(&shutdown_lock);
	list_for_each_entry_safe(e, next, &shutdown_list, node) {
		if (e->last_chance != last_chance)
			continue;
		list_del(&e->node);
		*drv = ntshim_device_driver(e->device);
		if (try_module_get((*drv)->owner)) {
			ntshim_device_get(e->device);
			found = e;
			break;
		}
		kfree(e);	/* unloading: its registrations are on their way out */
	}
	mutex_unlock(&shutdown_lock);
	return found;
}

static void shutdown_pass(bool last_chance)
{
	struct ntshim_driver *drv;
	struct shutdown_entry *e;

	while ((e = shutdown_next(last_chance, &drv))) {
		shutdown_send(e->device, drv);
		ntshim_device_put(e->device);
		module_put(drv->owner);
		kfree(e);
	}
}

static int shutdown_event(struct notifier_block *nb, unsigned long action, void *data)
{
	shutdown_pass(false);
	shutdown_pass(true);
	return NOTIFY_DONE;
}

static struct notifier_block shutdown_nb = {
	.notifier_call = shutdown_event,
};

int ntshim_shutdown_init(void)
{
	return register_reboot_notifier(&shutdown_nb);
}

void ntshim_shutdown_exit(void)
{
	unregister_reboot_notifier(&shutdown_nb);
}
