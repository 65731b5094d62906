/*
 * hello: the smallest useful NT driver.
 *
 * DriverEntry creates a named device with a small extension, says hello
 * through DbgPrint, and DriverUnload deletes the device again.  Written
 * exactly as for the NT DDK; ntshim builds and runs it unchanged.
 */
#include <ntddk.h>

typedef struct _HELLO_EXTENSION {
	ULONG Greetings;
	LARGE_INTEGER LoadTime;
} HELLO_EXTENSION, *PHELLO_EXTENSION;

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD HelloUnload;

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, HelloUnload)

VOID HelloUnload(PDRIVER_OBJECT DriverObject)
{
	PDEVICE_OBJECT device = DriverObject->DeviceObject;
	PHELLO_EXTENSION ext = device->DeviceExtension;
	LARGE_INTEGER now;

	PAGED_CODE();
	KeQuerySystemTime(&now);
	DbgPrint("hello: goodbye from %wZ after %I64d ms and %lu greeting(s)\n",
		 &DriverObject->DriverName,
		 (now.QuadPart - ext->LoadTime.QuadPart) / 10000, ext->Greetings);
	IoDeleteDevice(device);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING name;
	PDEVICE_OBJECT device;
	PHELLO_EXTENSION ext;
	NTSTATUS status;

	RtlInitUnicodeString(&name, L"\\Device\\Hello");
	status = IoCreateDevice(DriverObject, sizeof(HELLO_EXTENSION), &name,
				FILE_DEVICE_UNKNOWN, 0, FALSE, &device);
	if (!NT_SUCCESS(status)) {
		DbgPrint("hello: IoCreateDevice failed: 0x%08lx\n", status);
		return status;
	}
	ext = device->DeviceExtension;
	KeQuerySystemTime(&ext->LoadTime);
	ext->Greetings++;

	DbgPrint("hello: DriverEntry for %wZ at IRQL %d\n",
		 &DriverObject->DriverName, KeGetCurrentIrql());
	DbgPrint("hello: registry path %wZ\n", RegistryPath);
	DbgPrint("hello: created %wZ, extension of %lu bytes\n", &name,
		 (ULONG)sizeof(HELLO_EXTENSION));

	device->Flags &= ~DO_DEVICE_INITIALIZING;
	DriverObject->DriverUnload = HelloUnload;
	return STATUS_SUCCESS;
}
