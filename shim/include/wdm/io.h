/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/io.h - the I/O manager: interrupt objects, driver and device objects, IRPs, IoTimer, reinitialization and shutdown.
 * Part of wdm.h: drivers include <wdm.h> or <ntddk.h>, not this file.
 */
#ifndef _NTSHIM_WDM_IO_H
#define _NTSHIM_WDM_IO_H

/* Interrupt objects. */
typedef struct _KINTERRUPT *PKINTERRUPT, *PRKINTERRUPT;

typedef enum _KINTERRUPT_MODE {
	LevelSensitive,
	Latched
} KINTERRUPT_MODE;

typedef BOOLEAN KSERVICE_ROUTINE(struct _KINTERRUPT *Interrupt, PVOID ServiceContext);
typedef KSERVICE_ROUTINE *PKSERVICE_ROUTINE;
typedef BOOLEAN KSYNCHRONIZE_ROUTINE(PVOID SynchronizeContext);
typedef KSYNCHRONIZE_ROUTINE *PKSYNCHRONIZE_ROUTINE;

NTKERNELAPI NTSTATUS NTAPI IoConnectInterrupt(PKINTERRUPT *InterruptObject,
					      PKSERVICE_ROUTINE ServiceRoutine,
					      PVOID ServiceContext, PKSPIN_LOCK SpinLock,
					      ULONG Vector, KIRQL Irql, KIRQL SynchronizeIrql,
					      KINTERRUPT_MODE InterruptMode,
					      BOOLEAN ShareVector, KAFFINITY ProcessorEnableMask,
					      BOOLEAN FloatingSave);
NTKERNELAPI VOID NTAPI IoDisconnectInterrupt(PKINTERRUPT InterruptObject);
NTKERNELAPI BOOLEAN NTAPI KeSynchronizeExecution(PKINTERRUPT Interrupt,
						 PKSYNCHRONIZE_ROUTINE SynchronizeRoutine,
						 PVOID SynchronizeContext);
NTKERNELAPI KIRQL NTAPI KeAcquireInterruptSpinLock(PKINTERRUPT Interrupt);
NTKERNELAPI VOID NTAPI KeReleaseInterruptSpinLock(PKINTERRUPT Interrupt, KIRQL OldIrql);

/* ------------------------------------------------------------ I/O manager */

/* Object type codes (the Type field of I/O objects). */
#define IO_TYPE_ADAPTER			1
#define IO_TYPE_CONTROLLER		2
#define IO_TYPE_DEVICE			3
#define IO_TYPE_DRIVER			4
#define IO_TYPE_FILE			5
#define IO_TYPE_IRP			6
#define IO_TYPE_MASTER_ADAPTER		7
#define IO_TYPE_OPEN_PACKET		8
#define IO_TYPE_TIMER			9
#define IO_TYPE_VPB			10
#define IO_TYPE_ERROR_LOG		11
#define IO_TYPE_ERROR_MESSAGE		12
#define IO_TYPE_DEVICE_OBJECT_EXTENSION	13

/* IRP->Flags. */
#define IRP_NOCACHE			0x00000001
#define IRP_PAGING_IO			0x00000002
#define IRP_MOUNT_COMPLETION		0x00000002
#define IRP_SYNCHRONOUS_API		0x00000004
#define IRP_ASSOCIATED_IRP		0x00000008
#define IRP_BUFFERED_IO			0x00000010
#define IRP_DEALLOCATE_BUFFER		0x00000020
#define IRP_INPUT_OPERATION		0x00000040
#define IRP_SYNCHRONOUS_PAGING_IO	0x00000040
#define IRP_CREATE_OPERATION		0x00000080
#define IRP_READ_OPERATION		0x00000100
#define IRP_WRITE_OPERATION		0x00000200
#define IRP_CLOSE_OPERATION		0x00000400
#define IRP_DEFER_IO_COMPLETION		0x00000800
#define IRP_OB_QUERY_NAME		0x00001000
#define IRP_HOLD_DEVICE_QUEUE		0x00002000

