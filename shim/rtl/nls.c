// SPDX-License-Identifier: GPL-2.0
/*
 * Run-time library: national language support.  The ANSI code page is
 * 1252 (Western European) and the OEM code page 437 (the PC's), NT's on
 * English systems; characters a code page lacks become '?', without NT's
 * best-fit guesses.  Case
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

/* Code page 437's upper half. */
static const u16 cp437_high[128] = {
	0x00c7, 0x00fc, 0x00e9, 0x00e2, 0x00e4, 0x00e0, 0x00e5, 0x00e7,
	0x00ea, 0x00eb, 0x00e8, 0x00ef, 0x00ee, 0x00ec, 0x00c4, 0x00c5,
	0x00c9, 0x00e6, 0x00c6, 0x00f4, 0x00f6, 0x00f2, 0x00fb, 0x00f9,
	0x00ff, 0x00d6, 0x00dc, 0x00a2, 0x00a3, 0x00a5, 0x20a7, 0x0192,
	0x00e1, 0x00ed, 0x00f3, 0x00fa, 0x00f1, 0x00d1, 0x00aa, 0x00ba,
	0x00bf, 0x2310, 0x00ac, 0x00bd, 0x00bc, 0x00a1, 0x00ab, 0x00bb,
	0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
	0x2555, 0x2563, 0x2551, 0x2557, 0x255d, 0x255c, 0x255b, 0x2510,
	0x2514, 0x2534, 0x252c, 0x251c, 0x2500, 0x253c, 0x255e, 0x255f,
	0x255a, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256c, 0x2567,
	0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256b,
	0x256a, 0x2518, 0x250c, 0x2588, 0x2584, 0x258c, 0x2590, 0x2580,
	0x03b1, 0x00df, 0x0393, 0x03c0, 0x03a3, 0x03c3, 0x00b5, 0x03c4,
	0x03a6, 0x0398, 0x03a9, 0x03b4, 0x221e, 0x03c6, 0x03b5, 0x2229,
	0x2261, 0x00b1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00f7, 0x2248,
	0x00b0, 0x2219, 0x00b7, 0x221a, 0x207f, 0x00b2, 0x25a0, 0x00a0,
};

/* The byte at 0x80 + the character's place in a table of a code page's upper half. */
static UCHAR code_page_high(const u16 *table, unsigned int size, WCHAR c)
{
	unsigned int i;

	for (i = 0; i < size; i++)
		if (table[i] == c)
			return 0x80 + i;
	return '?';
}

WCHAR ntshim_oem_to_wchar(UCHAR c)
{
	return c >= 0x80 ? cp437_high[c - 0x80] : c;
}

UCHAR ntshim_wchar_to_oem(WCHAR c)
{
	return c < 0x80 ? c : code_page_high(cp437_high, ARRAY_SIZE(cp437_high), c);
}

WCHAR ntshim_ansi_to_wchar(UCHAR c)
{
	return (c >= 0x80 && c < 0xa0) ? cp1252_high[c - 0x80] : c;
}

