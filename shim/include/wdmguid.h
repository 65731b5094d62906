/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdmguid.h - the GUIDs of Plug and Play events: device interfaces arriving
 * and leaving, target device removal, hardware profile changes (one family,
 * cb3a400N-46f0-11d0-b08f-00609713053f).  Defined where initguid.h came
 * first (guiddef.h).
 */
#include <guiddef.h>

#define __NTSHIM_PNP_EVENT_GUID(name, n) \
	DEFINE_GUID(name, 0xcb3a4000 + (n), 0x46f0, 0x11d0, \
		    0xb0, 0x8f, 0x00, 0x60, 0x97, 0x13, 0x05, 0x3f)

__NTSHIM_PNP_EVENT_GUID(GUID_HWPROFILE_QUERY_CHANGE, 1);
__NTSHIM_PNP_EVENT_GUID(GUID_HWPROFILE_CHANGE_CANCELLED, 2);
__NTSHIM_PNP_EVENT_GUID(GUID_HWPROFILE_CHANGE_COMPLETE, 3);
__NTSHIM_PNP_EVENT_GUID(GUID_DEVICE_INTERFACE_ARRIVAL, 4);
__NTSHIM_PNP_EVENT_GUID(GUID_DEVICE_INTERFACE_REMOVAL, 5);
__NTSHIM_PNP_EVENT_GUID(GUID_TARGET_DEVICE_QUERY_REMOVE, 6);
__NTSHIM_PNP_EVENT_GUID(GUID_TARGET_DEVICE_REMOVE_CANCELLED, 7);
__NTSHIM_PNP_EVENT_GUID(GUID_TARGET_DEVICE_REMOVE_COMPLETE, 8);

#undef __NTSHIM_PNP_EVENT_GUID
