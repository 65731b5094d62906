/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wdm/ex.h - the executive: pool.
 * Part of wdm.h: drivers include <wdm.h> or <ntddk.h>, not this file.
 */
#ifndef _NTSHIM_WDM_EX_H
#define _NTSHIM_WDM_EX_H

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

/*
 * Exceptions, taken by the innermost __try (wdm/compiler.h).  Not
 * DECLSPEC_NORETURN as in the WDK: with no __try to take it (NT stops the
 * system there) the raise is reported and returns.
 */
NTKERNELAPI VOID NTAPI ExRaiseStatus(NTSTATUS Status);
NTKERNELAPI VOID NTAPI ExRaiseAccessViolation(VOID);
NTKERNELAPI VOID NTAPI ExRaiseDatatypeMisalignment(VOID);

#define EXCEPTION_NONCONTINUABLE	0x1
#define EXCEPTION_MAXIMUM_PARAMETERS	15

typedef struct _EXCEPTION_RECORD {
	NTSTATUS ExceptionCode;
	ULONG ExceptionFlags;
	struct _EXCEPTION_RECORD *ExceptionRecord;
	PVOID ExceptionAddress;
	ULONG NumberParameters;
	ULONG_PTR ExceptionInformation[EXCEPTION_MAXIMUM_PARAMETERS];
} EXCEPTION_RECORD, *PEXCEPTION_RECORD;

/* Processor state is not captured at a raise here: opaque, and never given. */
typedef struct _CONTEXT CONTEXT, *PCONTEXT;

typedef struct _EXCEPTION_POINTERS {
	PEXCEPTION_RECORD ExceptionRecord;
	PCONTEXT ContextRecord;
} EXCEPTION_POINTERS, *PEXCEPTION_POINTERS;

/*
 * GetExceptionInformation() in an __except filter: the exception's record
 * (its code; no address or parameters, and no context record), in storage
 * that lasts as long as the filter runs.
 */
typedef struct _NTSHIM_EXCEPTION_INFORMATION {
	EXCEPTION_POINTERS Pointers;
	EXCEPTION_RECORD Record;
} NTSHIM_EXCEPTION_INFORMATION;

#ifndef NTSHIM_KERNEL_SIDE
FORCEINLINE PEXCEPTION_POINTERS NtshimSehInformation(NTSHIM_EXCEPTION_INFORMATION *Info)
{
	Info->Record.ExceptionCode = GetExceptionCode();
	Info->Record.ExceptionFlags = EXCEPTION_NONCONTINUABLE;
	Info->Pointers.ExceptionRecord = &Info->Record;
	Info->Pointers.ContextRecord = NULL;
	return &Info->Pointers;
}
#endif


/* Pool flags ORed into a POOL_TYPE, and ExAllocatePool2's flags. */
#define POOL_QUOTA_FAIL_INSTEAD_OF_RAISE	8
#define POOL_RAISE_IF_ALLOCATION_FAILURE	16
#define POOL_COLD_ALLOCATION			256
#define POOL_NX_ALLOCATION			512
#define POOL_ZERO_ALLOCATION			1024

typedef ULONG64 POOL_FLAGS;
#define POOL_FLAG_REQUIRED_START		0x0000000000000001ULL
#define POOL_FLAG_USE_QUOTA			0x0000000000000001ULL
#define POOL_FLAG_UNINITIALIZED			0x0000000000000002ULL
#define POOL_FLAG_SESSION			0x0000000000000004ULL
#define POOL_FLAG_CACHE_ALIGNED			0x0000000000000008ULL
#define POOL_FLAG_RAISE_ON_FAILURE		0x0000000000000020ULL
#define POOL_FLAG_NON_PAGED			0x0000000000000040ULL
#define POOL_FLAG_NON_PAGED_EXECUTE		0x0000000000000080ULL
#define POOL_FLAG_PAGED				0x0000000000000100ULL

NTKERNELAPI PVOID NTAPI ExAllocatePoolWithQuotaTag(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
						   ULONG Tag);
NTKERNELAPI PVOID NTAPI ExAllocatePoolWithQuota(POOL_TYPE PoolType, SIZE_T NumberOfBytes);
NTKERNELAPI PVOID NTAPI ExAllocatePool2(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag);

