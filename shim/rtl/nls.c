// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time library: national language support.  The ANSI code page is
 * 1252 (Western European), NT's on English and most European systems;
 * characters it lacks become '?', without NT's best-fit guesses.  Case
 * mapping covers Latin-1, Latin Extended-A, Greek, Cyrillic and the
 * fullwidth Latin letters; other scripts have no case here.
 */
#include "rtl.h"

/* Code page 1252's 0x80-0x9f; the five undefined bytes stand for themselves. */
static const u16 cp1252_high[32] = {
	0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
};

WCHAR ntshim_ansi_to_wchar(UCHAR c)
{
	return (c >= 0x80 && c < 0xa0) ? cp1252_high[c - 0x80] : c;
}

UCHAR ntshim_wchar_to_ansi(WCHAR c)
{
	unsigned int i;

	if (c < 0x80 || (c >= 0xa0 && c <= 0xff))
		return c;
	for (i = 0; i < ARRAY_SIZE(cp1252_high); i++)
		if (cp1252_high[i] == c)
			return 0x80 + i;
	return '?';
}

/* Latin Extended-A pairs: in these runs the lower case letter is the odd one. */
static bool latin_a_odd_lower(WCHAR c)
{
	return (c >= 0x100 && c <= 0x12f) || (c >= 0x132 && c <= 0x137) ||
	       (c >= 0x14a && c <= 0x177);
}

static bool latin_a_even_lower(WCHAR c)
{
	return (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e);
}

/* Cyrillic's paired letters above the basic alphabet, lower case odd... */
static bool cyrillic_odd_lower(WCHAR c)
{
	return (c >= 0x460 && c <= 0x481) || (c >= 0x48a && c <= 0x4bf) ||
	       (c >= 0x4d0 && c <= 0x52f);
}

/* ...except in this run, where it is even. */
static bool cyrillic_even_lower(WCHAR c)
{
	return c >= 0x4c1 && c <= 0x4ce;
}

WCHAR ntshim_upcase(WCHAR c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') ? c - 0x20 : c;
	if ((c >= 0xe0 && c <= 0xfe && c != 0xf7) || (c >= 0x3b1 && c <= 0x3cb && c != 0x3c2) ||
	    (c >= 0x430 && c <= 0x44f) || (c >= 0xff41 && c <= 0xff5a))
		return c - 0x20;
	if (c >= 0x450 && c <= 0x45f)
		return c - 0x50;
	if ((latin_a_odd_lower(c) || cyrillic_odd_lower(c)) && (c & 1))
		return c - 1;
	if ((latin_a_even_lower(c) || cyrillic_even_lower(c)) && !(c & 1))
		return c - 1;
	switch (c) {
	case 0xb5:	return 0x39c;
	case 0xff:	return 0x178;
	case 0x131:	return 'I';
	case 0x17f:	return 'S';
	case 0x3c2:	return 0x3a3;
	case 0x3ac:	return 0x386;
	case 0x3ad:	return 0x388;
	case 0x3ae:	return 0x389;
	case 0x3af:	return 0x38a;
	case 0x3cc:	return 0x38c;
	case 0x3cd:	return 0x38e;
	case 0x3ce:	return 0x38f;
	case 0x4cf:	return 0x4c0;
	}
	return c;
}

