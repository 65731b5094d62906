/*
 * ntt_rtl: counted strings and their conversions (ANSI, OEM, UTF-8),
 * numbers, GUIDs and times as text and fields, the version, memory
 * routines, DbgPrint's NT formats, the current stack's limits.
 */
#define NTTEST_NAME "ntt_rtl"
#include <ntifs.h>
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

static BOOLEAN WideIs(PCUNICODE_STRING s, PCWSTR expect)
{
	UNICODE_STRING e;

	RtlInitUnicodeString(&e, expect);
	return s->Length == e.Length && RtlEqualMemory(s->Buffer, expect, e.Length);
}

static VOID CheckConversions(VOID)
{
	ANSI_STRING a = RTL_CONSTANT_STRING("Hello\x80\xe9");
	ANSI_STRING out;
	UNICODE_STRING u, w = RTL_CONSTANT_STRING(L"Gr\u00fc\u00dfe \u20ac \u0416");
	WCHAR wbuf[8];
	CHAR abuf[4];
	NTSTATUS status;

	NTTEST("ansi_to_unicode_size", RtlAnsiStringToUnicodeSize(&a) == 16 &&
	       RtlxAnsiStringToUnicodeSize(&a) == 16);
	NTTEST("unicode_to_ansi_size", RtlUnicodeStringToAnsiSize(&w) == 10);
	status = RtlAnsiStringToUnicodeString(&u, &a, TRUE);
	NTTEST("ansi_to_unicode_allocates", status == STATUS_SUCCESS && u.Length == 14 &&
	       u.MaximumLength == 16 && u.Buffer[7] == 0);
	NTTEST("ansi_to_unicode_code_page_1252",
	       NT_SUCCESS(status) && WideIs(&u, L"Hello\u20ac\u00e9"));
	if (NT_SUCCESS(status))
		RtlFreeUnicodeString(&u);
	NTTEST("free_unicode_clears", u.Buffer == NULL && u.Length == 0 && u.MaximumLength == 0);

	u.Buffer = wbuf;
	u.MaximumLength = sizeof(wbuf);
	u.Length = 0;
	NTTEST("ansi_to_unicode_exact_fit", RtlAnsiStringToUnicodeString(&u, &a, FALSE) ==
	       STATUS_SUCCESS && u.Length == 14 && wbuf[7] == 0);
	u.MaximumLength = 14;
	u.Length = 2;
	wbuf[0] = L'#';
	NTTEST("ansi_to_unicode_no_room_for_nul",
	       RtlAnsiStringToUnicodeString(&u, &a, FALSE) == STATUS_BUFFER_OVERFLOW &&
	       wbuf[0] == L'#' && u.Length == 2);

	status = RtlUnicodeStringToAnsiString(&out, &w, TRUE);
	NTTEST("unicode_to_ansi_allocates", status == STATUS_SUCCESS && out.Length == 9 &&
	       out.MaximumLength == 10 && out.Buffer[9] == 0);
	NTTEST("unicode_to_ansi_unmapped_is_question_mark", NT_SUCCESS(status) &&
	       RtlEqualMemory(out.Buffer, "Gr\xfc\xdf" "e \x80 ?", 9));
	if (NT_SUCCESS(status))
		RtlFreeAnsiString(&out);
	NTTEST("free_ansi_clears", out.Buffer == NULL && out.MaximumLength == 0);
	out.Buffer = abuf;
	out.MaximumLength = sizeof(abuf);
	NTTEST("unicode_to_ansi_truncates_terminated",
	       RtlUnicodeStringToAnsiString(&out, &w, FALSE) == STATUS_BUFFER_OVERFLOW &&
	       out.Length == 3 && RtlEqualMemory(abuf, "Gr\xfc", 4));
	out.MaximumLength = 0;
	abuf[0] = '#';
	NTTEST("unicode_to_ansi_empty_buffer", RtlUnicodeStringToAnsiString(&out, &w, FALSE) ==
	       STATUS_BUFFER_OVERFLOW && abuf[0] == '#');
}

static VOID CheckUtf8(VOID)
{
	/* "aé€" then U+1F600 (a surrogate pair in UTF-16). */
	static const CHAR utf8[] = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	static const WCHAR wide[] = { L'a', 0xe9, 0x20ac, 0xd83d, 0xde00 };
	WCHAR w[8];
	CHAR c[16];
	ULONG n = 0;

	NTTEST("utf8_to_unicode", RtlUTF8ToUnicodeN(w, sizeof(w), &n, utf8, 10) ==
	       STATUS_SUCCESS && n == 10 && RtlEqualMemory(w, wide, 10));
	NTTEST("utf8_to_unicode_size", RtlUTF8ToUnicodeN(NULL, 0, &n, utf8, 10) ==
	       STATUS_SUCCESS && n == 10);
	NTTEST("utf8_to_unicode_too_small", RtlUTF8ToUnicodeN(w, 8, &n, utf8, 10) ==
	       STATUS_BUFFER_TOO_SMALL && n == 6);
	/* An overlong '/', a UTF-8 surrogate, a cut-short euro sign. */
	NTTEST("utf8_to_unicode_bad_sequences",
	       RtlUTF8ToUnicodeN(w, sizeof(w), &n, "\xc0\xaf" "\xed\xa0\x80" "x\xe2\x82", 8) ==
	       STATUS_SOME_NOT_MAPPED && n == 14 && w[0] == 0xfffd && w[1] == 0xfffd &&
	       w[2] == 0xfffd && w[3] == 0xfffd && w[4] == 0xfffd && w[5] == L'x' &&
	       w[6] == 0xfffd);
	NTTEST("utf8_bad_parameters", RtlUTF8ToUnicodeN(NULL, 0, NULL, utf8, 1) ==
	       STATUS_INVALID_PARAMETER && RtlUTF8ToUnicodeN(w, 8, &n, NULL, 1) ==
	       STATUS_INVALID_PARAMETER_4);
	NTTEST("unicode_to_utf8", RtlUnicodeToUTF8N(c, sizeof(c), &n, wide, sizeof(wide)) ==
	       STATUS_SUCCESS && n == 10 && RtlEqualMemory(c, utf8, 10));
	NTTEST("unicode_to_utf8_too_small", RtlUnicodeToUTF8N(c, 7, &n, wide, sizeof(wide)) ==
	       STATUS_BUFFER_TOO_SMALL && n == 6);
	NTTEST("unicode_to_utf8_half_pair", RtlUnicodeToUTF8N(c, sizeof(c), &n, &wide[3], 2) ==
	       STATUS_SOME_NOT_MAPPED && n == 3 && RtlEqualMemory(c, "\xef\xbf\xbd", 3));
	NTTEST("unicode_to_utf8_odd_length", RtlUnicodeToUTF8N(c, sizeof(c), &n, wide, 3) ==
	       STATUS_INVALID_PARAMETER_5);
}

