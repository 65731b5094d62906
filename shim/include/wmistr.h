/* SPDX-License-Identifier: GPL-2.0 */
/* wmistr.h - WMI's data structures (types only: ntshim has no WMI yet). */
#ifndef _WMISTR_
#define _WMISTR_

typedef struct _WNODE_HEADER {
	ULONG BufferSize;
	ULONG ProviderId;
	union {
		ULONG64 HistoricalContext;
		struct {
			ULONG Version;
			ULONG Linkage;
		};
	};
	union {
		ULONG CountLost;
		HANDLE KernelHandle;
		LARGE_INTEGER TimeStamp;
	};
	GUID Guid;
	ULONG ClientContext;
	ULONG Flags;
} WNODE_HEADER, *PWNODE_HEADER;

#define WMIREG_FLAG_EXPENSIVE		0x00000001
#define WMIREG_FLAG_INSTANCE_LIST	0x00000004
#define WMIREG_FLAG_INSTANCE_BASENAME	0x00000008
#define WMIREG_FLAG_INSTANCE_PDO	0x00000020
#define WMIREG_FLAG_EVENT_ONLY_GUID	0x00000040
#define WMIREG_FLAG_REMOVE_GUID		0x00010000

typedef enum {
	WMI_GET_ALL_DATA = 0,
	WMI_GET_SINGLE_INSTANCE = 1,
	WMI_SET_SINGLE_INSTANCE = 2,
	WMI_SET_SINGLE_ITEM = 3,
	WMI_ENABLE_EVENTS = 4,
	WMI_DISABLE_EVENTS = 5,
	WMI_ENABLE_COLLECTION = 6,
	WMI_DISABLE_COLLECTION = 7,
	WMI_REGINFO = 8,
	WMI_EXECUTE_METHOD = 9
} WMIDPREQUESTCODE;
#endif
