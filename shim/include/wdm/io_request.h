/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/io_request.h - the I/O manager's request side: file objects and
 * symbolic links, cancellation, StartIo and cancel-safe queues, remove
 * locks, work items, driver stacks, and building IRPs.  Routines the
 * README's table does not list as working are declared only: a driver
 * calling them fails to link, with their names.
 * Part of wdm.h: drivers include <wdm.h> or <ntddk.h>, not this file.
 */
#ifndef _NTSHIM_WDM_IO_REQUEST_H
#define _NTSHIM_WDM_IO_REQUEST_H

/* ---------------------------------------------------- File objects, names */

struct _FILE_OBJECT {
	CSHORT Type;
	CSHORT Size;
	PDEVICE_OBJECT DeviceObject;
	PVPB Vpb;
	PVOID FsContext;
	PVOID FsContext2;
	PVOID SectionObjectPointer;
	PVOID PrivateCacheMap;
	NTSTATUS FinalStatus;
	struct _FILE_OBJECT *RelatedFileObject;
	BOOLEAN LockOperation;
	BOOLEAN DeletePending;
	BOOLEAN ReadAccess;
	BOOLEAN WriteAccess;
	BOOLEAN DeleteAccess;
	BOOLEAN SharedRead;
	BOOLEAN SharedWrite;
	BOOLEAN SharedDelete;
	ULONG Flags;
	UNICODE_STRING FileName;
	LARGE_INTEGER CurrentByteOffset;
	volatile ULONG Waiters;
	volatile ULONG Busy;
	PVOID LastLock;
	KEVENT Lock;
	KEVENT Event;
	PVOID CompletionContext;
	KSPIN_LOCK IrpListLock;
	LIST_ENTRY IrpList;
	volatile PVOID FileObjectExtension;
};

NTKERNELAPI NTSTATUS NTAPI IoCreateSymbolicLink(PUNICODE_STRING SymbolicLinkName,
						PUNICODE_STRING DeviceName);
NTKERNELAPI NTSTATUS NTAPI IoCreateUnprotectedSymbolicLink(PUNICODE_STRING SymbolicLinkName,
							   PUNICODE_STRING DeviceName);
NTKERNELAPI NTSTATUS NTAPI IoDeleteSymbolicLink(PUNICODE_STRING SymbolicLinkName);
NTKERNELAPI NTSTATUS NTAPI IoGetDeviceObjectPointer(PUNICODE_STRING ObjectName,
						    ACCESS_MASK DesiredAccess,
						    PFILE_OBJECT *FileObject,
						    PDEVICE_OBJECT *DeviceObject);
NTKERNELAPI PEPROCESS NTAPI IoGetCurrentProcess(VOID);
NTKERNELAPI BOOLEAN NTAPI IoIsWdmVersionAvailable(UCHAR MajorVersion, UCHAR MinorVersion);

/* The current stack: its top, and its bounds (low, high). */
NTKERNELAPI PVOID NTAPI IoGetInitialStack(VOID);
NTKERNELAPI VOID NTAPI IoGetStackLimits(PULONG_PTR LowLimit, PULONG_PTR HighLimit);
static __inline ULONG_PTR IoGetRemainingStackSize(VOID)
{
	ULONG_PTR Top, Bottom;

	IoGetStackLimits(&Bottom, &Top);
	return (ULONG_PTR)&Top - Bottom;
}

