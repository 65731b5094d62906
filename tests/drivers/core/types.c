/* ntt_types: LLP64 types, NTSTATUS, lists, Interlocked, header macros. */
#define NTTEST_NAME "ntt_types"
#include "nttest.h"

typedef struct _ITEM {
	ULONG Value;
	LIST_ENTRY Link;
	SINGLE_LIST_ENTRY Next;
} ITEM, *PITEM;

C_ASSERT(sizeof(ULONG) == 4);

#pragma alloc_text(INIT, DriverEntry)
#pragma warning(disable : 4201)

_IRQL_requires_max_(PASSIVE_LEVEL)
_Must_inspect_result_
static NTSTATUS Annotated(_In_ ULONG In, _Out_ PULONG Out, _Inout_opt_ PVOID Ctx);

_Use_decl_annotations_
static NTSTATUS Annotated(ULONG In, PULONG Out, PVOID Ctx)
{
	UNREFERENCED_PARAMETER(Ctx);
	*Out = In + 1;
	return STATUS_SUCCESS;
}

static VOID CheckSizes(VOID)
{
	CHAR c = (CHAR)0xff;

	NTTEST("sizeof_ULONG_is_4", sizeof(ULONG) == 4);
	NTTEST("sizeof_LONG_is_4", sizeof(LONG) == 4);
	NTTEST("sizeof_ULONG_PTR_is_pointer", sizeof(ULONG_PTR) == sizeof(void *));
	NTTEST("sizeof_SIZE_T_is_pointer", sizeof(SIZE_T) == sizeof(void *));
	NTTEST("sizeof_WCHAR_is_2", sizeof(WCHAR) == 2);
	NTTEST("sizeof_USHORT_is_2", sizeof(USHORT) == 2);
	NTTEST("sizeof_LONGLONG_is_8", sizeof(LONGLONG) == 8 && sizeof(ULONG64) == 8);
	NTTEST("sizeof_BOOLEAN_is_1", sizeof(BOOLEAN) == 1 && sizeof(KIRQL) == 1);
	NTTEST("sizeof_NTSTATUS_is_4", sizeof(NTSTATUS) == 4);
	NTTEST("sizeof_LARGE_INTEGER_is_8", sizeof(LARGE_INTEGER) == 8);
	NTTEST("sizeof_KSPIN_LOCK_is_pointer", sizeof(KSPIN_LOCK) == sizeof(PVOID));
	NTTEST("CHAR_is_signed", c < 0);
	NTTEST("L_string_units_are_16_bit", sizeof(L"ab") == 6 && sizeof(L"ab"[0]) == 2);
	NTTEST("L_string_values", L"ab"[0] == 0x61 && L"ab"[1] == 0x62 && L"ab"[2] == 0);
	NTTEST("L_string_non_ascii", L"\u00e9\u20ac"[0] == 0xe9 && L"\u00e9\u20ac"[1] == 0x20ac);
}

static VOID CheckLargeInteger(VOID)
{
	LARGE_INTEGER li;

	li.QuadPart = 0x1122334455667788LL;
	NTTEST("large_integer_parts", li.LowPart == 0x55667788 && li.HighPart == 0x11223344);
	NTTEST("large_integer_u_parts", li.u.LowPart == 0x55667788 && li.u.HighPart == 0x11223344);
	li.QuadPart = -1;
	NTTEST("large_integer_high_part_signed", li.HighPart == -1 && li.LowPart == MAXULONG);
}

static VOID CheckStatus(VOID)
{
	NTTEST("nt_success_of_success", NT_SUCCESS(STATUS_SUCCESS));
	NTTEST("nt_success_of_pending", NT_SUCCESS(STATUS_PENDING));
	NTTEST("nt_success_of_informational", NT_SUCCESS(STATUS_OBJECT_NAME_EXISTS) &&
	       NT_INFORMATION(STATUS_OBJECT_NAME_EXISTS));
	NTTEST("warning_is_not_success", !NT_SUCCESS(STATUS_BUFFER_OVERFLOW) &&
	       NT_WARNING(STATUS_BUFFER_OVERFLOW));
	NTTEST("error_is_not_success", !NT_SUCCESS(STATUS_UNSUCCESSFUL) &&
	       NT_ERROR(STATUS_UNSUCCESSFUL));
	NTTEST("status_values", STATUS_INVALID_DEVICE_REQUEST == (NTSTATUS)0xC0000010 &&
	       STATUS_INSUFFICIENT_RESOURCES == (NTSTATUS)0xC000009A &&
	       STATUS_TIMEOUT == 0x102 && STATUS_PENDING == 0x103);
}