/* Priorities and extended parameters: Linux has one pool, so they only pick it. */
typedef enum _EX_POOL_PRIORITY {
	LowPoolPriority,
	LowPoolPrioritySpecialPoolOverrun = 8,
	LowPoolPrioritySpecialPoolUnderrun = 9,
	NormalPoolPriority = 16,
	NormalPoolPrioritySpecialPoolOverrun = 24,
	NormalPoolPrioritySpecialPoolUnderrun = 25,
	HighPoolPriority = 32,
	HighPoolPrioritySpecialPoolOverrun = 40,
	HighPoolPrioritySpecialPoolUnderrun = 41
} EX_POOL_PRIORITY;

NTKERNELAPI PVOID NTAPI ExAllocatePoolWithTagPriority(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
						      ULONG Tag, EX_POOL_PRIORITY Priority);

typedef enum _POOL_EXTENDED_PARAMETER_TYPE {
	PoolExtendedParameterInvalidType = 0,
	PoolExtendedParameterPriority,
	PoolExtendedParameterSecurePool,
	PoolExtendedParameterNumaNode,
	PoolExtendedParameterMax
} POOL_EXTENDED_PARAMETER_TYPE, *PPOOL_EXTENDED_PARAMETER_TYPE;

typedef ULONG POOL_NODE_REQUIREMENT;
#define POOL_EXTENDED_PARAMETER_TYPE_BITS	8
#define POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS	1
#define POOL_EXTENDED_PARAMETER_RESERVED_BITS \
	(64 - POOL_EXTENDED_PARAMETER_TYPE_BITS - POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS)

typedef struct _POOL_EXTENDED_PARAMETER {
	struct {
		ULONG64 Type : POOL_EXTENDED_PARAMETER_TYPE_BITS;
		ULONG64 Optional : POOL_EXTENDED_PARAMETER_REQUIRED_FIELD_BITS;
		ULONG64 Reserved : POOL_EXTENDED_PARAMETER_RESERVED_BITS;
	};
	union {
		ULONG64 Reserved2;
		PVOID Reserved3;
		EX_POOL_PRIORITY Priority;
		PVOID SecurePoolParams;
		POOL_NODE_REQUIREMENT PreferredNode;
	};
} POOL_EXTENDED_PARAMETER, *PPOOL_EXTENDED_PARAMETER;
typedef const POOL_EXTENDED_PARAMETER *PCPOOL_EXTENDED_PARAMETER;

NTKERNELAPI PVOID NTAPI ExAllocatePool3(POOL_FLAGS Flags, SIZE_T NumberOfBytes, ULONG Tag,
					PCPOOL_EXTENDED_PARAMETER ExtendedParameters,
					ULONG ExtendedParametersCount);

/* The WDK's inline forms over the routines above. */
FORCEINLINE PVOID ExAllocatePoolZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
	PVOID p = ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);

	if (p)
		__builtin_memset(p, 0, NumberOfBytes);
	return p;
}

FORCEINLINE PVOID ExAllocatePoolQuotaZero(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag)
{
	PVOID p = ExAllocatePoolWithQuotaTag(PoolType, NumberOfBytes, Tag);

	if (p)
		__builtin_memset(p, 0, NumberOfBytes);
	return p;
}

FORCEINLINE PVOID ExAllocatePoolUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
					       ULONG Tag)
{
	return ExAllocatePoolWithTag(PoolType, NumberOfBytes, Tag);
}

FORCEINLINE PVOID ExAllocatePoolQuotaUninitialized(POOL_TYPE PoolType, SIZE_T NumberOfBytes,
						    ULONG Tag)
{
	return ExAllocatePoolWithQuotaTag(PoolType, NumberOfBytes, Tag);
}

/*
 * ExInitializeDriverRuntime(DrvRtPoolNxOptIn): non-paged pool is never
 * executable here, so opting in changes nothing.
 */
#define DrvRtPoolNxOptIn	0x00000001
#define ExInitializeDriverRuntime(RuntimeFlags)	((void)(RuntimeFlags))

/* Fast mutexes and executive resources. */
typedef struct _FAST_MUTEX {
	NTSHIM_PRIVATE(NTSHIM_FAST_MUTEX_PRIVATE_SIZE);
} FAST_MUTEX, *PFAST_MUTEX, KGUARDED_MUTEX, *PKGUARDED_MUTEX;

