/* SPDX-License-Identifier: GPL-2.0 */
/* stddef.h - ntshim's kernel C runtime (see _ntcrt.h). */
#ifndef _NTSHIM_STDDEF_H
#define _NTSHIM_STDDEF_H
#include <_ntcrt.h>
#define offsetof(type, member)	__builtin_offsetof(type, member)
#endif
