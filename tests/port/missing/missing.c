/* ntt_missing: calls what ntshim does not provide yet (lines matter). */
#include <ntddk.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	KDEVICE_QUEUE queue;
	ULONG hertz = 440;
	PVOID unused = NULL;

	KeInitializeDeviceQueue(&queue);
	return HalMakeBeep(hertz) && !unused ? STATUS_SUCCESS : STATUS_UNSUCCESSFUL;
}
