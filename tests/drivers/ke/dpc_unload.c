/*
 * ntt_dpc_unload: unloads with a DPC still queued (its processor has DPCs
 * held off), so ntshim must take it off before the driver's code goes.
 */
#define NTTEST_NAME "ntt_dpc_unload"
#include "nttest.h"
#include "ntthelper.h"

static KDPC Late;

static VOID LateDpc(PKDPC Dpc, PVOID Ctx, PVOID A1, PVOID A2)
{
	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(Ctx);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	DbgPrint("nttest: ntt_dpc_unload: not ok late_dpc_never_runs\n");
}

static BOOLEAN Queued;

static VOID InsertLate(PVOID Context)
{
	UNREFERENCED_PARAMETER(Context);
	Queued = KeInsertQueueDpc(&Late, NULL, NULL);
}

static VOID LateUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	/*
	 * Queued on a processor whose DPCs stay held off until this module's
	 * unload is over, however long the unload takes to get the CPU (on
	 * PREEMPT_RT the busy holder is boosted and throttled).
	 */
	NTTEST("dpcs_held_off", ntt_helper_hold_dpcs_until_unloaded(NTTEST_NAME, InsertLate,
								    NULL) == 0);
	NTTEST("queued_at_unload", Queued);
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	KeInitializeDpc(&Late, LateDpc, NULL);
	DriverObject->DriverUnload = LateUnload;
	return NtTestEntryDone();
}
