// SPDX-License-Identifier: GPL-2.0
/*
 * Device objects: IoCreateDevice and IoDeleteDevice.
 *
 * A DEVICE_OBJECT lives in one allocation with ntshim's bookkeeping before it
 * and the zeroed DeviceExtension after it.  Named devices share one name
 * space, compared case-insensitively as NT's object manager does.
 */
#include "io.h"
#include "../ke/ke.h"
#include "../rtl/rtl.h"
#include <wdmsec.h>
#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/slab.h>

/*
 * What ntshim keeps for a device lives here, out of the driver's reach: a
 * driver may write any field of its DEVICE_OBJECT (DriverObject, Flags...)
 * without confusing ntshim.  A device is a resource of its driver and the
 * owner of what is registered for it (its IoTimer, shutdown notification).
 * The memory goes with the last reference: IoDeleteDevice drops the
 * creator's, and a caller that must call the driver without holding a lock
 * (the shutdown pass) holds its own.
 */
struct ntshim_device {
	struct list_head node;		/* ntshim_devices, under ntshim_io_lock; RCU */
	bool linked;
	struct ntshim_res res;		/* on its driver's owner list */
	struct ntshim_owner resources;
	struct ntshim_driver *drv;
	refcount_t refs;
	UNICODE_STRING name;
	umode_t mode;			/* its nodes' mode, from its security */
	atomic_t opens;			/* handles open on it from user space */
	PDEVICE_OBJECT below;		/* attached to (referenced, its driver held) */
	PDEVICE_OBJECT above;		/* what is attached to it; both under attach_lock */
	struct ntshim_startio startio;
	struct rcu_head rcu;
	DEVICE_OBJECT object;
};

#define NTSHIM_EXTENSION_ALIGN	16

static LIST_HEAD(ntshim_devices);
/* Guards the device list, names, and every driver's DeviceObject chain. */
static DEFINE_MUTEX(ntshim_io_lock);

static struct ntshim_device *ntshim_device_find(PDEVICE_OBJECT object)
{
	struct ntshim_device *dev;

	lockdep_assert_held(&ntshim_io_lock);
	list_for_each_entry(dev, &ntshim_devices, node)
		if (&dev->object == object)
			return dev;
	return NULL;
}

/* DriverEntry returned: its devices take requests, as NT's I/O manager has it. */
void ntshim_device_ready_all(PDRIVER_OBJECT driver)
{
	PDEVICE_OBJECT device;

	mutex_lock(&ntshim_io_lock);
	for (device = driver->DeviceObject; device; device = device->NextDevice)
		device->Flags &= ~DO_DEVICE_INITIALIZING;
	mutex_unlock(&ntshim_io_lock);
}

static bool ntshim_device_name_taken(PCUNICODE_STRING name)
{
	struct ntshim_device *dev;

	lockdep_assert_held(&ntshim_io_lock);
	list_for_each_entry(dev, &ntshim_devices, node)
		if (dev->name.Buffer && ntshim_ustr_equal(&dev->name, name, true))
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
				    struct ntshim_device **out, const void *caller)
{
	size_t head = ALIGN(sizeof(struct ntshim_device), NTSHIM_EXTENSION_ALIGN);
	struct ntshim_device *dev;

	/* Nonpaged, like NT's: a huge extension fails here, quietly. */
	dev = kzalloc(head + ext_size, GFP_KERNEL | __GFP_NOWARN);
	if (!dev) {
		ntshim_complain(NTC_NO_MEMORY, caller,
				"IoCreateDevice: no memory for a %u-byte device extension",
				ext_size);
		return STATUS_INSUFFICIENT_RESOURCES;
	}
	refcount_set(&dev->refs, 1);
	INIT_LIST_HEAD(&dev->node);
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
	ntshim_device_queue_init(&obj->DeviceQueue);
}

