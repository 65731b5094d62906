/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/pnp.h - Plug and Play notifications and device interfaces, and the
 * kernel side of WMI.  Declared only: ntshim has no PnP manager or WMI
 * yet, so a driver calling these fails to link, with their names.
 * Part of wdm.h: drivers include <wdm.h> or <ntddk.h>, not this file.
 */
#ifndef _NTSHIM_WDM_PNP_H
#define _NTSHIM_WDM_PNP_H

typedef enum _IO_NOTIFICATION_EVENT_CATEGORY {
	EventCategoryReserved,
	EventCategoryHardwareProfileChange,
	EventCategoryDeviceInterfaceChange,
	EventCategoryTargetDeviceChange,
	EventCategoryKernelSoftRestart
} IO_NOTIFICATION_EVENT_CATEGORY;

#define PNPNOTIFY_DEVICE_INTERFACE_INCLUDE_EXISTING_INTERFACES	0x00000001

/*
 * Unprototyped on purpose: drivers declare their callbacks with this type
 * and define them taking the notification structure they registered for
 * (PDEVICE_INTERFACE_CHANGE_NOTIFICATION...), which the WDK's compiler
 * only warns about and gcc would reject as conflicting types.
 */
#ifdef NTSHIM_KERNEL_SIDE
typedef NTSTATUS DRIVER_NOTIFICATION_CALLBACK_ROUTINE(PVOID NotificationStructure,
						      PVOID Context);
#else
typedef NTSTATUS DRIVER_NOTIFICATION_CALLBACK_ROUTINE();
#endif
typedef DRIVER_NOTIFICATION_CALLBACK_ROUTINE *PDRIVER_NOTIFICATION_CALLBACK_ROUTINE;

typedef struct _PLUGPLAY_NOTIFICATION_HEADER {
	USHORT Version;
	USHORT Size;
	GUID Event;
} PLUGPLAY_NOTIFICATION_HEADER, *PPLUGPLAY_NOTIFICATION_HEADER;

typedef struct _DEVICE_INTERFACE_CHANGE_NOTIFICATION {
	USHORT Version;
	USHORT Size;
	GUID Event;
	GUID InterfaceClassGuid;
	PUNICODE_STRING SymbolicLinkName;
} DEVICE_INTERFACE_CHANGE_NOTIFICATION, *PDEVICE_INTERFACE_CHANGE_NOTIFICATION;

typedef struct _HWPROFILE_CHANGE_NOTIFICATION {
	USHORT Version;
	USHORT Size;
	GUID Event;
} HWPROFILE_CHANGE_NOTIFICATION, *PHWPROFILE_CHANGE_NOTIFICATION;

typedef struct _TARGET_DEVICE_REMOVAL_NOTIFICATION {
	USHORT Version;
	USHORT Size;
	GUID Event;
	PFILE_OBJECT FileObject;
} TARGET_DEVICE_REMOVAL_NOTIFICATION, *PTARGET_DEVICE_REMOVAL_NOTIFICATION;

typedef struct _TARGET_DEVICE_CUSTOM_NOTIFICATION {
	USHORT Version;
	USHORT Size;
	GUID Event;
	PFILE_OBJECT FileObject;
	LONG NameBufferOffset;
	UCHAR CustomDataBuffer[1];
} TARGET_DEVICE_CUSTOM_NOTIFICATION, *PTARGET_DEVICE_CUSTOM_NOTIFICATION;

NTKERNELAPI NTSTATUS NTAPI IoRegisterPlugPlayNotification(
	IO_NOTIFICATION_EVENT_CATEGORY EventCategory, ULONG EventCategoryFlags,
	PVOID EventCategoryData, PDRIVER_OBJECT DriverObject,
	PDRIVER_NOTIFICATION_CALLBACK_ROUTINE CallbackRoutine, PVOID Context,
	PVOID *NotificationEntry);
NTKERNELAPI NTSTATUS NTAPI IoUnregisterPlugPlayNotification(PVOID NotificationEntry);
NTKERNELAPI NTSTATUS NTAPI IoUnregisterPlugPlayNotificationEx(PVOID NotificationEntry);
NTKERNELAPI NTSTATUS NTAPI IoRegisterDeviceInterface(PDEVICE_OBJECT PhysicalDeviceObject,
						     const GUID *InterfaceClassGuid,
						     PUNICODE_STRING ReferenceString,
						     PUNICODE_STRING SymbolicLinkName);