/* Code page 437, NT's OEM code page on English systems. */
static VOID CheckOem(VOID)
{
	OEM_STRING o = RTL_CONSTANT_STRING("\x81" "ber \x9c");
	UNICODE_STRING w = RTL_CONSTANT_STRING(L"Gr\u00fc\u00dfe \u20ac");
	UNICODE_STRING plain = RTL_CONSTANT_STRING(L"abcd");
	UNICODE_STRING u = { 0 };
	OEM_STRING out = { 0 };
	CHAR buf[4] = { 'x', 'x', 'x', 'x' };
	WCHAR wbuf[2];
	NTSTATUS status;
	ULONG n;

	status = RtlOemStringToUnicodeString(&u, &o, TRUE);
	NTTEST("oem_to_unicode", status == STATUS_SUCCESS && u.Length == 12 &&
	       u.MaximumLength == 14 && u.Buffer[0] == 0xfc && u.Buffer[5] == 0xa3 &&
	       u.Buffer[6] == 0);
	RtlFreeUnicodeString(&u);
	status = RtlOemStringToCountedUnicodeString(&u, &o, TRUE);
	NTTEST("oem_to_counted_unicode", status == STATUS_SUCCESS && u.Length == 12 &&
	       u.MaximumLength == 12 && u.Buffer[1] == L'b');
	RtlFreeUnicodeString(&u);
	status = RtlUnicodeStringToOemString(&out, &w, TRUE);
	NTTEST("unicode_to_oem_unmapped_is_question_mark", status == STATUS_SUCCESS &&
	       out.Length == 7 && out.MaximumLength == 8 &&
	       RtlEqualMemory(out.Buffer, "Gr\x81\xe1" "e ?", 8));
	RtlFreeOemString(&out);
	NTTEST("free_oem_clears", out.Buffer == NULL && out.Length == 0);
	status = RtlUpcaseUnicodeStringToOemString(&out, &w, TRUE);
	NTTEST("upcase_unicode_to_oem", status == STATUS_SUCCESS &&
	       RtlEqualMemory(out.Buffer, "GR\x9a\xe1" "E ?", 8));
	RtlFreeOemString(&out);
	/* Unlike the ANSI conversion, a short destination is not written. */
	out.Buffer = buf;
	out.Length = 0;
	out.MaximumLength = sizeof(buf);
	NTTEST("unicode_to_oem_too_small_untouched",
	       RtlUnicodeStringToOemString(&out, &plain, FALSE) == STATUS_BUFFER_OVERFLOW &&
	       out.Length == 0 && buf[0] == 'x' && buf[3] == 'x');
	NTTEST("unicode_to_counted_oem_exact_fit",
	       RtlUnicodeStringToCountedOemString(&out, &plain, FALSE) == STATUS_SUCCESS &&
	       out.Length == 4 && RtlEqualMemory(buf, "abcd", 4));
	out.Buffer = NULL;
	NTTEST("counted_oem_unmappable", RtlUnicodeStringToCountedOemString(&out, &w, TRUE) ==
	       STATUS_UNMAPPABLE_CHARACTER && out.Buffer == NULL);
	NTTEST("upcase_counted_oem_unmappable",
	       RtlUpcaseUnicodeStringToCountedOemString(&out, &w, TRUE) ==
	       STATUS_UNMAPPABLE_CHARACTER && out.Buffer == NULL);
	status = RtlUpcaseUnicodeStringToCountedOemString(&out, &plain, TRUE);
	NTTEST("upcase_counted_oem", status == STATUS_SUCCESS && out.Length == 4 &&
	       out.MaximumLength == 4 && RtlEqualMemory(out.Buffer, "ABCD", 4));
	RtlFreeOemString(&out);
	NTTEST("oem_sizes", RtlOemStringToUnicodeSize(&o) == 14 &&
	       RtlUnicodeStringToOemSize(&w) == 8 && RtlOemStringToCountedUnicodeSize(&o) == 12);
	NTTEST("unicode_to_oem_n_overflow", RtlUnicodeToOemN(buf, 2, &n, L"\u00e9bc", 6) ==
	       STATUS_BUFFER_OVERFLOW && n == 2 && buf[0] == '\x82' && buf[1] == 'b');
	NTTEST("upcase_unicode_to_oem_n", RtlUpcaseUnicodeToOemN(buf, 4, &n, L"\u00e9bc", 6) ==
	       STATUS_SUCCESS && n == 3 && RtlEqualMemory(buf, "\x90" "BC", 3));
	NTTEST("oem_to_unicode_n_overflow", RtlOemToUnicodeN(wbuf, 4, &n, "\xe1xy", 3) ==
	       STATUS_BUFFER_OVERFLOW && n == 4 && wbuf[0] == 0xdf && wbuf[1] == L'x');
	NTTEST("upcase_unicode_to_multibyte_n",
	       RtlUpcaseUnicodeToMultiByteN(buf, 4, &n, L"\u00e9!", 4) == STATUS_SUCCESS &&
	       n == 2 && buf[0] == '\xc9' && buf[1] == '!');
	NTTEST("single_byte_code_pages", !NLS_MB_CODE_PAGE_TAG && !NLS_MB_OEM_CODE_PAGE_TAG);
}

