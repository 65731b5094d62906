// SPDX-License-Identifier: GPL-2.0
/*
 * Debug output: DbgPrint and friends, assertions, PAGED_CODE reports.
 *
 * NT format strings are LLP64 and know wide strings, so each conversion is
 * read with its NT meaning ("%lx" is 32 bits, "%I64x" and "%llx" are 64,
 * "%ws", "%S", "%wZ" and "%Z" take wide or counted strings) and rendered
 * through the kernel's own formatter.  Like NT, one call prints at most
 * 512 bytes.  String arguments are read without trusting the pointer (a
 * status code passed for "%s" is a classic): an unreadable one prints as
 * "(invalid)" with a complaint, never a fault.
 */
#include "rtl.h"
#include <linux/ctype.h>
#include <linux/uaccess.h>
#include <linux/printk.h>
#include <linux/stdarg.h>

#define DBGPRINT_MAX	512
#define DBGPRINT_STR	256

enum nt_len { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_64, LEN_PTR, LEN_WIDE, LEN_NARROW };

struct nt_spec {
	char flags[8];
	int width;		/* -1: none */
	int prec;		/* -1: none */
	enum nt_len len;
	char conv;
};

struct nt_out {
	char buf[DBGPRINT_MAX];
	size_t len;
	const void *caller;	/* the driver's DbgPrint call, for complaints */
};

static __printf(2, 3) void nt_emit(struct nt_out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	o->len += vscnprintf(o->buf + o->len, sizeof(o->buf) - o->len, fmt, ap);
	va_end(ap);
}

/* One UTF-16 unit from memory the driver named; false if unreadable. */
static bool nt_unit(const WCHAR *src, size_t i, u32 *c)
{
	WCHAR w;

	if (copy_from_kernel_nofault(&w, src + i, sizeof(w)))
		return false;
	*c = w;
	return true;
}

/*
 * UTF-16 to UTF-8, at most max_chars code units (or up to the NUL); false
 * if the source could not be read.
 */
static bool nt_wide_to_utf8(char *dst, size_t cap, const WCHAR *src,
			    size_t max_chars, bool stop_at_nul)
{
	size_t i = 0, n = 0;
	u32 c, c2;

	dst[0] = '\0';
	while (i < max_chars && n + 4 < cap) {
		if (!nt_unit(src, i++, &c))
			return false;
		if (!c && stop_at_nul)
			break;
		if (c >= 0xd800 && c < 0xdc00 && i < max_chars && nt_unit(src, i, &c2) &&
		    c2 >= 0xdc00 && c2 < 0xe000) {
			c = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
			i++;
		}
		if (c < 0x80) {
			dst[n++] = c;
		} else if (c < 0x800) {
			dst[n++] = 0xc0 | (c >> 6);
			dst[n++] = 0x80 | (c & 0x3f);
		} else if (c < 0x10000) {
			dst[n++] = 0xe0 | (c >> 12);
			dst[n++] = 0x80 | ((c >> 6) & 0x3f);
			dst[n++] = 0x80 | (c & 0x3f);
		} else {
			dst[n++] = 0xf0 | (c >> 18);
			dst[n++] = 0x80 | ((c >> 12) & 0x3f);
			dst[n++] = 0x80 | ((c >> 6) & 0x3f);
			dst[n++] = 0x80 | (c & 0x3f);
		}
		dst[n] = '\0';
	}
	return true;
}

/*
 * At most max bytes of a narrow string, up to its NUL (counted strings need
 * not have one: never read past Length); false if unreadable.
 */
static bool nt_copy_narrow(char *dst, size_t cap, const char *src, size_t max)
{
	size_t i, n = min(max, cap - 1);

	for (i = 0; i < n; i++) {
		if (copy_from_kernel_nofault(&dst[i], src + i, 1))
			return false;
		if (!dst[i])
			return true;
	}
	dst[i] = '\0';
	return true;
}

static int nt_parse_num(const char **f)
{
	int v = 0;

	while (isdigit(**f) && v < 10000)
		v = v * 10 + (*(*f)++ - '0');
	return v;
}

static const char *nt_parse_len(const char *f, struct nt_spec *s)
{
	s->len = LEN_INT;
	if (f[0] == 'h' && f[1] == 'h')
		return s->len = LEN_CHAR, f + 2;
	if (f[0] == 'l' && f[1] == 'l')
		return s->len = LEN_64, f + 2;
	if (f[0] == 'I' && f[1] == '6' && f[2] == '4')
		return s->len = LEN_64, f + 3;
	if (f[0] == 'I' && f[1] == '3' && f[2] == '2')
		return f + 3;
	switch (*f) {
	case 'h':
		s->len = LEN_SHORT;
		return f + 1;
	case 'l':		/* NT's long is 32 bits; %ls is wide */
	case 'w':
		s->len = LEN_WIDE;
		return f + 1;
	case 'I':
	case 'z':
	case 't':
		s->len = LEN_PTR;
		return f + 1;
	case 'j':
	case 'L':
		s->len = LEN_64;
		return f + 1;
	}
	return f;
}