/* IRP->AllocationFlags. */
#define IRP_QUOTA_CHARGED		0x01
#define IRP_ALLOCATED_MUST_SUCCEED	0x02
#define IRP_ALLOCATED_FIXED_SIZE	0x04
#define IRP_LOOKASIDE_ALLOCATION	0x08

#define IRP_MJ_CREATE			0x00
#define IRP_MJ_CREATE_NAMED_PIPE	0x01
#define IRP_MJ_CLOSE			0x02
#define IRP_MJ_READ			0x03
#define IRP_MJ_WRITE			0x04
#define IRP_MJ_QUERY_INFORMATION	0x05
#define IRP_MJ_SET_INFORMATION		0x06
#define IRP_MJ_QUERY_EA			0x07
#define IRP_MJ_SET_EA			0x08
#define IRP_MJ_FLUSH_BUFFERS		0x09
#define IRP_MJ_QUERY_VOLUME_INFORMATION	0x0a
#define IRP_MJ_SET_VOLUME_INFORMATION	0x0b
#define IRP_MJ_DIRECTORY_CONTROL	0x0c
#define IRP_MJ_FILE_SYSTEM_CONTROL	0x0d
#define IRP_MJ_DEVICE_CONTROL		0x0e
#define IRP_MJ_INTERNAL_DEVICE_CONTROL	0x0f
#define IRP_MJ_SCSI			IRP_MJ_INTERNAL_DEVICE_CONTROL
#define IRP_MJ_SHUTDOWN			0x10
#define IRP_MJ_LOCK_CONTROL		0x11
#define IRP_MJ_CLEANUP			0x12
#define IRP_MJ_CREATE_MAILSLOT		0x13
#define IRP_MJ_QUERY_SECURITY		0x14
#define IRP_MJ_SET_SECURITY		0x15
#define IRP_MJ_POWER			0x16
#define IRP_MJ_SYSTEM_CONTROL		0x17
#define IRP_MJ_DEVICE_CHANGE		0x18
#define IRP_MJ_QUERY_QUOTA		0x19
#define IRP_MJ_SET_QUOTA		0x1a
#define IRP_MJ_PNP			0x1b
#define IRP_MJ_PNP_POWER		IRP_MJ_PNP
#define IRP_MJ_MAXIMUM_FUNCTION		0x1b

/* IRP_MN_* for IRP_MJ_PNP (power's are in wdm/po.h). */
#define IRP_MN_START_DEVICE			0x00
#define IRP_MN_QUERY_REMOVE_DEVICE		0x01
#define IRP_MN_REMOVE_DEVICE			0x02
#define IRP_MN_CANCEL_REMOVE_DEVICE		0x03
#define IRP_MN_STOP_DEVICE			0x04
#define IRP_MN_QUERY_STOP_DEVICE		0x05
#define IRP_MN_CANCEL_STOP_DEVICE		0x06
#define IRP_MN_QUERY_DEVICE_RELATIONS		0x07
#define IRP_MN_QUERY_INTERFACE			0x08
#define IRP_MN_QUERY_CAPABILITIES		0x09
#define IRP_MN_QUERY_RESOURCES			0x0a
#define IRP_MN_QUERY_RESOURCE_REQUIREMENTS	0x0b
#define IRP_MN_QUERY_DEVICE_TEXT		0x0c
#define IRP_MN_FILTER_RESOURCE_REQUIREMENTS	0x0d
#define IRP_MN_READ_CONFIG			0x0f
#define IRP_MN_WRITE_CONFIG			0x10
#define IRP_MN_EJECT				0x11
#define IRP_MN_SET_LOCK				0x12
#define IRP_MN_QUERY_ID				0x13
#define IRP_MN_QUERY_PNP_DEVICE_STATE		0x14
#define IRP_MN_QUERY_BUS_INFORMATION		0x15
#define IRP_MN_DEVICE_USAGE_NOTIFICATION	0x16
#define IRP_MN_SURPRISE_REMOVAL			0x17
#define IRP_MN_QUERY_LEGACY_BUS_INFORMATION	0x18
#define IRP_MN_DEVICE_ENUMERATED		0x19