static void ntshim_device_free(struct ntshim_device *dev)
{
	/* The device's own KDPC, and whatever the extension holds. */
	struct ntshim_track_sel sel = NTSHIM_TRACK_RANGE(dev, ksize(dev));

	ntshim_quiesce(&sel);
	kfree(dev->name.Buffer);
	/* Lookups at DISPATCH_LEVEL may still be reading it. */
	kfree_rcu(dev, rcu);
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

struct ntshim_owner *ntshim_device_resources(PDEVICE_OBJECT dev)
{
	return &ntshim_device_of(dev)->resources;
}

struct ntshim_startio *ntshim_device_startio(PDEVICE_OBJECT dev)
{
	return &ntshim_device_of(dev)->startio;
}

/*
 * Any IRQL up to DISPATCH_LEVEL: a reference on the device, if it is one
 * ntshim knows and not yet deleted.
 */
static bool device_lookup(PDEVICE_OBJECT obj, bool get)
{
	struct ntshim_device *dev;
	bool found = false;

	rcu_read_lock();
	list_for_each_entry_rcu(dev, &ntshim_devices, node) {
		if (&dev->object == obj) {
			found = !get || refcount_inc_not_zero(&dev->refs);
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

bool ntshim_device_tryget(PDEVICE_OBJECT obj)
{
	return device_lookup(obj, true);
}

/* Any IRQL up to DISPATCH_LEVEL: is it a device not yet deleted? */
bool ntshim_device_known(PDEVICE_OBJECT obj)
{
	return device_lookup(obj, false);
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


/* Off the lists: the name is free again and no lookup finds it. */
static void ntshim_device_unlink(struct ntshim_device *dev)
{
	PDEVICE_OBJECT *link = &dev->drv->object.DeviceObject;

	mutex_lock(&ntshim_io_lock);
	if (dev->linked) {
		while (*link && *link != &dev->object)
			link = &(*link)->NextDevice;
		if (*link)
			*link = dev->object.NextDevice;
		list_del_rcu(&dev->node);
		dev->linked = false;
	}
	mutex_unlock(&ntshim_io_lock);
}

/* Its driver goes: stop what is registered for it (IoTimer, shutdown). */
static void device_res_stop(struct ntshim_res *res)
{
	ntshim_owner_stop(&container_of(res, struct ntshim_device, res)->resources);
}

static void device_detach(PDEVICE_OBJECT lower, const void *caller);

static void ntshim_device_delete(struct ntshim_device *dev)
{
	/* Deleted while attached (NT wants IoDetachDevice first): detached. */
	if (READ_ONCE(dev->below))
		device_detach(dev->below, NULL);
	ntshim_device_unlink(dev);
	ntshim_owner_stop(&dev->resources);
	ntshim_owner_release(&dev->resources);
	ntshim_device_put(&dev->object);
}

static unsigned int device_res_release(struct ntshim_res *res)
{
	ntshim_device_delete(container_of(res, struct ntshim_device, res));
	return 1;
}

static const struct ntshim_res_ops device_res_ops = {
	.stop = device_res_stop,
	.release = device_res_release,
	.leftover = "device object(s) it did not delete: deleted",
	.name = "devices",
};

/* On the lists, unless the name is taken or the driver is going. */
static NTSTATUS ntshim_device_publish(struct ntshim_device *dev, PUNICODE_STRING name)
{
	PDRIVER_OBJECT driver = &dev->drv->object;

	mutex_lock(&ntshim_io_lock);
	if (name && ntshim_device_name_taken(name)) {
		mutex_unlock(&ntshim_io_lock);
		return STATUS_OBJECT_NAME_COLLISION;
	}
	list_add_tail_rcu(&dev->node, &ntshim_devices);
	dev->linked = true;
	dev->object.NextDevice = driver->DeviceObject;
	driver->DeviceObject = &dev->object;
	mutex_unlock(&ntshim_io_lock);
	if (!ntshim_owner_add(&dev->drv->resources, &dev->res, &device_res_ops)) {
		ntshim_device_unlink(dev);
		return STATUS_DELETE_PENDING;
	}
	return STATUS_SUCCESS;
}

static NTSTATUS device_create(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize,
			      PUNICODE_STRING DeviceName, DEVICE_TYPE DeviceType,
			      ULONG DeviceCharacteristics, BOOLEAN Exclusive,
			      PDEVICE_OBJECT *DeviceObject, umode_t mode, const void *caller)
{
	struct ntshim_driver *drv = ntshim_driver_from_object(DriverObject);
	struct ntshim_device *dev;
	NTSTATUS status;

	if (!DeviceObject || !drv) {
		ntshim_complain(DeviceObject ? NTC_NOT_AN_OBJECT : NTC_BAD_ARGUMENT, caller,
				"IoCreateDevice: %s",
				DeviceObject ? "not a driver object" : "no DeviceObject pointer");
		return STATUS_INVALID_PARAMETER;
	}
	*DeviceObject = NULL;
	if (DeviceName) {
		status = ntshim_device_check_name(DeviceName);
		if (!NT_SUCCESS(status))
			return status;
	}

	status = ntshim_device_alloc(DeviceExtensionSize, DeviceName, &dev, caller);
	if (!NT_SUCCESS(status))
		return status;
	dev->drv = drv;
	dev->mode = mode;
	ntshim_owner_init(&dev->resources, NULL);
	ntshim_device_init_object(&dev->object, DriverObject, DeviceType,
				  DeviceCharacteristics, Exclusive, DeviceName);
	status = ntshim_device_publish(dev, DeviceName);
	if (!NT_SUCCESS(status)) {
		ntshim_device_free(dev);
		return status;
	}
	*DeviceObject = &dev->object;
	if (DeviceName)
		ntshim_link_device_node(&dev->object, DeviceName);
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI IoCreateDevice(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize,
			      PUNICODE_STRING DeviceName, DEVICE_TYPE DeviceType,
			      ULONG DeviceCharacteristics, BOOLEAN Exclusive,
			      PDEVICE_OBJECT *DeviceObject)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_DEVICE_STATE);
	/* NT's default security: the system and administrators. */
	return device_create(DriverObject, DeviceExtensionSize, DeviceName, DeviceType,
			     DeviceCharacteristics, Exclusive, DeviceObject, 0600,
			     (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoCreateDevice);

/* The common device security descriptors (wdmsec.h), in SDDL. */
#define DEVICE_SDDL(name, sddl)						\
	const UNICODE_STRING name = RTL_CONSTANT_STRING(sddl);		\
	NTSHIM_EXPORT(name)

DEVICE_SDDL(SDDL_DEVOBJ_KERNEL_ONLY, L"D:P");
DEVICE_SDDL(SDDL_DEVOBJ_SYS_ALL, L"D:P(A;;GA;;;SY)");
DEVICE_SDDL(SDDL_DEVOBJ_SYS_ALL_ADM_ALL, L"D:P(A;;GA;;;SY)(A;;GA;;;BA)");
DEVICE_SDDL(SDDL_DEVOBJ_SYS_ALL_ADM_RX, L"D:P(A;;GA;;;SY)(A;;GRGX;;;BA)");
DEVICE_SDDL(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R,
	    L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GR;;;WD)");
DEVICE_SDDL(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R,
	    L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGW;;;WD)(A;;GR;;;RC)");
DEVICE_SDDL(SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX,
	    L"D:P(A;;GA;;;SY)(A;;GRGWGX;;;BA)(A;;GRGWGX;;;WD)(A;;GRGWGX;;;RC)");

/* An SDDL device descriptor: "D:P" and access entries "(A;;rights;;;who)". */
static bool device_sddl_valid(PCUNICODE_STRING sddl)
{
	USHORT i, n;

	if (!sddl || !sddl->Buffer || sddl->Length < 6 || (sddl->Length & 1))
		return false;
	n = sddl->Length / sizeof(WCHAR);
	if (sddl->Buffer[0] != L'D' || sddl->Buffer[1] != L':' || sddl->Buffer[2] != L'P')
		return false;
	for (i = 3; i < n; i++)
		if (sddl->Buffer[i] < 0x20 || sddl->Buffer[i] > 0x7e)
			return false;
	return true;
}

/*
 * The mode of a device's nodes: the system and administrators are root;
 * the world (WD) gets what its entry grants (GA, GR, GW).  No entry at all
 * is SDDL_DEVOBJ_KERNEL_ONLY: no program may open it, root included.
 */
static umode_t device_sddl_mode(PCUNICODE_STRING sddl)
{
	USHORT n = sddl->Length / sizeof(WCHAR), i, start = 0;
	umode_t mode = 0;
	bool any = false;

	for (i = 0; i < n; i++) {
		const WCHAR *e = sddl->Buffer + start;
		USHORT len = i - start;

		if (sddl->Buffer[i] == L'(')
			start = i + 1;
		if (sddl->Buffer[i] != L')' || !start)
			continue;
		any = true;
		if (len < 3 || e[len - 2] != L'W' || e[len - 1] != L'D')
			continue;
		for (; len >= 2; e++, len--) {
			if (e[0] == L'G' && (e[1] == L'A' || e[1] == L'R'))
				mode |= 0044;
			if (e[0] == L'G' && (e[1] == L'A' || e[1] == L'W'))
				mode |= 0022;
		}
	}
	return any ? 0600 | mode : 0;
}

/* The device with a default security descriptor, which sets its nodes' mode. */
NTSTATUS NTAPI IoCreateDeviceSecure(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize,
				    PUNICODE_STRING DeviceName, DEVICE_TYPE DeviceType,
				    ULONG DeviceCharacteristics, BOOLEAN Exclusive,
				    PCUNICODE_STRING DefaultSDDLString,
				    LPCGUID DeviceClassGuid, PDEVICE_OBJECT *DeviceObject)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_DEVICE_STATE);
	if (!device_sddl_valid(DefaultSDDLString)) {
		ntshim_complain(NTC_BAD_ARGUMENT, (void *)_RET_IP_,
				"IoCreateDeviceSecure: not an SDDL device descriptor");
		return STATUS_INVALID_PARAMETER;
	}
	return device_create(DriverObject, DeviceExtensionSize, DeviceName, DeviceType,
			     DeviceCharacteristics, Exclusive, DeviceObject,
			     device_sddl_mode(DefaultSDDLString), (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoCreateDeviceSecure);

/* The named device, with a reference; NULL if none has the name. */
PDEVICE_OBJECT ntshim_device_by_name(PCUNICODE_STRING name)
{
	struct ntshim_device *dev, *found = NULL;

	mutex_lock(&ntshim_io_lock);
	list_for_each_entry(dev, &ntshim_devices, node)
		if (dev->name.Buffer && ntshim_ustr_equal(&dev->name, name, true) &&
		    refcount_inc_not_zero(&dev->refs)) {
			found = dev;
			break;
		}
	mutex_unlock(&ntshim_io_lock);
	return found ? &found->object : NULL;
}

/* The mode its nodes get; 0 for a device no program may open. */
umode_t ntshim_device_mode(PDEVICE_OBJECT dev)
{
	return ntshim_device_of(dev)->mode;
}

/* One more handle from user space, unless the device is exclusive and has one. */
bool ntshim_device_open(PDEVICE_OBJECT dev)
{
	struct ntshim_device *d = ntshim_device_of(dev);

	if (dev->Flags & DO_EXCLUSIVE)
		return atomic_cmpxchg(&d->opens, 0, 1) == 0;
	atomic_inc(&d->opens);
	return true;
}

void ntshim_device_close(PDEVICE_OBJECT dev)
{
	atomic_dec(&ntshim_device_of(dev)->opens);
}

VOID NTAPI IoDeleteDevice(PDEVICE_OBJECT DeviceObject)
{
	struct ntshim_device *dev;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	mutex_lock(&ntshim_io_lock);
	dev = ntshim_device_find(DeviceObject);
	mutex_unlock(&ntshim_io_lock);
	if (!dev) {
		ntshim_complain(NTC_NOT_AN_OBJECT, (void *)_RET_IP_,
				"IoDeleteDevice: %p is not a live device object: ignored",
				DeviceObject);
		return;
	}
	/* Unless its driver's unload is releasing it this moment. */
	if (ntshim_owner_remove(&dev->drv->resources, &dev->res))
		ntshim_device_delete(dev);
}
NTSHIM_EXPORT(IoDeleteDevice);

/*
 * Device stacks.  IoAttachDeviceToDeviceStack puts a device on top of
 * another's stack: what is sent to the stack (IoCallDriver on the top, a
 * program's requests) reaches it first, and it passes requests down with
 * IoCallDriver on the device it was attached to.  The links are ntshim's
 * own (below, above), readable at any IRQL under attach_lock;
 * DeviceObject->AttachedDevice mirrors them for drivers.  An attached
 * device holds a reference on the device below and on that device's
 * driver, so the lower driver cannot unload until the filter detaches.
 */
static DEFINE_RAW_SPINLOCK(attach_lock);

static PDEVICE_OBJECT device_top(PDEVICE_OBJECT dev)
{
	PDEVICE_OBJECT above;

	lockdep_assert_held(&attach_lock);
	while ((above = ntshim_device_of(dev)->above))
		dev = above;
	return dev;
}

/* Whether a device is attached above it now (a hint: it may change the next moment). */
bool ntshim_device_stacked(PDEVICE_OBJECT dev)
{
	return READ_ONCE(ntshim_device_of(dev)->above);
}

/* The top of the device's stack, referenced; any IRQL up to DISPATCH_LEVEL. */
PDEVICE_OBJECT ntshim_device_top_get(PDEVICE_OBJECT dev)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&attach_lock, flags);
	dev = device_top(dev);
	ntshim_device_get(dev);
	raw_spin_unlock_irqrestore(&attach_lock, flags);
	return dev;
}

/*
 * Takes the device attached to lower off it, found from the live devices
 * (lower itself may be deleted already): NULL if none is attached to it.
 */
static struct ntshim_device *device_unlink_above(PDEVICE_OBJECT lower)
{
	struct ntshim_device *dev, *upper = NULL;
	unsigned long flags;

	rcu_read_lock();
	raw_spin_lock_irqsave(&attach_lock, flags);
	list_for_each_entry_rcu(dev, &ntshim_devices, node) {
		if (dev->below == lower) {
			upper = dev;
			upper->below = NULL;
			ntshim_device_of(lower)->above = NULL;
			lower->AttachedDevice = NULL;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&attach_lock, flags);
	rcu_read_unlock();
	return upper;
}

/*
 * Another driver's device below holds that driver's module (one attaching
 * its own devices must still be able to unload).
 */
static bool device_hold_driver(PDEVICE_OBJECT upper, PDEVICE_OBJECT lower)
{
	struct ntshim_driver *drv = ntshim_device_of(lower)->drv;

	return drv == ntshim_device_of(upper)->drv || try_module_get(ntshim_driver_module(drv));
}

/* The attachment's references go with it: the device below, its driver. */
static void device_detach(PDEVICE_OBJECT lower, const void *caller)
{
	struct ntshim_device *upper;

	upper = lower ? device_unlink_above(lower) : NULL;
	if (!upper) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"IoDetachDevice: nothing is attached to device %p", lower);
		return;
	}
	if (upper->drv != ntshim_device_of(lower)->drv)
		module_put(ntshim_driver_module(ntshim_device_of(lower)->drv));
	ntshim_device_put(lower);
}

static PDEVICE_OBJECT device_attach(PDEVICE_OBJECT source, PDEVICE_OBJECT target,
				    const void *caller)
{
	struct ntshim_device *src = ntshim_device_of(source), *low;
	PDEVICE_OBJECT top = NULL;
	unsigned long flags;

	if (!source || !target || !ntshim_device_tryget(target)) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller,
				"IoAttachDeviceToDeviceStack: no source, or no live target device");
		return NULL;
	}
	if (!ntshim_device_known(source) || source == target) {
		ntshim_complain(NTC_NOT_AN_OBJECT, caller,
				"IoAttachDeviceToDeviceStack: %p is not a live device object of another",
				source);
		ntshim_device_put(target);
		return NULL;
	}
	raw_spin_lock_irqsave(&attach_lock, flags);
	if (!src->below && !src->above) {
		top = device_top(target);
		low = ntshim_device_of(top);
		src->below = top;
		low->above = source;
		top->AttachedDevice = source;
		source->StackSize = top->StackSize + 1;
		source->AlignmentRequirement = max(source->AlignmentRequirement,
						   top->AlignmentRequirement);
		source->SectorSize = top->SectorSize;
		ntshim_device_get(top);
	}
	raw_spin_unlock_irqrestore(&attach_lock, flags);
	ntshim_device_put(target);
	if (!top) {
		ntshim_complain(NTC_RESOURCE_BUSY, caller,
				"IoAttachDeviceToDeviceStack: device %p is attached already", source);
		return NULL;
	}
	/* Its driver unloading this moment: not attached after all. */
	if (!device_hold_driver(source, top)) {
		device_unlink_above(top);
		ntshim_device_put(top);
		return NULL;
	}
	return top;
}

PDEVICE_OBJECT NTAPI IoAttachDeviceToDeviceStack(PDEVICE_OBJECT SourceDevice,
						 PDEVICE_OBJECT TargetDevice)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, NULL);
	return device_attach(SourceDevice, TargetDevice, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoAttachDeviceToDeviceStack);

