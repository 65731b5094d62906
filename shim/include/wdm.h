/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm.h - the NT kernel-mode driver interface provided by ntshim.
 *
 * Names, types and field layouts follow the WDK.  Objects a driver embeds in
 * its own memory (KDPC, KTIMER, KEVENT) carry their public NT fields followed
 * by private storage for the Linux object behind them.  The declarations
 * live in one fragment per NT prefix, under wdm/, in dependency order.
 */
#ifndef _WDMDDK_
#define _WDMDDK_

#include <ntdef.h>
#include <ntstatus.h>
#include <wdm/plumbing.h>

struct _DRIVER_OBJECT;
struct _DEVICE_OBJECT;
struct _IRP;
struct _FILE_OBJECT;
struct _KDPC;
struct _MDL;
struct _IO_STATUS_BLOCK;
struct _CM_RESOURCE_LIST;

#include <intrin.h>
#include <wdm/rtl.h>
#include <wdm/se.h>
#include <wdm/ke.h>
#include <wdm/ex.h>
#include <wdm/ps.h>
#include <wdm/hal.h>
#include <wdm/mm.h>
#include <wdm/po.h>
#include <wdm/io.h>
#include <wdm/io_request.h>
#include <wdm/dma.h>
#include <wdm/pnp.h>

#endif /* _WDMDDK_ */
