// SPDX-License-Identifier: GPL-2.0
/*
 * Device objects: IoCreateDevice and IoDeleteDevice.
 *
 * A DEVICE_OBJECT lives in one allocation with ntshim's bookkeeping before it
 * and the zeroed DeviceExtension after it.  Named devices share one name
 * space, compared case-insensitively as NT's object manager does.
 */
#include "ntshim.h"
#include <linux/slab.h>

struct ntshim_device {
	struct list_head node;		/* ntshim_devices, under ntshim_io_lock */
	UNICODE_STRING name;
	DEVICE_OBJECT object;
};

#define NTSHIM_EXTENSION_ALIGN	16

static LIST_HEAD(ntshim_devices);

static struct ntshim_device *ntshim_device_find(PDEVICE_OBJECT object)
{
	struct ntshim_device *dev;

	lockdep_assert_held(&ntshim_io_lock);
	list_for_each_entry(dev, &ntshim_devices, node)
		if (&dev->object == object)
			return dev;
	return NULL;
}

static bool ntshim_device_name_taken(PCUNICODE_STRING name)
{
	struct ntshim_device *dev;

	lockdep_assert_held(&ntshim_io_lock);
	list_for_each_entry(dev, &ntshim_devices, node)
		if (dev->name.Buffer && RtlEqualUnicodeString(&dev->name, name, TRUE))
			return true;
	return false;
}

static NTSTATUS ntshim_device_check_name(PUNICODE_STRING name)
{
	if (!name->Buffer || !name->Length || (name->Length & 1))
		return STATUS_OBJECT_NAME_INVALID;
	if (name->Buffer[0] != L'\\')
		return STATUS_OBJECT_PATH_SYNTAX_BAD;
	return STATUS_SUCCESS;
}

static NTSTATUS ntshim_device_alloc(ULONG ext_size, PUNICODE_STRING name,
				    struct ntshim_device **out)
{
	size_t head = ALIGN(sizeof(struct ntshim_device), NTSHIM_EXTENSION_ALIGN);
	struct ntshim_device *dev;

	dev = kzalloc(head + ext_size, GFP_KERNEL);
	if (!dev)
		return STATUS_INSUFFICIENT_RESOURCES;
	if (name) {
		dev->name.Buffer = kmemdup(name->Buffer, name->Length, GFP_KERNEL);
		if (!dev->name.Buffer) {
			kfree(dev);
			return STATUS_INSUFFICIENT_RESOURCES;
		}
		dev->name.Length = name->Length;
		dev->name.MaximumLength = name->Length;
	}
	if (ext_size)
		dev->object.DeviceExtension = (char *)dev + head;
	dev->object.Size = (USHORT)min_t(size_t, sizeof(DEVICE_OBJECT) + ext_size,
					 U16_MAX);
	*out = dev;
	return STATUS_SUCCESS;
}

static void ntshim_device_init_object(PDEVICE_OBJECT obj, PDRIVER_OBJECT driver,
				      DEVICE_TYPE type, ULONG characteristics,
				      BOOLEAN exclusive, bool named)
{
	obj->Type = IO_TYPE_DEVICE;
	obj->DriverObject = driver;
	obj->DeviceType = type;
	obj->Characteristics = characteristics;
	obj->StackSize = 1;
	obj->AlignmentRequirement = FILE_BYTE_ALIGNMENT;
	obj->Flags = DO_DEVICE_INITIALIZING;
	if (exclusive)
		obj->Flags |= DO_EXCLUSIVE;
	if (named)
		obj->Flags |= DO_DEVICE_HAS_NAME;
	if (type == FILE_DEVICE_DISK || type == FILE_DEVICE_CD_ROM ||
	    type == FILE_DEVICE_TAPE)
		obj->SectorSize = 512;
	InitializeListHead(&obj->Queue.ListEntry);
	InitializeListHead(&obj->DeviceQueue.DeviceListHead);
}

