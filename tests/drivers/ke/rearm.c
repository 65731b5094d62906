/*
 * ntt_rearm: a timer whose DPC, on the other processor, sets it again at
 * once; one chain in static data, left running at unload (the harness
 * loads and unloads the driver many times), and chains in pool blocks
 * freed while they run, at PASSIVE_LEVEL and at DISPATCH_LEVEL.
 */
#define NTTEST_NAME "ntt_rearm"
#include "nttest.h"

typedef struct _CHAIN {
	KTIMER Timer;
	KDPC Dpc;
	volatile LONG Fired;
} CHAIN, *PCHAIN;

static CHAIN Static;

static VOID Rearm(PKDPC Dpc, PVOID Context, PVOID A1, PVOID A2)
{
	PCHAIN c = Context;
	LARGE_INTEGER due = { .QuadPart = -10 };

	UNREFERENCED_PARAMETER(Dpc);
	UNREFERENCED_PARAMETER(A1);
	UNREFERENCED_PARAMETER(A2);
	InterlockedIncrement(&c->Fired);
	KeSetTimer(&c->Timer, due, &c->Dpc);
}

static VOID Start(PCHAIN c)
{
	LARGE_INTEGER due = { .QuadPart = -10 };
	ULONG cpus = KeQueryActiveProcessorCount(NULL);

	c->Fired = 0;
	KeInitializeTimer(&c->Timer);
	KeInitializeDpc(&c->Dpc, Rearm, c);
	KeSetTargetProcessorDpc(&c->Dpc, (CCHAR)((KeGetCurrentProcessorNumber() + 1) % cpus));
	KeSetTimer(&c->Timer, due, &c->Dpc);
}

static BOOLEAN Running(PCHAIN c)
{
	LARGE_INTEGER ms = { .QuadPart = -10000 };
	int i;

	for (i = 0; i < 2000 && c->Fired < 3; i++)
		KeDelayExecutionThread(KernelMode, FALSE, &ms);
	return c->Fired >= 3;
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	BOOLEAN all = TRUE;
	PCHAIN c;
	KIRQL old;
	int i;

	UNREFERENCED_PARAMETER(RegistryPath);
	for (i = 0; i < 10; i++) {
		c = ExAllocatePoolWithTag(NonPagedPool, sizeof(*c), 'mraR');
		if (!c) {
			all = FALSE;
			break;
		}
		Start(c);
		all &= Running(c);
		/* Freed while the chain runs: every other time at DISPATCH_LEVEL. */
		if (i & 1)
			KeRaiseIrql(DISPATCH_LEVEL, &old);
		ExFreePoolWithTag(c, 'mraR');
		if (i & 1)
			KeLowerIrql(old);
	}
	NTTEST("pool_chains_ran_and_freed", all);
	Start(&Static);
	NTTEST("static_chain_runs", Running(&Static));
	/* Careless: DriverUnload leaves the chain running. */
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