/* IRP_MN_* for IRP_MJ_SYSTEM_CONTROL (WMI). */
#define IRP_MN_QUERY_ALL_DATA			0x00
#define IRP_MN_QUERY_SINGLE_INSTANCE		0x01
#define IRP_MN_CHANGE_SINGLE_INSTANCE		0x02
#define IRP_MN_CHANGE_SINGLE_ITEM		0x03
#define IRP_MN_ENABLE_EVENTS			0x04
#define IRP_MN_DISABLE_EVENTS			0x05
#define IRP_MN_ENABLE_COLLECTION		0x06
#define IRP_MN_DISABLE_COLLECTION		0x07
#define IRP_MN_REGINFO				0x08
#define IRP_MN_EXECUTE_METHOD			0x09
#define IRP_MN_REGINFO_EX			0x0b

/* IRP_MN_QUERY_DEVICE_RELATIONS: what is asked, and the answer. */
typedef enum _DEVICE_RELATION_TYPE {
	BusRelations,
	EjectionRelations,
	PowerRelations,
	RemovalRelations,
	TargetDeviceRelation,
	SingleBusRelations,
	TransportRelations
} DEVICE_RELATION_TYPE, *PDEVICE_RELATION_TYPE;

typedef struct _DEVICE_RELATIONS {
	ULONG Count;
	struct _DEVICE_OBJECT *Objects[1];
} DEVICE_RELATIONS, *PDEVICE_RELATIONS;

/* Device flags. */
#define DO_VERIFY_VOLUME		0x00000002
#define DO_BUFFERED_IO			0x00000004
#define DO_EXCLUSIVE			0x00000008
#define DO_DIRECT_IO			0x00000010
#define DO_MAP_IO_BUFFER		0x00000020
#define DO_DEVICE_HAS_NAME		0x00000040
#define DO_DEVICE_INITIALIZING		0x00000080
#define DO_SYSTEM_BOOT_PARTITION	0x00000100
#define DO_LONG_TERM_REQUESTS		0x00000200
#define DO_NEVER_LAST_DEVICE		0x00000400
#define DO_SHUTDOWN_REGISTERED		0x00000800
#define DO_BUS_ENUMERATED_DEVICE	0x00001000
#define DO_POWER_PAGABLE		0x00002000
#define DO_POWER_INRUSH			0x00004000

/* Device characteristics. */
#define FILE_REMOVABLE_MEDIA		0x00000001
#define FILE_READ_ONLY_DEVICE		0x00000002
#define FILE_FLOPPY_DISKETTE		0x00000004
#define FILE_WRITE_ONCE_MEDIA		0x00000008
#define FILE_REMOTE_DEVICE		0x00000010
#define FILE_DEVICE_IS_MOUNTED		0x00000020
#define FILE_VIRTUAL_VOLUME		0x00000040
#define FILE_AUTOGENERATED_DEVICE_NAME	0x00000080
#define FILE_DEVICE_SECURE_OPEN		0x00000100

#include <devioctl.h>

#define FILE_BYTE_ALIGNMENT		0x00000000
#define FILE_WORD_ALIGNMENT		0x00000001
#define FILE_LONG_ALIGNMENT		0x00000003
#define FILE_QUAD_ALIGNMENT		0x00000007

/* Priority boosts for IoCompleteRequest: accepted, no scheduler effect. */
#define IO_NO_INCREMENT			0
#define IO_CD_ROM_INCREMENT		1
#define IO_DISK_INCREMENT		1
#define IO_KEYBOARD_INCREMENT		6
#define IO_MOUSE_INCREMENT		6
#define IO_NETWORK_INCREMENT		2
#define IO_PARALLEL_INCREMENT		1
#define IO_SERIAL_INCREMENT		2
#define IO_SOUND_INCREMENT		8
#define IO_VIDEO_INCREMENT		1

