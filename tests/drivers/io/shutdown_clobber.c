/*
 * ntt_shutdown_clobber: registers its device for shutdown, then writes the
 * device's Flags with '=' where '|=' was meant, wiping
 * DO_SHUTDOWN_REGISTERED, and deletes the device at unload.  Loaded and
 * unloaded before the harness powers off: device X must never be called.
 */
#define NTTEST_NAME "ntt_shutdown_clobber"
#include "nttest.h"

static PDEVICE_OBJECT Device;

static NTSTATUS Shutdown(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
	UNREFERENCED_PARAMETER(DeviceObject);
	NtTestShutdownReport('X', Irp);
	return STATUS_SUCCESS;
}

static VOID Unload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	IoDeleteDevice(Device);
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	DriverObject->MajorFunction[IRP_MJ_SHUTDOWN] = Shutdown;
	NTTEST("device", NT_SUCCESS(IoCreateDevice(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0,
						   FALSE, &Device)));
	if (Device) {
		NTTEST("registered", NT_SUCCESS(IoRegisterShutdownNotification(Device)));
		Device->Flags = DO_BUFFERED_IO;
		Device->Timer = NULL;
	}
	DriverObject->DriverUnload = Unload;
	return NtTestEntryDone();
}