static VOID CheckLists(VOID)
{
	LIST_ENTRY head;
	SINGLE_LIST_ENTRY shead;
	ITEM items[3];
	PLIST_ENTRY e;
	ULONG i;

	InitializeListHead(&head);
	NTTEST("list_empty_after_init", IsListEmpty(&head));
	for (i = 0; i < 3; i++) {
		items[i].Value = i;
		InsertTailList(&head, &items[i].Link);
	}
	e = head.Flink;
	NTTEST("list_tail_insert_order",
	       CONTAINING_RECORD(e, ITEM, Link)->Value == 0 &&
	       CONTAINING_RECORD(e->Flink, ITEM, Link)->Value == 1 &&
	       CONTAINING_RECORD(head.Blink, ITEM, Link)->Value == 2);
	NTTEST("remove_head_list", CONTAINING_RECORD(RemoveHeadList(&head), ITEM, Link) == &items[0]);
	NTTEST("remove_tail_list", CONTAINING_RECORD(RemoveTailList(&head), ITEM, Link) == &items[2]);
	NTTEST("remove_entry_list_reports_empty", RemoveEntryList(&items[1].Link) == TRUE &&
	       IsListEmpty(&head));
	InsertHeadList(&head, &items[0].Link);
	InsertHeadList(&head, &items[1].Link);
	NTTEST("list_head_insert_order", head.Flink == &items[1].Link && head.Blink == &items[0].Link);
	NTTEST("remove_entry_list_not_empty", RemoveEntryList(&items[0].Link) == FALSE);

	shead.Next = NULL;
	PushEntryList(&shead, &items[0].Next);
	PushEntryList(&shead, &items[1].Next);
	NTTEST("single_list_lifo", PopEntryList(&shead) == &items[1].Next &&
	       PopEntryList(&shead) == &items[0].Next && PopEntryList(&shead) == NULL);
	NTTEST("field_offset", FIELD_OFFSET(ITEM, Link) == 8);
}

static VOID CheckInterlocked(VOID)
{
	volatile LONG v = 5;
	volatile LONG64 v64 = 1;
	PVOID volatile p = NULL;
	int x;

	NTTEST("interlocked_increment", InterlockedIncrement(&v) == 6 && v == 6);
	NTTEST("interlocked_decrement", InterlockedDecrement(&v) == 5);
	NTTEST("interlocked_exchange", InterlockedExchange(&v, 9) == 5 && v == 9);
	NTTEST("interlocked_exchange_add", InterlockedExchangeAdd(&v, 3) == 9 && v == 12);
	NTTEST("interlocked_compare_exchange_hit", InterlockedCompareExchange(&v, 1, 12) == 12 && v == 1);
	NTTEST("interlocked_compare_exchange_miss", InterlockedCompareExchange(&v, 7, 12) == 1 && v == 1);
	NTTEST("interlocked_64", InterlockedIncrement64(&v64) == 2 &&
	       InterlockedCompareExchange64(&v64, 0x100000000LL, 2) == 2 && v64 == 0x100000000LL);
	NTTEST("interlocked_pointer", InterlockedCompareExchangePointer(&p, &x, NULL) == NULL && p == &x &&
	       InterlockedExchangePointer(&p, NULL) == &x);
}

static VOID CheckMacros(VOID)
{
	ULONG out = 0;

	NTTEST("sal_annotated_call", NT_SUCCESS(Annotated(1, &out, NULL)) && out == 2);
	NTTEST("wdk_min_max", min(3, 4) == 3 && max(3, 4) == 4);
	NTTEST("rtl_number_of", RTL_NUMBER_OF(L"abc") == 4);
	NTTEST("ctl_code", CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_BUFFERED, FILE_ANY_ACCESS) == 0x222000);
	NTTEST("irql_values", PASSIVE_LEVEL == 0 && APC_LEVEL == 1 && DISPATCH_LEVEL == 2 &&
	       HIGH_LEVEL == 15);
	NTTEST("driver_entry_at_passive_level", KeGetCurrentIrql() == PASSIVE_LEVEL);
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	CheckSizes();
	CheckLargeInteger();
	CheckStatus();
	CheckLists();
	CheckInterlocked();
	CheckMacros();
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