/* NT opens the target to attach; here the name is looked up (no create or close). */
NTSTATUS NTAPI IoAttachDevice(PDEVICE_OBJECT SourceDevice, PUNICODE_STRING TargetDevice,
			      PDEVICE_OBJECT *AttachedDevice)
{
	PDEVICE_OBJECT target, top;

	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, STATUS_INVALID_DEVICE_STATE);
	if (!AttachedDevice)
		return STATUS_INVALID_PARAMETER;
	target = TargetDevice ? ntshim_device_by_name(TargetDevice) : NULL;
	if (!target)
		return STATUS_OBJECT_NAME_NOT_FOUND;
	top = device_attach(SourceDevice, target, (void *)_RET_IP_);
	ntshim_device_put(target);
	*AttachedDevice = top;
	return top ? STATUS_SUCCESS : STATUS_NO_SUCH_DEVICE;
}
NTSHIM_EXPORT(IoAttachDevice);

VOID NTAPI IoDetachDevice(PDEVICE_OBJECT TargetDevice)
{
	NTSHIM_REQUIRE_IRQL(PASSIVE_LEVEL, );
	device_detach(TargetDevice, (void *)_RET_IP_);
}
NTSHIM_EXPORT(IoDetachDevice);

static PDEVICE_OBJECT device_top_of(PDEVICE_OBJECT dev)
{
	unsigned long flags;

	if (!dev || !ntshim_device_known(dev))
		return dev;
	raw_spin_lock_irqsave(&attach_lock, flags);
	dev = device_top(dev);
	raw_spin_unlock_irqrestore(&attach_lock, flags);
	return dev;
}

PDEVICE_OBJECT NTAPI IoGetAttachedDevice(PDEVICE_OBJECT DeviceObject)
{
	return device_top_of(DeviceObject);
}
NTSHIM_EXPORT(IoGetAttachedDevice);

/* The top of the stack with a reference, which ObDereferenceObject drops. */
PDEVICE_OBJECT NTAPI IoGetAttachedDeviceReference(PDEVICE_OBJECT DeviceObject)
{
	NTSHIM_REQUIRE_IRQL(DISPATCH_LEVEL, NULL);
	if (!DeviceObject || !ntshim_device_known(DeviceObject)) {
		ntshim_complain(NTC_NOT_AN_OBJECT, (void *)_RET_IP_,
				"IoGetAttachedDeviceReference: %p is not a live device object",
				DeviceObject);
		return NULL;
	}
	return ntshim_device_top_get(DeviceObject);
}
NTSHIM_EXPORT(IoGetAttachedDeviceReference);

PDEVICE_OBJECT NTAPI IoGetRelatedDeviceObject(PFILE_OBJECT FileObject)
{
	return FileObject ? device_top_of(FileObject->DeviceObject) : NULL;
}
NTSHIM_EXPORT(IoGetRelatedDeviceObject);
