/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdmsec.h - IoCreateDeviceSecure and the SDDL strings of the common device
 * security descriptors (SY: the system, BA: administrators, WD: everyone,
 * RC: restricted code; GA all access, GR/GW/GX read, write, execute).
 */
#ifndef _WDMSEC_H_
#define _WDMSEC_H_
#include <wdm.h>
#include <guiddef.h>

extern const UNICODE_STRING SDDL_DEVOBJ_KERNEL_ONLY;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_ALL;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RX;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_R;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RW_RES_R;
extern const UNICODE_STRING SDDL_DEVOBJ_SYS_ALL_ADM_RWX_WORLD_RWX_RES_RWX;
#define SDDL_DEVOBJ_INF_SUPPLIED	SDDL_DEVOBJ_KERNEL_ONLY

NTSTATUS NTAPI IoCreateDeviceSecure(PDRIVER_OBJECT DriverObject, ULONG DeviceExtensionSize,
				    PUNICODE_STRING DeviceName, DEVICE_TYPE DeviceType,
				    ULONG DeviceCharacteristics, BOOLEAN Exclusive,
				    PCUNICODE_STRING DefaultSDDLString,
				    LPCGUID DeviceClassGuid, PDEVICE_OBJECT *DeviceObject);
#endif
