/* reinit_second: a driver whose loading lets reinit_first reinitialize. */
#include <ntddk.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD SecondUnload;

VOID SecondUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	DbgPrint("reinit_second: DriverEntry done\n");
	DriverObject->DriverUnload = SecondUnload;
	return STATUS_SUCCESS;
}
