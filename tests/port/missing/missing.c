/* ntt_missing: calls what ntshim does not provide yet (lines matter). */
#include <ntddk.h>

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	ULONG action = WMIREG_ACTION_REGISTER;
	PVOID unused = NULL;

	PoStartNextPowerIrp(NULL);
	return NT_SUCCESS(IoWMIRegistrationControl(NULL, action)) && !unused ? STATUS_SUCCESS : 1;
}