NTKERNELAPI VOID NTAPI ExInitializeFastMutex(PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExAcquireFastMutex(PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExReleaseFastMutex(PFAST_MUTEX FastMutex);
NTKERNELAPI BOOLEAN FASTCALL ExTryToAcquireFastMutex(PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExAcquireFastMutexUnsafe(PFAST_MUTEX FastMutex);
NTKERNELAPI VOID FASTCALL ExReleaseFastMutexUnsafe(PFAST_MUTEX FastMutex);
NTKERNELAPI VOID NTAPI KeInitializeGuardedMutex(PKGUARDED_MUTEX Mutex);
NTKERNELAPI VOID NTAPI KeAcquireGuardedMutex(PKGUARDED_MUTEX Mutex);
NTKERNELAPI VOID NTAPI KeReleaseGuardedMutex(PKGUARDED_MUTEX Mutex);
NTKERNELAPI BOOLEAN NTAPI KeTryToAcquireGuardedMutex(PKGUARDED_MUTEX Mutex);
NTKERNELAPI VOID FASTCALL KeAcquireGuardedMutexUnsafe(PKGUARDED_MUTEX Mutex);
NTKERNELAPI VOID FASTCALL KeReleaseGuardedMutexUnsafe(PKGUARDED_MUTEX Mutex);

typedef ULONG_PTR ERESOURCE_THREAD, *PERESOURCE_THREAD;
typedef struct _ERESOURCE {
	NTSHIM_PRIVATE(NTSHIM_ERESOURCE_PRIVATE_SIZE);
} ERESOURCE, *PERESOURCE;

NTKERNELAPI NTSTATUS NTAPI ExInitializeResourceLite(PERESOURCE Resource);
NTKERNELAPI NTSTATUS NTAPI ExDeleteResourceLite(PERESOURCE Resource);
NTKERNELAPI BOOLEAN NTAPI ExAcquireResourceExclusiveLite(PERESOURCE Resource, BOOLEAN Wait);
NTKERNELAPI BOOLEAN NTAPI ExAcquireResourceSharedLite(PERESOURCE Resource, BOOLEAN Wait);
NTKERNELAPI BOOLEAN NTAPI ExAcquireSharedStarveExclusive(PERESOURCE Resource, BOOLEAN Wait);
NTKERNELAPI BOOLEAN NTAPI ExAcquireSharedWaitForExclusive(PERESOURCE Resource, BOOLEAN Wait);
NTKERNELAPI VOID FASTCALL ExReleaseResourceLite(PERESOURCE Resource);
NTKERNELAPI VOID NTAPI ExReleaseResourceForThreadLite(PERESOURCE Resource,
						      ERESOURCE_THREAD ResourceThreadId);
NTKERNELAPI VOID NTAPI ExConvertExclusiveToSharedLite(PERESOURCE Resource);
NTKERNELAPI BOOLEAN NTAPI ExIsResourceAcquiredExclusiveLite(PERESOURCE Resource);
NTKERNELAPI ULONG NTAPI ExIsResourceAcquiredSharedLite(PERESOURCE Resource);
NTKERNELAPI NTSTATUS NTAPI ExReinitializeResourceLite(PERESOURCE Resource);
NTKERNELAPI ULONG NTAPI ExGetExclusiveWaiterCount(PERESOURCE Resource);
NTKERNELAPI ULONG NTAPI ExGetSharedWaiterCount(PERESOURCE Resource);
NTKERNELAPI ERESOURCE_THREAD NTAPI ExGetCurrentResourceThread(VOID);
NTKERNELAPI PVOID FASTCALL ExEnterCriticalRegionAndAcquireResourceExclusive(PERESOURCE Resource);
NTKERNELAPI PVOID FASTCALL ExEnterCriticalRegionAndAcquireResourceShared(PERESOURCE Resource);
NTKERNELAPI PVOID FASTCALL
ExEnterCriticalRegionAndAcquireSharedWaitForExclusive(PERESOURCE Resource);
NTKERNELAPI VOID FASTCALL ExReleaseResourceAndLeaveCriticalRegion(PERESOURCE Resource);
#define ExIsResourceAcquiredLite	ExIsResourceAcquiredSharedLite
#define ExReleaseResource(R)	ExReleaseResourceLite(R)
/* The NT4 names of the same routines. */
#define ExInitializeResource	ExInitializeResourceLite
#define ExDeleteResource	ExDeleteResourceLite
#define ExAcquireResourceExclusive	ExAcquireResourceExclusiveLite
#define ExAcquireResourceShared	ExAcquireResourceSharedLite
#define ExReleaseResourceForThread	ExReleaseResourceForThreadLite
#define ExConvertExclusiveToShared	ExConvertExclusiveToSharedLite
#define ExIsResourceAcquiredExclusive	ExIsResourceAcquiredExclusiveLite
#define ExIsResourceAcquiredShared	ExIsResourceAcquiredSharedLite
#define ExIsResourceAcquired	ExIsResourceAcquiredSharedLite

/*
 * Push locks: exclusive or shared, not recursive, taken in a critical
 * region.  (Larger than NT's pointer: a driver never looks inside.)
 */
typedef struct _EX_PUSH_LOCK {
	NTSHIM_PRIVATE(NTSHIM_PUSH_LOCK_PRIVATE_SIZE);
} EX_PUSH_LOCK, *PEX_PUSH_LOCK;

#define EX_DEFAULT_PUSH_LOCK_FLAGS	0
NTKERNELAPI VOID NTAPI ExInitializePushLock(PEX_PUSH_LOCK PushLock);
NTKERNELAPI VOID NTAPI ExAcquirePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
NTKERNELAPI VOID NTAPI ExAcquirePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
NTKERNELAPI VOID NTAPI ExReleasePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
NTKERNELAPI VOID NTAPI ExReleasePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
NTKERNELAPI BOOLEAN NTAPI ExTryAcquirePushLockExclusiveEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
NTKERNELAPI BOOLEAN NTAPI ExTryAcquirePushLockSharedEx(PEX_PUSH_LOCK PushLock, ULONG Flags);
#define ExAcquirePushLockExclusive(L)	ExAcquirePushLockExclusiveEx((L), EX_DEFAULT_PUSH_LOCK_FLAGS)
#define ExAcquirePushLockShared(L)	ExAcquirePushLockSharedEx((L), EX_DEFAULT_PUSH_LOCK_FLAGS)
#define ExReleasePushLockExclusive(L)	ExReleasePushLockExclusiveEx((L), EX_DEFAULT_PUSH_LOCK_FLAGS)
#define ExReleasePushLockShared(L)	ExReleasePushLockSharedEx((L), EX_DEFAULT_PUSH_LOCK_FLAGS)

/* System worker threads. */
typedef enum _WORK_QUEUE_TYPE {
	CriticalWorkQueue,
	DelayedWorkQueue,
	HyperCriticalWorkQueue,
	NormalWorkQueue,
	BackgroundWorkQueue,
	RealTimeWorkQueue,
	SuperCriticalWorkQueue,
	MaximumWorkQueue,
	CustomPriorityWorkQueue = 32
} WORK_QUEUE_TYPE;

typedef VOID WORKER_THREAD_ROUTINE(PVOID Parameter);
typedef WORKER_THREAD_ROUTINE *PWORKER_THREAD_ROUTINE;

typedef struct _WORK_QUEUE_ITEM {
	LIST_ENTRY List;
	PWORKER_THREAD_ROUTINE WorkerRoutine;
	volatile PVOID Parameter;
} WORK_QUEUE_ITEM, *PWORK_QUEUE_ITEM;

#define ExInitializeWorkItem(Item, Routine, Context)		\
	do {							\
		(Item)->WorkerRoutine = (Routine);		\
		(Item)->Parameter = (Context);			\
		(Item)->List.Flink = NULL;			\
	} while (0)
NTKERNELAPI VOID NTAPI ExQueueWorkItem(PWORK_QUEUE_ITEM WorkItem, WORK_QUEUE_TYPE QueueType);

/* Lookaside lists. */
typedef PVOID ALLOCATE_FUNCTION(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag);
typedef ALLOCATE_FUNCTION *PALLOCATE_FUNCTION;
typedef VOID FREE_FUNCTION(PVOID Buffer);
typedef FREE_FUNCTION *PFREE_FUNCTION;

struct _LOOKASIDE_LIST_EX;
typedef PVOID ALLOCATE_FUNCTION_EX(POOL_TYPE PoolType, SIZE_T NumberOfBytes, ULONG Tag,
				   struct _LOOKASIDE_LIST_EX *Lookaside);
typedef ALLOCATE_FUNCTION_EX *PALLOCATE_FUNCTION_EX;
typedef VOID FREE_FUNCTION_EX(PVOID Buffer, struct _LOOKASIDE_LIST_EX *Lookaside);
typedef FREE_FUNCTION_EX *PFREE_FUNCTION_EX;

typedef struct _GENERAL_LOOKASIDE {
	SLIST_HEADER ListHead;
	USHORT Depth;
	USHORT MaximumDepth;
	ULONG TotalAllocates;
	ULONG AllocateMisses;
	ULONG TotalFrees;
	ULONG FreeMisses;
	POOL_TYPE Type;
	ULONG Tag;
	ULONG Size;
	union {
		PALLOCATE_FUNCTION_EX AllocateEx;
		PALLOCATE_FUNCTION Allocate;
	};
	union {
		PFREE_FUNCTION_EX FreeEx;
		PFREE_FUNCTION Free;
	};
	LIST_ENTRY ListEntry;
	ULONG LastTotalAllocates;
	ULONG LastAllocateMisses;
	ULONG Future[2];
} GENERAL_LOOKASIDE, *PGENERAL_LOOKASIDE, GENERAL_LOOKASIDE_POOL, *PGENERAL_LOOKASIDE_POOL;

typedef struct _NPAGED_LOOKASIDE_LIST {
	GENERAL_LOOKASIDE L;
} NPAGED_LOOKASIDE_LIST, *PNPAGED_LOOKASIDE_LIST;

typedef struct _PAGED_LOOKASIDE_LIST {
	GENERAL_LOOKASIDE L;
} PAGED_LOOKASIDE_LIST, *PPAGED_LOOKASIDE_LIST;

NTKERNELAPI VOID NTAPI ExInitializeNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside,
						       PALLOCATE_FUNCTION Allocate,
						       PFREE_FUNCTION Free, ULONG Flags,
						       SIZE_T Size, ULONG Tag, USHORT Depth);
NTKERNELAPI VOID NTAPI ExDeleteNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside);
NTKERNELAPI PVOID NTAPI ExAllocateFromNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside);
NTKERNELAPI VOID NTAPI ExFreeToNPagedLookasideList(PNPAGED_LOOKASIDE_LIST Lookaside,
						   PVOID Entry);
