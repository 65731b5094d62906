// SPDX-License-Identifier: GPL-2.0
/*
 * The printf family into buffers, with NT's formats (rtl/format.c).
 *
 * _snprintf/_vsnprintf (and the wide _snwprintf/_vsnwprintf): the output
 * and a NUL if it fits; exactly count units and no NUL if the output is
 * count units long; count units, no NUL and -1 if it is longer.
 * snprintf/vsnprintf: C99, always terminated, the length needed.
 * sprintf/vsprintf/swprintf/vswprintf: no bound, as in NT.  A wide format
 * is read as UTF-16 and handed to the formatter as UTF-8.
 */
#include "crt.h"
#include "../rtl/rtl.h"
#include <linux/slab.h>

/* Wide formats this long convert on the stack; longer ones in the heap. */
#define CRT_WFMT_STACK	192

/* NT's _vsnprintf rule; the sink holds count units. */
static int crt_nt_result(struct ntshim_sink *o, size_t count)
{
	if (o->len < count) {
		if (o->wide)
			((WCHAR *)o->buf)[o->len] = 0;
		else
			((char *)o->buf)[o->len] = 0;
		return o->len;
	}
	return o->len == count ? (int)count : -1;
}

int ntshim_crt__vsnprintf(char *buf, size_t count, const char *fmt, va_list ap)
{
	struct ntshim_sink o = { .buf = buf, .cap = count };

	ntshim_vformat(&o, fmt, ap);
	return crt_nt_result(&o, count);
}
NTSHIM_CRT_EXPORT(_vsnprintf);

int ntshim_crt__snprintf(char *buf, size_t count, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ntshim_crt__vsnprintf(buf, count, fmt, ap);
	va_end(ap);
	return n;
}
NTSHIM_CRT_EXPORT(_snprintf);

int ntshim_crt_vsnprintf(char *buf, size_t count, const char *fmt, va_list ap)
{
	struct ntshim_sink o = { .buf = buf, .cap = count ? count - 1 : 0 };

	ntshim_vformat(&o, fmt, ap);
	if (count)
		buf[min(o.len, count - 1)] = 0;
	return o.len;
}
NTSHIM_CRT_EXPORT(vsnprintf);

int ntshim_crt_snprintf(char *buf, size_t count, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ntshim_crt_vsnprintf(buf, count, fmt, ap);
	va_end(ap);
	return n;
}
NTSHIM_CRT_EXPORT(snprintf);

int ntshim_crt_vsprintf(char *buf, const char *fmt, va_list ap)
{
	return ntshim_crt__vsnprintf(buf, INT_MAX, fmt, ap);
}
NTSHIM_CRT_EXPORT(vsprintf);

int ntshim_crt_sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ntshim_crt_vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}
NTSHIM_CRT_EXPORT(sprintf);

/* A wide format as UTF-8 for the formatter: in buf if it fits, else allocated. */
static char *crt_wide_format(char *buf, size_t cap, const WCHAR *fmt)
{
	struct ntshim_sink o = { .buf = buf, .cap = cap - 1 };
	size_t n;

	for (n = 0; fmt[n]; n++)
		;
	ntshim_sink_wide(&o, fmt, n);
	if (o.len >= cap) {
		/* Any IRQL: the caller may be at DISPATCH_LEVEL. */
		o.buf = kmalloc(o.len + 1, GFP_ATOMIC | __GFP_NOWARN);
		if (!o.buf)
			return NULL;
		o.cap = o.len;
		o.len = 0;
		ntshim_sink_wide(&o, fmt, n);
	}
	((char *)o.buf)[o.len] = 0;
	return o.buf;
}

int ntshim_crt__vsnwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, va_list ap)
{
	struct ntshim_sink o = { .buf = buf, .cap = count, .wide = true };
	char small[CRT_WFMT_STACK], *fmt8;

	fmt8 = crt_wide_format(small, sizeof(small), fmt);
	if (!fmt8) {
		ntshim_complain(NTC_NO_MEMORY, (void *)_RET_IP_,
				"_vsnwprintf: no memory for a long format");
		return -1;
	}
	ntshim_vformat(&o, fmt8, ap);
	if (fmt8 != small)
		kfree(fmt8);
	return crt_nt_result(&o, count);
}
NTSHIM_CRT_EXPORT(_vsnwprintf);

int ntshim_crt__snwprintf(WCHAR *buf, size_t count, const WCHAR *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ntshim_crt__vsnwprintf(buf, count, fmt, ap);
	va_end(ap);
	return n;
}
NTSHIM_CRT_EXPORT(_snwprintf);

int ntshim_crt_vswprintf(WCHAR *buf, const WCHAR *fmt, va_list ap)
{
	return ntshim_crt__vsnwprintf(buf, INT_MAX, fmt, ap);
}
NTSHIM_CRT_EXPORT(vswprintf);

int ntshim_crt_swprintf(WCHAR *buf, const WCHAR *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = ntshim_crt_vswprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}
NTSHIM_CRT_EXPORT(swprintf);