WCHAR ntshim_downcase(WCHAR c)
{
	if (c < 0x80)
		return (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
	if ((c >= 0xc0 && c <= 0xde && c != 0xd7) ||
	    (c >= 0x391 && c <= 0x3ab && c != 0x3a2) ||
	    (c >= 0x410 && c <= 0x42f) || (c >= 0xff21 && c <= 0xff3a))
		return c + 0x20;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	if ((latin_a_odd_lower(c) || cyrillic_odd_lower(c)) && !(c & 1))
		return c + 1;
	if ((latin_a_even_lower(c + 1) || cyrillic_even_lower(c + 1)) && (c & 1))
		return c + 1;
	switch (c) {
	case 0x178:	return 0xff;
	case 0x386:	return 0x3ac;
	case 0x388:	return 0x3ad;
	case 0x389:	return 0x3ae;
	case 0x38a:	return 0x3af;
	case 0x38c:	return 0x3cc;
	case 0x38e:	return 0x3cd;
	case 0x38f:	return 0x3ce;
	case 0x4c0:	return 0x4cf;
	}
	return c;
}

WCHAR NTAPI RtlUpcaseUnicodeChar(WCHAR SourceCharacter)
{
	return ntshim_upcase(SourceCharacter);
}
NTSHIM_EXPORT(RtlUpcaseUnicodeChar);

WCHAR NTAPI RtlDowncaseUnicodeChar(WCHAR SourceCharacter)
{
	return ntshim_downcase(SourceCharacter);
}
NTSHIM_EXPORT(RtlDowncaseUnicodeChar);

/* Through Unicode, as NT does: 'e' with an acute accent becomes its capital. */
CHAR ntshim_upper_char(CHAR c)
{
	WCHAR u = ntshim_upcase(ntshim_ansi_to_wchar((UCHAR)c));
	UCHAR back = ntshim_wchar_to_ansi(u);

	return (back == '?' && u != '?') ? c : (CHAR)back;
}

CHAR NTAPI RtlUpperChar(CHAR Character)
{
	return ntshim_upper_char(Character);
}
NTSHIM_EXPORT(RtlUpperChar);

NTSTATUS NTAPI RtlMultiByteToUnicodeN(PWCH UnicodeString, ULONG MaxBytesInUnicodeString,
				      PULONG BytesInUnicodeString,
				      const CHAR *MultiByteString,
				      ULONG BytesInMultiByteString)
{
	ULONG i, n = min(MaxBytesInUnicodeString / (ULONG)sizeof(WCHAR),
			 BytesInMultiByteString);

	for (i = 0; i < n; i++)
		UnicodeString[i] = ntshim_ansi_to_wchar(MultiByteString[i]);
	if (BytesInUnicodeString)
		*BytesInUnicodeString = n * sizeof(WCHAR);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlMultiByteToUnicodeN);

NTSTATUS NTAPI RtlUnicodeToMultiByteN(PCHAR MultiByteString, ULONG MaxBytesInMultiByteString,
				      PULONG BytesInMultiByteString,
				      PCWCH UnicodeString, ULONG BytesInUnicodeString)
{
	ULONG i, n = min(MaxBytesInMultiByteString,
			 BytesInUnicodeString / (ULONG)sizeof(WCHAR));

	for (i = 0; i < n; i++)
		MultiByteString[i] = ntshim_wchar_to_ansi(UnicodeString[i]);
	if (BytesInMultiByteString)
		*BytesInMultiByteString = n;
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlUnicodeToMultiByteN);

/* A single-byte code page: one character, one byte. */
NTSTATUS NTAPI RtlMultiByteToUnicodeSize(PULONG BytesInUnicodeString,
					 const CHAR *MultiByteString,
					 ULONG BytesInMultiByteString)
{
	*BytesInUnicodeString = BytesInMultiByteString * sizeof(WCHAR);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlMultiByteToUnicodeSize);

NTSTATUS NTAPI RtlUnicodeToMultiByteSize(PULONG BytesInMultiByteString,
					 PCWCH UnicodeString, ULONG BytesInUnicodeString)
{
	*BytesInMultiByteString = BytesInUnicodeString / sizeof(WCHAR);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlUnicodeToMultiByteSize);

#define REPLACEMENT_CHAR	0xfffd

/*
 * One character from UTF-8 at s (n bytes left): its code point, and how
 * many bytes it took.  A bad sequence (overlong, a surrogate, past
 * U+10FFFF, cut short) reads as U+FFFD over its longest valid start.
 */
static u32 utf8_decode(const u8 *s, ULONG n, ULONG *used, bool *bad)
{
	u8 lead = s[0], lo = 0x80, hi = 0xbf;
	ULONG len, i;
	u32 c;

	*used = 1;
	if (lead < 0x80)
		return lead;
	if (lead >= 0xc2 && lead <= 0xdf) {
		len = 2;
		c = lead & 0x1f;
	} else if (lead >= 0xe0 && lead <= 0xef) {
		len = 3;
		c = lead & 0x0f;
	} else if (lead >= 0xf0 && lead <= 0xf4) {
		len = 4;
		c = lead & 0x07;
	} else {
		goto bad;
	}
	/* The second byte's range rules out overlong forms, surrogates, past U+10FFFF. */
	if (lead == 0xe0)
		lo = 0xa0;
	else if (lead == 0xed)
		hi = 0x9f;
	else if (lead == 0xf0)
		lo = 0x90;
	else if (lead == 0xf4)
		hi = 0x8f;
	for (i = 1; i < len; i++) {
		if (i >= n || s[i] < lo || s[i] > hi)
			goto bad;
		c = c << 6 | (s[i] & 0x3f);
		lo = 0x80;
		hi = 0xbf;
		*used = i + 1;
	}
	return c;
bad:
	*bad = true;
	return REPLACEMENT_CHAR;
}

NTSTATUS NTAPI RtlUTF8ToUnicodeN(PWSTR UnicodeStringDestination, ULONG UnicodeStringMaxByteCount,
				 PULONG UnicodeStringActualByteCount, PCCH UTF8StringSource,
				 ULONG UTF8StringByteCount)
{
	const u8 *s = (const u8 *)UTF8StringSource;
	ULONG i = 0, out = 0, used, units;
	bool bad = false, small = false;
	u32 c;

	if (!UnicodeStringDestination && !UnicodeStringActualByteCount)
		return STATUS_INVALID_PARAMETER;
	if (!UTF8StringSource)
		return STATUS_INVALID_PARAMETER_4;
	while (i < UTF8StringByteCount) {
		c = utf8_decode(s + i, UTF8StringByteCount - i, &used, &bad);
		units = c >= 0x10000 ? 2 : 1;
		if (UnicodeStringDestination) {
			if (out + units * sizeof(WCHAR) > UnicodeStringMaxByteCount) {
				small = true;
				break;
			}
			if (units == 2) {
				UnicodeStringDestination[out / 2] = 0xd800 + ((c - 0x10000) >> 10);
				UnicodeStringDestination[out / 2 + 1] = 0xdc00 + ((c - 0x10000) & 0x3ff);
			} else {
				UnicodeStringDestination[out / 2] = c;
			}
		}
		out += units * sizeof(WCHAR);
		i += used;
	}
	if (UnicodeStringActualByteCount)
		*UnicodeStringActualByteCount = out;
	if (small)
		return STATUS_BUFFER_TOO_SMALL;
	return bad ? STATUS_SOME_NOT_MAPPED : STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlUTF8ToUnicodeN);

NTSTATUS NTAPI RtlUnicodeToUTF8N(PCHAR UTF8StringDestination, ULONG UTF8StringMaxByteCount,
				 PULONG UTF8StringActualByteCount, PCWCH UnicodeStringSource,
				 ULONG UnicodeStringByteCount)
{
	ULONG i = 0, n = UnicodeStringByteCount / sizeof(WCHAR), out = 0, len, k;
	bool bad = false, small = false;
	u8 b[4];
	u32 c;

	if (!UTF8StringDestination && !UTF8StringActualByteCount)
		return STATUS_INVALID_PARAMETER;
	if (!UnicodeStringSource)
		return STATUS_INVALID_PARAMETER_4;
	if (UnicodeStringByteCount % sizeof(WCHAR))
		return STATUS_INVALID_PARAMETER_5;
	while (i < n) {
		c = UnicodeStringSource[i++];
		if (c >= 0xd800 && c <= 0xdbff && i < n &&
		    UnicodeStringSource[i] >= 0xdc00 && UnicodeStringSource[i] <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (UnicodeStringSource[i++] - 0xdc00);
		} else if (c >= 0xd800 && c <= 0xdfff) {
			c = REPLACEMENT_CHAR;	/* half a pair */
			bad = true;
		}
		if (c < 0x80) {
			b[0] = c;
			len = 1;
		} else if (c < 0x800) {
			b[0] = 0xc0 | c >> 6;
			b[1] = 0x80 | (c & 0x3f);
			len = 2;
		} else if (c < 0x10000) {
			b[0] = 0xe0 | c >> 12;
			b[1] = 0x80 | ((c >> 6) & 0x3f);
			b[2] = 0x80 | (c & 0x3f);
			len = 3;
		} else {
			b[0] = 0xf0 | c >> 18;
			b[1] = 0x80 | ((c >> 12) & 0x3f);
			b[2] = 0x80 | ((c >> 6) & 0x3f);
			b[3] = 0x80 | (c & 0x3f);
			len = 4;
		}
		if (UTF8StringDestination) {
			if (out + len > UTF8StringMaxByteCount) {
				small = true;
				break;
			}
			for (k = 0; k < len; k++)
				UTF8StringDestination[out + k] = b[k];
		}
		out += len;
	}
	if (UTF8StringActualByteCount)
		*UTF8StringActualByteCount = out;
	if (small)
		return STATUS_BUFFER_TOO_SMALL;
	return bad ? STATUS_SOME_NOT_MAPPED : STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlUnicodeToUTF8N);
