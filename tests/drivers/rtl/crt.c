/*
 * ntt_crt: a driver written as real ones are: the WDK's headers in the
 * order drivers include them, the kernel C runtime checked against NT's
 * documented behaviour, a GUID defined in one file and used in another,
 * and identifiers that were macros in ntshim's headers once (ThreadObject,
 * KernelMode...) used as a driver may use them.
 */
#include <ntddk.h>
#include <wdmsec.h>
#include <ntstrsafe.h>
#include <ntintsafe.h>
#include <ntddbeep.h>
#include <ntddser.h>
#include <ntddpar.h>
#include <ntddkbd.h>
#include <ntddmou.h>
#include <ntdddisk.h>
#include <ntddscsi.h>
#include <ntddvol.h>
#include <kbdmou.h>
#include <ntddcdrm.h>
#include <ntdd8042.h>
#include <ntddtape.h>
#include <ntddmodm.h>
#include <wmilib.h>
#include <wdmguid.h>
#include <ntifs.h>
#include <dontuse.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <limits.h>
#include <stdint.h>
#include <stddef.h>
#include "crt_guid.h"

#define NTTEST_NAME "ntt_crt"
#include "nttest.h"

/* Names a driver may use for its own things. */
typedef struct _NTT_COLLIDE {
	PETHREAD ThreadObject;
	int KernelMode;
	int UserMode;
	int KeNumberProcessors;
	int EventNotificationObject;
	int TimerSynchronizationObject;
} NTT_COLLIDE;

