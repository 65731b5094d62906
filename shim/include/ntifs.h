/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ntifs.h - the file-system and filter driver interface, a superset of
 * ntddk.h.  Only what ntddk.h holds is implemented so far: a driver using
 * a file-system routine fails to link, with the routine's name.
 */
#ifndef _NTIFS_
#define _NTIFS_
#include <ntddk.h>
#endif
