/* ntt_reinit_drop: unloaded before its reinitialization routine can run. */
#define NTTEST_NAME "ntt_reinit_drop"
#include "nttest.h"

static VOID Reinit(PDRIVER_OBJECT DriverObject, PVOID Context, ULONG Count)
{
	UNREFERENCED_PARAMETER(DriverObject);
	UNREFERENCED_PARAMETER(Context);
	UNREFERENCED_PARAMETER(Count);
	DbgPrint("nttest: ntt_reinit_drop: not ok routine_of_unloaded_driver_ran\n");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	IoRegisterDriverReinitialization(DriverObject, Reinit, NULL);
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