#define SL_PENDING_RETURNED		0x01
#define SL_ERROR_RETURNED		0x02
#define SL_INVOKE_ON_CANCEL		0x20
#define SL_INVOKE_ON_SUCCESS		0x40
#define SL_INVOKE_ON_ERROR		0x80


typedef struct _IO_STATUS_BLOCK {
	union {
		NTSTATUS Status;
		PVOID Pointer;
	};
	ULONG_PTR Information;
} IO_STATUS_BLOCK, *PIO_STATUS_BLOCK;

typedef struct _DRIVER_OBJECT DRIVER_OBJECT, *PDRIVER_OBJECT;
typedef struct _DEVICE_OBJECT DEVICE_OBJECT, *PDEVICE_OBJECT;
typedef struct _IRP IRP, *PIRP;
typedef struct _FILE_OBJECT FILE_OBJECT, *PFILE_OBJECT;
typedef struct _IO_TIMER *PIO_TIMER;
typedef struct _VPB *PVPB;
typedef PVOID PSECURITY_DESCRIPTOR;

/* Driver routine types, for declarations such as "DRIVER_UNLOAD MyUnload;". */
typedef NTSTATUS DRIVER_INITIALIZE(PDRIVER_OBJECT DriverObject,
				   PUNICODE_STRING RegistryPath);
typedef DRIVER_INITIALIZE *PDRIVER_INITIALIZE;
/* Every driver defines it; declared here so its definition has a prototype. */
DRIVER_INITIALIZE DriverEntry;
typedef VOID DRIVER_UNLOAD(PDRIVER_OBJECT DriverObject);
typedef DRIVER_UNLOAD *PDRIVER_UNLOAD;
typedef NTSTATUS DRIVER_ADD_DEVICE(PDRIVER_OBJECT DriverObject,
				   PDEVICE_OBJECT PhysicalDeviceObject);
typedef DRIVER_ADD_DEVICE *PDRIVER_ADD_DEVICE;
typedef NTSTATUS DRIVER_DISPATCH(PDEVICE_OBJECT DeviceObject, PIRP Irp);
typedef DRIVER_DISPATCH *PDRIVER_DISPATCH;
typedef DRIVER_DISPATCH DRIVER_DISPATCH_RAISED;
typedef DRIVER_DISPATCH DRIVER_DISPATCH_PAGED;
typedef VOID DRIVER_STARTIO(PDEVICE_OBJECT DeviceObject, PIRP Irp);
typedef DRIVER_STARTIO *PDRIVER_STARTIO;
typedef VOID DRIVER_CANCEL(PDEVICE_OBJECT DeviceObject, PIRP Irp);
typedef DRIVER_CANCEL *PDRIVER_CANCEL;
typedef VOID DRIVER_REINITIALIZE(PDRIVER_OBJECT DriverObject, PVOID Context,
				 ULONG Count);
typedef DRIVER_REINITIALIZE *PDRIVER_REINITIALIZE;
typedef NTSTATUS IO_COMPLETION_ROUTINE(PDEVICE_OBJECT DeviceObject, PIRP Irp,
				       PVOID Context);
typedef IO_COMPLETION_ROUTINE *PIO_COMPLETION_ROUTINE;
typedef VOID IO_DPC_ROUTINE(PKDPC Dpc, PDEVICE_OBJECT DeviceObject, PIRP Irp,
			    PVOID Context);
typedef IO_DPC_ROUTINE *PIO_DPC_ROUTINE;
typedef VOID IO_TIMER_ROUTINE(PDEVICE_OBJECT DeviceObject, PVOID Context);
typedef IO_TIMER_ROUTINE *PIO_TIMER_ROUTINE;

typedef struct _DRIVER_EXTENSION {
	struct _DRIVER_OBJECT *DriverObject;
	PDRIVER_ADD_DEVICE AddDevice;
	ULONG Count;
	UNICODE_STRING ServiceKeyName;
} DRIVER_EXTENSION, *PDRIVER_EXTENSION;

