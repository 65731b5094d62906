// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time library: GUIDs as text, "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}".
 */
#include "rtl.h"
#include "../ex/ex.h"
#include <linux/kernel.h>

#define GUID_CHARS	38
#define RTL_GUID_TAG	0x53647547	/* "GudS" */

/* The bytes of a GUID in the order the text shows them. */
static void guid_bytes(const GUID *g, u8 b[16])
{
	int i;

	for (i = 0; i < 4; i++)
		b[i] = g->Data1 >> (24 - 8 * i);
	b[4] = g->Data2 >> 8;
	b[5] = g->Data2;
	b[6] = g->Data3 >> 8;
	b[7] = g->Data3;
	memcpy(b + 8, g->Data4, 8);
}

/* Where each byte's two digits start in the text. */
static const u8 guid_pos[16] = { 1, 3, 5, 7, 10, 12, 15, 17, 20, 22, 25, 27, 29, 31, 33, 35 };

NTSTATUS NTAPI RtlStringFromGUID(const GUID *Guid, PUNICODE_STRING GuidString)
{
	const void *caller = (void *)_RET_IP_;
	size_t bytes = (GUID_CHARS + 1) * sizeof(WCHAR);
	PWSTR buf;
	u8 b[16];
	int i;

	if (!Guid || !GuidString) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "RtlStringFromGUID: NULL argument");
		return STATUS_INVALID_PARAMETER;
	}
	buf = ntshim_pool_alloc(PagedPool, bytes, RTL_GUID_TAG, caller);
	if (!buf)
		return STATUS_NO_MEMORY;
	guid_bytes(Guid, b);
	for (i = 0; i < GUID_CHARS; i++)
		buf[i] = '-';
	buf[0] = '{';
	buf[GUID_CHARS - 1] = '}';
	buf[GUID_CHARS] = UNICODE_NULL;
	for (i = 0; i < 16; i++) {
		buf[guid_pos[i]] = hex_asc_upper_hi(b[i]);
		buf[guid_pos[i] + 1] = hex_asc_upper_lo(b[i]);
	}
	GuidString->Buffer = buf;
	GuidString->Length = GUID_CHARS * sizeof(WCHAR);
	GuidString->MaximumLength = bytes;
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlStringFromGUID);

/* The kernel's hex_to_bin, for the wide characters it can be. */
static int hex_value(WCHAR c)
{
	return c < 0x80 ? hex_to_bin(c) : -1;
}

/* The braces, dashes and every digit must be where the format puts them. */
NTSTATUS NTAPI RtlGUIDFromString(PCUNICODE_STRING GuidString, GUID *Guid)
{
	const WCHAR *s;
	u8 b[16];
	int i;

	if (!GuidString || !Guid || GuidString->Length != GUID_CHARS * sizeof(WCHAR))
		return STATUS_INVALID_PARAMETER;
	s = GuidString->Buffer;
	if (s[0] != '{' || s[9] != '-' || s[14] != '-' || s[19] != '-' || s[24] != '-' ||
	    s[GUID_CHARS - 1] != '}')
		return STATUS_INVALID_PARAMETER;
	for (i = 0; i < 16; i++) {
		int hi = hex_value(s[guid_pos[i]]), lo = hex_value(s[guid_pos[i] + 1]);

		if (hi < 0 || lo < 0)
			return STATUS_INVALID_PARAMETER;
		b[i] = hi << 4 | lo;
	}
	Guid->Data1 = (ULONG)b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
	Guid->Data2 = b[4] << 8 | b[5];
	Guid->Data3 = b[6] << 8 | b[7];
	memcpy(Guid->Data4, b + 8, 8);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlGUIDFromString);
