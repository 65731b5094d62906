/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/ps.h - processes and threads: system threads, and the object references and handles that keep them.
 * Part of wdm.h: drivers include <wdm.h> or <ntddk.h>, not this file.
 */
#ifndef _NTSHIM_WDM_PS_H
#define _NTSHIM_WDM_PS_H

/* Threads and processes, as drivers hold them: opaque. */
typedef struct _KTHREAD *PKTHREAD, *PRKTHREAD;
typedef struct _ETHREAD *PETHREAD;
typedef struct _KPROCESS *PKPROCESS, *PRKPROCESS;
typedef struct _EPROCESS *PEPROCESS;

/* System threads and the object references that wait for them. */
typedef struct _CLIENT_ID {
	HANDLE UniqueProcess;
	HANDLE UniqueThread;
} CLIENT_ID, *PCLIENT_ID;

typedef VOID KSTART_ROUTINE(PVOID StartContext);
typedef KSTART_ROUTINE *PKSTART_ROUTINE;

#define THREAD_ALL_ACCESS	0x001fffff
#define OBJ_KERNEL_HANDLE	0x00000200
#define InitializeObjectAttributes(p, n, a, r, s) do {	\
		(p)->Length = sizeof(OBJECT_ATTRIBUTES);	\
		(p)->RootDirectory = (r);			\
		(p)->Attributes = (a);				\
		(p)->ObjectName = (n);				\
		(p)->SecurityDescriptor = (s);			\
		(p)->SecurityQualityOfService = NULL;		\
	} while (0)

extern POBJECT_TYPE *PsThreadType;
NTKERNELAPI NTSTATUS NTAPI PsCreateSystemThread(PHANDLE ThreadHandle, ULONG DesiredAccess,
						POBJECT_ATTRIBUTES ObjectAttributes,
						HANDLE ProcessHandle, PCLIENT_ID ClientId,
						PKSTART_ROUTINE StartRoutine,
						PVOID StartContext);
NTKERNELAPI NTSTATUS NTAPI PsTerminateSystemThread(NTSTATUS ExitStatus);
NTKERNELAPI NTSTATUS NTAPI ObReferenceObjectByHandle(HANDLE Handle, ACCESS_MASK DesiredAccess,
						     POBJECT_TYPE ObjectType,
						     KPROCESSOR_MODE AccessMode,
						     PVOID *Object, PVOID HandleInformation);
NTKERNELAPI VOID NTAPI ObfReferenceObject(PVOID Object);
NTKERNELAPI VOID NTAPI ObfDereferenceObject(PVOID Object);
#define ObReferenceObject(o)	ObfReferenceObject(o)
#define ObDereferenceObject(o)	ObfDereferenceObject(o)
NTSYSAPI NTSTATUS NTAPI ZwClose(HANDLE Handle);

/*
 * The current thread and process, and their ids.  A system thread is the
 * object ObReferenceObjectByHandle gives for it; kernel threads belong to
 * the System process, PsInitialSystemProcess.
 */
extern PEPROCESS PsInitialSystemProcess;
#define PsGetCurrentProcess	IoGetCurrentProcess
#define PsGetCurrentThread()	((PETHREAD)KeGetCurrentThread())
NTKERNELAPI HANDLE NTAPI PsGetCurrentProcessId(VOID);
NTKERNELAPI HANDLE NTAPI PsGetCurrentThreadId(VOID);
NTKERNELAPI HANDLE NTAPI PsGetProcessId(PEPROCESS Process);
NTKERNELAPI HANDLE NTAPI PsGetThreadId(PETHREAD Thread);
NTKERNELAPI BOOLEAN NTAPI PsIsSystemThread(PETHREAD Thread);
NTKERNELAPI HANDLE NTAPI PsGetThreadProcessId(PETHREAD Thread);
NTKERNELAPI PEPROCESS NTAPI PsGetThreadProcess(PETHREAD Thread);
NTKERNELAPI BOOLEAN NTAPI PsGetVersion(PULONG MajorVersion, PULONG MinorVersion,
				      PULONG BuildNumber, PUNICODE_STRING CSDVersion);
NTKERNELAPI LONG NTAPI KeSetBasePriorityThread(PKTHREAD Thread, LONG Increment);

/*
 * Declared only, not provided yet: process, thread and image notifications
 * and object callbacks.  A driver using them fails to link, with the names.
 */
extern POBJECT_TYPE *PsProcessType;

