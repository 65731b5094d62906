/* ntt_rtl: counted strings, memory routines, DbgPrint's NT formats. */
#define NTTEST_NAME "ntt_rtl"
#include "nttest.h"

static VOID CheckUnicode(VOID)
{
	UNICODE_STRING a, b, c;
	UNICODE_STRING k = RTL_CONSTANT_STRING(L"\\Device\\K");
	WCHAR buf[4];

	RtlInitUnicodeString(&a, L"\\Device\\Foo");
	NTTEST("init_unicode_lengths", a.Length == 22 && a.MaximumLength == 24);
	RtlInitUnicodeString(&b, NULL);
	NTTEST("init_unicode_null", b.Length == 0 && b.MaximumLength == 0 && b.Buffer == NULL);
	RtlInitUnicodeString(&b, L"\\DEVICE\\foo");
	NTTEST("equal_case_insensitive", RtlEqualUnicodeString(&a, &b, TRUE));
	NTTEST("unequal_case_sensitive", !RtlEqualUnicodeString(&a, &b, FALSE));
	NTTEST("equal_case_sensitive", RtlEqualUnicodeString(&a, &a, FALSE));
	NTTEST("constant_string", k.Length == 18 && k.MaximumLength == 20);

	c.Buffer = buf;
	c.MaximumLength = sizeof(buf);
	c.Length = 0;
	RtlCopyUnicodeString(&c, &a);
	NTTEST("copy_unicode_truncates", c.Length == 8 && buf[0] == L'\\' && buf[3] == L'v');
	RtlInitUnicodeString(&b, L"ab");
	RtlCopyUnicodeString(&c, &b);
	NTTEST("copy_unicode_terminates", c.Length == 4 && buf[2] == 0);
	RtlCopyUnicodeString(&c, NULL);
	NTTEST("copy_unicode_null_source", c.Length == 0);
}

static VOID CheckAnsi(VOID)
{
	ANSI_STRING s;

	RtlInitAnsiString(&s, "hello");
	NTTEST("init_ansi_lengths", s.Length == 5 && s.MaximumLength == 6);
	RtlInitAnsiString(&s, NULL);
	NTTEST("init_ansi_null", s.Length == 0 && s.MaximumLength == 0 && s.Buffer == NULL);
}

static VOID CheckMemory(VOID)
{
	UCHAR x[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	UCHAR y[8] = { 1, 2, 3, 9, 5, 6, 7, 8 };
	UCHAR z[8];

	NTTEST("compare_memory_equal", RtlCompareMemory(x, x, 8) == 8);
	NTTEST("compare_memory_prefix", RtlCompareMemory(x, y, 8) == 3);
	NTTEST("compare_memory_zero_length", RtlCompareMemory(x, y, 0) == 0);
	RtlFillMemory(z, sizeof(z), 0xab);
	NTTEST("fill_memory", z[0] == 0xab && z[7] == 0xab);
	RtlZeroMemory(z, 4);
	NTTEST("zero_memory", z[3] == 0 && z[4] == 0xab);
	RtlCopyMemory(z, x, 8);
	NTTEST("copy_memory", RtlEqualMemory(z, x, 8));
	RtlMoveMemory(z + 1, z, 7);
	NTTEST("move_memory_overlapping", z[0] == 1 && z[1] == 1 && z[7] == 7);
	NTTEST("equal_memory_differs", !RtlEqualMemory(x, y, 8));
}

static VOID CheckDbgPrint(VOID)
{
	UNICODE_STRING us = RTL_CONSTANT_STRING(L"wide\u00e9");
	ANSI_STRING as = { 3, 3, "abcdef" };
	ULONG r;

	/* ntshim_test.sh compares this line with the expected rendering. */
	r = DbgPrint("nttest-fmt: %lu|%ld|%lx|%I64d|%llx|%Id|%hd|%ws|%S|%wZ|%Z|%c|%C|%s|%.2s|%-4d|%04X|%%\n",
		     0xffffffffUL, -5L, 0xdeadbeefUL, -1234567890123LL,
		     0x123456789abcdefULL, (LONG_PTR)-7, (SHORT)-2, L"ws", L"S",
		     &us, &as, 'c', L'W', "narrow", "precision", 7, 0xbeef);
	NTTEST("dbgprint_returns_success", r == STATUS_SUCCESS);
	r = DbgPrintEx(DPFLTR_IHVDRIVER_ID, DPFLTR_ERROR_LEVEL, "nttest-fmt-ex: %s %lu\n", "error", 1UL);
	NTTEST("dbgprintex_returns_success", r == STATUS_SUCCESS);
	KdPrint(("nttest-kd: checked build prints %d\n", 42));
	/* Without a newline, the next DbgPrint of the thread goes on the same line. */
	DbgPrint("nttest-cont: ");
	DbgPrint("one %s", "line");
	DbgPrint(" from three calls\n");
}

static VOID CheckAssert(VOID)
{
	BOOLEAN Ok = FALSE;

	/* A failed ASSERT logs and carries on: no debugger to break into. */
	NTTEST("assert_false_returns_false", ASSERT(1 + 1 == 3) == FALSE);
	NTTEST("assert_true_returns_true", ASSERT(1 + 1 == 2) == TRUE);
	ASSERTMSG("nttest message", Ok == FALSE);
	ASSERTMSG("nttest message", Ok);
	PAGED_CODE();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	UNREFERENCED_PARAMETER(RegistryPath);
	CheckUnicode();
	CheckAnsi();
	CheckMemory();
	CheckDbgPrint();
	CheckAssert();
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