/* Parses "%[flags][width][.prec][len]conv" after the '%'. */
static const char *nt_parse_spec(const char *f, struct nt_spec *s, va_list *ap)
{
	size_t nf = 0;

	while (strchr("-+ #0", *f) && *f && nf < sizeof(s->flags) - 1)
		s->flags[nf++] = *f++;
	s->flags[nf] = '\0';
	s->width = -1;
	if (*f == '*') {
		s->width = va_arg(*ap, int);
		f++;
	} else if (isdigit(*f)) {
		s->width = nt_parse_num(&f);
	}
	s->prec = -1;
	if (*f == '.') {
		f++;
		if (*f == '*') {
			s->prec = va_arg(*ap, int);
			f++;
		} else {
			s->prec = nt_parse_num(&f);
		}
	}
	f = nt_parse_len(f, s);
	s->conv = *f;
	return *f ? f + 1 : f;
}

static void nt_make_spec(char *spec, size_t cap, const struct nt_spec *s,
			 const char *tail, bool with_prec)
{
	int n = scnprintf(spec, cap, "%%%s", s->flags);

	if (s->width >= 0)
		n += scnprintf(spec + n, cap - n, "%d", s->width);
	else if (s->width < -1)
		n += scnprintf(spec + n, cap - n, "-%d", -s->width);
	if (with_prec && s->prec >= 0)
		n += scnprintf(spec + n, cap - n, ".%d", s->prec);
	scnprintf(spec + n, cap - n, "%s", tail);
}

static void nt_emit_integer(struct nt_out *o, const struct nt_spec *s, va_list *ap)
{
	bool is_signed = s->conv == 'd' || s->conv == 'i';
	char tail[4] = { 'l', 'l', s->conv, '\0' };
	unsigned long long v;
	char spec[32];

	switch (s->len) {
	case LEN_64:
		v = va_arg(*ap, unsigned long long);
		break;
	case LEN_PTR:
		v = is_signed ? (long long)va_arg(*ap, long) : va_arg(*ap, unsigned long);
		break;
	default:
		v = is_signed ? (long long)va_arg(*ap, int) : va_arg(*ap, unsigned int);
		if (s->len == LEN_SHORT)
			v = is_signed ? (long long)(short)v : (unsigned short)v;
		else if (s->len == LEN_CHAR)
			v = is_signed ? (long long)(signed char)v : (unsigned char)v;
		break;
	}
	nt_make_spec(spec, sizeof(spec), s, tail, true);
	nt_emit(o, spec, v);
}

static void nt_emit_string(struct nt_out *o, const struct nt_spec *s, va_list *ap)
{
	bool wide = s->conv == 'S' || s->conv == 'C' || s->len == LEN_WIDE;
	char tmp[DBGPRINT_STR], spec[32];
	size_t max = s->prec >= 0 ? s->prec : SIZE_MAX;

	bool ok = true;

	if (s->conv == 'c' || s->conv == 'C') {
		WCHAR wc = (WCHAR)va_arg(*ap, int);

		if (wide)
			nt_wide_to_utf8(tmp, sizeof(tmp), &wc, 1, false);
		else
			tmp[0] = (char)wc, tmp[1] = '\0';
	} else if (s->conv == 'Z') {
		void *p = va_arg(*ap, void *);
		UNICODE_STRING us;	/* same layout as an ANSI_STRING */

		if (p && copy_from_kernel_nofault(&us, p, sizeof(us)))
			ok = false;
		else if (!p || !us.Buffer)
			strscpy(tmp, "(null)", sizeof(tmp));
		else if (wide)
			ok = nt_wide_to_utf8(tmp, sizeof(tmp), us.Buffer,
					     min_t(size_t, max, us.Length / 2), false);
		else
			ok = nt_copy_narrow(tmp, sizeof(tmp), (const char *)us.Buffer,
					    min_t(size_t, max, us.Length));
	} else {
		const void *p = va_arg(*ap, const void *);

		if (!p)
			strscpy(tmp, "(null)", sizeof(tmp));
		else if (wide)
			ok = nt_wide_to_utf8(tmp, sizeof(tmp), p, max, true);
		else
			ok = nt_copy_narrow(tmp, sizeof(tmp), p, max);
	}
	if (!ok) {
		ntshim_complain(NTC_BAD_STRING, o->caller,
				"DbgPrint: argument for %%%c is not a readable string", s->conv);
		strscpy(tmp, "(invalid)", sizeof(tmp));
	}
	nt_make_spec(spec, sizeof(spec), s, "s", false);
	nt_emit(o, spec, tmp);
}

