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
				  const char *fn)
{
	struct shutdown_entry *e;

	if (!DeviceObject || ntshim_current_irql() != PASSIVE_LEVEL) {
		pr_err("%s: %s: refused\n", fn, DeviceObject ? "called above PASSIVE_LEVEL" :
		       "no device object");
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
	return shutdown_register(DeviceObject, false, "IoRegisterShutdownNotification");
}
NTSHIM_EXPORT(IoRegisterShutdownNotification);

NTSTATUS NTAPI IoRegisterLastChanceShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
	return shutdown_register(DeviceObject, true, "IoRegisterLastChanceShutdownNotification");
}
NTSHIM_EXPORT(IoRegisterLastChanceShutdownNotification);

VOID NTAPI IoUnregisterShutdownNotification(PDEVICE_OBJECT DeviceObject)
{
	struct shutdown_entry *e, *next;

	mutex_lock(&shutdown_lock);
	list_for_each_entry_safe(e, next, &shutdown_list, node)
		if (e->device == DeviceObject) {
			list_del(&e->node);
			kfree(e);
		}
	if (DeviceObject)
		DeviceObject->Flags &= ~DO_SHUTDOWN_REGISTERED;
	mutex_unlock(&shutdown_lock);
}
NTSHIM_EXPORT(IoUnregisterShutdownNotification);

void ntshim_shutdown_device_gone(PDEVICE_OBJECT dev)
{
	if (dev->Flags & DO_SHUTDOWN_REGISTERED)
		IoUnregisterShutdownNotification(dev);
}

/* IRP_MJ_SHUTDOWN to one device, waiting if its driver pends it. */
static void shutdown_send(PDEVICE_OBJECT dev)
{
	LARGE_INTEGER timeout = { .QuadPart = -30LL * 10000000 };
	IO_STATUS_BLOCK iosb;
	KEVENT done;
	NTSTATUS status;
	PIRP irp;

	irp = IoAllocateIrp(dev->StackSize, FALSE);
	if (!irp) {
		pr_err("shutdown: no IRP for %s's device\n", ntshim_driver_name(dev->DriverObject));
		return;
	}
	KeInitializeEvent(&done, NotificationEvent, FALSE);
	irp->UserEvent = &done;
	irp->UserIosb = &iosb;
	IoGetNextIrpStackLocation(irp)->MajorFunction = IRP_MJ_SHUTDOWN;
	status = IoCallDriver(dev, irp);
	if (status == STATUS_PENDING &&
	    KeWaitForSingleObject(&done, Executive, KernelMode, FALSE, &timeout) == STATUS_TIMEOUT) {
		pr_err("shutdown: %s did not complete IRP_MJ_SHUTDOWN in 30 s\n",
		       ntshim_driver_name(dev->DriverObject));
		return;		/* the IRP is still the driver's */
	}
	IoFreeIrp(irp);
}

static void shutdown_pass(bool last_chance)
{
	struct shutdown_entry *e;

	list_for_each_entry(e, &shutdown_list, node)
		if (e->last_chance == last_chance)
			shutdown_send(e->device);
}

static int shutdown_event(struct notifier_block *nb, unsigned long action, void *data)
{
	mutex_lock(&shutdown_lock);
	shutdown_pass(false);
	shutdown_pass(true);
	mutex_unlock(&shutdown_lock);
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
