/* ntt_reinit: driver and boot-driver reinitialization, Count, re-registration. */
#define NTTEST_NAME "ntt_reinit"
#include "nttest.h"

static VOID Reinit(PDRIVER_OBJECT DriverObject, PVOID Context, ULONG Count)
{
	DbgPrint("nttest-reinit: count %lu irql %d context %s\n", Count, KeGetCurrentIrql(),
		 Context == (PVOID)DriverObject ? "ok" : "WRONG");
	if (Count < 3)
		IoRegisterDriverReinitialization(DriverObject, Reinit, DriverObject);
}

static VOID BootReinit(PDRIVER_OBJECT DriverObject, PVOID Context, ULONG Count)
{
	UNREFERENCED_PARAMETER(DriverObject);
	DbgPrint("nttest-bootreinit: count %lu irql %d context %s\n", Count, KeGetCurrentIrql(),
		 Context == (PVOID)0xb007 ? "ok" : "WRONG");
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	IoRegisterDriverReinitialization(DriverObject, Reinit, DriverObject);
	IoRegisterBootDriverReinitialization(DriverObject, BootReinit, (PVOID)0xb007);
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