struct _DRIVER_OBJECT {
	CSHORT Type;
	CSHORT Size;
	PDEVICE_OBJECT DeviceObject;
	ULONG Flags;
	PVOID DriverStart;
	ULONG DriverSize;
	PVOID DriverSection;
	PDRIVER_EXTENSION DriverExtension;
	UNICODE_STRING DriverName;
	PUNICODE_STRING HardwareDatabase;
	struct _FAST_IO_DISPATCH *FastIoDispatch;
	PDRIVER_INITIALIZE DriverInit;
	PDRIVER_STARTIO DriverStartIo;
	PDRIVER_UNLOAD DriverUnload;
	PDRIVER_DISPATCH MajorFunction[IRP_MJ_MAXIMUM_FUNCTION + 1];
};

struct _DEVICE_OBJECT {
	CSHORT Type;
	USHORT Size;
	LONG ReferenceCount;
	struct _DRIVER_OBJECT *DriverObject;
	struct _DEVICE_OBJECT *NextDevice;
	struct _DEVICE_OBJECT *AttachedDevice;
	struct _IRP *CurrentIrp;
	PIO_TIMER Timer;
	ULONG Flags;
	ULONG Characteristics;
	volatile PVPB Vpb;
	PVOID DeviceExtension;
	DEVICE_TYPE DeviceType;
	CCHAR StackSize;
	union {
		LIST_ENTRY ListEntry;
		PVOID WaitContextBlock[9];
	} Queue;
	ULONG AlignmentRequirement;
	KDEVICE_QUEUE DeviceQueue;
	KDPC Dpc;
	ULONG ActiveThreadCount;
	PSECURITY_DESCRIPTOR SecurityDescriptor;
	KEVENT DeviceLock;
	USHORT SectorSize;
	USHORT Spare1;
	struct _DEVOBJ_EXTENSION *DeviceObjectExtension;
	PVOID Reserved;
};

#define POINTER_ALIGNMENT DECLSPEC_ALIGN(8)

/* What IRP_MJ_QUERY_INFORMATION / SET_INFORMATION ask about a file. */
typedef enum _FILE_INFORMATION_CLASS {
	FileDirectoryInformation = 1,
	FileFullDirectoryInformation,
	FileBothDirectoryInformation,
	FileBasicInformation,
	FileStandardInformation,
	FileInternalInformation,
	FileEaInformation,
	FileAccessInformation,
	FileNameInformation,
	FileRenameInformation,
	FileLinkInformation,
	FileNamesInformation,
	FileDispositionInformation,
	FilePositionInformation,
	FileFullEaInformation,
	FileModeInformation,
	FileAlignmentInformation,
	FileAllInformation,
	FileAllocationInformation,
	FileEndOfFileInformation,
	FileNetworkOpenInformation = 34,
	FileMaximumInformation = 80
} FILE_INFORMATION_CLASS, *PFILE_INFORMATION_CLASS;

typedef struct _FILE_BASIC_INFORMATION {
	LARGE_INTEGER CreationTime;
	LARGE_INTEGER LastAccessTime;
	LARGE_INTEGER LastWriteTime;
	LARGE_INTEGER ChangeTime;
	ULONG FileAttributes;
} FILE_BASIC_INFORMATION, *PFILE_BASIC_INFORMATION;

typedef struct _FILE_STANDARD_INFORMATION {
	LARGE_INTEGER AllocationSize;
	LARGE_INTEGER EndOfFile;
	ULONG NumberOfLinks;
	BOOLEAN DeletePending;
	BOOLEAN Directory;
} FILE_STANDARD_INFORMATION, *PFILE_STANDARD_INFORMATION;

typedef struct _FILE_POSITION_INFORMATION {
	LARGE_INTEGER CurrentByteOffset;
} FILE_POSITION_INFORMATION, *PFILE_POSITION_INFORMATION;

