/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kbdmou.h - how keyboard and mouse port drivers and the class drivers
 * above them connect: device names, the internal connect requests and the
 * class service callback the port driver feeds input to.
 */
#ifndef _KBDMOU_
#define _KBDMOU_
#include <ntddkbd.h>
#include <ntddmou.h>

#define DD_KEYBOARD_PORT_DEVICE_NAME		"\\Device\\KeyboardPort"
#define DD_KEYBOARD_PORT_DEVICE_NAME_U		L"\\Device\\KeyboardPort"
#define DD_KEYBOARD_PORT_BASE_NAME_U		L"KeyboardPort"
#define DD_POINTER_PORT_DEVICE_NAME		"\\Device\\PointerPort"
#define DD_POINTER_PORT_DEVICE_NAME_U		L"\\Device\\PointerPort"
#define DD_POINTER_PORT_BASE_NAME_U		L"PointerPort"
#define DD_KEYBOARD_CLASS_BASE_NAME_U		L"KeyboardClass"
#define DD_POINTER_CLASS_BASE_NAME_U		L"PointerClass"
#define DD_KEYBOARD_RESOURCE_CLASS_NAME_U	L"Keyboard"
#define DD_POINTER_RESOURCE_CLASS_NAME_U	L"Pointer"
#define DD_KEYBOARD_MOUSE_COMBO_RESOURCE_CLASS_NAME_U	L"Keyboard/Pointer"

#define POINTER_PORTS_MAXIMUM		8
#define KEYBOARD_PORTS_MAXIMUM		8
#define KEYBOARD_ERROR_VALUE_BASE	10000
#define MOUSE_ERROR_VALUE_BASE		20000

#define IOCTL_INTERNAL_KEYBOARD_CONNECT \
	CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0080, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_KEYBOARD_DISCONNECT \
	CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0100, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_KEYBOARD_ENABLE \
	CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0200, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_KEYBOARD_DISABLE \
	CTL_CODE(FILE_DEVICE_KEYBOARD, 0x0400, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_MOUSE_CONNECT \
	CTL_CODE(FILE_DEVICE_MOUSE, 0x0080, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_MOUSE_DISCONNECT \
	CTL_CODE(FILE_DEVICE_MOUSE, 0x0100, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_MOUSE_ENABLE \
	CTL_CODE(FILE_DEVICE_MOUSE, 0x0200, METHOD_NEITHER, FILE_ANY_ACCESS)
#define IOCTL_INTERNAL_MOUSE_DISABLE \
	CTL_CODE(FILE_DEVICE_MOUSE, 0x0400, METHOD_NEITHER, FILE_ANY_ACCESS)

/* What a class driver hands its port driver in IOCTL_INTERNAL_*_CONNECT. */
typedef struct _CONNECT_DATA {
	PDEVICE_OBJECT ClassDeviceObject;
	PVOID ClassService;
} CONNECT_DATA, *PCONNECT_DATA;

/*
 * The class service: the port driver calls it from its DPC with the first
 * and one-past-last input packets and a count of those consumed.
 */
typedef VOID (*PSERVICE_CALLBACK_ROUTINE)(PVOID NormalContext, PVOID SystemArgument1,
					  PVOID SystemArgument2, PVOID SystemArgument3);

#endif /* _KBDMOU_ */