typedef VOID (*PCREATE_PROCESS_NOTIFY_ROUTINE)(HANDLE ParentId, HANDLE ProcessId,
					       BOOLEAN Create);
typedef VOID (*PCREATE_THREAD_NOTIFY_ROUTINE)(HANDLE ProcessId, HANDLE ThreadId,
					      BOOLEAN Create);

typedef struct _PS_CREATE_NOTIFY_INFO {
	SIZE_T Size;
	union {
		ULONG Flags;
		struct {
			ULONG FileOpenNameAvailable : 1;
			ULONG IsSubsystemProcess : 1;
			ULONG Reserved : 30;
		};
	};
	HANDLE ParentProcessId;
	CLIENT_ID CreatingThreadId;
	struct _FILE_OBJECT *FileObject;
	PCUNICODE_STRING ImageFileName;
	PCUNICODE_STRING CommandLine;
	NTSTATUS CreationStatus;
} PS_CREATE_NOTIFY_INFO, *PPS_CREATE_NOTIFY_INFO;

typedef VOID (*PCREATE_PROCESS_NOTIFY_ROUTINE_EX)(PEPROCESS Process, HANDLE ProcessId,
						  PPS_CREATE_NOTIFY_INFO CreateInfo);

typedef struct _IMAGE_INFO {
	union {
		ULONG Properties;
		struct {
			ULONG ImageAddressingMode : 8;
			ULONG SystemModeImage : 1;
			ULONG ImageMappedToAllPids : 1;
			ULONG ExtendedInfoPresent : 1;
			ULONG MachineTypeMismatch : 1;
			ULONG ImageSignatureLevel : 4;
			ULONG ImageSignatureType : 3;
			ULONG ImagePartialMap : 1;
			ULONG Reserved : 12;
		};
	};
	PVOID ImageBase;
	ULONG ImageSelector;
	SIZE_T ImageSize;
	ULONG ImageSectionNumber;
} IMAGE_INFO, *PIMAGE_INFO;

typedef VOID (*PLOAD_IMAGE_NOTIFY_ROUTINE)(PUNICODE_STRING FullImageName, HANDLE ProcessId,
					   PIMAGE_INFO ImageInfo);

NTKERNELAPI NTSTATUS NTAPI PsSetCreateProcessNotifyRoutine(
	PCREATE_PROCESS_NOTIFY_ROUTINE NotifyRoutine, BOOLEAN Remove);
NTKERNELAPI NTSTATUS NTAPI PsSetCreateProcessNotifyRoutineEx(
	PCREATE_PROCESS_NOTIFY_ROUTINE_EX NotifyRoutine, BOOLEAN Remove);
NTKERNELAPI NTSTATUS NTAPI PsSetCreateThreadNotifyRoutine(
	PCREATE_THREAD_NOTIFY_ROUTINE NotifyRoutine);
NTKERNELAPI NTSTATUS NTAPI PsRemoveCreateThreadNotifyRoutine(
	PCREATE_THREAD_NOTIFY_ROUTINE NotifyRoutine);
NTKERNELAPI NTSTATUS NTAPI PsSetLoadImageNotifyRoutine(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine);
NTKERNELAPI NTSTATUS NTAPI PsRemoveLoadImageNotifyRoutine(PLOAD_IMAGE_NOTIFY_ROUTINE NotifyRoutine);
NTKERNELAPI NTSTATUS NTAPI PsLookupProcessByProcessId(HANDLE ProcessId, PEPROCESS *Process);
NTKERNELAPI NTSTATUS NTAPI PsLookupThreadByThreadId(HANDLE ThreadId, PETHREAD *Thread);

typedef ULONG OB_OPERATION;
#define OB_OPERATION_HANDLE_CREATE		0x00000001
#define OB_OPERATION_HANDLE_DUPLICATE		0x00000002
#define OB_FLT_REGISTRATION_VERSION_0100	0x0100
#define OB_FLT_REGISTRATION_VERSION		OB_FLT_REGISTRATION_VERSION_0100

typedef struct _OB_PRE_CREATE_HANDLE_INFORMATION {
	ACCESS_MASK DesiredAccess;
	ACCESS_MASK OriginalDesiredAccess;
} OB_PRE_CREATE_HANDLE_INFORMATION, *POB_PRE_CREATE_HANDLE_INFORMATION;