UCHAR ntshim_wchar_to_ansi(WCHAR c)
{
	if (c < 0x80 || (c >= 0xa0 && c <= 0xff))
		return c;
	return code_page_high(cp1252_high, ARRAY_SIZE(cp1252_high), c);
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

/* n characters of a single-byte code page, each way (upcased first when asked). */
void ntshim_code_page_to_wide(WCHAR *out, const CHAR *in, ULONG n, WCHAR (*map)(UCHAR))
{
	ULONG i;

	for (i = 0; i < n; i++)
		out[i] = map(in[i]);
}

void ntshim_wide_to_code_page(CHAR *out, const WCHAR *in, ULONG n, UCHAR (*map)(WCHAR),
			      bool upcase)
{
	ULONG i;

	for (i = 0; i < n; i++)
		out[i] = map(upcase ? ntshim_upcase(in[i]) : in[i]);
}

NTSTATUS NTAPI RtlMultiByteToUnicodeN(PWCH UnicodeString, ULONG MaxBytesInUnicodeString,
				      PULONG BytesInUnicodeString,
				      const CHAR *MultiByteString,
				      ULONG BytesInMultiByteString)
{
	ULONG n = min(MaxBytesInUnicodeString / (ULONG)sizeof(WCHAR), BytesInMultiByteString);

	ntshim_code_page_to_wide(UnicodeString, MultiByteString, n, ntshim_ansi_to_wchar);
	if (BytesInUnicodeString)
		*BytesInUnicodeString = n * sizeof(WCHAR);
	return STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlMultiByteToUnicodeN);

static ULONG to_single_byte(PCHAR out, ULONG max, PCWCH in, ULONG in_bytes,
			    UCHAR (*map)(WCHAR), bool upcase)
{
	ULONG n = min(max, in_bytes / (ULONG)sizeof(WCHAR));

	ntshim_wide_to_code_page(out, in, n, map, upcase);
	return n;
}

/* The ANSI N routines succeed however short the destination. */
static NTSTATUS to_ansi_n(PCHAR MultiByteString, ULONG MaxBytesInMultiByteString,
			  PULONG BytesInMultiByteString, PCWCH UnicodeString,
			  ULONG BytesInUnicodeString, bool upcase)
{
	ULONG n = to_single_byte(MultiByteString, MaxBytesInMultiByteString, UnicodeString,
				 BytesInUnicodeString, ntshim_wchar_to_ansi, upcase);

	if (BytesInMultiByteString)
		*BytesInMultiByteString = n;
	return STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeToMultiByteN(PCHAR MultiByteString, ULONG MaxBytesInMultiByteString,
				      PULONG BytesInMultiByteString,
				      PCWCH UnicodeString, ULONG BytesInUnicodeString)
{
	return to_ansi_n(MultiByteString, MaxBytesInMultiByteString, BytesInMultiByteString,
			 UnicodeString, BytesInUnicodeString, false);
}
NTSHIM_EXPORT(RtlUnicodeToMultiByteN);

NTSTATUS NTAPI RtlUpcaseUnicodeToMultiByteN(PCHAR MultiByteString,
					    ULONG MaxBytesInMultiByteString,
					    PULONG BytesInMultiByteString,
					    PCWCH UnicodeString, ULONG BytesInUnicodeString)
{
	return to_ansi_n(MultiByteString, MaxBytesInMultiByteString, BytesInMultiByteString,
			 UnicodeString, BytesInUnicodeString, true);
}
NTSHIM_EXPORT(RtlUpcaseUnicodeToMultiByteN);

/* The OEM N routines say when the destination cut the string short. */
NTSTATUS NTAPI RtlOemToUnicodeN(PWCH UnicodeString, ULONG MaxBytesInUnicodeString,
				PULONG BytesInUnicodeString, PCCH OemString,
				ULONG BytesInOemString)
{
	ULONG n = min(MaxBytesInUnicodeString / (ULONG)sizeof(WCHAR), BytesInOemString);

	ntshim_code_page_to_wide(UnicodeString, OemString, n, ntshim_oem_to_wchar);
	if (BytesInUnicodeString)
		*BytesInUnicodeString = n * sizeof(WCHAR);
	return n < BytesInOemString ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlOemToUnicodeN);

static NTSTATUS to_oem_n(PCHAR OemString, ULONG MaxBytesInOemString, PULONG BytesInOemString,
			 PCWCH UnicodeString, ULONG BytesInUnicodeString, bool upcase)
{
	ULONG n = to_single_byte(OemString, MaxBytesInOemString, UnicodeString,
				 BytesInUnicodeString, ntshim_wchar_to_oem, upcase);

	if (BytesInOemString)
		*BytesInOemString = n;
	return n < BytesInUnicodeString / sizeof(WCHAR) ? STATUS_BUFFER_OVERFLOW : STATUS_SUCCESS;
}

NTSTATUS NTAPI RtlUnicodeToOemN(PCHAR OemString, ULONG MaxBytesInOemString,
				PULONG BytesInOemString, PCWCH UnicodeString,
				ULONG BytesInUnicodeString)
{
	return to_oem_n(OemString, MaxBytesInOemString, BytesInOemString, UnicodeString,
			BytesInUnicodeString, false);
}
NTSHIM_EXPORT(RtlUnicodeToOemN);

NTSTATUS NTAPI RtlUpcaseUnicodeToOemN(PCHAR OemString, ULONG MaxBytesInOemString,
				      PULONG BytesInOemString, PCWCH UnicodeString,
				      ULONG BytesInUnicodeString)
{
	return to_oem_n(OemString, MaxBytesInOemString, BytesInOemString, UnicodeString,
			BytesInUnicodeString, true);
}
NTSHIM_EXPORT(RtlUpcaseUnicodeToOemN);

/* Code pages 1252 and 437 are single-byte: no lead bytes to look for. */
static BOOLEAN single_byte_code_page;
PBOOLEAN NlsMbCodePageTag = &single_byte_code_page;
NTSHIM_EXPORT(NlsMbCodePageTag);
PBOOLEAN NlsMbOemCodePageTag = &single_byte_code_page;
NTSHIM_EXPORT(NlsMbOemCodePageTag);

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

/*
 * UTF-8 to UTF-16 into dst (max bytes; NULL only counts): the bytes it
 * takes, whole characters only.  *small when dst ran out, *bad when a
 * sequence became U+FFFD.
 */
ULONG ntshim_utf8_to_utf16(WCHAR *dst, ULONG max, const char *src, ULONG n,
			   bool *small, bool *bad)
{
	const u8 *s = (const u8 *)src;
	ULONG i = 0, out = 0, used, units;
	u32 c;

	while (i < n) {
		c = utf8_decode(s + i, n - i, &used, bad);
		units = c >= 0x10000 ? 2 : 1;
		if (dst) {
			if (out + units * sizeof(WCHAR) > max) {
				*small = true;
				break;
			}
			if (units == 2) {
				dst[out / 2] = 0xd800 + ((c - 0x10000) >> 10);
				dst[out / 2 + 1] = 0xdc00 + ((c - 0x10000) & 0x3ff);
			} else {
				dst[out / 2] = c;
			}
		}
		out += units * sizeof(WCHAR);
		i += used;
	}
	return out;
}

/* The other way: n UTF-16 units; half a surrogate pair becomes U+FFFD. */
ULONG ntshim_utf16_to_utf8(char *dst, ULONG max, const WCHAR *src, ULONG n,
			   bool *small, bool *bad)
{
	ULONG i = 0, out = 0, len, k;
	u8 b[4];
	u32 c;

	while (i < n) {
		c = src[i++];
		if (c >= 0xd800 && c <= 0xdbff && i < n &&
		    src[i] >= 0xdc00 && src[i] <= 0xdfff) {
			c = 0x10000 + ((c - 0xd800) << 10) + (src[i++] - 0xdc00);
		} else if (c >= 0xd800 && c <= 0xdfff) {
			c = REPLACEMENT_CHAR;
			*bad = true;
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
		if (dst) {
			if (out + len > max) {
				*small = true;
				break;
			}
			for (k = 0; k < len; k++)
				dst[out + k] = b[k];
		}
		out += len;
	}
	return out;
}

NTSTATUS NTAPI RtlUTF8ToUnicodeN(PWSTR UnicodeStringDestination, ULONG UnicodeStringMaxByteCount,
				 PULONG UnicodeStringActualByteCount, PCCH UTF8StringSource,
				 ULONG UTF8StringByteCount)
{
	bool bad = false, small = false;
	ULONG out;

	if (!UnicodeStringDestination && !UnicodeStringActualByteCount)
		return STATUS_INVALID_PARAMETER;
	if (!UTF8StringSource)
		return STATUS_INVALID_PARAMETER_4;
	out = ntshim_utf8_to_utf16(UnicodeStringDestination, UnicodeStringMaxByteCount,
				   UTF8StringSource, UTF8StringByteCount, &small, &bad);
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
	bool bad = false, small = false;
	ULONG out;

	if (!UTF8StringDestination && !UTF8StringActualByteCount)
		return STATUS_INVALID_PARAMETER;
	if (!UnicodeStringSource)
		return STATUS_INVALID_PARAMETER_4;
	if (UnicodeStringByteCount % sizeof(WCHAR))
		return STATUS_INVALID_PARAMETER_5;
	out = ntshim_utf16_to_utf8(UTF8StringDestination, UTF8StringMaxByteCount,
				   UnicodeStringSource, UnicodeStringByteCount / sizeof(WCHAR),
				   &small, &bad);
	if (UTF8StringActualByteCount)
		*UTF8StringActualByteCount = out;
	if (small)
		return STATUS_BUFFER_TOO_SMALL;
	return bad ? STATUS_SOME_NOT_MAPPED : STATUS_SUCCESS;
}
NTSHIM_EXPORT(RtlUnicodeToUTF8N);