/* Fast I/O: calls that bypass IRPs (the I/O manager makes none yet). */
typedef BOOLEAN FAST_IO_CHECK_IF_POSSIBLE(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset,
					  ULONG Length, BOOLEAN Wait, ULONG LockKey,
					  BOOLEAN CheckForReadOperation,
					  PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef BOOLEAN FAST_IO_READ(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length,
			     BOOLEAN Wait, ULONG LockKey, PVOID Buffer,
			     PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef BOOLEAN FAST_IO_WRITE(PFILE_OBJECT FileObject, PLARGE_INTEGER FileOffset, ULONG Length,
			      BOOLEAN Wait, ULONG LockKey, PVOID Buffer,
			      PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef BOOLEAN FAST_IO_QUERY_BASIC_INFO(PFILE_OBJECT FileObject, BOOLEAN Wait,
					 PFILE_BASIC_INFORMATION Buffer,
					 PIO_STATUS_BLOCK IoStatus, PDEVICE_OBJECT DeviceObject);
typedef BOOLEAN FAST_IO_QUERY_STANDARD_INFO(PFILE_OBJECT FileObject, BOOLEAN Wait,
					    PFILE_STANDARD_INFORMATION Buffer,
					    PIO_STATUS_BLOCK IoStatus,
					    PDEVICE_OBJECT DeviceObject);
typedef BOOLEAN FAST_IO_DEVICE_CONTROL(PFILE_OBJECT FileObject, BOOLEAN Wait,
				       PVOID InputBuffer, ULONG InputBufferLength,
				       PVOID OutputBuffer, ULONG OutputBufferLength,
				       ULONG IoControlCode, PIO_STATUS_BLOCK IoStatus,
				       PDEVICE_OBJECT DeviceObject);
typedef VOID FAST_IO_DETACH_DEVICE(PDEVICE_OBJECT SourceDevice, PDEVICE_OBJECT TargetDevice);

typedef struct _FAST_IO_DISPATCH {
	ULONG SizeOfFastIoDispatch;
	FAST_IO_CHECK_IF_POSSIBLE *FastIoCheckIfPossible;
	FAST_IO_READ *FastIoRead;
	FAST_IO_WRITE *FastIoWrite;
	FAST_IO_QUERY_BASIC_INFO *FastIoQueryBasicInfo;
	FAST_IO_QUERY_STANDARD_INFO *FastIoQueryStandardInfo;
	PVOID FastIoLock;
	PVOID FastIoUnlockSingle;
	PVOID FastIoUnlockAll;
	PVOID FastIoUnlockAllByKey;
	FAST_IO_DEVICE_CONTROL *FastIoDeviceControl;
	PVOID AcquireFileForNtCreateSection;
	PVOID ReleaseFileForNtCreateSection;
	FAST_IO_DETACH_DEVICE *FastIoDetachDevice;
	PVOID FastIoQueryNetworkOpenInfo;
	PVOID AcquireForModWrite;
	PVOID MdlRead;
	PVOID MdlReadComplete;
	PVOID PrepareMdlWrite;
	PVOID MdlWriteComplete;
	PVOID FastIoReadCompressed;
	PVOID FastIoWriteCompressed;
	PVOID MdlReadCompleteCompressed;
	PVOID MdlWriteCompleteCompressed;
	PVOID FastIoQueryOpen;
	PVOID ReleaseForModWrite;
	PVOID AcquireForCcFlush;
	PVOID ReleaseForCcFlush;
} FAST_IO_DISPATCH, *PFAST_IO_DISPATCH;

/* --------------------------------------------------------- Cancellation */

NTKERNELAPI VOID NTAPI IoAcquireCancelSpinLock(PKIRQL Irql);
NTKERNELAPI VOID NTAPI IoReleaseCancelSpinLock(KIRQL Irql);
NTKERNELAPI BOOLEAN NTAPI IoCancelIrp(PIRP Irp);

/* The routine set before, atomically, as NT's inline does. */
FORCEINLINE PDRIVER_CANCEL IoSetCancelRoutine(PIRP Irp, PDRIVER_CANCEL CancelRoutine)
{
	return (PDRIVER_CANCEL)__atomic_exchange_n((PVOID *)&Irp->CancelRoutine,
						   (PVOID)CancelRoutine, __ATOMIC_SEQ_CST);
}

/* ------------------------------------------------- StartIo and queues */

NTKERNELAPI VOID NTAPI IoStartPacket(PDEVICE_OBJECT DeviceObject, PIRP Irp, PULONG Key,
				     PDRIVER_CANCEL CancelFunction);
NTKERNELAPI VOID NTAPI IoStartNextPacket(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable);
NTKERNELAPI VOID NTAPI IoStartNextPacketByKey(PDEVICE_OBJECT DeviceObject, BOOLEAN Cancelable,
					      ULONG Key);
NTKERNELAPI VOID NTAPI IoSetStartIoAttributes(PDEVICE_OBJECT DeviceObject,
					      BOOLEAN DeferredStartIo, BOOLEAN NonCancelable);

typedef struct _IO_CSQ IO_CSQ, *PIO_CSQ;

#define IO_TYPE_CSQ_IRP_CONTEXT	1
#define IO_TYPE_CSQ		2
#define IO_TYPE_CSQ_EX		3

typedef struct _IO_CSQ_IRP_CONTEXT {
	ULONG Type;
	PIRP Irp;
	PIO_CSQ Csq;
} IO_CSQ_IRP_CONTEXT, *PIO_CSQ_IRP_CONTEXT;

typedef VOID IO_CSQ_INSERT_IRP(PIO_CSQ Csq, PIRP Irp);
typedef IO_CSQ_INSERT_IRP *PIO_CSQ_INSERT_IRP;
typedef NTSTATUS IO_CSQ_INSERT_IRP_EX(PIO_CSQ Csq, PIRP Irp, PVOID InsertContext);
typedef IO_CSQ_INSERT_IRP_EX *PIO_CSQ_INSERT_IRP_EX;
typedef VOID IO_CSQ_REMOVE_IRP(PIO_CSQ Csq, PIRP Irp);
typedef IO_CSQ_REMOVE_IRP *PIO_CSQ_REMOVE_IRP;
typedef PIRP IO_CSQ_PEEK_NEXT_IRP(PIO_CSQ Csq, PIRP Irp, PVOID PeekContext);
typedef IO_CSQ_PEEK_NEXT_IRP *PIO_CSQ_PEEK_NEXT_IRP;
typedef VOID IO_CSQ_ACQUIRE_LOCK(PIO_CSQ Csq, PKIRQL Irql);
typedef IO_CSQ_ACQUIRE_LOCK *PIO_CSQ_ACQUIRE_LOCK;
typedef VOID IO_CSQ_RELEASE_LOCK(PIO_CSQ Csq, KIRQL Irql);
typedef IO_CSQ_RELEASE_LOCK *PIO_CSQ_RELEASE_LOCK;
typedef VOID IO_CSQ_COMPLETE_CANCELED_IRP(PIO_CSQ Csq, PIRP Irp);
typedef IO_CSQ_COMPLETE_CANCELED_IRP *PIO_CSQ_COMPLETE_CANCELED_IRP;

struct _IO_CSQ {
	ULONG Type;
	PIO_CSQ_INSERT_IRP CsqInsertIrp;
	PIO_CSQ_REMOVE_IRP CsqRemoveIrp;
	PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp;
	PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock;
	PIO_CSQ_RELEASE_LOCK CsqReleaseLock;
	PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp;
	PVOID ReservePointer;
};

NTKERNELAPI NTSTATUS NTAPI IoCsqInitialize(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP CsqInsertIrp,
					   PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
					   PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
					   PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
					   PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
					   PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp);
NTKERNELAPI NTSTATUS NTAPI IoCsqInitializeEx(PIO_CSQ Csq, PIO_CSQ_INSERT_IRP_EX CsqInsertIrp,
					     PIO_CSQ_REMOVE_IRP CsqRemoveIrp,
					     PIO_CSQ_PEEK_NEXT_IRP CsqPeekNextIrp,
					     PIO_CSQ_ACQUIRE_LOCK CsqAcquireLock,
					     PIO_CSQ_RELEASE_LOCK CsqReleaseLock,
					     PIO_CSQ_COMPLETE_CANCELED_IRP CsqCompleteCanceledIrp);
NTKERNELAPI VOID NTAPI IoCsqInsertIrp(PIO_CSQ Csq, PIRP Irp, PIO_CSQ_IRP_CONTEXT Context);
NTKERNELAPI NTSTATUS NTAPI IoCsqInsertIrpEx(PIO_CSQ Csq, PIRP Irp,
					    PIO_CSQ_IRP_CONTEXT Context, PVOID InsertContext);
NTKERNELAPI PIRP NTAPI IoCsqRemoveNextIrp(PIO_CSQ Csq, PVOID PeekContext);
NTKERNELAPI PIRP NTAPI IoCsqRemoveIrp(PIO_CSQ Csq, PIO_CSQ_IRP_CONTEXT Context);

/* ----------------------------------------------------------- Remove locks */

typedef struct _IO_REMOVE_LOCK_COMMON_BLOCK {
	BOOLEAN Removed;
	BOOLEAN Reserved[3];
	volatile LONG IoCount;
	KEVENT RemoveEvent;
} IO_REMOVE_LOCK_COMMON_BLOCK;

typedef struct _IO_REMOVE_LOCK {
	IO_REMOVE_LOCK_COMMON_BLOCK Common;
} IO_REMOVE_LOCK, *PIO_REMOVE_LOCK;

NTKERNELAPI VOID NTAPI IoInitializeRemoveLockEx(PIO_REMOVE_LOCK Lock, ULONG AllocateTag,
						ULONG MaxLockedMinutes, ULONG HighWatermark,
						ULONG RemlockSize);
NTKERNELAPI NTSTATUS NTAPI IoAcquireRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
						 PCSTR File, ULONG Line, ULONG RemlockSize);
NTKERNELAPI VOID NTAPI IoReleaseRemoveLockEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
					     ULONG RemlockSize);
NTKERNELAPI VOID NTAPI IoReleaseRemoveLockAndWaitEx(PIO_REMOVE_LOCK RemoveLock, PVOID Tag,
						    ULONG RemlockSize);
#define IoInitializeRemoveLock(Lock, Tag, Maxmin, HighWater) \
	IoInitializeRemoveLockEx(Lock, Tag, Maxmin, HighWater, sizeof(IO_REMOVE_LOCK))
#define IoAcquireRemoveLock(RemoveLock, Tag) \
	IoAcquireRemoveLockEx(RemoveLock, Tag, __FILE__, __LINE__, sizeof(IO_REMOVE_LOCK))
#define IoReleaseRemoveLock(RemoveLock, Tag) \
	IoReleaseRemoveLockEx(RemoveLock, Tag, sizeof(IO_REMOVE_LOCK))
#define IoReleaseRemoveLockAndWait(RemoveLock, Tag) \
	IoReleaseRemoveLockAndWaitEx(RemoveLock, Tag, sizeof(IO_REMOVE_LOCK))

/* ------------------------------------------------------------ Work items */

typedef struct _IO_WORKITEM *PIO_WORKITEM;
typedef VOID IO_WORKITEM_ROUTINE(PDEVICE_OBJECT DeviceObject, PVOID Context);
typedef IO_WORKITEM_ROUTINE *PIO_WORKITEM_ROUTINE;
typedef VOID IO_WORKITEM_ROUTINE_EX(PVOID IoObject, PVOID Context, PIO_WORKITEM IoWorkItem);
typedef IO_WORKITEM_ROUTINE_EX *PIO_WORKITEM_ROUTINE_EX;

NTKERNELAPI PIO_WORKITEM NTAPI IoAllocateWorkItem(PDEVICE_OBJECT DeviceObject);
NTKERNELAPI VOID NTAPI IoFreeWorkItem(PIO_WORKITEM IoWorkItem);
NTKERNELAPI VOID NTAPI IoQueueWorkItem(PIO_WORKITEM IoWorkItem,
				       PIO_WORKITEM_ROUTINE WorkerRoutine,
				       WORK_QUEUE_TYPE QueueType, PVOID Context);
NTKERNELAPI VOID NTAPI IoQueueWorkItemEx(PIO_WORKITEM IoWorkItem,
					 PIO_WORKITEM_ROUTINE_EX WorkerRoutine,
					 WORK_QUEUE_TYPE QueueType, PVOID Context);
NTKERNELAPI ULONG NTAPI IoSizeofWorkItem(VOID);
NTKERNELAPI VOID NTAPI IoInitializeWorkItem(PVOID IoObject, PIO_WORKITEM IoWorkItem);
NTKERNELAPI VOID NTAPI IoUninitializeWorkItem(PIO_WORKITEM IoWorkItem);

/* -------------------------------------------------- Stacks, IRP building */

NTKERNELAPI PDEVICE_OBJECT NTAPI IoAttachDeviceToDeviceStack(PDEVICE_OBJECT SourceDevice,
							     PDEVICE_OBJECT TargetDevice);
NTKERNELAPI NTSTATUS NTAPI IoAttachDevice(PDEVICE_OBJECT SourceDevice,
					   PUNICODE_STRING TargetDevice,
					   PDEVICE_OBJECT *AttachedDevice);
NTKERNELAPI VOID NTAPI IoDetachDevice(PDEVICE_OBJECT TargetDevice);
NTKERNELAPI PDEVICE_OBJECT NTAPI IoGetAttachedDevice(PDEVICE_OBJECT DeviceObject);
NTKERNELAPI PDEVICE_OBJECT NTAPI IoGetRelatedDeviceObject(PFILE_OBJECT FileObject);
NTKERNELAPI PDEVICE_OBJECT NTAPI IoGetAttachedDeviceReference(PDEVICE_OBJECT DeviceObject);
NTKERNELAPI PIRP NTAPI IoBuildDeviceIoControlRequest(ULONG IoControlCode,
						     PDEVICE_OBJECT DeviceObject,
						     PVOID InputBuffer, ULONG InputBufferLength,
						     PVOID OutputBuffer, ULONG OutputBufferLength,
						     BOOLEAN InternalDeviceIoControl,
						     PKEVENT Event,
						     PIO_STATUS_BLOCK IoStatusBlock);
NTKERNELAPI PIRP NTAPI IoBuildSynchronousFsdRequest(ULONG MajorFunction,
						    PDEVICE_OBJECT DeviceObject, PVOID Buffer,
						    ULONG Length, PLARGE_INTEGER StartingOffset,
						    PKEVENT Event,
						    PIO_STATUS_BLOCK IoStatusBlock);
NTKERNELAPI PIRP NTAPI IoBuildAsynchronousFsdRequest(ULONG MajorFunction,
						     PDEVICE_OBJECT DeviceObject, PVOID Buffer,
						     ULONG Length, PLARGE_INTEGER StartingOffset,
						     PIO_STATUS_BLOCK IoStatusBlock);
NTKERNELAPI VOID NTAPI IoReuseIrp(PIRP Irp, NTSTATUS Iostatus);
NTKERNELAPI PMDL NTAPI IoAllocateMdl(PVOID VirtualAddress, ULONG Length,
				     BOOLEAN SecondaryBuffer, BOOLEAN ChargeQuota, PIRP Irp);
NTKERNELAPI VOID NTAPI IoFreeMdl(PMDL Mdl);
NTKERNELAPI VOID NTAPI IoBuildPartialMdl(PMDL SourceMdl, PMDL TargetMdl,
					 PVOID VirtualAddress, ULONG Length);

/* ------------------------------------------------------------------ WMI */

NTKERNELAPI NTSTATUS NTAPI IoWMIRegistrationControl(PDEVICE_OBJECT DeviceObject, ULONG Action);
#define WMIREG_ACTION_REGISTER		1
#define WMIREG_ACTION_DEREGISTER	2

#endif /* _NTSHIM_WDM_IO_REQUEST_H */