static VOID CheckNames(VOID)
{
	NTT_COLLIDE c = { NULL, 1, 2, 3, 4, 5 };
	__declspec(align(16)) UCHAR aligned[3];
	unsigned __int64 big = 0xffffffffffffffffULL;
	int seh = 0, fin = 0, i;

	NTTEST("struct_members_named_as_nt_values",
	       !c.ThreadObject && c.KernelMode + c.UserMode + c.KeNumberProcessors == 6 &&
	       c.EventNotificationObject + c.TimerSynchronizationObject == 9);
	NTTEST("modes_are_enum_values", KernelMode == 0 && UserMode == 1);
	NTTEST("object_types_are_enum_values", ThreadObject == 6 && EventNotificationObject == 0);
	NTTEST("ke_number_processors_variable",
	       KeNumberProcessors == (CCHAR)KeQueryActiveProcessorCount(NULL) && KeNumberProcessors > 0);
	NTTEST("declspec_align", ((ULONG_PTR)aligned & 15) == 0);
	NTTEST("int64_keyword", big + 1 == 0 && sizeof(__int64) == 8);
	NTTEST("target_macros", _WIN64 && _M_AMD64 == 100 && _MSC_VER >= 1900);
	__try {
		seh = 1;
	} __except (EXCEPTION_EXECUTE_HANDLER) {
		seh = 2;
	}
	__try {
		seh++;
	} __finally {
		fin = 1;
	}
	NTTEST("seh_blocks_compile_and_run_in_order", seh == 2 && fin == 1);
	for (i = 0, seh = 0, fin = 0; i < 2; i++) {
		__try {
			if (i == 1)
				__leave;
			seh++;
			__try {
				__leave;
			} __finally {
				fin += 10;
			}
			seh += 100;
		} __finally {
			fin++;
		}
	}
	NTTEST("seh_leave_runs_finally", seh == 101 && fin == 12);
	NTTEST("llp64_and_16_bit_wchar",
	       sizeof(LONG) == 4 && sizeof(ULONG_PTR) == 8 && sizeof(wchar_t) == 2 &&
	       sizeof(L'x') == 2 && sizeof(int64_t) == 8 && INT_MAX == 2147483647);
	NTTEST("size_macros",
	       _countof(aligned) == 3 && ARRAYSIZE(aligned) == 3 &&
	       FIELD_OFFSET(UNICODE_STRING, Buffer) == 8 &&
	       RTL_FIELD_SIZE(UNICODE_STRING, Length) == 2);
	NTTEST("page_macros", PAGE_SIZE == 4096 && BYTES_TO_PAGES(4097) == 2 &&
	       ROUND_TO_PAGES(1) == 4096);
	NTTEST("access_rights", GENERIC_ALL == 0x10000000 && SYNCHRONIZE == 0x00100000 &&
	       (FILE_GENERIC_READ & FILE_READ_DATA));
	NTTEST("ctl_code", IOCTL_BEEP_SET == 0x00010000 &&
	       CTL_CODE(FILE_DEVICE_UNKNOWN, 0x800, METHOD_NEITHER, FILE_ANY_ACCESS) == 0x00222003);
	/* The values disk drivers and their programs agree on. */
	NTTEST("disk_codes", IOCTL_DISK_GET_DRIVE_GEOMETRY == 0x00070000 &&
	       IOCTL_DISK_GET_PARTITION_INFO == 0x00074004 &&
	       IOCTL_DISK_SET_PARTITION_INFO == 0x0007c008 &&
	       IOCTL_DISK_VERIFY == 0x00070014 && IOCTL_DISK_IS_WRITABLE == 0x00070024 &&
	       IOCTL_DISK_GET_LENGTH_INFO == 0x0007405c &&
	       IOCTL_DISK_GET_DRIVE_GEOMETRY_EX == 0x000700a0 &&
	       IOCTL_DISK_CHECK_VERIFY == 0x00074800 && IOCTL_DISK_MEDIA_REMOVAL == 0x00074804);
	NTTEST("storage_codes", IOCTL_STORAGE_CHECK_VERIFY == 0x002d4800 &&
	       IOCTL_STORAGE_EJECT_MEDIA == 0x002d4808 &&
	       IOCTL_STORAGE_GET_DEVICE_NUMBER == 0x002d1080 &&
	       IOCTL_STORAGE_QUERY_PROPERTY == 0x002d1400);
	NTTEST("scsi_codes", IOCTL_SCSI_PASS_THROUGH == 0x0004d004 &&
	       IOCTL_SCSI_PASS_THROUGH_DIRECT == 0x0004d014 &&
	       IOCTL_SCSI_GET_ADDRESS == 0x00041018 && IOCTL_SCSI_MINIPORT == 0x0004d008);
	NTTEST("scsi_layouts", sizeof(SCSI_PASS_THROUGH) == 56 &&
	       sizeof(SCSI_PASS_THROUGH_DIRECT) == 56 &&
	       FIELD_OFFSET(SCSI_PASS_THROUGH, DataBufferOffset) == 24 &&
	       FIELD_OFFSET(SCSI_PASS_THROUGH, Cdb) == 36 && sizeof(SCSI_ADDRESS) == 8 &&
	       sizeof(SRB_IO_CONTROL) == 28);
	NTTEST("ata_codes", IOCTL_ATA_PASS_THROUGH == 0x0004d02c &&
	       IOCTL_ATA_PASS_THROUGH_DIRECT == 0x0004d030);
	NTTEST("ata_layouts", sizeof(ATA_PASS_THROUGH_EX) == 48 &&
	       FIELD_OFFSET(ATA_PASS_THROUGH_EX, DataBufferOffset) == 24 &&
	       FIELD_OFFSET(ATA_PASS_THROUGH_EX, CurrentTaskFile) == 40 &&
	       sizeof(ATA_PASS_THROUGH_DIRECT) == 48);
	NTTEST("kbdmou_codes", IOCTL_INTERNAL_KEYBOARD_CONNECT == 0x000b0203 &&
	       IOCTL_INTERNAL_MOUSE_CONNECT == 0x000f0203 &&
	       IOCTL_INTERNAL_MOUSE_DISCONNECT == 0x000f0403 && sizeof(CONNECT_DATA) == 16);
	NTTEST("rtl_layouts", sizeof(RTL_OSVERSIONINFOW) == 276 &&
	       sizeof(RTL_OSVERSIONINFOEXW) == 284 && sizeof(TIME_FIELDS) == 16 &&
	       sizeof(RTL_BITMAP) == 16 && sizeof(EXCEPTION_RECORD) == 152 &&
	       FIELD_OFFSET(EXCEPTION_RECORD, ExceptionInformation) == 32);
	NTTEST("cdrom_codes", IOCTL_CDROM_READ_TOC == 0x00024000 &&
	       IOCTL_CDROM_RAW_READ == 0x0002403e && IOCTL_CDROM_GET_DRIVE_GEOMETRY == 0x0002404c &&
	       IOCTL_CDROM_EJECT_MEDIA == 0x00024808 && IOCTL_CDROM_DISK_TYPE == 0x00020040 &&
	       IOCTL_CDROM_GET_CONFIGURATION == 0x00024058);
	NTTEST("cdrom_layouts", sizeof(TRACK_DATA) == 8 && sizeof(CDROM_TOC) == MAXIMUM_CDROM_SIZE &&
	       sizeof(SUB_Q_CURRENT_POSITION) == 16 && sizeof(RAW_READ_INFO) == 16 &&
	       sizeof(CDROM_PLAY_AUDIO_MSF) == 6 && sizeof(CDROM_SET_SPEED) == 12);
	NTTEST("volume_codes", IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS == 0x00560000 &&
	       IOCTL_VOLUME_ONLINE == 0x0056c008 && IOCTL_VOLUME_OFFLINE == 0x0056c00c &&
	       IOCTL_VOLUME_READ_PLEX == 0x0056402e);
	NTTEST("volume_layouts", sizeof(DISK_EXTENT) == 24 && sizeof(VOLUME_DISK_EXTENTS) == 32 &&
	       FIELD_OFFSET(VOLUME_DISK_EXTENTS, Extents) == 8 && sizeof(VOLUME_NUMBER) == 20 &&
	       sizeof(VOLUME_PHYSICAL_OFFSET) == 16);
	NTTEST("i8042_codes", IOCTL_INTERNAL_I8042_HOOK_KEYBOARD == 0x000b3fc3 &&
	       IOCTL_INTERNAL_I8042_HOOK_MOUSE == 0x000f3fc3 &&
	       IOCTL_INTERNAL_I8042_KEYBOARD_START_INFORMATION == 0x000b3fcf &&
	       I8042_SYS_BUTTONS == 7 && I8042ReservedMinimum == 1000 && GotE1 == 2);
	NTTEST("i8042_layouts", sizeof(INTERNAL_I8042_HOOK_KEYBOARD) == 48 &&
	       sizeof(INTERNAL_I8042_HOOK_MOUSE) == 40 &&
	       sizeof(INTERNAL_I8042_START_INFORMATION) == 48 && sizeof(OUTPUT_PACKET) == 24);
	NTTEST("tape_codes", IOCTL_TAPE_GET_DRIVE_PARAMS == 0x001f4014 &&
	       IOCTL_TAPE_ERASE == 0x001fc000 && IOCTL_TAPE_CREATE_PARTITION == 0x001fc028 &&
	       TAPE_DRIVE_FORMAT_IMMEDIATE == 0xc0000000);
	NTTEST("tape_layouts", sizeof(TAPE_GET_DRIVE_PARAMETERS) == 32 &&
	       sizeof(TAPE_GET_MEDIA_PARAMETERS) == 32 && sizeof(TAPE_SET_POSITION) == 24 &&
	       sizeof(TAPE_WMI_OPERATIONS) == 16);
	NTTEST("modem_codes", IOCTL_MODEM_SET_DLE_MONITORING == 0x002b000c &&
	       IOCTL_SET_SERVER_STATE == 0x002b003c && MODEM_DCDSNIFF == 2);
	NTTEST("disk_layouts", sizeof(DISK_GEOMETRY) == 24 && sizeof(PARTITION_INFORMATION) == 32 &&
	       FixedMedia == 12 && RemovableMedia == 11 && BusTypeUsb == 7 &&
	       FIELD_OFFSET(STORAGE_DEVICE_DESCRIPTOR, BusType) == 28);
}

