/* SPDX-License-Identifier: GPL-2.0 */
/*
 * rtl/: the run-time library: strings and debug output.  What other areas
 * may use of it.
 */
#ifndef NTSHIM_RTL_H
#define NTSHIM_RTL_H

#include "../core/core.h"

/* string.c: an NT string over a buffer, from a prefix and a Linux name. */
void ntshim_ustr_set(PUNICODE_STRING ustr, WCHAR *buf, size_t cap,
		     const char *prefix, const char *name);
/* RtlEqualUnicodeString, for ntshim's own use. */
bool ntshim_ustr_equal(PCUNICODE_STRING a, PCUNICODE_STRING b, bool case_insensitive);

#endif /* NTSHIM_RTL_H */