static void ntshim_device_free(struct ntshim_device *dev)
{
	ntshim_iotimer_remove(&dev->object);
	ntshim_shutdown_device_gone(&dev->object);
	/* The device's own KDPC, and whatever the extension holds. */
	ntshim_quiesce(dev, ksize(dev), "IoDeleteDevice", NULL, NULL);
	kfree(dev->name.Buffer);
	kfree(dev);
}

NTSTATUS NTAPI IoCreateDevice(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize,
			      PUNICODE_STRING DeviceName, DEVICE_TYPE DeviceType,
			      ULONG DeviceCharacteristics, BOOLEAN Exclusive,
			      PDEVICE_OBJECT *DeviceObject)
{
	struct ntshim_device *dev;
	NTSTATUS status;

	if (ntshim_current_irql() != PASSIVE_LEVEL) {
		pr_err("IoCreateDevice called above PASSIVE_LEVEL\n");
		return STATUS_INVALID_DEVICE_STATE;
	}
	if (!DeviceObject || !ntshim_driver_from_object(DriverObject)) {
		pr_err("IoCreateDevice: %s\n", DeviceObject ?
		       "not a driver object" : "no DeviceObject pointer");
		return STATUS_INVALID_PARAMETER;
	}
	*DeviceObject = NULL;
	if (DeviceName) {
		status = ntshim_device_check_name(DeviceName);
		if (!NT_SUCCESS(status))
			return status;
	}

	status = ntshim_device_alloc(DeviceExtensionSize, DeviceName, &dev);
	if (!NT_SUCCESS(status))
		return status;
	ntshim_device_init_object(&dev->object, DriverObject, DeviceType,
				  DeviceCharacteristics, Exclusive, DeviceName);

	mutex_lock(&ntshim_io_lock);
	if (DeviceName && ntshim_device_name_taken(DeviceName)) {
		mutex_unlock(&ntshim_io_lock);
		ntshim_device_free(dev);
		return STATUS_OBJECT_NAME_COLLISION;
	}
	list_add_tail(&dev->node, &ntshim_devices);
	dev->object.NextDevice = DriverObject->DeviceObject;
	DriverObject->DeviceObject = &dev->object;
	mutex_unlock(&ntshim_io_lock);

	*DeviceObject = &dev->object;
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(IoCreateDevice);

static void ntshim_device_unlink(struct ntshim_device *dev)
{
	PDEVICE_OBJECT *link = &dev->object.DriverObject->DeviceObject;

	lockdep_assert_held(&ntshim_io_lock);
	while (*link && *link != &dev->object)
		link = &(*link)->NextDevice;
	if (*link)
		*link = dev->object.NextDevice;
	list_del(&dev->node);
}

VOID NTAPI IoDeleteDevice(PDEVICE_OBJECT DeviceObject)
{
	struct ntshim_device *dev;

	if (ntshim_current_irql() != PASSIVE_LEVEL) {
		pr_err("IoDeleteDevice called above PASSIVE_LEVEL: ignored\n");
		return;
	}
	mutex_lock(&ntshim_io_lock);
	dev = ntshim_device_find(DeviceObject);
	if (dev)
		ntshim_device_unlink(dev);
	mutex_unlock(&ntshim_io_lock);
	if (!dev) {
		pr_err("IoDeleteDevice: %p is not a live device object: ignored\n",
		       DeviceObject);
		return;
	}
	ntshim_device_free(dev);
}
NTSHIM_EXPORT(IoDeleteDevice);

/* At unload: the devices a driver did not delete itself. */
void ntshim_delete_driver_devices(struct ntshim_driver *drv)
{
	PDEVICE_OBJECT obj;
	unsigned int n = 0;

	while ((obj = READ_ONCE(drv->object.DeviceObject))) {
		IoDeleteDevice(obj);
		n++;
	}
	if (n)
		pr_warn("%s: deleted %u device object(s) the driver left behind\n",
			drv->owner->name, n);
}
