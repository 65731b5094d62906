/* SPDX-License-Identifier: GPL-2.0 */
/*
 * io/: the I/O manager: driver and device objects, IRPs, interrupts,
 * IoTimer, reinitialization and shutdown.  What other areas may use of it.
 */
#ifndef NTSHIM_IO_H
#define NTSHIM_IO_H

#include "../core/core.h"
#include <ntshim/glue.h>

/* A loaded NT driver: its DRIVER_OBJECT and what ntshim keeps for it. */
struct ntshim_driver {
	struct ntshim_image image;
	/* What it created through NT, released when it goes. */
	struct ntshim_owner resources;
	DRIVER_OBJECT object;
	DRIVER_EXTENSION extension;
	UNICODE_STRING registry_path;
	WCHAR name_buf[sizeof("\\Driver\\") + MODULE_NAME_LEN];
	WCHAR registry_buf[sizeof("\\Registry\\Machine\\System\\CurrentControlSet\\Services\\") +
			   MODULE_NAME_LEN];
	bool pinned;
	struct task_struct *entry_task;	/* the thread running DriverEntry */
};

static inline struct module *ntshim_driver_module(const struct ntshim_driver *drv)
{
	return drv->image.module;
}

static inline bool ntshim_in_driver(const struct ntshim_driver *drv, const void *addr)
{
	return ntshim_in_image(&drv->image, addr);
}

#define ntshim_complain_driver(id, drv, ...) \
	ntshim_complain_image(id, &(drv)->image, __VA_ARGS__)

/* driver.c */
struct ntshim_driver *ntshim_driver_from_object(PDRIVER_OBJECT object);
struct ntshim_driver *ntshim_driver_at(const void *address);
int ntshim_driver_init(void);

/* device.c: devices are looked up, never trusted. */
bool ntshim_device_live(PDEVICE_OBJECT dev);
/* Only for a device ntshim knows to be live (or holds a reference on). */
struct ntshim_driver *ntshim_device_driver(PDEVICE_OBJECT dev);
struct ntshim_owner *ntshim_device_resources(PDEVICE_OBJECT dev);

/* startio.c's state of a device, where its driver cannot write it. */
struct ntshim_startio {
	bool deferred;			/* IoSetStartIoAttributes */
	bool no_cancel;
	atomic_t running;		/* StartIo calls in progress */
	atomic_t pending;		/* a deferred IoStartNextPacket: STARTIO_* bits */
	ULONG key;			/* its key */
};
struct ntshim_startio *ntshim_device_startio(PDEVICE_OBJECT dev);
bool ntshim_device_tryget(PDEVICE_OBJECT dev);
bool ntshim_device_known(PDEVICE_OBJECT dev);
PDEVICE_OBJECT ntshim_device_by_name(PCUNICODE_STRING name);
umode_t ntshim_device_mode(PDEVICE_OBJECT dev);
bool ntshim_device_open(PDEVICE_OBJECT dev);
void ntshim_device_close(PDEVICE_OBJECT dev);
void ntshim_device_get(PDEVICE_OBJECT dev);
void ntshim_device_put(PDEVICE_OBJECT dev);
/* The top of the device's stack, referenced (ntshim_device_put). */
PDEVICE_OBJECT ntshim_device_top_get(PDEVICE_OBJECT dev);
bool ntshim_device_stacked(PDEVICE_OBJECT dev);
/* DriverEntry returned: DO_DEVICE_INITIALIZING cleared on its devices. */
void ntshim_device_ready_all(PDRIVER_OBJECT driver);

/* symlink.c: /dev/nt nodes; file.c: what their file operations send. */
PDEVICE_OBJECT ntshim_link_device(dev_t devt);
PDEVICE_OBJECT ntshim_link_lookup(PCUNICODE_STRING name);
void ntshim_link_device_node(PDEVICE_OBJECT device, PCUNICODE_STRING name);
int ntshim_link_init(void);
void ntshim_link_exit(void);

/* file.c: file objects; ObReferenceObject/ObDereferenceObject of one. */
bool ntshim_file_get(PVOID object, const void *caller);
bool ntshim_file_put(PVOID object, const void *caller);
int ntshim_file_init(void);
void ntshim_file_exit(void);
extern const struct file_operations ntshim_file_fops;

/* cancel.c: IoCancelIrp, and calling a cancel routine holding the cancel lock. */
BOOLEAN ntshim_irp_cancel(PIRP irp, const void *caller);
void ntshim_irp_call_cancel(PDRIVER_CANCEL routine, PDEVICE_OBJECT device, PIRP irp,
			    KIRQL irql);

/* irp.c: IoAllocateIrp, IoCallDriver, IoFreeIrp for ntshim's own requests. */
PIRP ntshim_irp_alloc(CCHAR stack_size, const void *caller);
NTSTATUS ntshim_irp_call(PDEVICE_OBJECT device, PIRP irp, const void *caller);
void ntshim_irp_free(PIRP irp, const void *caller);
void ntshim_irp_complete(PIRP irp, const void *caller);
PDRIVER_DISPATCH ntshim_irp_default_dispatch(void);
/*
 * An IRP the I/O manager finishes itself: at its completion (any context),
 * done runs instead of the UserIosb and UserEvent steps, once.  Its hook is
 * found through a pointer just before the IRP, in the same allocation,
 * which an AllocationFlags bit of ntshim's own says is there: drivers read
 * AllocationFlags, never write it, and IoInitializeIrp clears it.
 */
struct ntshim_irp_hook {
	PIRP irp;
	void (*done)(struct ntshim_irp_hook *hook);
	/* IoFreeIrp of it; NULL: the IRP is not its driver's to free. */
	void (*freed)(struct ntshim_irp_hook *hook);
};
#define NTSHIM_IRP_HOOKED	0x40	/* beside IRP_ALLOCATED_FIXED_SIZE and the rest */
struct ntshim_irp_head {
	struct ntshim_irp_hook *hook;	/* NULL once taken at completion */
};

static inline struct ntshim_irp_head *ntshim_irp_head(PIRP irp)
{
	return (struct ntshim_irp_head *)irp - 1;
}

/* irp is the IRP after head, in the same allocation. */
static inline void ntshim_irp_hook_set(struct ntshim_irp_hook *hook, PIRP irp)
{
	hook->irp = irp;
	ntshim_irp_head(irp)->hook = hook;
	irp->AllocationFlags |= NTSHIM_IRP_HOOKED;
}
/* The I/O manager's own IRPs (programs' requests): no pool bookkeeping, room for a head. */
PIRP ntshim_irp_alloc_io(CCHAR stack_size);
void ntshim_irp_init_io(PIRP irp, CCHAR stack_size);
void ntshim_irp_free_io(PIRP irp);

/* iotimer.c, reinit.c, shutdown.c */
int ntshim_iotimer_init(void);
void ntshim_iotimer_exit(void);
int ntshim_reinit_init(void);
void ntshim_reinit_exit(void);
int ntshim_shutdown_init(void);
void ntshim_shutdown_exit(void);

#endif /* NTSHIM_IO_H */