NTKERNELAPI VOID NTAPI ExInitializePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside,
						      PALLOCATE_FUNCTION Allocate,
						      PFREE_FUNCTION Free, ULONG Flags,
						      SIZE_T Size, ULONG Tag, USHORT Depth);
NTKERNELAPI VOID NTAPI ExDeletePagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside);
NTKERNELAPI PVOID NTAPI ExAllocateFromPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside);
NTKERNELAPI VOID NTAPI ExFreeToPagedLookasideList(PPAGED_LOOKASIDE_LIST Lookaside,
						  PVOID Entry);

typedef struct _LOOKASIDE_LIST_EX {
	GENERAL_LOOKASIDE_POOL L;
} LOOKASIDE_LIST_EX, *PLOOKASIDE_LIST_EX;

#define EX_LOOKASIDE_LIST_EX_FLAGS_RAISE_ON_FAIL	0x00000001
#define EX_LOOKASIDE_LIST_EX_FLAGS_FAIL_NO_RAISE	0x00000002
#define LOOKASIDE_MINIMUM_BLOCK_SIZE	(RTL_SIZEOF_THROUGH_FIELD(SLIST_ENTRY, Next))

NTKERNELAPI NTSTATUS NTAPI ExInitializeLookasideListEx(PLOOKASIDE_LIST_EX Lookaside,
						       PALLOCATE_FUNCTION_EX Allocate,
						       PFREE_FUNCTION_EX Free,
						       POOL_TYPE PoolType, ULONG Flags,
						       SIZE_T Size, ULONG Tag, USHORT Depth);
