/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntddk.h - the NT4-style driver development kit header.
 *
 * As in the WDK, it is wdm.h plus the routines legacy (non-WDM) drivers use.
 */
#ifndef _NTDDK_
#define _NTDDK_

#include <wdm.h>

#endif /* _NTDDK_ */