static VOID CheckGuids(VOID)
{
	static const GUID zero;
	static const GUID same = { 0x6c1e0f3a, 0x52d4, 0x4b7e,
				   { 0x9a, 0x01, 0x3c, 0x5d, 0x7e, 0x9f, 0xa2, 0xb4 } };

	NTTEST("pnp_event_guid", GUID_DEVICE_INTERFACE_ARRIVAL.Data1 == 0xcb3a4004 &&
	       GUID_TARGET_DEVICE_REMOVE_COMPLETE.Data4[7] == 0x3f);
	NTTEST("guid_defined_in_other_file", NttCrtGuidFromOtherFile() == &GUID_NTT_CRT);
	NTTEST("is_equal_guid", IsEqualGUID(&GUID_NTT_CRT, &same) &&
	       !IsEqualGUID(&GUID_NTT_CRT, &zero));
}

static VOID CheckPrintf(VOID)
{
	char b[16], p[24];
	wchar_t w[16];
	UNICODE_STRING us = RTL_CONSTANT_STRING(L"uni");
	int n;

	memset(b, 'X', sizeof(b));
	n = _snprintf(b, 8, "%s", "abc");
	NTTEST("snprintf_fits_terminated", n == 3 && !strcmp(b, "abc"));
	memset(b, 'X', sizeof(b));
	n = _snprintf(b, 3, "%s", "abc");
	NTTEST("snprintf_exact_not_terminated", n == 3 && b[2] == 'c' && b[3] == 'X');
	memset(b, 'X', sizeof(b));
	n = _snprintf(b, 3, "%d", 12345);
	NTTEST("snprintf_truncated_minus_one", n == -1 && !memcmp(b, "123X", 4));
	n = snprintf(b, 4, "%d", 12345);
	NTTEST("c99_snprintf_terminates", n == 5 && !strcmp(b, "123"));
	n = sprintf(b, "%ws|%I64d|%lu", L"wi", -5LL, 7UL);
	NTTEST("sprintf_nt_formats", n == 7 && !strcmp(b, "wi|-5|7"));
	n = sprintf(b, "%wZ|%04X|%c", &us, 0xbe, 'q');
	NTTEST("sprintf_counted_and_char", !strcmp(b, "uni|00BE|q") && n == 10);
	n = swprintf(w, L"%s-%S-%d", L"ws", "ns", 42);
	NTTEST("swprintf_wide", n == 8 && !wcscmp(w, L"ws-ns-42"));
	memset(w, 0x55, sizeof(w));
	n = _snwprintf(w, 4, L"%d", 123456);
	NTTEST("snwprintf_truncated", n == -1 && w[3] == L'4' && w[4] == 0x5555);
	n = sprintf(p, "%p", (PVOID)0x1234);
	NTTEST("sprintf_pointer_16_digits", n == 16 && !strcmp(p, "0000000000001234"));
}

