/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm.h - the NT kernel-mode driver interface provided by ntshim.
 *
 * Names, types and field layouts follow the WDK.  Objects a driver embeds in
 * its own memory (KDPC, KTIMER, KEVENT) carry their public NT fields followed
 * by private storage for the Linux object behind them; its size comes from
 * ntshim_layout.h, generated from the kernel the driver is built against.
 */
#ifndef _WDMDDK_
#define _WDMDDK_

#include <ntdef.h>
#include <ntstatus.h>
#include <ntshim_layout.h>

/* Checked build by default: KdPrint, ASSERT and PAGED_CODE are live. */
#if defined(DBG) && DBG
#define NTSHIM_DBG 1
#else
#define NTSHIM_DBG 0
#endif

struct _DRIVER_OBJECT;
struct _DEVICE_OBJECT;
struct _IRP;
struct _FILE_OBJECT;
struct _KDPC;
struct _MDL;

/* ---------------------------------------------------------------- IRQL */

#define PASSIVE_LEVEL	0
#define LOW_LEVEL	0
#define APC_LEVEL	1
#define DISPATCH_LEVEL	2
#define CMCI_LEVEL	5
#define PROFILE_LEVEL	15
#define CLOCK_LEVEL	13
#define IPI_LEVEL	14
#define DRS_LEVEL	14
#define POWER_LEVEL	14
#define HIGH_LEVEL	15
#define SYNCH_LEVEL	12

NTKERNELAPI KIRQL KeGetCurrentIrql(VOID);
NTKERNELAPI VOID NTAPI KeRaiseIrql(KIRQL NewIrql, PKIRQL OldIrql);
NTKERNELAPI VOID NTAPI KeLowerIrql(KIRQL NewIrql);
NTKERNELAPI KIRQL NTAPI KeRaiseIrqlToDpcLevel(VOID);
NTKERNELAPI KIRQL NTAPI KeRaiseIrqlToSynchLevel(VOID);

#define MAXIMUM_PROCESSORS	64
NTKERNELAPI ULONG NTAPI KeGetCurrentProcessorNumber(VOID);
NTKERNELAPI ULONG NTAPI KeQueryActiveProcessorCount(PKAFFINITY ActiveProcessors);
#define KeNumberProcessors	((CCHAR)KeQueryActiveProcessorCount(NULL))

/* --------------------------------------------------------- Lists (inline) */

FORCEINLINE VOID InitializeListHead(PLIST_ENTRY ListHead)
{
	ListHead->Flink = ListHead->Blink = ListHead;
}

FORCEINLINE BOOLEAN IsListEmpty(const LIST_ENTRY *ListHead)
{
	return (BOOLEAN)(ListHead->Flink == ListHead);
}

FORCEINLINE BOOLEAN RemoveEntryList(PLIST_ENTRY Entry)
{
	PLIST_ENTRY Flink = Entry->Flink;
	PLIST_ENTRY Blink = Entry->Blink;

	Blink->Flink = Flink;
	Flink->Blink = Blink;
	return (BOOLEAN)(Flink == Blink);
}

FORCEINLINE PLIST_ENTRY RemoveHeadList(PLIST_ENTRY ListHead)
{
	PLIST_ENTRY Entry = ListHead->Flink;

	RemoveEntryList(Entry);
	return Entry;
}

FORCEINLINE PLIST_ENTRY RemoveTailList(PLIST_ENTRY ListHead)
{
	PLIST_ENTRY Entry = ListHead->Blink;

	RemoveEntryList(Entry);
	return Entry;
}

FORCEINLINE VOID InsertTailList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
	PLIST_ENTRY Blink = ListHead->Blink;

	Entry->Flink = ListHead;
	Entry->Blink = Blink;
	Blink->Flink = Entry;
	ListHead->Blink = Entry;
}

FORCEINLINE VOID InsertHeadList(PLIST_ENTRY ListHead, PLIST_ENTRY Entry)
{
	PLIST_ENTRY Flink = ListHead->Flink;

	Entry->Flink = Flink;
	Entry->Blink = ListHead;
	Flink->Blink = Entry;
	ListHead->Flink = Entry;
}

