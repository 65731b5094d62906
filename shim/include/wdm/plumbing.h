/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/plumbing.h - what the WDK fragments need of ntshim itself, kept out
 * of the WDK's own names: the checked-build switch, the private storage of
 * embedded objects (sized by ntshim_layout.h, generated from the kernel a
 * driver is built against), and the routine behind PAGED_CODE().
 */
#ifndef _NTSHIM_WDM_PLUMBING_H
#define _NTSHIM_WDM_PLUMBING_H

#include <ntshim_layout.h>

/* Checked build by default: KdPrint, ASSERT and PAGED_CODE are live. */
#if defined(DBG) && DBG
#define NTSHIM_DBG 1
#else
#define NTSHIM_DBG 0
#endif

/* Private storage: sized for this kernel's objects, aligned for them. */
#define NTSHIM_PRIVATE(bytes) \
	ULONG64 NtshimPrivate[((bytes) + 7) / 8] DECLSPEC_ALIGN(NTSHIM_OBJECT_ALIGN)

extern VOID __ntshim_paged_code_violation(PCSTR File, ULONG Line);

#endif /* _NTSHIM_WDM_PLUMBING_H */