NTKERNELAPI NTSTATUS NTAPI IoSetDeviceInterfaceState(PUNICODE_STRING SymbolicLinkName,
						     BOOLEAN Enable);
NTKERNELAPI VOID NTAPI IoInvalidateDeviceRelations(PDEVICE_OBJECT DeviceObject, ULONG Type);

typedef enum {
	DevicePropertyDeviceDescription = 0x0,
	DevicePropertyHardwareID = 0x1,
	DevicePropertyCompatibleIDs = 0x2,
	DevicePropertyBootConfiguration = 0x3,
	DevicePropertyBootConfigurationTranslated = 0x4,
	DevicePropertyClassName = 0x5,
	DevicePropertyClassGuid = 0x6,
	DevicePropertyDriverKeyName = 0x7,
	DevicePropertyManufacturer = 0x8,
	DevicePropertyFriendlyName = 0x9,
	DevicePropertyLocationInformation = 0xa,
	DevicePropertyPhysicalDeviceObjectName = 0xb,
	DevicePropertyBusTypeGuid = 0xc,
	DevicePropertyLegacyBusType = 0xd,
	DevicePropertyBusNumber = 0xe,
	DevicePropertyEnumeratorName = 0xf,
	DevicePropertyAddress = 0x10,
	DevicePropertyUINumber = 0x11,
	DevicePropertyInstallState = 0x12,
	DevicePropertyRemovalPolicy = 0x13,
	DevicePropertyResourceRequirements = 0x14,
	DevicePropertyAllocatedResources = 0x15,
	DevicePropertyContainerID = 0x16
} DEVICE_REGISTRY_PROPERTY;

#define PLUGPLAY_REGKEY_DEVICE			1
#define PLUGPLAY_REGKEY_DRIVER			2
#define PLUGPLAY_REGKEY_CURRENT_HWPROFILE	4
#define DEVICE_INTERFACE_INCLUDE_NONACTIVE	0x00000001

NTKERNELAPI NTSTATUS NTAPI IoGetDeviceProperty(PDEVICE_OBJECT DeviceObject,
					       DEVICE_REGISTRY_PROPERTY DeviceProperty,
					       ULONG BufferLength, PVOID PropertyBuffer,
					       PULONG ResultLength);
NTKERNELAPI NTSTATUS NTAPI IoOpenDeviceRegistryKey(PDEVICE_OBJECT DeviceObject,
						   ULONG DevInstKeyType,
						   ACCESS_MASK DesiredAccess,
						   PHANDLE DeviceRegKey);
NTKERNELAPI NTSTATUS NTAPI IoGetDeviceInterfaces(const GUID *InterfaceClassGuid,
						 PDEVICE_OBJECT PhysicalDeviceObject,
						 ULONG Flags, PWSTR *SymbolicLinkList);
NTKERNELAPI NTSTATUS NTAPI IoOpenDeviceInterfaceRegistryKey(PUNICODE_STRING SymbolicLinkName,
							    ACCESS_MASK DesiredAccess,
							    PHANDLE DeviceInterfaceKey);

/* WMI, from the kernel side. */
typedef VOID FWMI_NOTIFICATION_CALLBACK(PVOID Wnode, PVOID Context);
typedef FWMI_NOTIFICATION_CALLBACK *WMI_NOTIFICATION_CALLBACK;

#define WMIGUID_QUERY			0x0001
#define WMIGUID_SET			0x0002
#define WMIGUID_NOTIFICATION		0x0004
#define WMIGUID_READ_DESCRIPTION	0x0008
#define WMIGUID_EXECUTE			0x0010

NTKERNELAPI NTSTATUS NTAPI IoWMIOpenBlock(LPCGUID Guid, ULONG DesiredAccess,
					  PVOID *DataBlockObject);
NTKERNELAPI NTSTATUS NTAPI IoWMISetNotificationCallback(PVOID Object,
							WMI_NOTIFICATION_CALLBACK Callback,
							PVOID Context);
NTKERNELAPI ULONG NTAPI IoWMIDeviceObjectToProviderId(PDEVICE_OBJECT DeviceObject);

#endif /* _NTSHIM_WDM_PNP_H */
