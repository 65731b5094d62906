/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtl/: the run-time library: strings, debug output, exceptions.  What other areas
 * may use of it.
 */
#ifndef NTSHIM_RTL_H
#define NTSHIM_RTL_H

#include "../core/core.h"
#include <linux/stdarg.h>

/* string.c: an NT string over a buffer, from a prefix and a Linux name. */
void ntshim_ustr_set(PUNICODE_STRING ustr, WCHAR *buf, size_t cap,
		     const char *prefix, const char *name);
/* RtlEqualUnicodeString, for ntshim's own use. */
bool ntshim_ustr_equal(PCUNICODE_STRING a, PCUNICODE_STRING b, bool case_insensitive);

/* version.c: the Windows release ntshim answers for (sdkddkver.h's default). */
#define NTSHIM_NT_MAJOR		10
#define NTSHIM_NT_MINOR		0
#define NTSHIM_NT_BUILD		19041

/* nls.c: code pages 1252 and 437, UTF-8 and case mapping, for the string routines. */
WCHAR ntshim_ansi_to_wchar(UCHAR c);
UCHAR ntshim_wchar_to_ansi(WCHAR c);
WCHAR ntshim_oem_to_wchar(UCHAR c);
UCHAR ntshim_wchar_to_oem(WCHAR c);
void ntshim_code_page_to_wide(WCHAR *out, const CHAR *in, ULONG n, WCHAR (*map)(UCHAR));
void ntshim_wide_to_code_page(CHAR *out, const WCHAR *in, ULONG n, UCHAR (*map)(WCHAR),
			      bool upcase);
ULONG ntshim_utf8_to_utf16(WCHAR *dst, ULONG max, const char *src, ULONG n,
			   bool *small, bool *bad);
ULONG ntshim_utf16_to_utf8(char *dst, ULONG max, const WCHAR *src, ULONG n,
			   bool *small, bool *bad);
WCHAR ntshim_upcase(WCHAR c);
WCHAR ntshim_downcase(WCHAR c);
CHAR ntshim_upper_char(CHAR c);

/*
 * format.c: NT format strings into a sink of narrow or wide units.  len
 * counts every unit produced, stored or not (cap units are stored).
 */
struct ntshim_sink {
	void *buf;
	size_t cap;
	size_t len;
	bool wide;
	bool hash_pointers;	/* %p as the kernel log prints it */
	bool bad;		/* a string argument was unreadable */
};
void ntshim_vformat(struct ntshim_sink *o, const char *fmt, va_list ap);
void ntshim_sink_utf8(struct ntshim_sink *o, const char *s, size_t n);
void ntshim_sink_wide(struct ntshim_sink *o, const WCHAR *s, size_t n);

/*
 * exception.c: structured exception handling.  ntshim's own frames
 * (ntshim_seh_enter with NtshimSehSave, ntshim_seh_leave) may carry a
 * window: the buffers a probe accepts while the frame is linked.
 */
struct ntshim_seh_window {
	const void *base[2];
	size_t len[2];
};
void ntshim_seh_enter(NTSHIM_SEH_FRAME *frame, const void *window);
void ntshim_seh_leave(NTSHIM_SEH_FRAME *frame);
/* Goes to the innermost __try's handler; returns only where there is none. */
void ntshim_seh_raise(NTSTATUS status, const void *caller);
bool ntshim_seh_window(const void *addr, size_t len);
int ntshim_seh_init(void);
void ntshim_seh_exit(void);

#endif /* NTSHIM_RTL_H */
