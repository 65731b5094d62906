/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dontuse.h - in the WDK, marks the unbounded string routines (strcpy,
 * sprintf...) deprecated in favour of ntstrsafe.h, for the code analyser.
 * gcc has no such analyser pass; the routines stay usable, as they are
 * with the WDK's compiler.
 */
#ifndef _NTSHIM_DONTUSE_H
#define _NTSHIM_DONTUSE_H
#endif
