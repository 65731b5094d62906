// SPDX-License-Identifier: GPL-2.0
/*
 * Shutdown notification on the reboot notifier chain.
 *
 * At power-off, reboot and halt, each registered device's driver gets
 * IRP_MJ_SHUTDOWN, synchronously, at PASSIVE_LEVEL: the regular
 * registrations first, the most recent first as in NT, then the last-chance
 * ones.  A registration is a resource of its device:
 * IoUnregisterShutdownNotification, IoDeleteDevice and driver unload take
 * it away, and the pass consumes it.
 */
#include "io.h"
#include "../ke/ke.h"
#include <linux/reboot.h>
#include <linux/slab.h>

struct shutdown_entry {
	struct list_head node;		/* shutdown_list, or empty once off it */
	struct ntshim_res res;		/* on its device's owner list */
	PDEVICE_OBJECT device;
	bool last_chance;
};

static LIST_HEAD(shutdown_list);
static DEFINE_MUTEX(shutdown_lock);

/* Off the list: its driver is not called for it any more. */
static void shutdown_res_stop(struct ntshim_res *res)
{
	struct shutdown_entry *e = container_of(res, struct shutdown_entry, res);

	mutex_lock(&shutdown_lock);
	list_del_init(&e->node);
	mutex_unlock(&shutdown_lock);
}

static unsigned int shutdown_res_release(struct ntshim_res *res)
{
	shutdown_res_stop(res);
	kfree(container_of(res, struct shutdown_entry, res));
	return 0;
}

static const struct ntshim_res_ops shutdown_res_ops = {
	.stop = shutdown_res_stop,
	.release = shutdown_res_release,
	.name = "shutdown",
};

/* Consumed or unregistered: gone, unless its owner is releasing it. */
static void shutdown_drop(struct shutdown_entry *e)
{
	if (ntshim_owner_remove(ntshim_device_resources(e->device), &e->res))
		kfree(e);
}

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
	INIT_LIST_HEAD(&e->node);
	e->device = DeviceObject;
	e->last_chance = last_chance;
	if (!ntshim_owner_add(ntshim_device_resources(DeviceObject), &e->res, &shutdown_res_ops)) {
		kfree(e);
		return STATUS_DELETE_PENDING;
	}
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

/* The device's next registration, taken off the list; NULL if none. */
static struct shutdown_entry *shutdown_take(PDEVICE_OBJECT dev)
{
	struct shutdown_entry *e, *found = NULL;

	mutex_lock(&shutdown_lock);
	list_for_each_entry(e, &shutdown_list, node)
		if (e->device == dev) {
			found = e;
			list_del_init(&e->node);
			break;
		}
	mutex_unlock(&shutdown_lock);
	return found;
}

VOID NTAPI IoUnregisterShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
	struct shutdown_entry *e;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	if (!DeviceObject || !ntshim_device_live(DeviceObject))
		return;
	while ((e = shutdown_take(DeviceObject)))
		shutdown_drop(e);
	DeviceObject->Flags &= ~DO_SHUTDOWN_REGISTERED;
}
NTSHIM_EXPORT(IoUnregisterShutdownNotification);

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
	irp = w ? ntshim_irp_alloc(dev->StackSize, NULL) : NULL;
	if (!irp) {
		kfree(w);
		ntshim_complain_driver(NTC_NO_MEMORY, drv, "no IRP for IRP_MJ_SHUTDOWN");
		return;
	}
	ntshim_event_init(&w->done, NotificationEvent, FALSE);
	irp->UserEvent = &w->done;
	irp->UserIosb = &w->iosb;
	IoGetNextIrpStackLocation(irp)->MajorFunction = IRP_MJ_SHUTDOWN;
	status = ntshim_irp_call(dev, irp, NULL);
	if (status == STATUS_PENDING && ntshim_wait_single(&w->done, &timeout) == STATUS_TIMEOUT) {
		ntshim_complain_driver(NTC_SHUTDOWN_TIMEOUT, drv,
				       "did not complete IRP_MJ_SHUTDOWN in 30 s");
		return;		/* the IRP and w are still the driver's to complete */
	}
	ntshim_irp_free(irp, NULL);
	kfree(w);
}

/*
 * The device of a pass's next registration, which is consumed, with a
 * reference on the device and its driver's module: the driver is called
 * without a lock held, so its handler may unregister or delete devices, as
 * NT allows.
 */
static PDEVICE_OBJECT shutdown_next(bool last_chance, struct ntshim_driver **drv)
{
	struct shutdown_entry *e, *found = NULL;
	PDEVICE_OBJECT dev;

	mutex_lock(&shutdown_lock);
	list_for_each_entry(e, &shutdown_list, node) {
		if (e->last_chance != last_chance)
			continue;
		*drv = ntshim_device_driver(e->device);
		/* Unloading: its registrations are on their way out. */
		if (!try_module_get(ntshim_driver_module(*drv)))
			continue;
		ntshim_device_get(e->device);
		list_del_init(&e->node);
		found = e;
		break;
	}
	mutex_unlock(&shutdown_lock);
	if (!found)
		return NULL;
	dev = found->device;
	shutdown_drop(found);
	return dev;
}

static void shutdown_pass(bool last_chance)
{
	struct ntshim_driver *drv;
	PDEVICE_OBJECT dev;

	while ((dev = shutdown_next(last_chance, &drv))) {
		shutdown_send(dev, drv);
		ntshim_device_put(dev);
		module_put(ntshim_driver_module(drv));
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
