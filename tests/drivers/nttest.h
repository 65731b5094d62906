/*
 * nttest.h - checks for ntshim's NT test drivers, written as NT code.
 *
 * Every check is reported by name through DbgPrint; ntshim_test.sh reads the
 * reports back from the kernel log.  A driver whose checks failed fails its
 * DriverEntry, so the failure is visible even without the log.
 */
#ifndef NTTEST_H
#define NTTEST_H

#include <ntddk.h>

#ifndef NTTEST_NAME
#error "define NTTEST_NAME before including nttest.h"
#endif

static ULONG NtTestFailures;

static __attribute__((__unused__)) VOID NtTestReport(BOOLEAN Ok, PCSTR Name, PCSTR Expression, ULONG Line)
{
	if (Ok) {
		DbgPrint("nttest: %s: ok %s\n", NTTEST_NAME, Name);
	} else {
		NtTestFailures++;
		DbgPrint("nttest: %s: not ok %s # line %lu: %s\n", NTTEST_NAME,
			 Name, Line, Expression);
	}
}

#define NTTEST(Name, Expression) \
	NtTestReport((BOOLEAN)((Expression) != 0), (Name), #Expression, __LINE__)

/* Ends DriverEntry: STATUS_SUCCESS only when every check passed. */
static NTSTATUS NtTestEntryDone(VOID)
{
	DbgPrint("nttest: %s: entry-done\n", NTTEST_NAME);
	return NtTestFailures ? STATUS_UNSUCCESSFUL : STATUS_SUCCESS;
}

static VOID NtTestUnloadDone(VOID)
{
	DbgPrint("nttest: %s: unload-done\n", NTTEST_NAME);
}

/*
 * Runs Routine in a system thread and waits for it to end; FALSE if the
 * thread could not be made or waited for.
 */
static __attribute__((__unused__)) BOOLEAN NtTestRunThread(PKSTART_ROUTINE Routine)
{
	PVOID obj;
	HANDLE h;
	NTSTATUS status;

	if (!NT_SUCCESS(PsCreateSystemThread(&h, THREAD_ALL_ACCESS, NULL, NULL, NULL, Routine,
					     NULL)))
		return FALSE;
	status = ObReferenceObjectByHandle(h, THREAD_ALL_ACCESS, *PsThreadType, KernelMode, &obj,
					   NULL);
	ZwClose(h);
	if (!NT_SUCCESS(status))
		return FALSE;
	status = KeWaitForSingleObject(obj, Executive, KernelMode, FALSE, NULL);
	ObDereferenceObject(obj);
	return status == STATUS_WAIT_0;
}

/*
 * IRP_MJ_SHUTDOWN for the shutdown boots: names the device on the console
 * (the harness reads the order) and completes the IRP.
 */
static __attribute__((__unused__)) VOID NtTestShutdownReport(CHAR Name, PIRP Irp)
{
	DbgPrint("nttest-shutdown: device %c irql %d major %d\n", Name, KeGetCurrentIrql(),
		 IoGetCurrentIrpStackLocation(Irp)->MajorFunction);
	Irp->IoStatus.Status = STATUS_SUCCESS;
	IoCompleteRequest(Irp, IO_NO_INCREMENT);
}

/* For drivers with nothing to check at unload. */
static __attribute__((__unused__)) VOID NtTestUnload(PDRIVER_OBJECT DriverObject)
{
	UNREFERENCED_PARAMETER(DriverObject);
	NtTestUnloadDone();
}

#endif /* NTTEST_H */