typedef struct _OB_PRE_DUPLICATE_HANDLE_INFORMATION {
	ACCESS_MASK DesiredAccess;
	ACCESS_MASK OriginalDesiredAccess;
	PVOID SourceProcess;
	PVOID TargetProcess;
} OB_PRE_DUPLICATE_HANDLE_INFORMATION, *POB_PRE_DUPLICATE_HANDLE_INFORMATION;

typedef union _OB_PRE_OPERATION_PARAMETERS {
	OB_PRE_CREATE_HANDLE_INFORMATION CreateHandleInformation;
	OB_PRE_DUPLICATE_HANDLE_INFORMATION DuplicateHandleInformation;
} OB_PRE_OPERATION_PARAMETERS, *POB_PRE_OPERATION_PARAMETERS;

typedef struct _OB_PRE_OPERATION_INFORMATION {
	OB_OPERATION Operation;
	union {
		ULONG Flags;
		struct {
			ULONG KernelHandle : 1;
			ULONG Reserved : 31;
		};
	};
	PVOID Object;
	POBJECT_TYPE ObjectType;
	PVOID CallContext;
	POB_PRE_OPERATION_PARAMETERS Parameters;
} OB_PRE_OPERATION_INFORMATION, *POB_PRE_OPERATION_INFORMATION;

typedef struct _OB_POST_CREATE_HANDLE_INFORMATION {
	ACCESS_MASK GrantedAccess;
} OB_POST_CREATE_HANDLE_INFORMATION, *POB_POST_CREATE_HANDLE_INFORMATION;

typedef struct _OB_POST_DUPLICATE_HANDLE_INFORMATION {
	ACCESS_MASK GrantedAccess;
} OB_POST_DUPLICATE_HANDLE_INFORMATION, *POB_POST_DUPLICATE_HANDLE_INFORMATION;

typedef union _OB_POST_OPERATION_PARAMETERS {
	OB_POST_CREATE_HANDLE_INFORMATION CreateHandleInformation;
	OB_POST_DUPLICATE_HANDLE_INFORMATION DuplicateHandleInformation;
} OB_POST_OPERATION_PARAMETERS, *POB_POST_OPERATION_PARAMETERS;

typedef struct _OB_POST_OPERATION_INFORMATION {
	OB_OPERATION Operation;
	union {
		ULONG Flags;
		struct {
			ULONG KernelHandle : 1;
			ULONG Reserved : 31;
		};
	};
	PVOID Object;
	POBJECT_TYPE ObjectType;
	PVOID CallContext;
	NTSTATUS ReturnStatus;
	POB_POST_OPERATION_PARAMETERS Parameters;
} OB_POST_OPERATION_INFORMATION, *POB_POST_OPERATION_INFORMATION;

typedef enum _OB_PREOP_CALLBACK_STATUS {
	OB_PREOP_SUCCESS
} OB_PREOP_CALLBACK_STATUS, *POB_PREOP_CALLBACK_STATUS;

typedef OB_PREOP_CALLBACK_STATUS (*POB_PRE_OPERATION_CALLBACK)(
	PVOID RegistrationContext, POB_PRE_OPERATION_INFORMATION OperationInformation);
typedef VOID (*POB_POST_OPERATION_CALLBACK)(PVOID RegistrationContext,
					    POB_POST_OPERATION_INFORMATION OperationInformation);

typedef struct _OB_OPERATION_REGISTRATION {
	POBJECT_TYPE *ObjectType;
	OB_OPERATION Operations;
	POB_PRE_OPERATION_CALLBACK PreOperation;
	POB_POST_OPERATION_CALLBACK PostOperation;
} OB_OPERATION_REGISTRATION, *POB_OPERATION_REGISTRATION;

typedef struct _OB_CALLBACK_REGISTRATION {
	USHORT Version;
	USHORT OperationRegistrationCount;
	UNICODE_STRING Altitude;
	PVOID RegistrationContext;
	OB_OPERATION_REGISTRATION *OperationRegistration;
} OB_CALLBACK_REGISTRATION, *POB_CALLBACK_REGISTRATION;

NTKERNELAPI NTSTATUS NTAPI ObRegisterCallbacks(POB_CALLBACK_REGISTRATION CallbackRegistration,
					       PVOID *RegistrationHandle);
NTKERNELAPI VOID NTAPI ObUnRegisterCallbacks(PVOID RegistrationHandle);
NTKERNELAPI USHORT NTAPI ObGetFilterVersion(VOID);

#endif /* _NTSHIM_WDM_PS_H */