/* FILE_OBJECT->Flags. */
#define FO_FILE_OPEN			0x00000001
#define FO_SYNCHRONOUS_IO		0x00000002
#define FO_ALERTABLE_IO			0x00000004
#define FO_NO_INTERMEDIATE_BUFFERING	0x00000008
#define FO_WRITE_THROUGH		0x00000010
#define FO_SEQUENTIAL_ONLY		0x00000020
#define FO_CACHE_SUPPORTED		0x00000040
#define FO_NAMED_PIPE			0x00000080
#define FO_STREAM_FILE			0x00000100
#define FO_MAILSLOT			0x00000200
#define FO_GENERATE_AUDIT_ON_CLOSE	0x00000400
#define FO_DIRECT_DEVICE_OPEN		0x00000800
#define FO_FILE_MODIFIED		0x00001000
#define FO_FILE_SIZE_CHANGED		0x00002000
#define FO_CLEANUP_COMPLETE		0x00004000
#define FO_TEMPORARY_FILE		0x00008000
#define FO_DELETE_ON_CLOSE		0x00010000
#define FO_OPENED_CASE_SENSITIVE	0x00020000
#define FO_HANDLE_CREATED		0x00040000
#define FO_FILE_FAST_IO_READ		0x00080000
#define FO_RANDOM_ACCESS		0x00100000
#define FO_FILE_OPEN_CANCELLED		0x00200000
#define FO_VOLUME_OPEN			0x00400000

/* What IRP_MJ_CREATE asks for (the access state and QoS stay opaque). */
typedef struct _IO_SECURITY_CONTEXT {
	PVOID SecurityQos;
	PVOID AccessState;
	ACCESS_MASK DesiredAccess;
	ULONG FullCreateOptions;
} IO_SECURITY_CONTEXT, *PIO_SECURITY_CONTEXT;

/* Sharing a file object allows (IRP_MJ_CREATE's ShareAccess). */
#define FILE_SHARE_READ		0x00000001
#define FILE_SHARE_WRITE	0x00000002
#define FILE_SHARE_DELETE	0x00000004
#define FILE_SHARE_VALID_FLAGS	0x00000007

/* IRP_MJ_CREATE's disposition (the top byte of Options). */
#define FILE_SUPERSEDE		0x00000000
#define FILE_OPEN		0x00000001
#define FILE_CREATE		0x00000002
#define FILE_OPEN_IF		0x00000003
#define FILE_OVERWRITE		0x00000004
#define FILE_OVERWRITE_IF	0x00000005

typedef struct _IO_STACK_LOCATION {
	UCHAR MajorFunction;
	UCHAR MinorFunction;
	UCHAR Flags;
	UCHAR Control;
	union {
		struct {
			PIO_SECURITY_CONTEXT SecurityContext;
			ULONG Options;
			USHORT POINTER_ALIGNMENT FileAttributes;
			USHORT ShareAccess;
			ULONG POINTER_ALIGNMENT EaLength;
		} Create;
		struct {
			ULONG Length;
			ULONG POINTER_ALIGNMENT Key;
			LARGE_INTEGER ByteOffset;
		} Read;
		struct {
			ULONG Length;
			ULONG POINTER_ALIGNMENT Key;
			LARGE_INTEGER ByteOffset;
		} Write;
		struct {
			ULONG Length;
			FILE_INFORMATION_CLASS POINTER_ALIGNMENT FileInformationClass;
		} QueryFile;
		struct {
			ULONG Length;
			FILE_INFORMATION_CLASS POINTER_ALIGNMENT FileInformationClass;
			PFILE_OBJECT FileObject;
			union {
				struct {
					BOOLEAN ReplaceIfExists;
					BOOLEAN AdvanceOnly;
				};
				ULONG ClusterCount;
				HANDLE DeleteHandle;
			};
		} SetFile;
		struct {
			ULONG OutputBufferLength;
			ULONG POINTER_ALIGNMENT InputBufferLength;
			ULONG POINTER_ALIGNMENT IoControlCode;
			PVOID Type3InputBuffer;
		} DeviceIoControl;
		struct {
			union {
				ULONG SystemContext;
				SYSTEM_POWER_STATE_CONTEXT SystemPowerStateContext;
			};
			POWER_STATE_TYPE POINTER_ALIGNMENT Type;
			POWER_STATE POINTER_ALIGNMENT State;
			POWER_ACTION POINTER_ALIGNMENT ShutdownType;
		} Power;
		struct {
			SYSTEM_POWER_STATE PowerState;
		} WaitWake;
		struct {
			struct _CM_RESOURCE_LIST *AllocatedResources;
			struct _CM_RESOURCE_LIST *AllocatedResourcesTranslated;
		} StartDevice;
		struct {
			DEVICE_RELATION_TYPE Type;
		} QueryDeviceRelations;
		struct {
			PVOID Argument1;
			PVOID Argument2;
			PVOID Argument3;
			PVOID Argument4;
		} Others;
	} Parameters;
	PDEVICE_OBJECT DeviceObject;
	PFILE_OBJECT FileObject;
	PIO_COMPLETION_ROUTINE CompletionRoutine;
	PVOID Context;
} IO_STACK_LOCATION, *PIO_STACK_LOCATION;

