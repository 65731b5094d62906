// SPDX-License-Identifier: GPL-2.0
/*
 * NT format strings, for DbgPrint and the C runtime's printf family.
 *
 * NT format strings are LLP64 and know wide strings, so each conversion is
 * read with its NT meaning: "%lx" is 32 bits, "%I64x" and "%llx" 64, "%Ix"
 * pointer-sized; "%ws", "%S", "%wZ" and "%Z" take wide or counted strings
 * (in a wide printf "%s" is wide and "%S" narrow).  Output goes to a sink of
 * narrow or wide units, which counts what it could not store, so each
 * caller applies its own truncation rule.  Strings are read without
 * trusting the pointer: an unreadable one prints as "(invalid)" and the
 * sink remembers it.  Floating point has no place in a kernel: "%f" stops
 * the formatting there, since its argument cannot be consumed.
 */
#include "rtl.h"
#include <linux/ctype.h>
#include <linux/uaccess.h>

enum nt_len { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_64, LEN_PTR, LEN_WIDE, LEN_NARROW };

struct nt_spec {
	char flags[8];
	int width;		/* -1: none */
	int prec;		/* -1: none */
	enum nt_len len;
	char conv;
};

static void sink_unit(struct ntshim_sink *o, u32 unit)
{
	if (o->len < o->cap) {
		if (o->wide)
			((WCHAR *)o->buf)[o->len] = unit;
		else
			((char *)o->buf)[o->len] = unit;
	}
	o->len++;
}

/* One code point: UTF-8 into a narrow sink, UTF-16 into a wide one. */
static void sink_char(struct ntshim_sink *o, u32 c)
{
	if (o->wide) {
		if (c >= 0x10000) {
			c -= 0x10000;
			sink_unit(o, 0xd800 | (c >> 10));
			c = 0xdc00 | (c & 0x3ff);
		}
		sink_unit(o, c);
	} else if (c < 0x80) {
		sink_unit(o, c);
	} else if (c < 0x800) {
		sink_unit(o, 0xc0 | (c >> 6));
		sink_unit(o, 0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		sink_unit(o, 0xe0 | (c >> 12));
		sink_unit(o, 0x80 | ((c >> 6) & 0x3f));
		sink_unit(o, 0x80 | (c & 0x3f));
	} else {
		sink_unit(o, 0xf0 | (c >> 18));
		sink_unit(o, 0x80 | ((c >> 12) & 0x3f));
		sink_unit(o, 0x80 | ((c >> 6) & 0x3f));
		sink_unit(o, 0x80 | (c & 0x3f));
	}
}

/* Text ntshim made (digits, literals of a narrow format): bytes as they are. */
static void sink_text(struct ntshim_sink *o, const char *s, size_t n)
{
	while (n--)
		sink_unit(o, (unsigned char)*s++);
}

static void sink_pad(struct ntshim_sink *o, int n)
{
	while (n-- > 0)
		sink_unit(o, ' ');
}

/* One unit of a string the driver named; false if unreadable. */
static bool read_unit(const void *src, size_t i, bool wide, u32 *c)
{
	WCHAR w;
	u8 b;

	if (wide) {
		if (copy_from_kernel_nofault(&w, (const WCHAR *)src + i, sizeof(w)))
			return false;
		*c = w;
	} else {
		if (copy_from_kernel_nofault(&b, (const u8 *)src + i, 1))
			return false;
		*c = b;
	}
	return true;
}

/* Units of a string up to its NUL or max; SIZE_MAX if unreadable. */
static size_t string_units(const void *src, bool wide, size_t max)
{
	size_t n;
	u32 c;

	for (n = 0; n < max; n++) {
		if (!read_unit(src, n, wide, &c))
			return SIZE_MAX;
		if (!c)
			break;
	}
	return n;
}

/*
 * n units of a string into the sink: units of the sink's own width as they
 * are, narrow into wide by value (ASCII and Latin-1), wide into narrow as
 * UTF-8 (surrogate pairs joined).
 */
static void sink_string(struct ntshim_sink *o, const void *src, bool wide, size_t n)
{
	size_t i;
	u32 c, c2;

	for (i = 0; i < n; i++) {
		if (!read_unit(src, i, wide, &c))
			return;
		if (wide == o->wide || !wide) {
			sink_unit(o, c);
			continue;
		}
		if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && read_unit(src, i + 1, true, &c2) &&
		    c2 >= 0xdc00 && c2 < 0xe000) {
			c = 0x10000 + ((c - 0xd800) << 10) + (c2 - 0xdc00);
			i++;
		}
		sink_char(o, c);
	}
}

static int parse_num(const char **f)
{
	int v = 0;

	while (isdigit(**f) && v < 10000)
		v = v * 10 + (*(*f)++ - '0');
	return v;
}

static const char *parse_len(const char *f, struct nt_spec *s)
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
	case 'h':		/* %hs, %hc: narrow */
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
static const char *parse_spec(const char *f, struct nt_spec *s, va_list *ap)
{
	size_t nf = 0;

	while (*f && strchr("-+ #0", *f) && nf < sizeof(s->flags) - 1)
		s->flags[nf++] = *f++;
	s->flags[nf] = '\0';
	s->width = -1;
	if (*f == '*') {
		s->width = va_arg(*ap, int);
		f++;
	} else if (isdigit(*f)) {
		s->width = parse_num(&f);
	}
	s->prec = -1;
	if (*f == '.') {
		f++;
		if (*f == '*') {
			s->prec = va_arg(*ap, int);
			f++;
		} else {
			s->prec = parse_num(&f);
		}
	}
	f = parse_len(f, s);
	s->conv = *f;
	return *f ? f + 1 : f;
}

