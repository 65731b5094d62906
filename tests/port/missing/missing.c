/* ntt_missing: calls what ntshim does not provide yet (lines matter). */
#include <ntddk.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNICODE_STRING link = RTL_CONSTANT_STRING(L"\\DosDevices\\NttMissing");
	UNICODE_STRING dev = RTL_CONSTANT_STRING(L"\\Device\\NttMissing");
	KDEVICE_QUEUE queue;

	KeInitializeDeviceQueue(&queue);
	return IoCreateSymbolicLink(&link, &dev);
}
