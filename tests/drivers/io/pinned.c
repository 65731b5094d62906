/* ntt_pinned: no DriverUnload, so it can never be unloaded, as in NT. */
#define NTTEST_NAME "ntt_pinned"
#include "nttest.h"

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	PDEVICE_OBJECT dev;

	UNREFERENCED_PARAMETER(RegistryPath);
	NTTEST("create_device", NT_SUCCESS(IoCreateDevice(DriverObject, 0, NULL,
	       FILE_DEVICE_UNKNOWN, 0, FALSE, &dev)));
	NTTEST("no_unload_routine", DriverObject->DriverUnload == NULL);
	return NtTestEntryDone();
}