static void emit_integer(struct ntshim_sink *o, const struct nt_spec *s, va_list *ap)
{
	bool is_signed = s->conv == 'd' || s->conv == 'i';
	char spec[40], out[80];
	unsigned long long v;
	int n;

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
	n = scnprintf(spec, sizeof(spec), "%%%s", s->flags);
	if (s->width >= 0)
		n += scnprintf(spec + n, sizeof(spec) - n, "%d", min(s->width, 64));
	if (s->prec >= 0)
		n += scnprintf(spec + n, sizeof(spec) - n, ".%d", min(s->prec, 64));
	scnprintf(spec + n, sizeof(spec) - n, "ll%c", s->conv);
	sink_text(o, out, scnprintf(out, sizeof(out), spec, v));
}

/* NT's %p: the address in 16 upper-case hex digits; hashed in the log. */
static void emit_pointer(struct ntshim_sink *o, void *p)
{
	char out[24];

	if (o->hash_pointers)
		sink_text(o, out, scnprintf(out, sizeof(out), "%p", p));
	else
		sink_text(o, out, scnprintf(out, sizeof(out), "%016lX", (unsigned long)p));
}

/* Is the conversion's argument wide?  "%s" follows the printf's own width. */
static bool spec_wide(const struct ntshim_sink *o, const struct nt_spec *s)
{
	if (s->len == LEN_WIDE)
		return true;
	if (s->len == LEN_SHORT)
		return false;
	if (s->conv == 'S' || s->conv == 'C')
		return !o->wide;
	return o->wide;
}

/* A string, a counted string or a character, padded to its width. */
static void emit_string(struct ntshim_sink *o, const struct nt_spec *s, va_list *ap)
{
	size_t max = s->prec >= 0 ? s->prec : SIZE_MAX, n;
	bool wide = spec_wide(o, s), left = strchr(s->flags, '-');
	UNICODE_STRING us;	/* same layout as an ANSI_STRING */
	const void *src;
	WCHAR wch;
	u8 ch;

	if (s->conv == 'c' || s->conv == 'C') {
		wch = (WCHAR)va_arg(*ap, int);
		ch = (u8)wch;
		src = wide ? (void *)&wch : (void *)&ch;
		n = 1;
	} else if (s->conv == 'Z') {
		src = va_arg(*ap, void *);
		if (src && copy_from_kernel_nofault(&us, src, sizeof(us)))
			goto invalid;
		if (!src || !us.Buffer)
			goto null;
		src = us.Buffer;
		n = min_t(size_t, max, wide ? us.Length / 2 : us.Length);
		if (string_units(src, wide, n) == SIZE_MAX)
			goto invalid;
	} else {
		src = va_arg(*ap, const void *);
		if (!src)
			goto null;
		n = string_units(src, wide, max);
		if (n == SIZE_MAX)
			goto invalid;
	}
	if (!left)
		sink_pad(o, s->width - (int)min_t(size_t, n, INT_MAX));
	sink_string(o, src, wide, n);
	if (left)
		sink_pad(o, s->width - (int)min_t(size_t, n, INT_MAX));
	return;
null:
	sink_text(o, "(null)", 6);
	return;
invalid:
	o->bad = true;
	sink_text(o, "(invalid)", 9);
}

/* One conversion; false to stop (one whose argument cannot be consumed). */
static bool emit_conversion(struct ntshim_sink *o, const struct nt_spec *s, va_list *ap)
{
	switch (s->conv) {
	case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
		emit_integer(o, s, ap);
		return true;
	case 's': case 'S': case 'c': case 'C': case 'Z':
		emit_string(o, s, ap);
		return true;
	case 'p':
		emit_pointer(o, va_arg(*ap, void *));
		return true;
	case 'n':
		(void)va_arg(*ap, void *);
		return true;
	case '%':
		sink_unit(o, '%');
		return true;
	}
	sink_unit(o, '%');
	if (s->conv)
		sink_unit(o, s->conv);
	return false;
}

/* Formats into the sink; the format is narrow (UTF-8 for a wide printf). */
void ntshim_vformat(struct ntshim_sink *o, const char *f, va_list ap)
{
	struct nt_spec s;
	const char *lit;
	va_list cp;

	va_copy(cp, ap);
	while (*f) {
		lit = strchrnul(f, '%');
		if (lit != f) {
			if (o->wide)
				ntshim_sink_utf8(o, f, lit - f);
			else
				sink_text(o, f, lit - f);
			f = lit;
			continue;
		}
		f = parse_spec(f + 1, &s, &cp);
		if (!emit_conversion(o, &s, &cp))
			break;
	}
	va_end(cp);
}

/* UTF-8 text into the sink, decoded (a wide printf's literal text). */
void ntshim_sink_utf8(struct ntshim_sink *o, const char *s, size_t n)
{
	const u8 *p = (const u8 *)s, *end = p + n;
	u32 c;
	int more;

	while (p < end) {
		c = *p++;
		more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
		if (more)
			c &= 0x3f >> more;
		while (more-- && p < end)
			c = (c << 6) | (*p++ & 0x3f);
		sink_char(o, c);
	}
}

/* UTF-16 text into the sink (a wide format, before it is parsed). */
void ntshim_sink_wide(struct ntshim_sink *o, const WCHAR *s, size_t n)
{
	sink_string(o, s, true, n);
}
