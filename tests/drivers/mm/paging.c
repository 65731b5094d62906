/*
 * ntt_paging: section handles and their counts, MmPageEntireDriver, IRQL
 * rules; and MmGetSystemRoutineAddress.
 */
#define NTTEST_NAME "ntt_paging"
#include "nttest.h"

/* ntshim's own extension, for this check only. */
#include <ntshimext.h>

static ULONG PagedData = 1;

#pragma alloc_text(PAGE, PagedRoutine)
static VOID PagedRoutine(VOID)
{
	PAGED_CODE();
}

typedef SIZE_T (*STRLEN_FN)(const char *);
typedef SIZE_T (*WCSLEN_FN)(const WCHAR *);

/* Optional routines looked up by name: ntshim's answer, NULL for the rest. */
static VOID CheckSystemRoutines(VOID)
{
	UNICODE_STRING name;
	STRLEN_FN len;
	WCSLEN_FN wlen;

	RtlInitUnicodeString(&name, L"KeSetEvent");
	NTTEST("routine_found", MmGetSystemRoutineAddress(&name) == (PVOID)KeSetEvent);
	RtlInitUnicodeString(&name, L"PsInitialSystemProcess");
	NTTEST("variable_found", MmGetSystemRoutineAddress(&name) == (PVOID)&PsInitialSystemProcess);
	RtlInitUnicodeString(&name, L"strlen");
	len = (STRLEN_FN)MmGetSystemRoutineAddress(&name);
	NTTEST("kernel_crt_routine_found", len && len("abcd") == 4);
	RtlInitUnicodeString(&name, L"wcslen");
	wlen = (WCSLEN_FN)MmGetSystemRoutineAddress(&name);
	NTTEST("crt_routine_found", wlen && wlen(L"abc") == 3);
	RtlInitUnicodeString(&name, L"NtshimNoSuchRoutine");
	NTTEST("unknown_is_null", MmGetSystemRoutineAddress(&name) == NULL);
	RtlInitUnicodeString(&name, L"printk");
	NTTEST("linux_export_is_null", MmGetSystemRoutineAddress(&name) == NULL);
	RtlInitUnicodeString(&name, L"Ke Set");
	NTTEST("not_a_name_is_null", MmGetSystemRoutineAddress(&name) == NULL);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	PVOID code, code2, data;
	KIRQL old;
	ULONG local = 0;

	UNREFERENCED_PARAMETER(RegistryPath);
	CheckSystemRoutines();
	code = MmLockPagableCodeSection((PVOID)PagedRoutine);
	NTTEST("code_section_handle", code != NULL && NtshimQuerySectionLocks(code) == 1);
	code2 = MmLockPagableCodeSection((PVOID)DriverEntry);
	NTTEST("same_section_same_handle", code2 == code && NtshimQuerySectionLocks(code) == 2);
	MmLockPagableSectionByHandle(code);
	NTTEST("lock_by_handle_counts", NtshimQuerySectionLocks(code) == 3);
	data = MmLockPagableDataSection(&PagedData);
	NTTEST("data_section_handle", data != NULL && data != code &&
	       NtshimQuerySectionLocks(data) == 1);
	MmUnlockPagableImageSection(code);
	MmUnlockPagableImageSection(code);
	MmUnlockPagableImageSection(code);
	NTTEST("unlocks_count_down", NtshimQuerySectionLocks(code) == 0);
	MmUnlockPagableImageSection(code);	/* unbalanced: reported */
	NTTEST("unbalanced_unlock_reported_not_counted", NtshimQuerySectionLocks(code) == 0);
	MmUnlockPagableImageSection(data);
	NTTEST("outside_driver_refused", MmLockPagableCodeSection(&local) == NULL);
	NTTEST("page_entire_driver_returns_image_base",
	       MmPageEntireDriver((PVOID)DriverEntry) == DriverObject->DriverStart);
	MmResetDriverPaging((PVOID)DriverEntry);
	PagedRoutine();				/* at PASSIVE_LEVEL: silent */
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	NTTEST("lock_at_dispatch_refused", MmLockPagableCodeSection((PVOID)DriverEntry) == NULL);
	PagedRoutine();				/* PAGED_CODE reports this one */
	KeLowerIrql(old);
	code = MmLockPagableCodeSection((PVOID)DriverEntry);	/* left locked: noted at unload */
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
