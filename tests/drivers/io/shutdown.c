/*
 * ntt_shutdown: devices registered for shutdown notification in every way;
 * the VM harness powers off, reboots or halts and reads the console.
 * Order expected: G, F, E, A (regular, most recent first), then C (last
 * chance); B (unregistered) and D (deleted) never.  F unregisters itself
 * and G deletes itself from inside their IRP_MJ_SHUTDOWN handlers, as NT
 * allows.
 */
#define NTTEST_NAME "ntt_shutdown"
#include "nttest.h"

typedef struct _EXT {
	CHAR Name;
} EXT, *PEXT;

static NTSTATUS Shutdown(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	PEXT ext = DeviceObject->DeviceExtension;

	CHAR name = ext->Name;

	NtTestShutdownReport(name, Irp);
	if (name == 'F')
		IoUnregisterShutdownNotification(DeviceObject);
	if (name == 'G')
		IoDeleteDevice(DeviceObject);
	return STATUS_SUCCESS;
}

static PDEVICE_OBJECT Make(PDRIVER_OBJECT DriverObject, CHAR Name)
{
	PDEVICE_OBJECT dev;

	if (!NT_SUCCESS(IoCreateDevice(DriverObject, sizeof(EXT), NULL, FILE_DEVICE_UNKNOWN, 0,
				       FALSE, &dev)))
		return NULL;
	((PEXT)dev->DeviceExtension)->Name = Name;
	return dev;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	PDEVICE_OBJECT a, b, c, d, e, f, g;

	UNREFERENCED_PARAMETER(RegistryPath);
	DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = Shutdown;
	a = Make(DriverObject, 'A');
	b = Make(DriverObject, 'B');
	c = Make(DriverObject, 'C');
	d = Make(DriverObject, 'D');
	e = Make(DriverObject, 'E');
	f = Make(DriverObject, 'F');
	g = Make(DriverObject, 'G');
	NTTEST("devices", a && b && c && d && e && f && g);
	if (a && b && c && d && e && f && g) {
		NTTEST("register_regular", IoRegisterShutdownNotification(a) == STATUS_SUCCESS &&
		       (a->Flags & DO_SHUTDOWN_REGISTERED));
		NTTEST("register_last_chance",
		       IoRegisterLastChanceShutdownNotification(c) == STATUS_SUCCESS);
		IoRegisterShutdownNotification(b);
		IoUnregisterShutdownNotification(b);
		NTTEST("unregister_clears_flag", !(b->Flags & DO_SHUTDOWN_REGISTERED));
		IoRegisterShutdownNotification(d);
		IoDeleteDevice(d);
		IoRegisterShutdownNotification(e);
		IoRegisterShutdownNotification(f);
		IoRegisterShutdownNotification(g);
	}
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