static VOID CheckStrsafe(VOID)
{
	char b[8];
	wchar_t w[8];
	UNICODE_STRING us;
	WCHAR ub[6];
	size_t len;

	NTTEST("strsafe_printf_overflow_terminates",
	       RtlStringCbPrintfA(b, sizeof(b), "%s", "0123456789") == STATUS_BUFFER_OVERFLOW &&
	       !strcmp(b, "0123456"));
	NTTEST("strsafe_printf_fits",
	       RtlStringCchPrintfA(b, 8, "%d%s", 7, "x") == STATUS_SUCCESS && !strcmp(b, "7x"));
	NTTEST("strsafe_zero_size_invalid",
	       RtlStringCbPrintfA(b, 0, "x") == STATUS_INVALID_PARAMETER);
	NTTEST("strsafe_copy_w_truncates",
	       RtlStringCchCopyW(w, 4, L"abcdef") == STATUS_BUFFER_OVERFLOW && !wcscmp(w, L"abc"));
	NTTEST("strsafe_cat",
	       RtlStringCbCopyA(b, sizeof(b), "ab") == STATUS_SUCCESS &&
	       RtlStringCbCatA(b, sizeof(b), "cdefghij") == STATUS_BUFFER_OVERFLOW &&
	       !strcmp(b, "abcdefg"));
	NTTEST("strsafe_length",
	       RtlStringCchLengthA("hello", 10, &len) == STATUS_SUCCESS && len == 5 &&
	       RtlStringCchLengthA("hello", 5, &len) == STATUS_INVALID_PARAMETER);
	NTTEST("strsafe_printf_w",
	       RtlStringCbPrintfW(w, sizeof(w), L"%ws%d", L"n", 12) == STATUS_SUCCESS &&
	       !wcscmp(w, L"n12"));
	us.Buffer = ub;
	us.Length = 0;
	us.MaximumLength = sizeof(ub);
	NTTEST("unicode_string_copy_cat",
	       RtlUnicodeStringCopyString(&us, L"abc") == STATUS_SUCCESS &&
	       RtlUnicodeStringCatString(&us, L"defg") == STATUS_BUFFER_OVERFLOW &&
	       us.Length == 12 && ub[5] == L'f');
	NTTEST("unicode_string_printf",
	       RtlUnicodeStringPrintf(&us, L"%d", 42) == STATUS_SUCCESS && us.Length == 4);
}

