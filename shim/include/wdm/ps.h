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
NTKERNELAPI LONG NTAPI KeSetBasePriorityThread(PKTHREAD Thread, LONG Increment);

#endif /* _NTSHIM_WDM_PS_H */
