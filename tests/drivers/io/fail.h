/*
 * Body of the ntt_fail_* drivers: a DriverEntry that creates a device and
 * then fails with FAIL_STATUS.  ntshim must refuse the load with the
 * matching errno, name the status in one log line and delete the device.
 */
#include "nttest.h"

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	PDEVICE_OBJECT dev;
	UNICODE_STRING name;

	UNREFERENCED_PARAMETER(RegistryPath);
	RtlInitUnicodeString(&name, L"\\Device\\" NTTEST_WNAME);
	NTTEST("create_device_before_failing",
	       NT_SUCCESS(IoCreateDevice(DriverObject, 32, &name, FILE_DEVICE_UNKNOWN,
					 0, FALSE, &dev)));
	DriverObject->DriverUnload = NtTestUnload;
	NtTestEntryDone();
	return FAIL_STATUS;
}