NTKERNELAPI VOID NTAPI ExDeleteLookasideListEx(PLOOKASIDE_LIST_EX Lookaside);
NTKERNELAPI VOID NTAPI ExFlushLookasideListEx(PLOOKASIDE_LIST_EX Lookaside);
NTKERNELAPI PVOID NTAPI ExAllocateFromLookasideListEx(PLOOKASIDE_LIST_EX Lookaside);
NTKERNELAPI VOID NTAPI ExFreeToLookasideListEx(PLOOKASIDE_LIST_EX Lookaside, PVOID Entry);

/* Event objects by handle, and their access rights. */
#define EVENT_QUERY_STATE	0x0001
#define EVENT_MODIFY_STATE	0x0002
#define EVENT_ALL_ACCESS	(STANDARD_RIGHTS_REQUIRED | SYNCHRONIZE | 0x3)
extern POBJECT_TYPE *ExEventObjectType;

/* Lists and counters under a caller's spin lock, at any IRQL. */
NTKERNELAPI PLIST_ENTRY NTAPI ExInterlockedInsertHeadList(PLIST_ENTRY ListHead,
							  PLIST_ENTRY ListEntry,
							  PKSPIN_LOCK Lock);
NTKERNELAPI PLIST_ENTRY NTAPI ExInterlockedInsertTailList(PLIST_ENTRY ListHead,
							  PLIST_ENTRY ListEntry,
							  PKSPIN_LOCK Lock);