static void nt_format(struct nt_out *o, const char *f, va_list ap)
{
	struct nt_spec s;
	va_list cp;

	va_copy(cp, ap);
	while (*f && o->len < sizeof(o->buf) - 1) {
		const char *lit = strchrnul(f, '%');

		if (lit != f) {
			nt_emit(o, "%.*s", (int)(lit - f), f);
			f = lit;
			continue;
		}
		f = nt_parse_spec(f + 1, &s, &cp);
		switch (s.conv) {
		case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
			nt_emit_integer(o, &s, &cp);
			break;
		case 's': case 'S': case 'c': case 'C': case 'Z':
			nt_emit_string(o, &s, &cp);
			break;
		case 'p':
			nt_emit(o, "%p", va_arg(cp, void *));
			break;
		case 'n':
			(void)va_arg(cp, void *);
			break;
		case '%':
			nt_emit(o, "%%");
			break;
		default:	/* floating point has no place in a kernel */
			nt_emit(o, "%%%c", s.conv ? s.conv : '?');
			break;
		}
	}
	va_end(cp);
}

static const char *nt_level(ULONG Level)
{
	switch (Level) {
	case DPFLTR_ERROR_LEVEL:
		return KERN_ERR;
	case DPFLTR_WARNING_LEVEL:
		return KERN_WARNING;
	case DPFLTR_TRACE_LEVEL:
	case DPFLTR_INFO_LEVEL:
		return KERN_INFO;
	default:
		return KERN_DEBUG;
	}
}

static ULONG dbg_vprint(ULONG Level, PCCH Format, va_list arglist, const void *caller)
{
	struct nt_out o;

	if (!Format) {
		ntshim_complain(NTC_BAD_ARGUMENT, caller, "DbgPrint: no format string");
		return STATUS_INVALID_PARAMETER;
	}
	o.len = 0;
	o.buf[0] = '\0';
	o.caller = caller;
	nt_format(&o, Format, arglist);
	printk("%s%s", nt_level(Level), o.buf);
	return STATUS_SUCCESS;
}

ULONG vDbgPrintEx(ULONG ComponentId, ULONG Level, PCCH Format, va_list arglist)
{
	return dbg_vprint(Level, Format, arglist, (void *)_RET_IP_);
}
NTSHIM_EXPORT(vDbgPrintEx);

ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...)
{
	va_list ap;
	ULONG ret;

	va_start(ap, Format);
	ret = dbg_vprint(Level, Format, ap, (void *)_RET_IP_);
	va_end(ap);
	return ret;
}
NTSHIM_EXPORT(DbgPrintEx);

ULONG DbgPrint(PCSTR Format, ...)
{
	va_list ap;
	ULONG ret;

	va_start(ap, Format);
	ret = dbg_vprint(DPFLTR_INFO_LEVEL, Format, ap, (void *)_RET_IP_);
	va_end(ap);
	return ret;
}
NTSHIM_EXPORT(DbgPrint);

/* No debugger to break into: say where, and carry on. */
VOID NTAPI DbgBreakPoint(VOID)
{
	ntshim_complain(NTC_BREAKPOINT, (void *)_RET_IP_, "DbgBreakPoint, no debugger attached");
}
NTSHIM_EXPORT(DbgBreakPoint);

VOID NTAPI RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName,
		     ULONG LineNumber, PSTR MutableMessage)
{
	ntshim_complain(NTC_ASSERT_FAILED, (void *)_RET_IP_, "ASSERT failed: %s%s%s at %s:%u",
			MutableMessage ? (char *)MutableMessage : "", MutableMessage ? ": " : "",
			(char *)VoidFailedAssertion, (char *)VoidFileName, LineNumber);
}
NTSHIM_EXPORT(RtlAssert);

VOID __ntshim_paged_code_violation(PCSTR File, ULONG Line)
{
	ntshim_complain(NTC_PAGED_CODE, (void *)_RET_IP_,
			"PAGED_CODE() at %s:%u reached at IRQL %u, above APC_LEVEL",
			File, Line, ntshim_current_irql());
}
NTSHIM_EXPORT(__ntshim_paged_code_violation);
