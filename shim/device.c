// SPDX-License-Identifier: GPL-2.0
/*
 * Device objects: IoCreateDevice and IoDeleteDevice.
 *
 * A DEVICE_OBJECT lives in one allocation with ntshim's bookkeeping before it
 * and the zeroed DeviceExtension after it.  Named devices share one name
 * space, compared case-insensitively as NT's object manager does.
 */
#include "ntshim.h"
#include <linux/refcount.h>
#include <linux/slab.h>

/*
 * What ntshim keeps for a device lives here, out of the driver's reach: a
 * driver may write any field of its DEVICE_OBJECT (DriverObject, Flags...)
 * without confusing ntshim.  The memory goes with the last reference:
 * IoDeleteDevice drops the creator's, and a caller that must call the
 * driver without holding a lock (the shutdown pass) holds its own.
 */
struct ntshim_device {
	struct list_head node;		/* ntshim_devices, under ntshim_io_lock */
	struct ntshim_driver *drv;
	refcount_t refs;
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

	/* Nonpaged, like NT's: a huge extension fails here, quietly. */
	dev = kzalloc(head + ext_size, GFP_KERNEL | __GFP_NOWARN);
	if (!dev) {
		ntshim_complain(NTC_NO_MEMORY, (void *)_RET_IP_,
				"IoCreateDevice: no memory for a %u-byte device extension",
				ext_size);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	refcount_set(&dev->refs, 1);
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
	/* The device's own KDPC, and whatever the extension holds. */
	ntshim_quiesce(dev, ksize(dev), "IoDeleteDevice", NULL, NULL);
	kfree(dev->name.Buffer);
	kfree(dev);
}

static struct ntshim_device *ntshim_device_of(PDEVICE_OBJECT obj)
{
	return container_of(obj, struct ntshim_device, object);
}

bool ntshim_device_live(PDEVICE_OBJECT obj)
{
	bool live;

	mutex_lock(&ntshim_io_lock);
	live = ntshim_device_find(obj);
	mutex_unlock(&ntshim_io_lock);
	return live;
}

/* Only for a device object ntshim knows to be live. */
struct ntshim_driver *ntshim_device_driver(PDEVICE_OBJECT dev)
{
	return ntshim_device_of(dev)->drv;
}

void ntshim_device_get(PDEVICE_OBJECT dev)
{
	refcount_inc(&ntshim_device_of(dev)->refs);
}

/* Process context: the last reference quiesces what the memory holds. */
void ntshim_device_put(PDEVICE_OBJECT dev)
{
	struct ntshim_device *d = ntshim_device_of(dev);

	if (refcount_dec_and_test(&d->refs))
		ntshim_device_free(d);
}

NTSTATUS NTAPI IoCreateDevice(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize,
			      PUNICODE_STRING DeviceName, DEVICE_TYPE DeviceType,
			      ULONG DeviceCharacteristics, BOOLEAN Exclusive,
			      PDEVICE_OBJECT *DeviceObject)
{
	struct ntshim_driver *drv;
	struct ntshim_device *dev;
	NTSTATUS status;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_DEVICE_STATE);
	drv = ntshim_driver_from_object(DriverObject);
	if (!DeviceObject || !drv) {
		ntshim_complain(DeviceObject ? NTC_NOT_AN_OBJECT : NTC_BAD_ARGUMENT,
				(void *)_RET_IP_, "IoCreateDevice: %s",
				DeviceObject ? "not a driver object" : "no DeviceObject pointer");
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
	dev->drv = drv;
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
	PDEVICE_OBJECT *link = &dev->drv->object.DeviceObject;

	lockdep_assert_held(&ntshim_io_lock);
	while (*link && *link != &dev->object)
		link = &(*link)->NextDevice;
	if (*link)
		*link = dev->object.NextDevice;
	list_del(&dev->node);
}

static void ntshim_device_delete(struct ntshim_device *dev)
{
	ntshim_iotimer_remove(&dev->object);
	ntshim_shutdown_device_gone(&dev->object);
	ntshim_device_put(&dev->object);
}

VOID NTAPI IoDeleteDevice(PDEVICE_OBJECT DeviceObject)
{
	struct ntshim_device *dev;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	mutex_lock(&ntshim_io_lock);
	dev = ntshim_device_find(DeviceObject);
	if (dev)
		ntshim_device_unlink(dev);
	mutex_unlock(&ntshim_io_lock);
	if (!dev) {
		ntshim_complain(NTC_NOT_AN_OBJECT, (void *)_RET_IP_,
				"IoDeleteDevice: %p is not a live device object: ignored",
				DeviceObject);
		return;
	}
	ntshim_device_delete(dev);
}
NTSHIM_EXPORT(IoDeleteDevice);

/*
 * At unload: the devices a driver did not delete itself, found from
 * ntshim's own list, not from the DriverObject's chain the driver can write.
 */
void ntshim_delete_driver_devices(struct ntshim_driver *drv)
{
	struct ntshim_device *dev;
	unsigned int n = 0;

	for (;;) {
		mutex_lock(&ntshim_io_lock);
		list_for_each_entry(dev, &ntshim_devices, node)
			if (dev->drv == drv)
				goto found;
		mutex_unlock(&ntshim_io_lock);
		break;
found:
		ntshim_device_unlink(dev);
		mutex_unlock(&ntshim_io_lock);
		ntshim_device_delete(dev);
		n++;
	}
	if (n)
		ntshim_complain_driver(NTC_UNLOAD_LEFTOVER, drv,
				       "deleted %u device object(s) the driver left behind", n);
}