NTKERNELAPI PLIST_ENTRY NTAPI ExInterlockedRemoveHeadList(PLIST_ENTRY ListHead,
							  PKSPIN_LOCK Lock);
NTKERNELAPI PSINGLE_LIST_ENTRY NTAPI ExInterlockedPushEntryList(PSINGLE_LIST_ENTRY ListHead,
								PSINGLE_LIST_ENTRY ListEntry,
								PKSPIN_LOCK Lock);
NTKERNELAPI PSINGLE_LIST_ENTRY NTAPI ExInterlockedPopEntryList(PSINGLE_LIST_ENTRY ListHead,
							       PKSPIN_LOCK Lock);
NTKERNELAPI ULONG NTAPI ExInterlockedAddUlong(PULONG Addend, ULONG Increment,
					      PKSPIN_LOCK Lock);
NTKERNELAPI LARGE_INTEGER NTAPI ExInterlockedAddLargeInteger(PLARGE_INTEGER Addend,
							     LARGE_INTEGER Increment,
							     PKSPIN_LOCK Lock);
NTKERNELAPI VOID FASTCALL ExInterlockedAddLargeStatistic(PLARGE_INTEGER Addend,
							 ULONG Increment);
NTKERNELAPI LONGLONG FASTCALL ExInterlockedCompareExchange64(LONGLONG volatile *Destination,
							     PLONGLONG Exchange,
							     PLONGLONG Comperand,
							     PKSPIN_LOCK Lock);

/* Run-down protection. */
typedef struct _EX_RUNDOWN_REF {
	union {
		volatile ULONG_PTR Count;
		volatile PVOID Ptr;
	};
} EX_RUNDOWN_REF, *PEX_RUNDOWN_REF;

NTKERNELAPI VOID FASTCALL ExInitializeRundownProtection(PEX_RUNDOWN_REF RunRef);
NTKERNELAPI BOOLEAN FASTCALL ExAcquireRundownProtection(PEX_RUNDOWN_REF RunRef);
NTKERNELAPI VOID FASTCALL ExReleaseRundownProtection(PEX_RUNDOWN_REF RunRef);
NTKERNELAPI VOID FASTCALL ExWaitForRundownProtectionRelease(PEX_RUNDOWN_REF RunRef);
NTKERNELAPI VOID FASTCALL ExRundownCompleted(PEX_RUNDOWN_REF RunRef);
NTKERNELAPI VOID FASTCALL ExReInitializeRundownProtection(PEX_RUNDOWN_REF RunRef);
NTKERNELAPI BOOLEAN FASTCALL ExAcquireRundownProtectionEx(PEX_RUNDOWN_REF RunRef, ULONG Count);
NTKERNELAPI VOID FASTCALL ExReleaseRundownProtectionEx(PEX_RUNDOWN_REF RunRef, ULONG Count);

#endif /* _NTSHIM_WDM_EX_H */