FORCEINLINE VOID AppendTailList(PLIST_ENTRY ListHead, PLIST_ENTRY ListToAppend)
{
	PLIST_ENTRY ListEnd = ListHead->Blink;

	ListHead->Blink->Flink = ListToAppend;
	ListHead->Blink = ListToAppend->Blink;
	ListToAppend->Blink->Flink = ListHead;
	ListToAppend->Blink = ListEnd;
}

FORCEINLINE VOID PushEntryList(PSINGLE_LIST_ENTRY ListHead, PSINGLE_LIST_ENTRY Entry)
{
	Entry->Next = ListHead->Next;
	ListHead->Next = Entry;
}

FORCEINLINE PSINGLE_LIST_ENTRY PopEntryList(PSINGLE_LIST_ENTRY ListHead)
{
	PSINGLE_LIST_ENTRY First = ListHead->Next;

	if (First)
		ListHead->Next = First->Next;
	return First;
}

/* ------------------------------------------------------ Interlocked (inline) */

#define NTSHIM_ATOMIC __ATOMIC_SEQ_CST

FORCEINLINE LONG InterlockedIncrement(LONG volatile *Addend)
{
	return __atomic_add_fetch(Addend, 1, NTSHIM_ATOMIC);
}

FORCEINLINE LONG InterlockedDecrement(LONG volatile *Addend)
{
	return __atomic_sub_fetch(Addend, 1, NTSHIM_ATOMIC);
}

FORCEINLINE LONG InterlockedExchange(LONG volatile *Target, LONG Value)
{
	return __atomic_exchange_n(Target, Value, NTSHIM_ATOMIC);
}

FORCEINLINE LONG InterlockedExchangeAdd(LONG volatile *Addend, LONG Value)
{
	return __atomic_fetch_add(Addend, Value, NTSHIM_ATOMIC);
}

FORCEINLINE LONG InterlockedCompareExchange(LONG volatile *Destination,
					    LONG Exchange, LONG Comperand)
{
	__atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0,
				    NTSHIM_ATOMIC, NTSHIM_ATOMIC);
	return Comperand;
}

FORCEINLINE LONG InterlockedOr(LONG volatile *Destination, LONG Value)
{
	return __atomic_fetch_or(Destination, Value, NTSHIM_ATOMIC);
}

FORCEINLINE LONG InterlockedAnd(LONG volatile *Destination, LONG Value)
{
	return __atomic_fetch_and(Destination, Value, NTSHIM_ATOMIC);
}

FORCEINLINE LONG64 InterlockedIncrement64(LONG64 volatile *Addend)
{
	return __atomic_add_fetch(Addend, 1, NTSHIM_ATOMIC);
}

FORCEINLINE LONG64 InterlockedDecrement64(LONG64 volatile *Addend)
{
	return __atomic_sub_fetch(Addend, 1, NTSHIM_ATOMIC);
}

FORCEINLINE LONG64 InterlockedExchangeAdd64(LONG64 volatile *Addend, LONG64 Value)
{
	return __atomic_fetch_add(Addend, Value, NTSHIM_ATOMIC);
}

FORCEINLINE LONG64 InterlockedCompareExchange64(LONG64 volatile *Destination,
						LONG64 Exchange, LONG64 Comperand)
{
	__atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0,
				    NTSHIM_ATOMIC, NTSHIM_ATOMIC);
	return Comperand;
}

FORCEINLINE PVOID InterlockedExchangePointer(PVOID volatile *Target, PVOID Value)
{
	return __atomic_exchange_n(Target, Value, NTSHIM_ATOMIC);
}

FORCEINLINE PVOID InterlockedCompareExchangePointer(PVOID volatile *Destination,
						    PVOID Exchange, PVOID Comperand)
{
	__atomic_compare_exchange_n(Destination, &Comperand, Exchange, 0,
				    NTSHIM_ATOMIC, NTSHIM_ATOMIC);
	return Comperand;
}

/* ------------------------------------------------------------- Memory, Rtl */

#define RtlZeroMemory(Destination, Length) \
	((void)__builtin_memset((Destination), 0, (Length)))
#define RtlFillMemory(Destination, Length, Fill) \
	((void)__builtin_memset((Destination), (int)(UCHAR)(Fill), (Length)))
#define RtlCopyMemory(Destination, Source, Length) \
	((void)__builtin_memcpy((Destination), (Source), (Length)))