struct _IRP {
	CSHORT Type;
	USHORT Size;
	PMDL MdlAddress;
	ULONG Flags;
	union {
		struct _IRP *MasterIrp;
		volatile LONG IrpCount;
		PVOID SystemBuffer;
	} AssociatedIrp;
	LIST_ENTRY ThreadListEntry;
	IO_STATUS_BLOCK IoStatus;
	KPROCESSOR_MODE RequestorMode;
	BOOLEAN PendingReturned;
	CHAR StackCount;
	CHAR CurrentLocation;
	BOOLEAN Cancel;
	KIRQL CancelIrql;
	CCHAR ApcEnvironment;
	UCHAR AllocationFlags;
	PIO_STATUS_BLOCK UserIosb;
	PKEVENT UserEvent;
	union {
		struct {
			PVOID UserApcRoutine;
			PVOID UserApcContext;
		} AsynchronousParameters;
		LARGE_INTEGER AllocationSize;
	} Overlay;
	volatile PDRIVER_CANCEL CancelRoutine;
	PVOID UserBuffer;
	union {
		struct {
			union {
				KDEVICE_QUEUE_ENTRY DeviceQueueEntry;
				struct {
					PVOID DriverContext[4];
				};
			};
			PETHREAD Thread;
			PCHAR AuxiliaryBuffer;
			struct {
				LIST_ENTRY ListEntry;
				union {
					struct _IO_STACK_LOCATION *CurrentStackLocation;
					ULONG PacketType;
				};
			};
			struct _FILE_OBJECT *OriginalFileObject;
		} Overlay;
		PVOID CompletionKey;
	} Tail;
};

/* Timers, DPCs, reinitialization and shutdown of drivers and devices. */
NTKERNELAPI NTSTATUS NTAPI IoInitializeTimer(PDEVICE_OBJECT DeviceObject,
					     PIO_TIMER_ROUTINE TimerRoutine, PVOID Context);
NTKERNELAPI VOID NTAPI IoStartTimer(PDEVICE_OBJECT DeviceObject);
NTKERNELAPI VOID NTAPI IoStopTimer(PDEVICE_OBJECT DeviceObject);

NTKERNELAPI VOID NTAPI IoRegisterDriverReinitialization(PDRIVER_OBJECT DriverObject,
							PDRIVER_REINITIALIZE DriverReinitializationRoutine,
							PVOID Context);
NTKERNELAPI VOID NTAPI IoRegisterBootDriverReinitialization(PDRIVER_OBJECT DriverObject,
							    PDRIVER_REINITIALIZE DriverReinitializationRoutine,
							    PVOID Context);
NTKERNELAPI NTSTATUS NTAPI IoRegisterShutdownNotification(PDEVICE_OBJECT DeviceObject);
NTKERNELAPI NTSTATUS NTAPI IoRegisterLastChanceShutdownNotification(PDEVICE_OBJECT DeviceObject);
NTKERNELAPI VOID NTAPI IoUnregisterShutdownNotification(PDEVICE_OBJECT DeviceObject);

NTKERNELAPI VOID NTAPI IoInitializeDpcRequest(PDEVICE_OBJECT DeviceObject,
					      PIO_DPC_ROUTINE DpcRoutine);