static VOID CheckIntsafe(VOID)
{
	ULONG u;
	SIZE_T s;

	NTTEST("ulong_add_overflow",
	       RtlULongAdd(0xffffffff, 1, &u) == STATUS_INTEGER_OVERFLOW && u == ULONG_ERROR);
	NTTEST("ulong_add", RtlULongAdd(2, 3, &u) == STATUS_SUCCESS && u == 5);
	NTTEST("sizet_mult", RtlSizeTMult(3, 4, &s) == STATUS_SUCCESS && s == 12);
	NTTEST("ulonglong_to_ulong",
	       RtlULongLongToULong(0x100000000ULL, &u) == STATUS_INTEGER_OVERFLOW &&
	       RtlULongLongToULong(9, &u) == STATUS_SUCCESS && u == 9);
	NTTEST("long_to_ulong_negative", RtlLongToULong(-1, &u) == STATUS_INTEGER_OVERFLOW);
}

static int CompareInts(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static VOID CheckStdlib(VOID)
{
	int v[5] = { 5, 1, 4, 2, 3 }, key = 4;
	char b[40], *end;
	wchar_t w[8];

	NTTEST("atoi", atoi("  -42x") == -42 && atoi("") == 0);
	NTTEST("strtoul_base_0", strtoul("0x1Fz", &end, 0) == 31 && *end == 'z');
	NTTEST("strtoul_octal", strtoul("017", NULL, 0) == 15);
	NTTEST("strtol_saturates", strtol("99999999999999999999", NULL, 10) == LONG_MAX);
	NTTEST("itoa", !strcmp(_itoa(-5, b, 10), "-5") && !strcmp(_itoa(255, b, 16), "ff"));
	NTTEST("ui64toa", !strcmp(_ui64toa(18446744073709551615ULL, b, 10), "18446744073709551615"));
	NTTEST("itow", !wcscmp(_itow(12, w, 2), L"1100"));
	qsort(v, 5, sizeof(int), CompareInts);
	NTTEST("qsort", v[0] == 1 && v[4] == 5);
	NTTEST("bsearch", bsearch(&key, v, 5, sizeof(int), CompareInts) == &v[3]);
	NTTEST("abs", abs(-3) == 3 && _abs64(-4LL) == 4);
	NTTEST("ctype", isdigit('5') && !isdigit('a') && isspace('\t') && toupper('a') == 'A' &&
	       isalpha('Z') && isxdigit('f') && !isxdigit('g') && tolower('Q') == 'q');
}

static VOID CheckStrings(VOID)
{
	wchar_t w[12];
	char s[8];

	NTTEST("stricmp", _stricmp("ABC", "abc") == 0 && _stricmp("abc", "abd") < 0);
	NTTEST("strnicmp", _strnicmp("HELLOx", "helloy", 5) == 0);
	NTTEST("strupr", !strcmp(_strupr(strcpy(s, "aBc")), "ABC"));
	NTTEST("wcslen_wcscpy", wcslen(wcscpy(w, L"hello")) == 5);
	NTTEST("wcscat", !wcscmp(wcscat(w, L"!"), L"hello!"));
	NTTEST("wcsicmp", _wcsicmp(L"HeLLo!", w) == 0 && wcscmp(L"a", L"b") < 0);
	NTTEST("wcsstr_wcsrchr", wcsstr(w, L"ll") == w + 2 && wcsrchr(w, L'l') == w + 3);
	NTTEST("wcsncpy_pads", wcsncpy(w, L"ab", 4) == w && w[2] == 0 && w[3] == 0);
	NTTEST("strcpy_s_too_small", strcpy_s(s, 3, "abcd") != 0 && s[0] == 0);
	NTTEST("strcpy_s", strcpy_s(s, sizeof(s), "abc") == 0 && !strcmp(s, "abc"));
}

typedef VOID (NTAPI *NTT_COPY)(VOID *Destination, const VOID *Source, SIZE_T Length);

static VOID CheckMemoryRoutines(VOID)
{
	UCHAR b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	ULONG u[4];
	NTT_COPY copy = &RtlCopyMemory;

	RtlCopyMemory(b + 1, b, 6);
	NTTEST("copy_memory_overlapping_forward", b[1] == 1 && b[6] == 6 && b[7] == 8);
	copy(b, b + 2, 4);
	NTTEST("copy_memory_by_address", b[0] == 2 && b[3] == 5);
	RtlFillMemoryUlong(u, sizeof(u), 0xa5a5a5a5);
	u[3] = 0;
	NTTEST("fill_and_compare_ulong", u[0] == 0xa5a5a5a5 &&
	       RtlCompareMemoryUlong(u, sizeof(u), 0xa5a5a5a5) == 12);
	RtlSecureZeroMemory(u, sizeof(u));
	NTTEST("secure_zero", !u[0] && !u[2]);
	RtlZeroBytes(b, 2);
	NTTEST("zero_bytes", !b[0] && !b[1] && b[2]);
}

static VOID CheckIntrinsics(VOID)
{
	LONG v = 5, bits[2] = { 0, 0 };
	LONG64 w = 1;
	ULONG index = 99;
	PVOID p = NULL;

	NTTEST("interlocked_intrinsics",
	       _InterlockedIncrement(&v) == 6 && InterlockedExchangeAdd(&v, 4) == 6 && v == 10 &&
	       _InterlockedCompareExchange64(&w, 7, 1) == 1 && w == 7 &&
	       InterlockedCompareExchangePointer(&p, &v, NULL) == NULL && p == &v);
	{
		DECLSPEC_ALIGN(16) LONG64 pair[2] = { 1, 2 };
		LONG64 cmp[2] = { 1, 2 };
		CHAR c8 = 0x10;
		SHORT s16 = 7;

		NTTEST("interlocked_widths_and_fences",
		       InterlockedOr8(&c8, 1) == 0x10 && c8 == 0x11 &&
		       InterlockedIncrement16(&s16) == 8 && InterlockedAdd(&v, 5) == 15 &&
		       InterlockedIncrementAcquire(&v) == 16 &&
		       InterlockedCompareExchange128(pair, 20, 10, cmp) && pair[0] == 10 &&
		       pair[1] == 20 && !InterlockedCompareExchange128(pair, 0, 0, cmp) &&
		       cmp[0] == 10 && cmp[1] == 20);
	}
	NTTEST("bit_scan", _BitScanForward(&index, 0x50) && index == 4 &&
	       _BitScanReverse(&index, 0x50) && index == 6 && !_BitScanForward(&index, 0) &&
	       index == 6 && _BitScanReverse64(&index, 1ULL << 40) && index == 40);
	NTTEST("bit_test", !_bittestandset(bits, 33) && bits[1] == 2 && _bittest(bits, 33) &&
	       _bittestandreset(bits, 33) && !bits[1] && __popcnt(0xf0f0) == 8);
}

static VOID CheckSecureDevice(PDRIVER_OBJECT DriverObject)
{
	PDEVICE_OBJECT dev = NULL;
	NTSTATUS status;

	status = IoCreateDeviceSecure(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE,
				      &SDDL_DEVOBJ_SYS_ALL_ADM_ALL, &GUID_NTT_CRT, &dev);
	NTTEST("create_device_secure", NT_SUCCESS(status) && dev);
	if (dev)
		IoDeleteDevice(dev);
	status = IoCreateDeviceSecure(DriverObject, 0, NULL, FILE_DEVICE_UNKNOWN, 0, FALSE,
				      NULL, NULL, &dev);
	NTTEST("create_device_secure_needs_sddl", status == STATUS_INVALID_PARAMETER);
}

static DRIVER_UNLOAD CrtUnload;

static VOID CrtUnload(PDRIVER_OBJECT DriverObject)
{
	NtTestUnloadDone();
}

NTSTATUS DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
	CheckNames();
	CheckGuids();
	CheckPrintf();
	CheckStrsafe();
	CheckIntsafe();
	CheckStdlib();
	CheckStrings();
	CheckMemoryRoutines();
	CheckIntrinsics();
	CheckSecureDevice(DriverObject);
	DriverObject->DriverUnload = CrtUnload;
	return NtTestEntryDone();
}