#define RtlMoveMemory(Destination, Source, Length) \
	((void)__builtin_memmove((Destination), (Source), (Length)))
#define RtlEqualMemory(Source1, Source2, Length) \
	(!__builtin_memcmp((Source1), (Source2), (Length)))
#define RtlSecureZeroMemory(Destination, Length) \
	RtlZeroMemory((Destination), (Length))

NTSYSAPI SIZE_T NTAPI RtlCompareMemory(const VOID *Source1, const VOID *Source2,
				       SIZE_T Length);
NTSYSAPI VOID NTAPI RtlInitUnicodeString(PUNICODE_STRING DestinationString,
					 PCWSTR SourceString);
NTSYSAPI VOID NTAPI RtlInitAnsiString(PANSI_STRING DestinationString,
				      PCSZ SourceString);
NTSYSAPI VOID NTAPI RtlInitString(PSTRING DestinationString, PCSZ SourceString);
NTSYSAPI VOID NTAPI RtlCopyUnicodeString(PUNICODE_STRING DestinationString,
					 PCUNICODE_STRING SourceString);
NTSYSAPI BOOLEAN NTAPI RtlEqualUnicodeString(PCUNICODE_STRING String1,
					     PCUNICODE_STRING String2,
					     BOOLEAN CaseInSensitive);

/* ------------------------------------------------------------------ Debug */

#define DPFLTR_ERROR_LEVEL	0
#define DPFLTR_WARNING_LEVEL	1
#define DPFLTR_TRACE_LEVEL	2
#define DPFLTR_INFO_LEVEL	3
#define DPFLTR_MASK		0x80000000
#define DPFLTR_IHVDRIVER_ID	77
#define DPFLTR_DEFAULT_ID	101

ULONG DbgPrint(PCSTR Format, ...);
ULONG DbgPrintEx(ULONG ComponentId, ULONG Level, PCSTR Format, ...);
ULONG vDbgPrintEx(ULONG ComponentId, ULONG Level, PCCH Format, __builtin_va_list arglist);
NTSYSAPI VOID NTAPI DbgBreakPoint(VOID);
NTSYSAPI VOID NTAPI RtlAssert(PVOID VoidFailedAssertion, PVOID VoidFileName,
			      ULONG LineNumber, PSTR MutableMessage);
extern VOID __ntshim_paged_code_violation(PCSTR File, ULONG Line);