NTKERNELAPI VOID NTAPI IoRequestDpc(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context);

NTKERNELAPI NTSTATUS NTAPI IoCreateDevice(PDRIVER_OBJECT DriverObject,
					  ULONG DeviceExtensionSize,
					  PUNICODE_STRING DeviceName,
					  DEVICE_TYPE DeviceType,
					  ULONG DeviceCharacteristics,
					  BOOLEAN Exclusive,
					  PDEVICE_OBJECT *DeviceObject);
NTKERNELAPI VOID NTAPI IoDeleteDevice(PDEVICE_OBJECT DeviceObject);
NTKERNELAPI PIRP NTAPI IoAllocateIrp(CCHAR StackSize, BOOLEAN ChargeQuota);
NTKERNELAPI VOID NTAPI IoInitializeIrp(PIRP Irp, USHORT PacketSize, CCHAR StackSize);
NTKERNELAPI VOID NTAPI IoFreeIrp(PIRP Irp);
NTKERNELAPI NTSTATUS NTAPI IoCallDriver(PDEVICE_OBJECT DeviceObject, PIRP Irp);
NTKERNELAPI VOID NTAPI IoCompleteRequest(PIRP Irp, CCHAR PriorityBoost);
#define IofCallDriver(d, i)		IoCallDriver((d), (i))
#define IofCompleteRequest(i, b)	IoCompleteRequest((i), (b))
#define IoSizeOfIrp(StackSize) \
	((USHORT)(sizeof(IRP) + ((StackSize) * sizeof(IO_STACK_LOCATION))))

FORCEINLINE PIO_STACK_LOCATION IoGetCurrentIrpStackLocation(PIRP Irp)
{
	return Irp->Tail.Overlay.CurrentStackLocation;
}

FORCEINLINE PIO_STACK_LOCATION IoGetNextIrpStackLocation(PIRP Irp)
{
	return Irp->Tail.Overlay.CurrentStackLocation - 1;
}

FORCEINLINE VOID IoSetNextIrpStackLocation(PIRP Irp)
{
	Irp->CurrentLocation--;
	Irp->Tail.Overlay.CurrentStackLocation--;
}

FORCEINLINE VOID IoSkipCurrentIrpStackLocation(PIRP Irp)
{
	Irp->CurrentLocation++;
	Irp->Tail.Overlay.CurrentStackLocation++;
}

FORCEINLINE VOID IoCopyCurrentIrpStackLocationToNext(PIRP Irp)
{
	PIO_STACK_LOCATION cur = IoGetCurrentIrpStackLocation(Irp);
	PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(Irp);

	RtlCopyMemory(next, cur, FIELD_OFFSET(IO_STACK_LOCATION, CompletionRoutine));
	next->Control = 0;
}

FORCEINLINE VOID IoMarkIrpPending(PIRP Irp)
{
	IoGetCurrentIrpStackLocation(Irp)->Control |= SL_PENDING_RETURNED;
}

/* What a completion routine returns to let completion go on up the stack. */
#define STATUS_CONTINUE_COMPLETION	STATUS_SUCCESS

FORCEINLINE VOID IoSetCompletionRoutine(PIRP Irp,
					PIO_COMPLETION_ROUTINE CompletionRoutine,
					PVOID Context, BOOLEAN InvokeOnSuccess,
					BOOLEAN InvokeOnError, BOOLEAN InvokeOnCancel)
{
	PIO_STACK_LOCATION next = IoGetNextIrpStackLocation(Irp);

	next->CompletionRoutine = CompletionRoutine;
	next->Context = Context;
	next->Control = 0;
	if (InvokeOnSuccess)
		next->Control |= SL_INVOKE_ON_SUCCESS;
	if (InvokeOnError)
		next->Control |= SL_INVOKE_ON_ERROR;
	if (InvokeOnCancel)
		next->Control |= SL_INVOKE_ON_CANCEL;
}

#endif /* _NTSHIM_WDM_IO_H */