static VOID CheckUtf8Strings(VOID)
{
	static const WCHAR wide[] = { L'a', 0xe9, 0x20ac, 0xd83d, 0xde00, 0xd800 };
	UNICODE_STRING w = { 10, 10, (PWSTR)wide };
	UNICODE_STRING half = { 12, 12, (PWSTR)wide };
	UTF8_STRING s = { 0 }, src;
	UNICODE_STRING u = { 0 };
	CHAR buf[6];
	WCHAR wbuf[4];
	NTSTATUS status;

	status = RtlUnicodeStringToUTF8String(&s, &w, TRUE);
	NTTEST("unicode_string_to_utf8", status == STATUS_SUCCESS && s.Length == 10 &&
	       s.MaximumLength == 11 && s.Buffer[10] == 0 &&
	       RtlEqualMemory(s.Buffer, "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 10));
	src = s;
	status = RtlUTF8StringToUnicodeString(&u, &src, TRUE);
	NTTEST("utf8_string_to_unicode", status == STATUS_SUCCESS && u.Length == 10 &&
	       u.MaximumLength == 12 && RtlEqualMemory(u.Buffer, wide, 10) && u.Buffer[5] == 0);
	RtlFreeUnicodeString(&u);
	/* Whole characters only: "a\u00e9" fits six bytes with the NUL, the euro does not. */
	s.Buffer = buf;
	s.MaximumLength = sizeof(buf);
	NTTEST("unicode_string_to_utf8_truncates",
	       RtlUnicodeStringToUTF8String(&s, &w, FALSE) == STATUS_BUFFER_OVERFLOW &&
	       s.Length == 3 && buf[3] == 0);
	u.Buffer = wbuf;
	u.MaximumLength = sizeof(wbuf);
	NTTEST("utf8_string_to_unicode_truncates",
	       RtlUTF8StringToUnicodeString(&u, &src, FALSE) == STATUS_BUFFER_OVERFLOW &&
	       u.Length == 6 && wbuf[2] == 0x20ac && wbuf[3] == 0);
	s.MaximumLength = 0;
	NTTEST("unicode_string_to_utf8_no_room", RtlUnicodeStringToUTF8String(&s, &w, FALSE) ==
	       STATUS_BUFFER_OVERFLOW);
	s.Buffer = NULL;
	status = RtlUnicodeStringToUTF8String(&s, &half, TRUE);
	NTTEST("unicode_string_to_utf8_half_pair", status == STATUS_SOME_NOT_MAPPED &&
	       s.Length == 13 && RtlEqualMemory(s.Buffer + 10, "\xef\xbf\xbd", 3));
	RtlFreeUTF8String(&s);
	NTTEST("free_utf8_clears", s.Buffer == NULL && s.MaximumLength == 0);
	RtlInitUTF8String(&s, "\xc3\xa9t\xc3\xa9");
	NTTEST("init_utf8", s.Length == 5 && s.MaximumLength == 6);
	RtlFreeUTF8String(&src);
	src.Buffer = "x\xc0\xaf";
	src.Length = 3;
	src.MaximumLength = 4;
	u.Buffer = NULL;
	status = RtlUTF8StringToUnicodeString(&u, &src, TRUE);
	NTTEST("utf8_string_bad_sequence", status == STATUS_SOME_NOT_MAPPED && u.Length == 6 &&
	       u.Buffer[1] == 0xfffd && u.Buffer[2] == 0xfffd);
	RtlFreeUnicodeString(&u);
}

/* The stack a routine runs on: a thread's, and a DPC's. */
struct stack_probe {
	KEVENT done;
	BOOLEAN inside;
};

static __declspec(noinline) ULONG_PTR DeeperRemaining(volatile UCHAR *pad)
{
	pad[0] = 1;
	return IoGetRemainingStackSize();
}

static BOOLEAN InsideLimits(VOID)
{
	ULONG_PTR low, high, here = (ULONG_PTR)&low;

	IoGetStackLimits(&low, &high);
	return low < here && here < high && (ULONG_PTR)IoGetInitialStack() == high &&
	       IoGetRemainingStackSize() < high - low;
}

/*
 * A DPC may run on the interrupt stack, whose limits are the page in use:
 * never the thread's, never more room than there is.
 */
static VOID StackDpc(PKDPC Dpc, PVOID Context, PVOID Arg1, PVOID Arg2)
{
	struct stack_probe *probe = Context;
	ULONG_PTR low, high, left;

	IoGetStackLimits(&low, &high);
	left = IoGetRemainingStackSize();
	probe->inside = low < (ULONG_PTR)&low && low < high && left > 0 && left < high - low &&
			(ULONG_PTR)IoGetInitialStack() <= high;
	KeSetEvent(&probe->done, IO_NO_INCREMENT, FALSE);
}

/* Not on the stack: the DPC's owner returns as soon as it signals. */
static struct stack_probe probe;
static KDPC StackProbeDpc;

static VOID CheckStack(VOID)
{
	volatile UCHAR pad[512];
	ULONG_PTR low, high, here;
	KIRQL old;

	IoGetStackLimits(&low, &high);
	NTTEST("stack_limits_hold_this_frame", InsideLimits() && high - low >= 8192);
	here = IoGetRemainingStackSize();
	NTTEST("stack_deeper_call_has_less", DeeperRemaining(pad) < here);
	KeRaiseIrql(DISPATCH_LEVEL, &old);
	NTTEST("stack_limits_at_dispatch", InsideLimits());
	KeLowerIrql(old);
	KeInitializeEvent(&probe.done, NotificationEvent, FALSE);
	probe.inside = FALSE;
	KeInitializeDpc(&StackProbeDpc, StackDpc, &probe);
	KeInsertQueueDpc(&StackProbeDpc, NULL, NULL);
	KeWaitForSingleObject(&probe.done, Executive, KernelMode, FALSE, NULL);
	NTTEST("stack_limits_in_dpc", probe.inside);
}

static VOID CheckAppendCompare(VOID)
{
	WCHAR buf[8];
	CHAR cbuf[6];
	UNICODE_STRING d = { 0, sizeof(buf), buf };
	UNICODE_STRING x = RTL_CONSTANT_STRING(L"abc"), y = RTL_CONSTANT_STRING(L"abd");
	UNICODE_STRING X = RTL_CONSTANT_STRING(L"ABC"), ab = RTL_CONSTANT_STRING(L"ab");
	UNICODE_STRING pre = RTL_CONSTANT_STRING(L"\\Device\\");
	UNICODE_STRING dev = RTL_CONSTANT_STRING(L"\\DEVICE\\Foo");
	UNICODE_STRING e1 = RTL_CONSTANT_STRING(L"\u00c9t\u00e9"), e2 = RTL_CONSTANT_STRING(L"\u00e9T\u00c9");
	STRING c = { 0, sizeof(cbuf), cbuf };
	STRING s1 = RTL_CONSTANT_STRING("Hello"), s2 = RTL_CONSTANT_STRING("HELLO!");
	STRING he = RTL_CONSTANT_STRING("hel");

	NTTEST("append_unicode_terminates", RtlAppendUnicodeToString(&d, L"abc") ==
	       STATUS_SUCCESS && d.Length == 6 && buf[3] == 0);
	NTTEST("append_unicode_string_fills", RtlAppendUnicodeStringToString(&d, &X) ==
	       STATUS_SUCCESS && d.Length == 12 && WideIs(&d, L"abcABC"));
	NTTEST("append_unicode_full_no_nul", RtlAppendUnicodeToString(&d, L"de") ==
	       STATUS_SUCCESS && d.Length == 16);
	NTTEST("append_unicode_too_small", RtlAppendUnicodeToString(&d, L"x") ==
	       STATUS_BUFFER_TOO_SMALL && d.Length == 16);
	NTTEST("append_unicode_null_source", RtlAppendUnicodeToString(&d, NULL) == STATUS_SUCCESS);
	NTTEST("append_string", RtlAppendStringToString(&c, &s1) == STATUS_SUCCESS &&
	       c.Length == 5 && RtlEqualMemory(cbuf, "Hello", 5));
	NTTEST("append_string_too_small", RtlAppendStringToString(&c, &s1) ==
	       STATUS_BUFFER_TOO_SMALL && c.Length == 5);

	NTTEST("compare_unicode_less", RtlCompareUnicodeString(&x, &y, FALSE) < 0);
	NTTEST("compare_unicode_greater", RtlCompareUnicodeString(&y, &x, TRUE) > 0);
	NTTEST("compare_unicode_case", RtlCompareUnicodeString(&X, &x, FALSE) < 0 &&
	       RtlCompareUnicodeString(&X, &x, TRUE) == 0);
	NTTEST("compare_unicode_shorter_first", RtlCompareUnicodeString(&ab, &x, FALSE) < 0);
	NTTEST("compare_unicode_strings", RtlCompareUnicodeStrings(L"abc", 3, L"ABD", 3, TRUE) < 0 &&
	       RtlCompareUnicodeStrings(L"abc", 2, L"abd", 2, FALSE) == 0);
	NTTEST("equal_unicode_latin1_case", RtlEqualUnicodeString(&e1, &e2, TRUE) &&
	       !RtlEqualUnicodeString(&e1, &e2, FALSE));
	NTTEST("prefix_unicode", RtlPrefixUnicodeString(&pre, &dev, TRUE) &&
	       !RtlPrefixUnicodeString(&pre, &dev, FALSE) && !RtlPrefixUnicodeString(&dev, &pre, TRUE));
	NTTEST("compare_string", RtlCompareString(&s1, &s2, TRUE) < 0 &&
	       RtlCompareString(&s1, &s2, FALSE) > 0);
	NTTEST("equal_string", !RtlEqualString(&s1, &s2, TRUE) && RtlEqualString(&s1, &s1, FALSE));
	NTTEST("prefix_string", RtlPrefixString(&he, &s2, TRUE) && !RtlPrefixString(&he, &s2, FALSE));
}

static VOID CheckCase(VOID)
{
	UNICODE_STRING src = RTL_CONSTANT_STRING(L"stra\u00dfe \u00e9\u00ff \u0436\u03c9\u0101");
	UNICODE_STRING up, small;
	WCHAR buf[4];
	STRING a = RTL_CONSTANT_STRING("mixed \xe9!");
	CHAR abuf[16];
	STRING au = { 0, sizeof(abuf), abuf };
	NTSTATUS status;

	NTTEST("upcase_char", RtlUpcaseUnicodeChar(L'q') == L'Q' &&
	       RtlUpcaseUnicodeChar(0xe9) == 0xc9 && RtlUpcaseUnicodeChar(0x3c9) == 0x3a9 &&
	       RtlUpcaseUnicodeChar(L'7') == L'7');
	NTTEST("downcase_char", RtlDowncaseUnicodeChar(L'Q') == L'q' &&
	       RtlDowncaseUnicodeChar(0x178) == 0xff && RtlDowncaseUnicodeChar(0x416) == 0x436);
	NTTEST("upper_char_code_page", RtlUpperChar('z') == 'Z' && RtlUpperChar('\xe9') == '\xc9' &&
	       RtlUpperChar('\xff') == '\x9f' && RtlUpperChar('\xb5') == '\xb5');
	status = RtlUpcaseUnicodeString(&up, &src, TRUE);
	NTTEST("upcase_string_allocates", status == STATUS_SUCCESS &&
	       up.MaximumLength == src.Length &&
	       WideIs(&up, L"STRA\u00dfE \u00c9\u0178 \u0416\u03a9\u0100"));
	if (NT_SUCCESS(status)) {
		status = RtlDowncaseUnicodeString(&up, &up, FALSE);
		NTTEST("downcase_string_in_place", status == STATUS_SUCCESS &&
		       RtlEqualUnicodeString(&up, &src, FALSE));
		RtlFreeUnicodeString(&up);
	}
	small.Buffer = buf;
	small.MaximumLength = sizeof(buf);
	small.Length = 0;
	NTTEST("upcase_string_overflow", RtlUpcaseUnicodeString(&small, &src, FALSE) ==
	       STATUS_BUFFER_OVERFLOW && small.Length == 0);
	RtlUpperString(&au, &a);
	NTTEST("upper_string", au.Length == 8 && RtlEqualMemory(abuf, "MIXED \xc9!", 8));
}

static VOID CheckCreate(VOID)
{
	UNICODE_STRING u = { 0 }, d, empty = { 0, 0, NULL };
	UNICODE_STRING src = RTL_CONSTANT_STRING(L"dup");
	ANSI_STRING a;
	CHAR cbuf[3];
	STRING c = { 0, sizeof(cbuf), cbuf }, hello = RTL_CONSTANT_STRING("hello");
	NTSTATUS status;
	PWCHAR big;
	ULONG i;

	NTTEST("create_unicode", RtlCreateUnicodeString(&u, L"made") && u.Length == 8 &&
	       u.MaximumLength == 10 && u.Buffer[4] == 0 && WideIs(&u, L"made"));
	if (u.Buffer)
		RtlFreeUnicodeString(&u);
	status = RtlDuplicateUnicodeString(RTL_DUPLICATE_UNICODE_STRING_NULL_TERMINATE, &src, &d);
	NTTEST("duplicate_terminated", status == STATUS_SUCCESS && d.Length == 6 &&
	       d.MaximumLength == 8 && d.Buffer != src.Buffer && d.Buffer[3] == 0);
	if (NT_SUCCESS(status))
		RtlFreeUnicodeString(&d);
	status = RtlDuplicateUnicodeString(0, &src, &d);
	NTTEST("duplicate_exact", status == STATUS_SUCCESS && d.MaximumLength == 6 &&
	       WideIs(&d, L"dup"));
	if (NT_SUCCESS(status))
		RtlFreeUnicodeString(&d);
	NTTEST("duplicate_empty_is_null", RtlDuplicateUnicodeString(1, &empty, &d) ==
	       STATUS_SUCCESS && d.Buffer == NULL && d.MaximumLength == 0);
	status = RtlDuplicateUnicodeString(3, &empty, &d);
	NTTEST("duplicate_empty_allocated", status == STATUS_SUCCESS && d.Buffer != NULL &&
	       d.Length == 0 && d.MaximumLength == 2 && d.Buffer[0] == 0);
	if (NT_SUCCESS(status))
		RtlFreeUnicodeString(&d);
	NTTEST("duplicate_bad_flags", RtlDuplicateUnicodeString(2, &src, &d) ==
	       STATUS_INVALID_PARAMETER && RtlDuplicateUnicodeString(4, &src, &d) ==
	       STATUS_INVALID_PARAMETER);
	NTTEST("init_unicode_ex", RtlInitUnicodeStringEx(&u, L"ex") == STATUS_SUCCESS &&
	       u.Length == 4 && u.MaximumLength == 6);
	NTTEST("init_ansi_ex", RtlInitAnsiStringEx(&a, "ex") == STATUS_SUCCESS && a.Length == 2 &&
	       a.MaximumLength == 3 && RtlInitAnsiStringEx(&a, NULL) == STATUS_SUCCESS &&
	       a.Length == 0 && a.Buffer == NULL);
	/* Past 64 KiB: RtlInit*String cuts, RtlInit*StringEx refuses. */
	big = ExAllocatePoolWithTag(NonPagedPool, 40001 * sizeof(WCHAR), 'gnoL');
	if (big) {
		RtlFillMemory(big, 70000, 'a');
		((PCHAR)big)[70000] = 0;
		RtlInitAnsiString(&a, (PCSZ)big);
		NTTEST("init_ansi_long_cut", a.Length == 65534 && a.MaximumLength == 65535);
		NTTEST("init_ansi_ex_long_refused", RtlInitAnsiStringEx(&a, (PCSZ)big) ==
		       STATUS_NAME_TOO_LONG && a.Length == 0 && a.MaximumLength == 0);
		for (i = 0; i < 40000; i++)
			big[i] = L'w';
		big[40000] = 0;
		RtlInitUnicodeString(&u, big);
		NTTEST("init_unicode_long_cut", u.Length == 65532 && u.MaximumLength == 65534);
		NTTEST("init_unicode_ex_long_refused", RtlInitUnicodeStringEx(&u, big) ==
		       STATUS_NAME_TOO_LONG && u.Length == 0 && u.MaximumLength == 0);
		ExFreePoolWithTag(big, 'gnoL');
	}
	RtlCopyString(&c, &hello);
	NTTEST("copy_string_truncates", c.Length == 3 && RtlEqualMemory(cbuf, "hel", 3));
}

static VOID CheckNumbers(VOID)
{
	WCHAR buf[12];
	UNICODE_STRING u = { 0, sizeof(buf), buf };
	UNICODE_STRING s;
	ULONG v = 77;
	CHAR c[12];

	NTTEST("integer_to_unicode_decimal", RtlIntegerToUnicodeString(1234, 0, &u) ==
	       STATUS_SUCCESS && WideIs(&u, L"1234") && buf[4] == 0);
	NTTEST("integer_to_unicode_max", RtlIntegerToUnicodeString(0xffffffff, 10, &u) ==
	       STATUS_SUCCESS && WideIs(&u, L"4294967295"));
	NTTEST("integer_to_unicode_hex_upper", RtlIntegerToUnicodeString(0xbeef, 16, &u) ==
	       STATUS_SUCCESS && WideIs(&u, L"BEEF"));
	NTTEST("integer_to_unicode_binary_octal", RtlIntegerToUnicodeString(5, 2, &u) ==
	       STATUS_SUCCESS && WideIs(&u, L"101") &&
	       RtlIntegerToUnicodeString(8, 8, &u) == STATUS_SUCCESS && WideIs(&u, L"10"));
	NTTEST("integer_to_unicode_bad_base", RtlIntegerToUnicodeString(5, 7, &u) ==
	       STATUS_INVALID_PARAMETER);
	u.MaximumLength = 8;
	NTTEST("integer_to_unicode_needs_nul_room", RtlIntegerToUnicodeString(1234, 10, &u) ==
	       STATUS_BUFFER_OVERFLOW);
	u.MaximumLength = sizeof(buf);
	NTTEST("int64_to_unicode", RtlInt64ToUnicodeString(0x123456789abULL, 16, &u) ==
	       STATUS_SUCCESS && WideIs(&u, L"123456789AB"));

	RtlInitUnicodeString(&s, L"123");
	NTTEST("string_to_integer", RtlUnicodeStringToInteger(&s, 10, &v) == STATUS_SUCCESS &&
	       v == 123);
	RtlInitUnicodeString(&s, L"-345");
	NTTEST("string_to_integer_negative", RtlUnicodeStringToInteger(&s, 10, &v) ==
	       STATUS_SUCCESS && (LONG)v == -345);
	RtlInitUnicodeString(&s, L"xyz");
	NTTEST("string_to_integer_no_digits", RtlUnicodeStringToInteger(&s, 10, &v) ==
	       STATUS_SUCCESS && v == 0);
	RtlInitUnicodeString(&s, L"+678abc");
	NTTEST("string_to_integer_stops_at_non_digit",
	       RtlUnicodeStringToInteger(&s, 10, &v) == STATUS_SUCCESS && v == 678 &&
	       RtlUnicodeStringToInteger(&s, 16, &v) == STATUS_SUCCESS && v == 0x678abc);
	RtlInitUnicodeString(&s, L" \t 0x1F");
	NTTEST("string_to_integer_prefix_hex", RtlUnicodeStringToInteger(&s, 0, &v) ==
	       STATUS_SUCCESS && v == 31);
	RtlInitUnicodeString(&s, L"0b101");
	NTTEST("string_to_integer_prefix_binary", RtlUnicodeStringToInteger(&s, 0, &v) ==
	       STATUS_SUCCESS && v == 5);
	RtlInitUnicodeString(&s, L"0o17");
	NTTEST("string_to_integer_prefix_octal", RtlUnicodeStringToInteger(&s, 0, &v) ==
	       STATUS_SUCCESS && v == 15);
	RtlInitUnicodeString(&s, L"4294967296");
	NTTEST("string_to_integer_wraps", RtlUnicodeStringToInteger(&s, 10, &v) ==
	       STATUS_SUCCESS && v == 0);
	NTTEST("string_to_integer_bad_base", RtlUnicodeStringToInteger(&s, 3, &v) ==
	       STATUS_INVALID_PARAMETER);
	RtlInitUnicodeString(&s, L"");
	NTTEST("string_to_integer_empty", RtlUnicodeStringToInteger(&s, 10, &v) ==
	       STATUS_INVALID_PARAMETER);
	NTTEST("char_to_integer", RtlCharToInteger("  -0x10", 0, &v) == STATUS_SUCCESS &&
	       (LONG)v == -16 && RtlCharToInteger("777", 8, &v) == STATUS_SUCCESS && v == 511);
	RtlFillMemory(c, sizeof(c), '#');
	NTTEST("integer_to_char_exact_no_nul", RtlIntegerToChar(255, 16, 2, c) == STATUS_SUCCESS &&
	       c[0] == 'F' && c[1] == 'F' && c[2] == '#');
	NTTEST("integer_to_char_terminates", RtlIntegerToChar(255, 10, sizeof(c), c) ==
	       STATUS_SUCCESS && c[3] == 0 && c[0] == '2');
	NTTEST("integer_to_char_overflow", RtlIntegerToChar(1000, 10, 3, c) == STATUS_BUFFER_OVERFLOW);
}

/* {6B29FC40-CA47-1067-B31D-00DD010662DA}, the GUID the RFC takes as its example. */
static const GUID NtTestGuid = { 0x6b29fc40, 0xca47, 0x1067,
				 { 0xb3, 0x1d, 0x00, 0xdd, 0x01, 0x06, 0x62, 0xda } };

static VOID CheckGuid(VOID)
{
	UNICODE_STRING s, t;
	GUID g;
	NTSTATUS status;

	status = RtlStringFromGUID(&NtTestGuid, &s);
	NTTEST("string_from_guid", status == STATUS_SUCCESS && s.Length == 76 &&
	       s.MaximumLength == 78 && s.Buffer[38] == 0 &&
	       WideIs(&s, L"{6B29FC40-CA47-1067-B31D-00DD010662DA}"));
	if (NT_SUCCESS(status)) {
		RtlZeroMemory(&g, sizeof(g));
		NTTEST("guid_from_string_round_trip", RtlGUIDFromString(&s, &g) == STATUS_SUCCESS &&
		       IsEqualGUID(&g, &NtTestGuid));
		RtlFreeUnicodeString(&s);
	}
	RtlInitUnicodeString(&t, L"{6b29fc40-ca47-1067-b31d-00dd010662da}");
	NTTEST("guid_from_string_lower_case", RtlGUIDFromString(&t, &g) == STATUS_SUCCESS &&
	       IsEqualGUID(&g, &NtTestGuid));
	RtlInitUnicodeString(&t, L"6b29fc40-ca47-1067-b31d-00dd010662da");
	NTTEST("guid_from_string_needs_braces", RtlGUIDFromString(&t, &g) ==
	       STATUS_INVALID_PARAMETER);
	RtlInitUnicodeString(&t, L"{6b29fc40-ca47-1067-b31d-00dd010662dg}");
	NTTEST("guid_from_string_bad_digit", RtlGUIDFromString(&t, &g) == STATUS_INVALID_PARAMETER);
}

#define NTT_EPOCH_1970	116444736000000000LL

static BOOLEAN FieldsAre(const TIME_FIELDS *f, int y, int mo, int d, int h, int mi, int s,
			 int ms, int wd)
{
	return f->Year == y && f->Month == mo && f->Day == d && f->Hour == h &&
	       f->Minute == mi && f->Second == s && f->Milliseconds == ms && f->Weekday == wd;
}

static VOID CheckTime(VOID)
{
	LARGE_INTEGER t, back, local;
	TIME_FIELDS f;
	ULONG secs, bad = 0;
	LONGLONG day;

	t.QuadPart = 0;
	RtlTimeToTimeFields(&t, &f);
	NTTEST("time_fields_1601_monday", FieldsAre(&f, 1601, 1, 1, 0, 0, 0, 0, 1));
	t.QuadPart = NTT_EPOCH_1970;
	RtlTimeToTimeFields(&t, &f);
	NTTEST("time_fields_1970_thursday", FieldsAre(&f, 1970, 1, 1, 0, 0, 0, 0, 4));
	/* 2000-02-29 12:34:56.789 UTC is 951827696 seconds after 1970. */
	t.QuadPart = 951827696LL * 10000000 + NTT_EPOCH_1970 + 7890000;
	RtlTimeToTimeFields(&t, &f);
	NTTEST("time_fields_leap_day", FieldsAre(&f, 2000, 2, 29, 12, 34, 56, 789, 2));
	NTTEST("fields_to_time", RtlTimeFieldsToTime(&f, &back) && back.QuadPart == t.QuadPart);
	f.Year = 2100;
	NTTEST("fields_to_time_2100_not_leap", !RtlTimeFieldsToTime(&f, &back) &&
	       back.QuadPart == t.QuadPart);
	f.Year = 2000;
	f.Day = 30;
	NTTEST("fields_to_time_bad_day", !RtlTimeFieldsToTime(&f, &back));
	f.Day = 1;
	f.Hour = 24;
	NTTEST("fields_to_time_bad_hour", !RtlTimeFieldsToTime(&f, &back));
	f.Hour = 0;
	f.Year = 1600;
	NTTEST("fields_to_time_before_1601", !RtlTimeFieldsToTime(&f, &back));

	/* Every 37th day for 800 years: fields and back, weekdays in step. */
	for (day = 0; day < 800 * 366; day += 37) {
		t.QuadPart = day * 864000000000LL + 45296789LL * 10000;
		RtlTimeToTimeFields(&t, &f);
		if (!RtlTimeFieldsToTime(&f, &back) || back.QuadPart != t.QuadPart ||
		    f.Weekday != (day + 1) % 7 || f.Hour != 12 || f.Minute != 34 ||
		    f.Second != 56 || f.Milliseconds != 789)
			bad++;
	}
	NTTEST("time_fields_round_trip_800_years", bad == 0);

	t.QuadPart = NTT_EPOCH_1970 + 10 * 10000000LL + 5;
	NTTEST("seconds_since_1970", RtlTimeToSecondsSince1970(&t, &secs) && secs == 10);
	t.QuadPart = NTT_EPOCH_1970 - 1;
	NTTEST("seconds_since_1970_before", !RtlTimeToSecondsSince1970(&t, &secs));
	t.QuadPart = NTT_EPOCH_1970 + 0x100000000LL * 10000000;
	NTTEST("seconds_since_1970_past_ulong", !RtlTimeToSecondsSince1970(&t, &secs));
	RtlSecondsSince1970ToTime(951827696, &t);
	NTTEST("seconds_1970_to_time", t.QuadPart == 951827696LL * 10000000 + NTT_EPOCH_1970);
	RtlSecondsSince1980ToTime(86400 + 3600, &t);
	RtlTimeToTimeFields(&t, &f);
	NTTEST("seconds_1980_to_time", FieldsAre(&f, 1980, 1, 2, 1, 0, 0, 0, 3) &&
	       RtlTimeToSecondsSince1980(&t, &secs) && secs == 86400 + 3600);

	KeQuerySystemTime(&t);
	ExSystemTimeToLocalTime(&t, &local);
	ExLocalTimeToSystemTime(&local, &back);
	NTTEST("local_time_whole_minutes_round_trip", back.QuadPart == t.QuadPart &&
	       (t.QuadPart - local.QuadPart) % 600000000 == 0);
}

static VOID CheckVersion(VOID)
{
	RTL_OSVERSIONINFOEXW v;
	RTL_OSVERSIONINFOW small;
	ULONG major = 0, minor = 9, build = 0;
	WCHAR csd[4] = { L'x' };
	UNICODE_STRING sp = { 2, sizeof(csd), csd };

	RtlZeroMemory(&v, sizeof(v));
	v.dwOSVersionInfoSize = sizeof(v);
	NTTEST("get_version_ex", RtlGetVersion((PRTL_OSVERSIONINFOW)&v) == STATUS_SUCCESS &&
	       v.dwMajorVersion == 10 && v.dwMinorVersion == 0 && v.dwBuildNumber == 19041 &&
	       v.dwPlatformId == VER_PLATFORM_WIN32_NT && v.wProductType == VER_NT_WORKSTATION &&
	       v.szCSDVersion[0] == 0);
	small.dwOSVersionInfoSize = 8;
	NTTEST("get_version_bad_size", RtlGetVersion(&small) == STATUS_INVALID_PARAMETER);
	NTTEST("ps_get_version_free_build", PsGetVersion(&major, &minor, &build, &sp) == FALSE &&
	       major == v.dwMajorVersion && minor == v.dwMinorVersion &&
	       build == v.dwBuildNumber && sp.Length == 0 && csd[0] == 0);
	NTTEST("ddi_version_available", RtlIsNtDdiVersionAvailable(NTDDI_WIN7) &&
	       RtlIsNtDdiVersionAvailable(NTDDI_WIN10_VB) &&
	       !RtlIsNtDdiVersionAvailable(NTDDI_WIN10_NI));
	NTTEST("service_pack_installed", RtlIsServicePackVersionInstalled(NTDDI_WIN10) &&
	       !RtlIsServicePackVersionInstalled(NTDDI_WIN7));
#if NTDDI_VERSION >= NTDDI_WIN10_VB && _WIN32_WINNT == _WIN32_WINNT_WIN10
	NTTEST("builds_for_windows_10", TRUE);
#else
	NTTEST("builds_for_windows_10", FALSE);
#endif
}

static VOID CheckBitmap(VOID)
{
	ULONG buf[3], start = 99;
	RTL_BITMAP bm;
	RTL_BITMAP_RUN runs[3];

	RtlInitializeBitMap(&bm, buf, 70);
	RtlSetAllBits(&bm);
	NTTEST("bitmap_set_all_whole_ulongs", buf[2] == 0xffffffff &&
	       RtlNumberOfSetBits(&bm) == 70 && RtlNumberOfClearBits(&bm) == 0);
	RtlClearAllBits(&bm);
	NTTEST("bitmap_clear_all", buf[2] == 0 && RtlNumberOfClearBits(&bm) == 70);
	RtlSetBits(&bm, 3, 5);
	RtlSetBit(&bm, 40);
	NTTEST("bitmap_set_bits", buf[0] == 0xf8 && buf[1] == 0x100 && RtlTestBit(&bm, 40) &&
	       RtlCheckBit(&bm, 40) && !RtlTestBit(&bm, 41) && RtlNumberOfSetBits(&bm) == 6);
	NTTEST("bitmap_are_bits", RtlAreBitsSet(&bm, 3, 5) && !RtlAreBitsSet(&bm, 2, 5) &&
	       RtlAreBitsClear(&bm, 41, 29) && !RtlAreBitsClear(&bm, 41, 30) &&
	       !RtlAreBitsClear(&bm, 0, 0));
	NTTEST("bitmap_find_clear", RtlFindClearBits(&bm, 3, 0) == 0 &&
	       RtlFindClearBits(&bm, 4, 0) == 8 && RtlFindClearBits(&bm, 4, 41) == 41);
	NTTEST("bitmap_find_clear_wraps", RtlFindClearBits(&bm, 30, 45) == 8);
	NTTEST("bitmap_find_clear_none", RtlFindClearBits(&bm, 40, 0) == 0xffffffff &&
	       RtlFindClearBits(&bm, 71, 0) == 0xffffffff);
	NTTEST("bitmap_find_set", RtlFindSetBits(&bm, 5, 10) == 3 &&
	       RtlFindSetBits(&bm, 6, 0) == 0xffffffff);
	NTTEST("bitmap_find_clear_and_set", RtlFindClearBitsAndSet(&bm, 2, 0) == 0 &&
	       buf[0] == 0xfb);
	NTTEST("bitmap_find_set_and_clear", RtlFindSetBitsAndClear(&bm, 1, 2) == 3 &&
	       buf[0] == 0xf3);
	/* Clear runs now: 2..3, 8..39, 41..69. */
	NTTEST("bitmap_first_run_clear", RtlFindFirstRunClear(&bm, &start) == 2 && start == 2);
	NTTEST("bitmap_longest_run_clear", RtlFindLongestRunClear(&bm, &start) == 32 &&
	       start == 8);
	NTTEST("bitmap_next_forward_run", RtlFindNextForwardRunClear(&bm, 9, &start) == 31 &&
	       start == 9 && RtlFindNextForwardRunClear(&bm, 40, &start) == 29 && start == 41);
	NTTEST("bitmap_last_backward_run", RtlFindLastBackwardRunClear(&bm, 40, &start) == 32 &&
	       start == 8);
	NTTEST("bitmap_longest_runs", RtlFindClearRuns(&bm, runs, 2, TRUE) == 2 &&
	       runs[0].StartingIndex == 8 && runs[0].NumberOfBits == 32 &&
	       runs[1].StartingIndex == 41 && runs[1].NumberOfBits == 29);
	NTTEST("bitmap_first_runs", RtlFindClearRuns(&bm, runs, 3, FALSE) == 3 &&
	       runs[0].StartingIndex == 2 && runs[0].NumberOfBits == 2 &&
	       runs[2].StartingIndex == 41);
	NTTEST("significant_bits", RtlFindMostSignificantBit(0x8000000000000001ULL) == 63 &&
	       RtlFindLeastSignificantBit(0x8000000000000001ULL) == 0 &&
	       RtlFindMostSignificantBit(0) == -1 && RtlFindLeastSignificantBit(0x100) == 8);
	RtlSetBits(&bm, 68, 5);
	NTTEST("bitmap_range_past_end_refused", RtlAreBitsClear(&bm, 68, 2) && buf[2] == 0);
}

/* Each is one complaint (bad-argument or pool-bad-free), never a fault. */
static VOID CheckMisuse(VOID)
{
	UNICODE_STRING literal;
	ANSI_STRING a = RTL_CONSTANT_STRING("x");

	RtlFreeUnicodeString(NULL);
	NTTEST("ansi_to_unicode_null_refused", RtlAnsiStringToUnicodeString(NULL, &a, TRUE) ==
	       STATUS_INVALID_PARAMETER);
	RtlInitUnicodeString(&literal, L"not from pool");
	RtlFreeUnicodeString(&literal);
	NTTEST("free_unicode_of_literal_cleared", literal.Buffer == NULL && literal.Length == 0);
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
	CheckConversions();
	CheckUtf8();
	CheckOem();
	CheckUtf8Strings();
	CheckAppendCompare();
	CheckCase();
	CheckCreate();
	CheckNumbers();
	CheckGuid();
	CheckTime();
	CheckVersion();
	CheckBitmap();
	CheckMisuse();
	CheckMemory();
	CheckDbgPrint();
	CheckAssert();
	CheckStack();
	DriverObject->DriverUnload = NtTestUnload;
	return NtTestEntryDone();
}