#if NTSHIM_DBG
#define KdPrint(_x_)		DbgPrint _x_
#define KdPrintEx(_x_)		DbgPrintEx _x_
#define KdBreakPoint()		DbgBreakPoint()
#define ASSERT(exp) \
	((!(exp)) ? (RtlAssert((PVOID)#exp, (PVOID)__FILE__, __LINE__, NULL), FALSE) : TRUE)
#define ASSERTMSG(msg, exp) \
	((!(exp)) ? (RtlAssert((PVOID)#exp, (PVOID)__FILE__, __LINE__, (PSTR)(msg)), FALSE) : TRUE)
#define PAGED_CODE() \
	((void)((KeGetCurrentIrql() > APC_LEVEL) ? \
		(__ntshim_paged_code_violation(__FILE__, __LINE__), 0) : 0))
#else
#define KdPrint(_x_)		((void)0)
#define KdPrintEx(_x_)		((void)0)
#define KdBreakPoint()		((void)0)
#define ASSERT(exp)		((void)0)
#define ASSERTMSG(msg, exp)	((void)0)
#define PAGED_CODE()		((void)0)
#endif
#define NT_ASSERT(exp)		ASSERT(exp)
#define NT_VERIFY(exp)		((exp) ? TRUE : (ASSERT(exp), FALSE))
#define PAGED_CODE_LOCKED()	((void)0)

/* ------------------------------------------------------------------- Pool */

typedef enum _POOL_TYPE {
	NonPagedPool,
	NonPagedPoolExecute = NonPagedPool,
	PagedPool,
	NonPagedPoolMustSucceed = NonPagedPool + 2,
	DontUseThisType,
	NonPagedPoolCacheAligned = NonPagedPool + 4,
	PagedPoolCacheAligned,
	NonPagedPoolCacheAlignedMustS = NonPagedPool + 6,
	MaxPoolType,
	NonPagedPoolNx = 512,
	NonPagedPoolNxCacheAligned = NonPagedPoolNx + 4,
} POOL_TYPE;

NTKERNELAPI PVOID NTAPI ExAllocatePoolWithTag(POOL_TYPE PoolType,
					      SIZE_T NumberOfBytes, ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePool(POOL_TYPE PoolType, SIZE_T NumberOfBytes);
NTKERNELAPI VOID NTAPI ExFreePoolWithTag(PVOID P, ULONG Tag);
NTKERNELAPI VOID NTAPI ExFreePool(PVOID P);

/* ------------------------------------------------------------------- Time */

NTKERNELAPI VOID NTAPI KeQuerySystemTime(PLARGE_INTEGER CurrentTime);
NTKERNELAPI VOID NTAPI KeQueryTickCount(PLARGE_INTEGER TickCount);
NTKERNELAPI ULONG NTAPI KeQueryTimeIncrement(VOID);
NTKERNELAPI ULONGLONG NTAPI KeQueryInterruptTime(VOID);
NTKERNELAPI LARGE_INTEGER NTAPI KeQueryPerformanceCounter(PLARGE_INTEGER PerformanceFrequency);
NTHALAPI VOID NTAPI KeStallExecutionProcessor(ULONG MicroSeconds);

/* -------------------------------------------------- Dispatcher objects */

typedef ULONG_PTR KSPIN_LOCK, *PKSPIN_LOCK;

typedef struct _DISPATCHER_HEADER {
	UCHAR Type;
	UCHAR Signalling;
	UCHAR Size;
	UCHAR Reserved1;
	volatile LONG SignalState;
	LIST_ENTRY WaitListHead;
} DISPATCHER_HEADER, *PDISPATCHER_HEADER;

/* Dispatcher object types (DISPATCHER_HEADER.Type). */
#define EventNotificationObject		0
#define EventSynchronizationObject	1
#define ThreadObject			6
#define TimerNotificationObject		8
#define TimerSynchronizationObject	9

typedef enum _WAIT_TYPE {
	WaitAll,
	WaitAny
} WAIT_TYPE;

typedef enum _KWAIT_REASON {
	Executive,
	FreePage,
	PageIn,
	PoolAllocation,
	DelayExecution,
	Suspended,
	UserRequest,
	WrExecutive,
	WrFreePage,
	WrPageIn,
	WrPoolAllocation,
	WrDelayExecution,
	WrSuspended,
	WrUserRequest,
	MaximumWaitReason = 37
} KWAIT_REASON;

#define THREAD_WAIT_OBJECTS	3
#define MAXIMUM_WAIT_OBJECTS	64

typedef struct _KWAIT_BLOCK {
	LIST_ENTRY WaitListEntry;
	UCHAR WaitType;
	volatile UCHAR BlockState;
	USHORT WaitKey;
	LONG SpareLong;
	PVOID Thread;
	PVOID Object;
	PVOID SparePtr;
} KWAIT_BLOCK, *PKWAIT_BLOCK, *PRKWAIT_BLOCK;

typedef enum _EVENT_TYPE {
	NotificationEvent,
	SynchronizationEvent
} EVENT_TYPE;

typedef enum _TIMER_TYPE {
	NotificationTimer,
	SynchronizationTimer
} TIMER_TYPE;

typedef enum _KDPC_IMPORTANCE {
	LowImportance,
	MediumImportance,
	HighImportance,
	MediumHighImportance
} KDPC_IMPORTANCE;

/* Private storage: sized for this kernel's objects, aligned for them. */
#define NTSHIM_PRIVATE(bytes) \
	ULONG64 NtshimPrivate[((bytes) + 7) / 8] DECLSPEC_ALIGN(NTSHIM_OBJECT_ALIGN)

typedef struct _KEVENT {
	DISPATCHER_HEADER Header;
} KEVENT, *PKEVENT, *PRKEVENT;

typedef VOID KDEFERRED_ROUTINE(struct _KDPC *Dpc, PVOID DeferredContext,
			       PVOID SystemArgument1, PVOID SystemArgument2);
typedef KDEFERRED_ROUTINE *PKDEFERRED_ROUTINE;

typedef struct _KDPC {
	UCHAR Type;
	UCHAR Importance;
	volatile USHORT Number;
	SINGLE_LIST_ENTRY DpcListEntry;
	KAFFINITY ProcessorHistory;
	PKDEFERRED_ROUTINE DeferredRoutine;
	PVOID DeferredContext;
	PVOID SystemArgument1;
	PVOID SystemArgument2;
	volatile PVOID DpcData;
	NTSHIM_PRIVATE(NTSHIM_KDPC_PRIVATE_SIZE);
} KDPC, *PKDPC, *PRKDPC;

typedef struct _KTIMER {
	DISPATCHER_HEADER Header;
	ULARGE_INTEGER DueTime;
	LIST_ENTRY TimerListEntry;
	struct _KDPC *Dpc;
	ULONG Processor;
	ULONG Period;
	NTSHIM_PRIVATE(NTSHIM_KTIMER_PRIVATE_SIZE);
} KTIMER, *PKTIMER, *PRKTIMER;

NTKERNELAPI VOID NTAPI KeInitializeDpc(PRKDPC Dpc, PKDEFERRED_ROUTINE DeferredRoutine,
					PVOID DeferredContext);
NTKERNELAPI BOOLEAN NTAPI KeInsertQueueDpc(PRKDPC Dpc, PVOID SystemArgument1,
					   PVOID SystemArgument2);
NTKERNELAPI BOOLEAN NTAPI KeRemoveQueueDpc(PRKDPC Dpc);
NTKERNELAPI VOID NTAPI KeSetImportanceDpc(PRKDPC Dpc, KDPC_IMPORTANCE Importance);
NTKERNELAPI VOID NTAPI KeSetTargetProcessorDpc(PRKDPC Dpc, CCHAR Number);
NTKERNELAPI VOID NTAPI KeFlushQueuedDpcs(VOID);

NTKERNELAPI VOID NTAPI KeInitializeEvent(PRKEVENT Event, EVENT_TYPE Type, BOOLEAN State);
NTKERNELAPI LONG NTAPI KeSetEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
NTKERNELAPI LONG NTAPI KePulseEvent(PRKEVENT Event, KPRIORITY Increment, BOOLEAN Wait);
NTKERNELAPI LONG NTAPI KeResetEvent(PRKEVENT Event);
NTKERNELAPI VOID NTAPI KeClearEvent(PRKEVENT Event);
NTKERNELAPI LONG NTAPI KeReadStateEvent(PRKEVENT Event);

NTKERNELAPI VOID NTAPI KeInitializeTimer(PKTIMER Timer);
NTKERNELAPI VOID NTAPI KeInitializeTimerEx(PKTIMER Timer, TIMER_TYPE Type);
NTKERNELAPI BOOLEAN NTAPI KeSetTimer(PKTIMER Timer, LARGE_INTEGER DueTime, PKDPC Dpc);
NTKERNELAPI BOOLEAN NTAPI KeSetTimerEx(PKTIMER Timer, LARGE_INTEGER DueTime, LONG Period,
				       PKDPC Dpc);
NTKERNELAPI BOOLEAN NTAPI KeCancelTimer(PKTIMER Timer);
NTKERNELAPI BOOLEAN NTAPI KeReadStateTimer(PKTIMER Timer);

NTKERNELAPI NTSTATUS NTAPI KeWaitForSingleObject(PVOID Object, KWAIT_REASON WaitReason,
						 KPROCESSOR_MODE WaitMode, BOOLEAN Alertable,
						 PLARGE_INTEGER Timeout);
NTKERNELAPI NTSTATUS NTAPI KeWaitForMultipleObjects(ULONG Count, PVOID Object[],
						    WAIT_TYPE WaitType,
						    KWAIT_REASON WaitReason,
						    KPROCESSOR_MODE WaitMode,
						    BOOLEAN Alertable,
						    PLARGE_INTEGER Timeout,
						    PKWAIT_BLOCK WaitBlockArray);
NTKERNELAPI NTSTATUS NTAPI KeDelayExecutionThread(KPROCESSOR_MODE WaitMode,
						  BOOLEAN Alertable,
						  PLARGE_INTEGER Interval);

/* System threads and the object references that wait for them. */
typedef struct _CLIENT_ID {
	HANDLE UniqueProcess;
	HANDLE UniqueThread;
} CLIENT_ID, *PCLIENT_ID;

typedef struct _OBJECT_TYPE *POBJECT_TYPE;
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

/* Device memory and I/O ports. */
typedef enum _MEMORY_CACHING_TYPE {
	MmNonCached,
	MmCached,
	MmWriteCombined,
	MmHardwareCoherentCached,
	MmNonCachedUnordered,
	MmUSWCCached,
	MmMaximumCacheType
} MEMORY_CACHING_TYPE;

NTKERNELAPI PVOID NTAPI MmMapIoSpace(PHYSICAL_ADDRESS PhysicalAddress, SIZE_T NumberOfBytes,
				     MEMORY_CACHING_TYPE CacheType);
NTKERNELAPI VOID NTAPI MmUnmapIoSpace(PVOID BaseAddress, SIZE_T NumberOfBytes);

/* Register accesses are single volatile loads and stores (x86: uncached MMIO). */
#define NTSHIM_MMIO_READ(type, name)					\
	FORCEINLINE type name(volatile type *Register)			\
	{								\
		type v = *Register;					\
		__asm__ __volatile__("" ::: "memory");			\
		return v;						\
	}
#define NTSHIM_MMIO_WRITE(type, name)					\
	FORCEINLINE VOID name(volatile type *Register, type Value)	\
	{								\
		__asm__ __volatile__("" ::: "memory");			\
		*Register = Value;					\
	}
#define NTSHIM_MMIO_READ_BUFFER(type, name)				\
	FORCEINLINE VOID name(volatile type *Register, type *Buffer, ULONG Count) \
	{								\
		while (Count--)						\
			*Buffer++ = *Register;				\
		__asm__ __volatile__("" ::: "memory");			\
	}
#define NTSHIM_MMIO_WRITE_BUFFER(type, name)				\
	FORCEINLINE VOID name(volatile type *Register, type *Buffer, ULONG Count) \
	{								\
		__asm__ __volatile__("" ::: "memory");			\
		while (Count--)						\
			*Register = *Buffer++;				\
	}
NTSHIM_MMIO_READ(UCHAR, READ_REGISTER_UCHAR)
NTSHIM_MMIO_READ(USHORT, READ_REGISTER_USHORT)
NTSHIM_MMIO_READ(ULONG, READ_REGISTER_ULONG)
NTSHIM_MMIO_READ(ULONG64, READ_REGISTER_ULONG64)
NTSHIM_MMIO_WRITE(UCHAR, WRITE_REGISTER_UCHAR)
NTSHIM_MMIO_WRITE(USHORT, WRITE_REGISTER_USHORT)
NTSHIM_MMIO_WRITE(ULONG, WRITE_REGISTER_ULONG)
NTSHIM_MMIO_WRITE(ULONG64, WRITE_REGISTER_ULONG64)
NTSHIM_MMIO_READ_BUFFER(UCHAR, READ_REGISTER_BUFFER_UCHAR)
NTSHIM_MMIO_READ_BUFFER(USHORT, READ_REGISTER_BUFFER_USHORT)
NTSHIM_MMIO_READ_BUFFER(ULONG, READ_REGISTER_BUFFER_ULONG)
NTSHIM_MMIO_WRITE_BUFFER(UCHAR, WRITE_REGISTER_BUFFER_UCHAR)
NTSHIM_MMIO_WRITE_BUFFER(USHORT, WRITE_REGISTER_BUFFER_USHORT)
NTSHIM_MMIO_WRITE_BUFFER(ULONG, WRITE_REGISTER_BUFFER_ULONG)

/* x86 port I/O: the port number is the low 16 bits of the "address". */
FORCEINLINE UCHAR READ_PORT_UCHAR(PUCHAR Port)
{
	UCHAR v;

	__asm__ __volatile__("inb %w1, %b0" : "=a"(v) : "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
	return v;
}

FORCEINLINE USHORT READ_PORT_USHORT(PUSHORT Port)
{
	USHORT v;

	__asm__ __volatile__("inw %w1, %w0" : "=a"(v) : "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
	return v;
}

FORCEINLINE ULONG READ_PORT_ULONG(PULONG Port)
{
	ULONG v;

	__asm__ __volatile__("inl %w1, %0" : "=a"(v) : "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
	return v;
}

FORCEINLINE VOID WRITE_PORT_UCHAR(PUCHAR Port, UCHAR Value)
{
	__asm__ __volatile__("outb %b0, %w1" : : "a"(Value), "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
}

FORCEINLINE VOID WRITE_PORT_USHORT(PUSHORT Port, USHORT Value)
{
	__asm__ __volatile__("outw %w0, %w1" : : "a"(Value), "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
}

FORCEINLINE VOID WRITE_PORT_ULONG(PULONG Port, ULONG Value)
{
	__asm__ __volatile__("outl %0, %w1" : : "a"(Value), "Nd"((USHORT)(ULONG_PTR)Port) : "memory");
}

#define NTSHIM_PORT_BUFFER(type, rd, wr, rdb, wrb)			\
	FORCEINLINE VOID rdb(type *Port, type *Buffer, ULONG Count)	\
	{								\
		while (Count--)						\
			*Buffer++ = rd(Port);				\
	}								\
	FORCEINLINE VOID wrb(type *Port, type *Buffer, ULONG Count)	\
	{								\
		while (Count--)						\
			wr(Port, *Buffer++);				\
	}
NTSHIM_PORT_BUFFER(UCHAR, READ_PORT_UCHAR, WRITE_PORT_UCHAR,
		   READ_PORT_BUFFER_UCHAR, WRITE_PORT_BUFFER_UCHAR)
NTSHIM_PORT_BUFFER(USHORT, READ_PORT_USHORT, WRITE_PORT_USHORT,
		   READ_PORT_BUFFER_USHORT, WRITE_PORT_BUFFER_USHORT)
NTSHIM_PORT_BUFFER(ULONG, READ_PORT_ULONG, WRITE_PORT_ULONG,
		   READ_PORT_BUFFER_ULONG, WRITE_PORT_BUFFER_ULONG)

/* Spin locks: one pointer-sized word, zero when free. */
typedef struct _KSPIN_LOCK_QUEUE {
	struct _KSPIN_LOCK_QUEUE *volatile Next;
	PKSPIN_LOCK volatile Lock;
} KSPIN_LOCK_QUEUE, *PKSPIN_LOCK_QUEUE;

typedef struct _KLOCK_QUEUE_HANDLE {
	KSPIN_LOCK_QUEUE LockQueue;
	KIRQL OldIrql;
} KLOCK_QUEUE_HANDLE, *PKLOCK_QUEUE_HANDLE;

NTKERNELAPI VOID NTAPI KeInitializeSpinLock(PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI KeAcquireSpinLock(PKSPIN_LOCK SpinLock, PKIRQL OldIrql);
NTKERNELAPI KIRQL NTAPI KeAcquireSpinLockRaiseToDpc(PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI KeReleaseSpinLock(PKSPIN_LOCK SpinLock, KIRQL NewIrql);
NTKERNELAPI VOID NTAPI KeAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI KeReleaseSpinLockFromDpcLevel(PKSPIN_LOCK SpinLock);
NTKERNELAPI BOOLEAN NTAPI KeTryToAcquireSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock);
NTKERNELAPI BOOLEAN NTAPI KeTestSpinLock(PKSPIN_LOCK SpinLock);
NTKERNELAPI VOID NTAPI KeAcquireInStackQueuedSpinLock(PKSPIN_LOCK SpinLock,
						      PKLOCK_QUEUE_HANDLE LockHandle);
NTKERNELAPI VOID NTAPI KeReleaseInStackQueuedSpinLock(PKLOCK_QUEUE_HANDLE LockHandle);
NTKERNELAPI VOID NTAPI KeAcquireInStackQueuedSpinLockAtDpcLevel(PKSPIN_LOCK SpinLock,
								PKLOCK_QUEUE_HANDLE LockHandle);
NTKERNELAPI VOID NTAPI KeReleaseInStackQueuedSpinLockFromDpcLevel(PKLOCK_QUEUE_HANDLE LockHandle);

typedef struct _KDEVICE_QUEUE {
	CSHORT Type;
	CSHORT Size;
	LIST_ENTRY DeviceListHead;
	KSPIN_LOCK Lock;
	BOOLEAN Busy;
} KDEVICE_QUEUE, *PKDEVICE_QUEUE;

typedef struct _KDEVICE_QUEUE_ENTRY {
	LIST_ENTRY DeviceListEntry;
	ULONG SortKey;
	BOOLEAN Inserted;
} KDEVICE_QUEUE_ENTRY, *PKDEVICE_QUEUE_ENTRY;

/* ------------------------------------------------------------ I/O manager */

#define IO_TYPE_DRIVER		4
#define IO_TYPE_DEVICE		3
#define IO_TYPE_IRP		6

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

typedef ULONG DEVICE_TYPE;
#define FILE_DEVICE_BEEP		0x00000001
#define FILE_DEVICE_CD_ROM		0x00000002
#define FILE_DEVICE_CONTROLLER		0x00000004
#define FILE_DEVICE_DISK		0x00000007
#define FILE_DEVICE_KEYBOARD		0x0000000b
#define FILE_DEVICE_MOUSE		0x0000000f
#define FILE_DEVICE_NETWORK		0x00000012
#define FILE_DEVICE_NULL		0x00000015
#define FILE_DEVICE_PARALLEL_PORT	0x00000016
#define FILE_DEVICE_PRINTER		0x00000018
#define FILE_DEVICE_SCANNER		0x00000019
#define FILE_DEVICE_SERIAL_PORT		0x0000001b
#define FILE_DEVICE_SOUND		0x0000001d
#define FILE_DEVICE_TAPE		0x0000001f
#define FILE_DEVICE_UNKNOWN		0x00000022
#define FILE_DEVICE_VIDEO		0x00000023
#define FILE_DEVICE_BUS_EXTENDER	0x0000002a

#define FILE_BYTE_ALIGNMENT		0x00000000
#define FILE_WORD_ALIGNMENT		0x00000001
#define FILE_LONG_ALIGNMENT		0x00000003
#define FILE_QUAD_ALIGNMENT		0x00000007

/* I/O control codes. */
#define METHOD_BUFFERED		0
#define METHOD_IN_DIRECT	1
#define METHOD_OUT_DIRECT	2
#define METHOD_NEITHER		3
#define FILE_ANY_ACCESS		0
#define FILE_READ_ACCESS	0x0001
#define FILE_WRITE_ACCESS	0x0002
#define CTL_CODE(DeviceType, Function, Method, Access) \
	(((DeviceType) << 16) | ((Access) << 14) | ((Function) << 2) | (Method))
#define DEVICE_TYPE_FROM_CTL_CODE(c)	(((ULONG)(c) & 0xffff0000) >> 16)
#define METHOD_FROM_CTL_CODE(c)		((ULONG)((c) & 3))

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

#define KernelMode	0
#define UserMode	1

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
typedef struct _MDL MDL, *PMDL;
typedef struct _ETHREAD *PETHREAD;
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

/* Pageable sections: Linux never pages drivers; these keep count. */
NTKERNELAPI PVOID NTAPI MmLockPagableCodeSection(PVOID AddressWithinSection);
NTKERNELAPI PVOID NTAPI MmLockPagableDataSection(PVOID AddressWithinSection);
NTKERNELAPI VOID NTAPI MmLockPagableSectionByHandle(PVOID ImageSectionHandle);
NTKERNELAPI VOID NTAPI MmUnlockPagableImageSection(PVOID ImageSectionHandle);
NTKERNELAPI PVOID NTAPI MmPageEntireDriver(PVOID AddressWithinSection);
NTKERNELAPI VOID NTAPI MmResetDriverPaging(PVOID AddressWithinSection);

NTKERNELAPI VOID NTAPI IoInitializeDpcRequest(PDEVICE_OBJECT DeviceObject,
					      PIO_DPC_ROUTINE DpcRoutine);
NTKERNELAPI VOID NTAPI IoRequestDpc(PDEVICE_OBJECT DeviceObject, PIRP Irp, PVOID Context);

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
	PVOID FastIoDispatch;
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

typedef struct _IO_STACK_LOCATION {
	UCHAR MajorFunction;
	UCHAR MinorFunction;
	UCHAR Flags;
	UCHAR Control;
	union {
		struct {
			PVOID SecurityContext;
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
			ULONG OutputBufferLength;
			ULONG POINTER_ALIGNMENT InputBufferLength;
			ULONG POINTER_ALIGNMENT IoControlCode;
			PVOID Type3InputBuffer;
		} DeviceIoControl;
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

#endif /* _WDMDDK_ */
