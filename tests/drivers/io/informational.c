/* ntt_informational: an informational status is success (NT_SUCCESS). */
#define NTTEST_NAME "ntt_informational"
#include "nttest.h"

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	DriverObject->DriverUnload = NtTestUnload;
	NtTestEntryDone();
	return STATUS_OBJECT_NAME_EXISTS;
}
